"""Every read of the tracking app: scoped task lists, dashboard figures, KPI rows, obligations.

Figures (issue 6 §3), per set of tasks, counting only tasks not cancelled:
- ``done_on_time`` — done with ``completed_on`` ≤ deadline; ``done_late`` — done after it;
- ``overdue`` — still open with status ``overdue`` (set by the daily run the day after the deadline);
- ``open`` — assigned or in progress (not yet past the deadline);
- ``completion_rate`` = done / (total − cancelled); ``on_time_rate`` = done on time / done.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Confidentiality, Work
from nghitruong.tracking.models import Directive, Obligation, Task
from nghitruong.tracking.permissions import obligation_scope, task_scope

S = Task.Status


@dataclass(frozen=True)
class TaskStats:
    total: int
    open: int
    overdue: int
    done_on_time: int
    done_late: int
    cancelled: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def counted(self) -> int:
        return self.total - self.cancelled

    @property
    def completion_rate(self) -> float:
        return round(100 * self.done / self.counted, 1) if self.counted else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.done_on_time / self.done, 1) if self.done else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "open": self.open,
            "overdue": self.overdue,
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "cancelled": self.cancelled,
            "done": self.done,
            "completion_rate": self.completion_rate,
            "on_time_rate": self.on_time_rate,
        }


_DONE = Q(status=S.DONE)
AGGREGATES = {
    "total": Count("pk"),
    "open": Count("pk", filter=Q(status__in=[S.ASSIGNED, S.IN_PROGRESS])),
    "overdue": Count("pk", filter=Q(status=S.OVERDUE)),
    "done_on_time": Count("pk", filter=_DONE & Q(completed_on__lte=F("deadline"))),
    "done_late": Count("pk", filter=_DONE & Q(completed_on__gt=F("deadline"))),
    "cancelled": Count("pk", filter=Q(status=S.CANCELLED)),
}


def task_list(
    user: object,
    *,
    body: ElectedBody | None = None,
    agency_id: int | None = None,
    person_id: int | None = None,
    status: str = "",
    q: str = "",
) -> QuerySet[Task]:
    qs = Task.objects.filter(task_scope(user))
    if body is not None:
        qs = qs.filter(body=body)
    if agency_id:
        qs = qs.filter(owner_agency_id=agency_id)
    if person_id:
        qs = qs.filter(owner_person_id=person_id)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.select_related("body", "owner_agency", "owner_person").order_by("deadline", "pk")


def task_stats(tasks: QuerySet[Task]) -> TaskStats:
    row = tasks.order_by().aggregate(**AGGREGATES)
    return TaskStats(**{k: row[k] or 0 for k in AGGREGATES})


def _grouped(tasks: QuerySet[Task], key: str, label: str) -> list[dict[str, Any]]:
    rows = (
        tasks.exclude(**{f"{key}__isnull": True})
        .order_by()
        .values(key, label)
        .annotate(**AGGREGATES)
        .order_by(label)
    )
    out = []
    for row in rows:
        stats = TaskStats(**{k: row[k] for k in AGGREGATES})
        out.append({"id": row[key], "name": row[label], "stats": stats})
    return out


def stats_by_agency(tasks: QuerySet[Task]) -> list[dict[str, Any]]:
    return _grouped(tasks, "owner_agency", "owner_agency__name")


def stats_by_person(tasks: QuerySet[Task]) -> list[dict[str, Any]]:
    return _grouped(tasks, "owner_person", "owner_person__full_name")


def dashboard(user: object, body: ElectedBody, *, today: dt.date) -> dict[str, Any]:
    """Everything the body's dashboard shows, from one scoped queryset."""
    tasks = task_list(user, body=body)
    return {
        "body": body,
        "stats": task_stats(tasks),
        "by_agency": stats_by_agency(tasks),
        "by_person": stats_by_person(tasks),
        "overdue": list(tasks.filter(status=S.OVERDUE)[:50]),
        "upcoming": list(
            tasks.filter(
                status__in=[S.ASSIGNED, S.IN_PROGRESS],
                deadline__lte=today + dt.timedelta(days=30),
            )[:50]
        ),
        "laws_missing_guidance": laws_missing_guidance(user, body=body, on=today)[:20],
        "timeline": timeline(tasks)[:6],
    }


