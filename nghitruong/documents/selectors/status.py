"""Status in force (tình trạng hiệu lực) of a work or one provision as of any date.

The rule, in one place:
1. Before the work's ``effective_date`` (or with no version yet in force) → chưa có hiệu lực.
2. On/after the work's ``expiry_date`` → hết hiệu lực toàn bộ.
3. A relation *repeals*/*replaces* (whole work) with an effective date on/before the day →
   hết hiệu lực toàn bộ; *suspends* (whole work) → ngưng hiệu lực.
4. For a provision: such a relation scoped to it or to an ancestor (eid prefix) → hết hiệu lực /
   ngưng hiệu lực; scoped to a descendant → hết hiệu lực một phần / ngưng hiệu lực một phần.
   For the whole work: any scoped ending/suspending relation → "một phần".
5. Otherwise còn hiệu lực. "Không còn phù hợp" is never derived: staff record it
   (``work_set_status``); a work so marked reports it from then on.
A relation with no effective date takes effect from the source work's effective date.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from nghitruong.documents.models import Provision, Relation, Status, Work
from nghitruong.documents.relations import ENDING_KINDS, SUSPENDING_KINDS


@dataclass(frozen=True)
class StatusAt:
    status: str
    cause: Relation | None = None

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


def _effective_relations(work: Work, on: dt.date) -> list[Relation]:
    rels = Relation.objects.filter(
        target_work=work, kind__in=ENDING_KINDS | SUSPENDING_KINDS
    ).select_related("source_work")
    active = []
    for r in rels:
        start = r.effective_date or r.source_work.effective_date or r.source_work.issued_date
        if start is not None and start <= on:
            active.append(r)
    active.sort(key=lambda r: (r.effective_date or dt.date.min, r.pk))
    return active


def _base_status(work: Work, on: dt.date) -> StatusAt | None:
    if work.effective_date and on < work.effective_date:
        return StatusAt(Status.NOT_YET_EFFECTIVE)
    if work.expiry_date and on >= work.expiry_date:
        return StatusAt(Status.EXPIRED)
    return None


def _covers(scope_eid: str, eid: str) -> bool:
    return scope_eid == eid or eid.startswith(f"{scope_eid}__")


def work_status_at(work: Work, on: dt.date) -> StatusAt:
    base = _base_status(work, on)
    if base:
        return base
    partial: StatusAt | None = None
    for r in _effective_relations(work, on):
        ending = r.kind in ENDING_KINDS
        if not r.target_eid and r.kind != "partially_repeals" and r.kind != "partially_suspends":
            return StatusAt(Status.EXPIRED if ending else Status.SUSPENDED, r)
        if partial is None or (ending and partial.status != Status.PARTIALLY_EXPIRED):
            partial = StatusAt(
                Status.PARTIALLY_EXPIRED if ending else Status.PARTIALLY_SUSPENDED, r
            )
    if partial:
        return partial
    if work.status == Status.NO_LONGER_APPLICABLE:
        return StatusAt(Status.NO_LONGER_APPLICABLE)
    return StatusAt(Status.IN_FORCE)


def _provision_status(work: Work, eid: str, on: dt.date, relations: list[Relation]) -> StatusAt:
    base = _base_status(work, on)
    if base:
        return base
    partial: StatusAt | None = None
    for r in relations:
        ending = r.kind in ENDING_KINDS
        whole_kind = r.kind not in ("partially_repeals", "partially_suspends")
        if (not r.target_eid and whole_kind) or (r.target_eid and _covers(r.target_eid, eid)):
            return StatusAt(Status.EXPIRED if ending else Status.SUSPENDED, r)
        if (
            r.target_eid
            and _covers(eid, r.target_eid)
            and (partial is None or (ending and partial.status != Status.PARTIALLY_EXPIRED))
        ):
            partial = StatusAt(
                Status.PARTIALLY_EXPIRED if ending else Status.PARTIALLY_SUSPENDED, r
            )
    if partial:
        return partial
    if work.status == Status.NO_LONGER_APPLICABLE:
        return StatusAt(Status.NO_LONGER_APPLICABLE)
    return StatusAt(Status.IN_FORCE)


def provision_status_at(provision: Provision, on: dt.date) -> StatusAt:
    work = provision.expression.work
    return _provision_status(work, provision.eid, on, _effective_relations(work, on))


def provision_statuses(provisions: list[Provision], work: Work, on: dt.date) -> dict[str, StatusAt]:
    """Status of each of ``provisions`` (all of ``work``) by eid, with one relations query."""
    relations = _effective_relations(work, on)
    return {p.eid: _provision_status(work, p.eid, on, relations) for p in provisions}


def provisions_changed_by(work: Work) -> Q:
    """Q over Relation for relations that change ``work``'s text (for timelines)."""
    return Q(target_work=work, kind__in=["amends", "supplements", "rectifies"])
