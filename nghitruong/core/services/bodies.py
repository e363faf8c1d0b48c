"""Maintaining the tree of elected bodies and their terms.

Creating, renaming and deactivating bodies is reference-data work: the system (commands), a
superuser or a system administrator may do it anywhere; the staff of a body (chair, secretariat,
body admin …) may also create and maintain the sub-bodies *below* it (e.g. a council's boards).
"""

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import AdministrativeUnit, ElectedBody, Term
from nghitruong.core.services._common import (
    clean_name,
    is_reference_admin,
    snapshot,
)
from nghitruong.core.text import nfc

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BODY_FIELDS = [
    "code",
    "name",
    "name_en",
    "short_name",
    "kind",
    "level",
    "parent",
    "admin_unit",
    "total_members",
    "is_active",
]

# The boards a commune People's Council may set up (Law on the Organisation of Local Government
# 2025: Ban Pháp chế, Ban Kinh tế - Ngân sách, Ban Văn hóa - Xã hội). Created on demand.
COMMUNE_BOARDS: list[tuple[str, str, str]] = [
    ("ban-phap-che", "Ban Pháp chế", "Legal Affairs Board"),
    ("ban-kinh-te-ngan-sach", "Ban Kinh tế - Ngân sách", "Economy and Budget Board"),
    ("ban-van-hoa-xa-hoi", "Ban Văn hóa - Xã hội", "Culture and Social Affairs Board"),
]

_DENIED = "Bạn không có quyền thực hiện thao tác này / You may not perform this action"


def _require_tree_admin(actor: Any, parent: ElectedBody | None) -> None:
    if is_reference_admin(actor):
        return
    if parent is not None and is_staff_of(actor, parent):
        return
    raise PermissionDeniedError(_DENIED)


def _validate_code(code: str) -> str:
    code = (code or "").strip()
    if not _CODE.fullmatch(code) or len(code) > 80:
        raise ApplicationError(
            "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang / The code may contain only "
            "lower-case ASCII letters, digits and hyphens",
            code="invalid_code",
            detail=code,
        )
    return code


@transaction.atomic
def body_create(
    *,
    code: str,
    name: str,
    kind: str,
    level: str,
    actor: Any,
    parent: ElectedBody | None = None,
    admin_unit: AdministrativeUnit | None = None,
    name_en: str = "",
    short_name: str = "",
    total_members: int | None = None,
) -> ElectedBody:
    _require_tree_admin(actor, parent)
    code = _validate_code(code)
    if kind not in ElectedBody.Kind.values:
        raise ApplicationError("Loại cơ quan không hợp lệ / Invalid body kind", code="invalid_kind")
    if level not in ElectedBody.Level.values:
        raise ApplicationError("Cấp không hợp lệ / Invalid level", code="invalid_level")
    if parent is not None and not parent.is_active:
        raise ConflictError(
            "Cơ quan cấp trên đã ngừng hoạt động / The parent body is inactive",
            code="parent_inactive",
        )
    if ElectedBody.objects.filter(code=code).exists():
        raise ConflictError(
            "Mã cơ quan đã tồn tại / The body code already exists", code="duplicate"
        )
    try:
        with transaction.atomic():
            body = ElectedBody.objects.create(
                code=code,
                name=clean_name(name),
                name_en=nfc(name_en),
                short_name=nfc(short_name)[:60],
                kind=kind,
                level=level,
                parent=parent,
                admin_unit=admin_unit,
                total_members=total_members,
            )
    except IntegrityError as exc:  # a concurrent create of the same code
        raise ConflictError(
            "Mã cơ quan đã tồn tại / The body code already exists", code="duplicate"
        ) from exc
    audit_record(
        actor=actor, action="body.create", obj=body, body=body, after=snapshot(body, _BODY_FIELDS)
    )
    return body


@transaction.atomic
def body_update(
    *,
    body: ElectedBody,
    actor: Any,
    name: str | None = None,
    name_en: str | None = None,
    short_name: str | None = None,
    total_members: int | None = None,
) -> ElectedBody:
    """Rename a body or set its statutory size. Only the given fields change."""
    _require_tree_admin(actor, body.parent)
    body = ElectedBody.objects.select_for_update().get(pk=body.pk)
    before = snapshot(body, _BODY_FIELDS)
    if name is not None:
        body.name = clean_name(name)
    if name_en is not None:
        body.name_en = nfc(name_en)
    if short_name is not None:
        body.short_name = nfc(short_name)[:60]
    if total_members is not None:
        body.total_members = total_members
    after = snapshot(body, _BODY_FIELDS)
    if after == before:
        raise ApplicationError("Không có thay đổi nào / Nothing changes", code="no_change")
    body.save()
    audit_record(actor=actor, action="body.update", obj=body, body=body, before=before, after=after)
    return body