def timeline(tasks: QuerySet[Task]) -> list[tuple[str, list[Task]]]:
    """Open tasks grouped by the month of their deadline ("2026-12"), in order."""
    out: dict[str, list[Task]] = {}
    for task in tasks.filter(status__in=[S.ASSIGNED, S.IN_PROGRESS, S.OVERDUE]):
        out.setdefault(f"{task.deadline:%Y-%m}", []).append(task)
    return sorted(out.items())


def overdue_for_agency(user: object, agency_id: int) -> QuerySet[Task]:
    return task_list(user, agency_id=agency_id, status=S.OVERDUE)


def kpi_rows(user: object, body: ElectedBody) -> dict[str, list[dict[str, Any]]]:
    """KPI per unit (owner agency) and per official (owner person) for evaluation."""
    tasks = task_list(user, body=body)
    return {"units": stats_by_agency(tasks), "officials": stats_by_person(tasks)}


# --- obligations -------------------------------------------------------------------------------

OPEN_OBLIGATIONS = (Obligation.Status.PROPOSED, Obligation.Status.CONFIRMED)


def obligation_list(
    user: object, *, work: Work | None = None, status: str = "", body: ElectedBody | None = None
) -> QuerySet[Obligation]:
    qs = Obligation.objects.filter(obligation_scope(user))
    if work is not None:
        qs = qs.filter(work=work)
    if body is not None:
        qs = qs.filter(body=body)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("work", "authority_agency", "fulfilled_by").order_by(
        "work_id", "provision_eid", "pk"
    )


def laws_missing_guidance(
    user: object, *, on: dt.date, body: ElectedBody | None = None
) -> list[dict[str, Any]]:
    """Laws with confirmed obligations past their due date and no guiding document yet."""
    late = obligation_list(user, body=body, status=Obligation.Status.CONFIRMED).filter(
        due_date__lt=on
    )
    rows = (
        late.order_by()
        .values("work_id", "work__title", "work__number")
        .annotate(late=Count("pk"))
        .order_by("-late", "work__title")
    )
    return [
        {
            "work_id": r["work_id"],
            "title": r["work__title"],
            "number": r["work__number"],
            "late": r["late"],
        }
        for r in rows
    ]


def work_guidance_status(user: object, work: Work, *, on: dt.date) -> dict[str, Any]:
    """For a law's page: what it still waits for, and what is late. Unreviewed proposals are
    shown to staff of the law's body only."""
    obs = list(obligation_list(user, work=work).exclude(status=Obligation.Status.CANCELLED))
    if not is_staff_of(user, work.body):
        obs = [o for o in obs if o.status != Obligation.Status.PROPOSED]
    waiting = [o for o in obs if o.status == Obligation.Status.CONFIRMED]
    return {
        "proposed": [o for o in obs if o.status == Obligation.Status.PROPOSED],
        "waiting": waiting,
        "late": [o for o in waiting if o.due_date is not None and o.due_date < on],
        "fulfilled": [o for o in obs if o.status == Obligation.Status.FULFILLED],
    }


def public_obligations(*, work_id: int | None = None) -> QuerySet[Obligation]:
    """Open data: confirmed and fulfilled obligations of public laws (proposals are unreviewed
    machine output and stay internal)."""
    qs = Obligation.objects.filter(
        work__confidentiality=Confidentiality.PUBLIC,
        status__in=[Obligation.Status.CONFIRMED, Obligation.Status.FULFILLED],
    )
    if work_id is not None:
        qs = qs.filter(work_id=work_id)
    return qs.select_related("work", "authority_agency", "fulfilled_by").order_by(
        "work_id", "provision_eid", "pk"
    )


def public_waiting_by_law(*, on: dt.date) -> list[dict[str, Any]]:
    """Open data page: each public law with the detailing documents it still waits for."""
    out: dict[int, dict[str, Any]] = {}
    for ob in public_obligations().filter(status=Obligation.Status.CONFIRMED):
        row = out.setdefault(ob.work_id, {"work": ob.work, "waiting": [], "late": 0})
        row["waiting"].append(ob)
        if ob.due_date is not None and ob.due_date < on:
            row["late"] += 1
    return sorted(out.values(), key=lambda r: (-r["late"], r["work"].title))


def directive_of_body(*, body: ElectedBody, directive_id: str) -> Directive | None:
    """The directive a new task comes from: only one of the body already reached by the caller."""
    if not directive_id.isdigit():
        return None
    return Directive.objects.filter(pk=int(directive_id), body=body).first()
