"""Maintaining the agency tree (Government → ministries …, courts, procuracies, People's Committees).

Petitions and tasks are routed to agencies, so the tree must stay a tree: ``agency_move`` refuses
a cycle, and nothing is ever deleted (``agency_deactivate`` keeps the row and its history).
"""

from typing import Any

from django.db import IntegrityError, transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AdministrativeUnit, Agency
from nghitruong.core.selectors import agency_descendant_ids
from nghitruong.core.services._common import clean_name, require_reference_admin, snapshot
from nghitruong.core.services.bodies import _validate_code
from nghitruong.core.text import nfc

_AGENCY_FIELDS = ["code", "name", "short_name", "kind", "parent", "admin_unit", "is_active"]


def _check_kind(kind: str) -> None:
    if kind not in Agency.Kind.values:
        raise ApplicationError(
            "Loại cơ quan không hợp lệ / Invalid agency kind", code="invalid_kind", detail=kind
        )


@transaction.atomic
def agency_create(
    *,
    code: str,
    name: str,
    kind: str,
    actor: Any,
    parent: Agency | None = None,
    admin_unit: AdministrativeUnit | None = None,
    short_name: str = "",
) -> Agency:
    require_reference_admin(actor)
    code = _validate_code(code)
    _check_kind(kind)
    if parent is not None and not parent.is_active:
        raise ConflictError(
            "Cơ quan cấp trên đã ngừng hoạt động / The parent agency is inactive",
            code="parent_inactive",
        )
    if Agency.objects.filter(code=code).exists():
        raise ConflictError(
            "Mã cơ quan đã tồn tại / The agency code already exists", code="duplicate"
        )
    try:
        with transaction.atomic():
            agency = Agency.objects.create(
                code=code,
                name=clean_name(name),
                short_name=nfc(short_name)[:60],
                kind=kind,
                parent=parent,
                admin_unit=admin_unit,
            )
    except IntegrityError as exc:
        raise ConflictError(
            "Mã cơ quan đã tồn tại / The agency code already exists", code="duplicate"
        ) from exc
    audit_record(
        actor=actor, action="agency.create", obj=agency, after=snapshot(agency, _AGENCY_FIELDS)
    )
    return agency


@transaction.atomic
def agency_update(
    *,
    agency: Agency,
    actor: Any,
    name: str | None = None,
    short_name: str | None = None,
    kind: str | None = None,
) -> Agency:
    """Rename an agency or change its kind (e.g. after a restructuring). Only given fields change."""
    require_reference_admin(actor)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = snapshot(agency, _AGENCY_FIELDS)
    if name is not None:
        agency.name = clean_name(name)
    if short_name is not None:
        agency.short_name = nfc(short_name)[:60]
    if kind is not None:
        _check_kind(kind)
        agency.kind = kind
    after = snapshot(agency, _AGENCY_FIELDS)
    if after == before:
        raise ApplicationError("Không có thay đổi nào / Nothing changes", code="no_change")
    agency.save()
    audit_record(actor=actor, action="agency.update", obj=agency, before=before, after=after)
    return agency


@transaction.atomic
def agency_move(*, agency: Agency, new_parent: Agency | None, actor: Any) -> Agency:
    """Put ``agency`` (with its subtree) under ``new_parent`` (None: a root). Refuses a cycle."""
    require_reference_admin(actor)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if new_parent is not None:
        new_parent = Agency.objects.get(pk=new_parent.pk)
        if new_parent.pk == agency.pk or new_parent.pk in agency_descendant_ids(agency=agency):
            raise ConflictError(
                "Không thể chuyển cơ quan vào dưới chính nó hoặc cơ quan trực thuộc của nó / "
                "An agency cannot be moved under itself or one of its sub-agencies",
                code="cycle",
            )
        if not new_parent.is_active:
            raise ConflictError(
                "Cơ quan cấp trên đã ngừng hoạt động / The parent agency is inactive",
                code="parent_inactive",
            )
    new_parent_id = new_parent.pk if new_parent is not None else None
    if agency.parent_id == new_parent_id:
        raise ApplicationError("Không có thay đổi nào / Nothing changes", code="no_change")
    before = {"parent": agency.parent_id}
    agency.parent_id = new_parent_id
    agency.save(update_fields=["parent", "updated_at"])
    audit_record(
        actor=actor,
        action="agency.move",
        obj=agency,
        before=before,
        after={"parent": new_parent_id},
    )
    return agency


@transaction.atomic
def agency_deactivate(*, agency: Agency, actor: Any) -> Agency:
    """Mark an agency inactive (kept for history). Refused while it has active sub-agencies."""
    require_reference_admin(actor)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not agency.is_active:
        raise ConflictError("Cơ quan đã ngừng hoạt động / The agency is already inactive")
    if Agency.objects.filter(parent=agency, is_active=True).exists():
        raise ConflictError(
            "Còn cơ quan trực thuộc đang hoạt động / The agency still has active sub-agencies",
            code="has_active_children",
        )
    agency.is_active = False
    agency.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="agency.deactivate",
        obj=agency,
        before={"is_active": True},
        after={"is_active": False},
    )
    return agency