@transaction.atomic
def body_deactivate(*, body: ElectedBody, actor: Any) -> ElectedBody:
    """Mark a body inactive (data is kept). Refused while it has active sub-bodies."""
    _require_tree_admin(actor, body.parent)
    body = ElectedBody.objects.select_for_update().get(pk=body.pk)
    if not body.is_active:
        raise ConflictError("Cơ quan đã ngừng hoạt động / The body is already inactive")
    if ElectedBody.objects.filter(parent=body, is_active=True).exists():
        raise ConflictError(
            "Còn cơ quan trực thuộc đang hoạt động / The body still has active sub-bodies",
            code="has_active_children",
        )
    body.is_active = False
    body.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="body.deactivate",
        obj=body,
        body=body,
        before={"is_active": True},
        after={"is_active": False},
    )
    return body


def _term_state(term: Term) -> dict[str, Any]:
    return {
        "body": term.body_id,
        "number": term.number,
        "label": term.label,
        "start_date": term.start_date.isoformat(),
        "end_date": term.end_date.isoformat() if term.end_date else None,
    }


def _check_term_dates(
    body: ElectedBody, start: dt.date, end: dt.date | None, exclude: int | None = None
) -> None:
    if end is not None and end < start:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu / The end date is before the start date",
            code="dates_order",
        )
    far = dt.date.max
    others = Term.objects.filter(body=body)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    for other in others:
        if start <= (other.end_date or far) and other.start_date <= (end or far):
            raise ConflictError(
                f"Nhiệm kỳ trùng thời gian với khóa {other.label} / The term overlaps term "
                f"{other.label}",
                code="overlap",
            )


@transaction.atomic
def term_create(
    *,
    body: ElectedBody,
    number: int,
    label: str,
    start_date: dt.date,
    actor: Any,
    end_date: dt.date | None = None,
) -> Term:
    """Open a term (khóa / nhiệm kỳ) of ``body``. Terms of one body never overlap."""
    _require_tree_admin(actor, body.parent)
    ElectedBody.objects.select_for_update().get(pk=body.pk)  # serialise term changes per body
    if Term.objects.filter(body=body, number=number).exists():
        raise ConflictError("Khóa này đã có / This term already exists", code="duplicate")
    _check_term_dates(body, start_date, end_date)
    term = Term.objects.create(
        body=body,
        number=number,
        label=clean_name(label, field="label")[:20],
        start_date=start_date,
        end_date=end_date,
    )
    audit_record(actor=actor, action="term.create", obj=term, body=body, after=_term_state(term))
    return term


@transaction.atomic
def term_update(
    *,
    term: Term,
    actor: Any,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    label: str | None = None,
) -> Term:
    """Correct a term's dates or label (e.g. the day the first session actually opened)."""
    _require_tree_admin(actor, term.body.parent)
    term = Term.objects.select_for_update().select_related("body").get(pk=term.pk)
    before = _term_state(term)
    new_start = start_date or term.start_date
    new_end = end_date if end_date is not None else term.end_date
    _check_term_dates(term.body, new_start, new_end, exclude=term.pk)
    term.start_date, term.end_date = new_start, new_end
    if label is not None:
        term.label = clean_name(label, field="label")[:20]
    after = _term_state(term)
    if after == before:
        raise ApplicationError("Không có thay đổi nào / Nothing changes", code="no_change")
    term.save()
    audit_record(
        actor=actor, action="term.update", obj=term, body=term.body, before=before, after=after
    )
    return term


@transaction.atomic
def council_boards_ensure(*, council: ElectedBody, actor: Any) -> list[ElectedBody]:
    """Create the standard boards of a commune People's Council that do not exist yet.

    Returns the boards created (empty when all exist). Codes: ``<council code>-<board slug>``,
    e.g. ``hdnd-00004-ban-phap-che``.
    """
    if council.kind != ElectedBody.Kind.COMMUNE_COUNCIL:
        raise ApplicationError(
            "Chỉ áp dụng cho HĐND cấp xã / Only for commune People's Councils",
            code="not_commune_council",
        )
    _require_tree_admin(actor, council)
    created: list[ElectedBody] = []
    for slug, board_name, board_en in COMMUNE_BOARDS:
        code = f"{council.code}-{slug}"
        if ElectedBody.objects.filter(code=code).exists():
            continue
        created.append(
            body_create(
                code=code,
                name=f"{board_name} {council.name}",
                name_en=f"{board_en}, {council.name_en}" if council.name_en else board_en,
                short_name=board_name,
                kind=ElectedBody.Kind.COMMUNE_COUNCIL_BOARD,
                level=ElectedBody.Level.COMMUNE,
                parent=council,
                admin_unit=council.admin_unit,
                actor=actor,
            )
        )
    return created


__all__ = [
    "COMMUNE_BOARDS",
    "body_create",
    "body_deactivate",
    "body_update",
    "council_boards_ensure",
    "term_create",
    "term_update",
]
