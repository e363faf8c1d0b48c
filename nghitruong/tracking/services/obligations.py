"""Obligations from documents: detect delegation clauses in a law, propose obligations, confirm /
cancel them, and close them when a guiding document enters the knowledge base.

``obligations_propose`` runs ``documents.parsing.extract_delegations`` over every provision of the
law's current version; ``obligations_fulfil_from_relations`` closes the open obligations a
``guides`` relation satisfies. Both are idempotent and run from the ``document.changed`` hook.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import Agency
from nghitruong.core.text import fold
from nghitruong.documents.models import DocType, Provision, Relation, RelationKind, Work
from nghitruong.documents.parsing import CitationContext, extract_delegations
from nghitruong.documents.parsing.refs import THIS
from nghitruong.tracking import rules
from nghitruong.tracking.models import Obligation, Priority, Task
from nghitruong.tracking.permissions import require_manage_obligation
from nghitruong.tracking.services._common import (
    lock_obligation,
    obligation_snapshot,
    obligation_transition,
    require_text,
    today,
)
from nghitruong.tracking.services.authority import (
    _agency_index,
    lead_authority,
    resolve_authority,
)
from nghitruong.tracking.services.tasks import task_cancel, task_complete, task_create

OA = rules.ObligationAction
logger = logging.getLogger(__name__)
# Documents whose delegation clauses are tracked ("luật, nghị quyết" of the issue, and ordinances).
DELEGATING_TYPES = frozenset(
    {DocType.LAW, DocType.CODE, DocType.RESOLUTION, DocType.ORDINANCE, DocType.CONSTITUTION}
)
OPEN = (Obligation.Status.PROPOSED, Obligation.Status.CONFIRMED)
_EID_LEVEL = {"article": "art", "clause": "cls", "point": "pnt"}
_CONTEXT_KINDS = ("article", "clause", "point")


def _context_of(provision: Provision, by_id: dict[int, Provision]) -> CitationContext:
    values: dict[str, str] = {}
    node: Provision | None = provision
    while node is not None:
        if node.kind in _CONTEXT_KINDS and node.kind not in values:
            values[node.kind] = node.number
        elif node.kind == "chapter" and "chapter" not in values:
            values["chapter"] = node.number
        node = by_id.get(node.parent_id) if node.parent_id else None
    return CitationContext(
        article=values.get("article"),
        clause=values.get("clause"),
        point=values.get("point"),
        chapter=values.get("chapter"),
    )


def _short_eid(path: Iterable[tuple[str, str]], ctx: CitationContext) -> str:
    parts: list[str] = []
    for level, value in path:
        if level not in _EID_LEVEL:
            continue
        number = ctx.level(level) if value == THIS else value
        if not number:
            continue
        parts.append(f"{_EID_LEVEL[level]}_{number.replace('đ', 'dd').replace('Đ', 'DD')}")
    return "__".join(parts)


def _full_eid(short: str, eids: list[str]) -> str | None:
    if not short:
        return None
    if short in eids:
        return short
    return next((e for e in eids if e.endswith(f"__{short}")), None)


def fingerprint(provision_eid: str, authority: str, action: str, source_eid: str) -> str:
    raw = "|".join((provision_eid, fold(authority), fold(action), source_eid))
    return hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()


def obligations_propose(*, work: Work, actor: Any = None) -> list[Obligation]:
    """Propose one obligation per (delegated provision, authority, action) found in the current
    version of ``work``; existing proposals are kept (idempotent). Returns the new ones."""
    if work.doc_type not in DELEGATING_TYPES:
        return []
    # Imported here: importing documents.selectors before documents.services is circular today.
    from nghitruong.documents.selectors import expression_provisions, work_current_expression
    from nghitruong.documents.services import content_hash  # noqa: F401

    if actor is not None:
        require_manage_obligation(actor, Obligation(body=work.body))
    current = work_current_expression(work)
    if current is None:
        return []
    # The version in force and every later one (an amendment not yet in force delegates too; its
    # detailing documents are due when it takes effect).
    later = work.expressions.filter(
        language=current.language, version_date__gt=current.version_date
    ).order_by("version_date")
    expressions = [current, *later]
    index = _agency_index()
    existing = set(Obligation.objects.filter(work=work).values_list("fingerprint", flat=True))
    new: dict[str, Obligation] = {}
    for expression in expressions:
        due = work.effective_date if expression is current else expression.version_date
        if work.effective_date is not None and due is not None:
            due = max(due, work.effective_date)
        _propose_from(work, expression_provisions(expression), due, index, existing, new)
    if not new:
        return []
    with transaction.atomic():
        created = Obligation.objects.bulk_create(list(new.values()))
        audit_record(
            actor=actor,
            action="tracking.obligations_propose",
            body=work.body,
            object_type="documents.work",
            object_id=str(work.pk),
            after={"expressions": [e.pk for e in expressions], "proposed": len(created)},
        )
    return created


def _propose_from(
    work: Work,
    provisions: list[Provision],
    due: dt.date | None,
    index: dict[str, Agency],
    existing: set[str],
    new: dict[str, Obligation],
) -> None:
    by_id = {p.pk: p for p in provisions}
    eids = [p.eid for p in provisions]
    labels = {p.eid: p.label for p in provisions}
    for provision in provisions:
        if provision.kind not in _CONTEXT_KINDS or not provision.text.strip():
            continue
        ctx = _context_of(provision, by_id)
        for delegation in extract_delegations(provision.text, ctx):
            authority = lead_authority(provision.text, delegation.start, delegation.authority)
            resolved = resolve_authority(authority, index)
            for target in delegation.targets:
                eid = _full_eid(_short_eid(target.path, ctx), eids) or provision.eid
                key = fingerprint(eid, authority, delegation.action, provision.eid)
                if key in existing or key in new:
                    continue
                new[key] = Obligation(
                    body=work.body,
                    work=work,
                    provision_eid=eid,
                    provision_label=_label(eid, labels),
                    source_eid=provision.eid,
                    authority_text=authority[:255],
                    authority_agency=resolved.agency,
                    authority_kind=resolved.kind,
                    action=delegation.action[:60],
                    subject=delegation.subject,
                    clause_text=delegation.text,
                    fingerprint=key,
                    due_date=due,
                )


def _label(eid: str, labels: dict[str, str]) -> str:
    """ "Khoản 2 Điều 10a" from the labels along the eid."""
    parts = eid.split("__")
    names = [labels.get("__".join(parts[: i + 1]), "") for i in range(len(parts))]
    wanted = [
        n for n, p in zip(names, parts, strict=True) if p.split("_")[0] in ("art", "cls", "pnt")
    ]
    return " ".join(reversed([n for n in wanted if n]))[:120]


def rules_open() -> frozenset[str]:
    return frozenset(str(s) for s in rules.OPEN_STATUSES)


def _tracking_task(ob: Obligation, actor: Any) -> Task | None:
    """Confirming an obligation with a known agency and due date puts it in the task engine:
    overdue detection, the agency's overdue list, dashboards and the KPI export."""
    if ob.task_id is not None or ob.authority_agency is None or ob.due_date is None:
        return ob.task
    label = ob.provision_label or ob.provision_eid
    return task_create(
        actor=actor,
        body=ob.body,
        title=f"Ban hành văn bản {ob.action} {label} — {ob.work.title}"[:500],
        deadline=ob.due_date,
        owner_agency=ob.authority_agency,
        deliverable="Văn bản quy định chi tiết, hướng dẫn thi hành",
        description=ob.clause_text,
        priority=Priority.HIGH,
    )


