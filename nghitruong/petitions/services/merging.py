"""Merging near-duplicate petitions across delegations (issue 5 §4): reversible, audited.

A merge never deletes or rewrites a source petition: each ``other`` keeps its text, body
(delegation), meeting, province, tracking code and timeline and points at the ``primary`` with
``duplicate_of``. The primary is the one routed and answered; the follow page of a merged
petition shows the primary's progress. ``petition_unmerge`` undoes one source.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition
from nghitruong.petitions.permissions import require_manage
from nghitruong.petitions.selectors_merging import provinces_label
from nghitruong.petitions.services._common import event, require_reason

MERGEABLE_SOURCES = (rules.Status.RECEIVED, rules.Status.CLASSIFIED)
BLOCKED_MODERATION = (Petition.Moderation.PENDING, Petition.Moderation.REJECTED)


def _conflict(message: str, code: str, petition: Petition) -> ConflictError:
    return ConflictError(message, code=code, detail={"petition": petition.pk})


def _check_primary(primary: Petition) -> None:
    if primary.duplicate_of_id is not None:
        raise _conflict(
            "Kiến nghị chính đã được gộp vào kiến nghị khác / The primary is itself merged",
            "primary_merged",
            primary,
        )
    if primary.status in rules.FINAL or primary.moderation in BLOCKED_MODERATION:
        raise _conflict(
            "Không gộp vào kiến nghị đã kết thúc hoặc chưa kiểm duyệt / Cannot merge into a "
            "closed or unmoderated petition",
            "primary_not_open",
            primary,
        )


def _check_other(other: Petition, primary: Petition) -> None:
    if other.duplicate_of_id is not None:
        raise _conflict(
            "Kiến nghị đã được gộp trước đó / The petition is already merged",
            "already_merged",
            other,
        )
    if other.duplicates.exists():
        raise _conflict(
            "Kiến nghị này đang là kiến nghị chính của nhóm khác, hãy tách nhóm trước / This "
            "petition heads another group; unmerge that group first",
            "heads_group",
            other,
        )
    if other.status not in MERGEABLE_SOURCES or other.moderation in BLOCKED_MODERATION:
        raise _conflict(
            "Chỉ gộp kiến nghị chưa chuyển cơ quan có thẩm quyền / Only petitions not yet "
            "routed can be merged",
            "not_mergeable",
            other,
        )


@transaction.atomic
def petition_merge(*, primary: Petition, others: Iterable[Petition], actor: Any) -> Petition:
    """Attach ``others`` to ``primary``; every source petition, delegation and meeting stays."""
    require_manage(actor, primary)
    ids = sorted({p.pk for p in others} - {primary.pk})
    if not ids:
        raise ApplicationError(
            "Chọn ít nhất một kiến nghị để gộp / Choose at least one petition to merge",
            code="nothing_to_merge",
        )
    primary = Petition.objects.select_for_update(of=("self",)).get(pk=primary.pk)
    _check_primary(primary)
    locked = list(
        Petition.objects.select_for_update(of=("self",)).select_related("body").filter(pk__in=ids)
    )
    now = timezone.now()
    for other in locked:
        require_manage(actor, other)
        _check_other(other, primary)
    for other in locked:
        other.duplicate_of, other.merged_at = primary, now
        other.save(update_fields=["duplicate_of", "merged_at", "updated_at"])
    label = provinces_label(primary)
    for other in locked:
        event(other, "merged", f"Được tổng hợp chung với kiến nghị cùng nội dung: {label}")
    event(primary, "merged.added", label)
    audit_record(
        actor=actor,
        action="petition.merge",
        obj=primary,
        body=primary.body,
        after={"primary": primary.pk, "merged": ids, "label": label},
    )
    return primary


@transaction.atomic
def petition_unmerge(*, petition: Petition, actor: Any, reason: str) -> Petition:
    """Detach one source petition from its group, with a reason; it continues on its own."""
    why = require_reason(reason)
    petition = Petition.objects.select_for_update(of=("self",)).get(pk=petition.pk)
    primary = petition.duplicate_of
    if primary is None:
        raise ConflictError(
            "Kiến nghị không thuộc nhóm gộp nào / The petition is not merged", code="not_merged"
        )
    require_manage(actor, primary)
    require_manage(actor, petition)
    petition.duplicate_of, petition.merged_at = None, None
    petition.save(update_fields=["duplicate_of", "merged_at", "updated_at"])
    event(petition, "unmerged", "Tách khỏi nhóm kiến nghị tổng hợp, tiếp tục xử lý riêng")
    event(primary, "merged.removed", provinces_label(primary))
    audit_record(
        actor=actor,
        action="petition.unmerge",
        obj=petition,
        body=petition.body,
        before={"duplicate_of": primary.pk},
        after={"duplicate_of": None, "reason": why},
    )
    return petition
