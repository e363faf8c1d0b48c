"""Writes on relations between documents (staff editing and extraction), audited."""

import datetime as dt
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.hooks import fire_on_commit
from nghitruong.documents.models import Provision, Relation, RelationKind, RelationOrigin, Work
from nghitruong.documents.permissions import require_document_staff


def relation_snapshot(rel: Relation) -> dict[str, Any]:
    return {
        "kind": rel.kind,
        "source_work_id": rel.source_work_id,
        "source_eid": rel.source_eid,
        "target_work_id": rel.target_work_id,
        "target_eid": rel.target_eid,
        "effective_date": rel.effective_date,
        "scope_text": rel.scope_text,
        "origin": rel.origin,
        "note": rel.note,
    }


def resolve_eid(work: Work, eid: str, side: str = "đích / target") -> str:
    """The stored eid for ``eid`` in ``work``: itself, or the full path a short key ends
    (``art_8__cls_2`` → ``chp_II__art_8__cls_2``). Unchecked when the work has no text yet."""
    if not eid or not work.expressions.exists():
        return eid
    provisions = Provision.objects.filter(expression__work=work)
    if provisions.filter(eid=eid).exists():
        return eid
    full = (
        provisions.filter(eid__endswith=f"__{eid}")
        .order_by("-expression__version_date", "order")
        .values_list("eid", flat=True)
        .first()
    )
    if full is None:
        raise ApplicationError(
            f"Không có điều khoản {eid} trong văn bản {side} / "
            f"No provision {eid} in the {side} document",
            code="unknown_eid",
        )
    return full


def relation_create(
    *,
    actor: Any,
    kind: str,
    source_work: Work,
    target_work: Work,
    source_eid: str = "",
    target_eid: str = "",
    effective_date: dt.date | None = None,
    scope_text: str = "",
    origin: str = RelationOrigin.STAFF,
    note: str = "",
    notify: bool = True,
) -> Relation:
    """Record that ``source_work`` <kind> ``target_work`` (optionally provision to provision)."""
    require_document_staff(actor, source_work.body)
    if kind not in RelationKind.values:
        raise ApplicationError(
            f"Loại quan hệ không hợp lệ / Invalid relation kind: {kind!r}", code="invalid_kind"
        )
    if source_work.pk == target_work.pk:
        raise ApplicationError(
            "Văn bản không thể có quan hệ với chính nó / A document cannot relate to itself",
            code="self_relation",
        )
    source_eid = resolve_eid(source_work, source_eid, "nguồn / source")
    target_eid = resolve_eid(target_work, target_eid, "đích / target")
    with transaction.atomic():
        if Relation.objects.filter(
            kind=kind,
            source_work=source_work,
            source_eid=source_eid,
            target_work=target_work,
            target_eid=target_eid,
        ).exists():
            raise ConflictError(
                "Quan hệ này đã có / This relation exists", code="duplicate_relation"
            )
        rel = Relation.objects.create(
            kind=kind,
            source_work=source_work,
            source_eid=source_eid,
            target_work=target_work,
            target_eid=target_eid,
            effective_date=effective_date,
            scope_text=scope_text[:500],
            origin=origin,
            note=note[:500],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="document.relation_create",
            obj=rel,
            body=source_work.body,
            after=relation_snapshot(rel),
        )
        if notify:
            fire_on_commit("document.changed", work_ids=[source_work.pk, target_work.pk])
    return rel


def relation_delete(*, actor: Any, relation: Relation) -> None:
    require_document_staff(actor, relation.source_work.body)
    with transaction.atomic():
        snapshot = relation_snapshot(relation)
        rel_id = relation.pk
        work_ids = [relation.source_work_id, relation.target_work_id]
        audit_record(
            actor=actor,
            action="document.relation_delete",
            body=relation.source_work.body,
            object_type="documents.relation",
            object_id=str(rel_id),
            before=snapshot,
        )
        relation.delete()
        fire_on_commit("document.changed", work_ids=work_ids)