def _close_task(ob: Obligation, guide: Work, actor: Any) -> None:
    if ob.task is not None and ob.task.status in rules_open():
        task_complete(
            actor=actor,
            task=ob.task,
            result=f"Đã ban hành: {guide}",
            on=ob.fulfilled_on,
        )


def _save(ob: Obligation, before: dict[str, Any], actor: Any, action: str, **extra: Any) -> None:
    ob.save()
    audit_record(
        actor=actor,
        action=action,
        obj=ob,
        body=ob.body,
        before=before,
        after=obligation_snapshot(ob) | extra,
    )


def obligation_confirm(
    *,
    actor: Any,
    obligation: Obligation,
    due_date: dt.date | None = None,
    authority_agency: Agency | None = None,
) -> Obligation:
    """proposed → confirmed by staff, optionally correcting the due date and the agency."""
    require_manage_obligation(actor, obligation)
    with transaction.atomic():
        ob = lock_obligation(obligation)
        before = obligation_snapshot(ob)
        ob.status = obligation_transition(ob, OA.CONFIRM)
        if due_date is not None:
            ob.due_date = due_date
        if authority_agency is not None:
            ob.authority_agency = authority_agency
            ob.authority_kind = authority_agency.kind
        ob.decided_by = actor
        ob.task = _tracking_task(ob, actor)
        _save(ob, before, actor, "tracking.obligation_confirm")
    return ob


def obligation_set_due(*, actor: Any, obligation: Obligation, due_date: dt.date) -> Obligation:
    """Edit the due date of an open obligation (default: the law's effective date)."""
    require_manage_obligation(actor, obligation)
    with transaction.atomic():
        ob = lock_obligation(obligation)
        if ob.status not in OPEN:
            raise ApplicationError(
                "Nghĩa vụ đã kết thúc / The obligation is closed", code="wrong_state"
            )
        before = obligation_snapshot(ob)
        ob.due_date = due_date
        _save(ob, before, actor, "tracking.obligation_set_due")
    return ob


def obligation_cancel(*, actor: Any, obligation: Obligation, reason: str) -> Obligation:
    """→ cancelled (a false detection, or a delegation repealed)."""
    require_manage_obligation(actor, obligation)
    reason = require_text(
        reason, field="reason", message="Phải nêu lý do / A reason is required", min_length=5
    )
    with transaction.atomic():
        ob = lock_obligation(obligation)
        before = obligation_snapshot(ob)
        ob.status = obligation_transition(ob, OA.CANCEL)
        ob.note = reason[:500]
        ob.decided_by = actor
        if ob.task is not None and ob.task.status in rules_open():
            task_cancel(actor=actor, task=ob.task, reason=f"Hủy nghĩa vụ: {reason}")
        _save(ob, before, actor, "tracking.obligation_cancel", reason=reason)
    return ob


def obligation_fulfil(*, actor: Any, obligation: Obligation, guide: Work) -> Obligation:
    """→ fulfilled by ``guide`` (also what the hook does when a ``guides`` relation appears)."""
    require_manage_obligation(actor, obligation)
    if guide.pk == obligation.work_id:
        raise ApplicationError(
            "Văn bản không tự hướng dẫn chính nó / A law cannot guide itself", code="self_guide"
        )
    with transaction.atomic():
        ob = lock_obligation(obligation)
        before = obligation_snapshot(ob)
        ob.status = obligation_transition(ob, OA.FULFIL)
        ob.fulfilled_by = guide
        ob.fulfilled_on = guide.issued_date or today()
        _close_task(ob, guide, actor)
        _save(ob, before, actor, "tracking.obligation_fulfil", guide=guide.pk)
    return ob


def _eid_covers(relation_eid: str, obligation_eid: str) -> bool:
    """A guide of Điều 10 covers obligations on Điều 10 and on its clauses; no eid = whole law."""
    return (
        not relation_eid
        or obligation_eid == relation_eid
        or obligation_eid.startswith(f"{relation_eid}__")
        or relation_eid.endswith(f"__{obligation_eid}")
    )


def authority_matches(ob: Obligation, guide: Work, index: dict[str, Agency]) -> bool:
    """Does the guide's issuer fit the obligation's authority? Unknown issuer: yes."""
    issuer_agency = guide.issuer_agency or (
        resolve_authority(guide.issuer, index).agency if guide.issuer else None
    )
    if issuer_agency is not None and ob.authority_agency_id is not None:
        if issuer_agency.pk == ob.authority_agency_id:
            return True
        # A minister's circular fulfils what "Bộ trưởng" must regulate; the Government's decree
        # may also do what the law left to a minister (a higher authority).
        return issuer_agency.kind == Agency.Kind.GOVERNMENT
    if not guide.issuer:
        return True
    issuer, authority = fold(guide.issuer), fold(ob.authority_text)
    return issuer in authority or authority in issuer


def obligations_fulfil_from_relations(*, work_ids: Iterable[int]) -> list[int]:
    """Close every open obligation that a ``guides`` relation touching ``work_ids`` satisfies."""
    ids = list(work_ids)
    relations = Relation.objects.filter(kind=RelationKind.GUIDES).filter(
        Q(source_work_id__in=ids) | Q(target_work_id__in=ids)
    )
    closed: list[int] = []
    index: dict[str, Agency] | None = None
    for rel in relations:
        open_obs = Obligation.objects.filter(work_id=rel.target_work_id, status__in=OPEN)
        candidates = [o for o in open_obs if _eid_covers(rel.target_eid, o.provision_eid)]
        if not candidates:
            continue
        guide = Work.objects.select_related("issuer_agency").get(pk=rel.source_work_id)
        index = _agency_index() if index is None else index
        if not rel.target_eid and not guide.issuer and guide.issuer_agency_id is None:
            continue  # a whole-law guide of unknown issuer is too vague to close anything
        for ob in candidates:
            if not authority_matches(ob, guide, index):
                continue
            with transaction.atomic():
                locked = lock_obligation(ob)
                if locked.status not in OPEN:
                    continue
                before = obligation_snapshot(locked)
                locked.status = obligation_transition(locked, OA.FULFIL)
                locked.fulfilled_by = guide
                locked.fulfilled_on = guide.issued_date or today()
                _close_task(locked, guide, None)
                _save(locked, before, None, "tracking.obligation_fulfil", relation=rel.pk)
            closed.append(ob.pk)
    return closed


def on_document_changed(*, work_ids: list[int], **_: Any) -> None:
    """``document.changed`` subscriber: propose obligations for changed laws, then close what
    new ``guides`` relations fulfil. Idempotent."""
    # Derived data: a failure here is logged and must not fail the document write that already
    # committed; ``nghitruong tracking propose-obligations`` repairs it later.
    for work in Work.objects.filter(pk__in=work_ids, doc_type__in=list(DELEGATING_TYPES)):
        try:
            obligations_propose(work=work)
        except Exception:
            logger.exception("obligations_propose failed for work %s", work.pk)
    try:
        obligations_fulfil_from_relations(work_ids=work_ids)
    except Exception:
        logger.exception("obligations_fulfil_from_relations failed for %s", work_ids)
