"""THE one place for the tracking state machines and deadline rules (house rule 6).

Pure Python, no database access.

Tasks (nhiệm vụ) — the "six clear" principle of the issue (rõ người, rõ việc, rõ thời gian, rõ
trách nhiệm, rõ kết quả …; its source document was not verified here): every task has an owner,
a deliverable, a deadline and a result.

- ``overdue`` is derived by the daily service ``tasks_check_deadlines``: a task still open
  (assigned / in progress) on the day AFTER its deadline becomes overdue. On the deadline day
  itself it is still on time (the deadline is the last day allowed).
- A task done on or before its deadline is "on time"; done after it, "late".
- An approved extension moves the deadline; an overdue task then resumes as in progress.

Obligations (nghĩa vụ ban hành văn bản quy định chi tiết) — Law on Promulgation of Legal
Documents 80/2015/QH13 Art. 11(1) (carried into 64/2025/QH15; the new article number was not
verified): a detailing document must take effect at the same time as the provision it details, so
the default due date is the law's effective date (staff may edit it).
"""

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum


class TaskStatus(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


class TaskAction(StrEnum):
    START = "start"
    COMPLETE = "complete"
    CANCEL = "cancel"
    MARK_OVERDUE = "mark_overdue"
    EXTEND = "extend"


T = TaskStatus
A = TaskAction
# (action, from) -> to. Anything not listed is refused (ConflictError). DONE and CANCELLED are final.
TASK_TRANSITIONS: Mapping[tuple[TaskAction, TaskStatus], TaskStatus] = {
    (A.START, T.ASSIGNED): T.IN_PROGRESS,
    (A.COMPLETE, T.ASSIGNED): T.DONE,
    (A.COMPLETE, T.IN_PROGRESS): T.DONE,
    (A.COMPLETE, T.OVERDUE): T.DONE,  # done late
    (A.CANCEL, T.ASSIGNED): T.CANCELLED,
    (A.CANCEL, T.IN_PROGRESS): T.CANCELLED,
    (A.CANCEL, T.OVERDUE): T.CANCELLED,
    (A.MARK_OVERDUE, T.ASSIGNED): T.OVERDUE,
    (A.MARK_OVERDUE, T.IN_PROGRESS): T.OVERDUE,
    (A.EXTEND, T.ASSIGNED): T.ASSIGNED,
    (A.EXTEND, T.IN_PROGRESS): T.IN_PROGRESS,
    (A.EXTEND, T.OVERDUE): T.IN_PROGRESS,
}
OPEN_STATUSES = frozenset({T.ASSIGNED, T.IN_PROGRESS, T.OVERDUE})


def next_task_status(action: TaskAction | str, current: TaskStatus | str) -> TaskStatus | None:
    return TASK_TRANSITIONS.get((TaskAction(action), TaskStatus(current)))


def is_overdue_on(deadline: dt.date, on: dt.date) -> bool:
    """Overdue from the day after the deadline (the deadline day is still allowed)."""
    return on > deadline


class ExtensionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ObligationStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class ObligationAction(StrEnum):
    CONFIRM = "confirm"
    FULFIL = "fulfil"
    CANCEL = "cancel"


OS = ObligationStatus
OA = ObligationAction
OBLIGATION_TRANSITIONS: Mapping[tuple[ObligationAction, ObligationStatus], ObligationStatus] = {
    (OA.CONFIRM, OS.PROPOSED): OS.CONFIRMED,
    # A guiding document may arrive before staff reviewed the proposal: it is met either way.
    (OA.FULFIL, OS.PROPOSED): OS.FULFILLED,
    (OA.FULFIL, OS.CONFIRMED): OS.FULFILLED,
    (OA.CANCEL, OS.PROPOSED): OS.CANCELLED,
    (OA.CANCEL, OS.CONFIRMED): OS.CANCELLED,
}


def next_obligation_status(
    action: ObligationAction | str, current: ObligationStatus | str
) -> ObligationStatus | None:
    return OBLIGATION_TRANSITIONS.get((ObligationAction(action), ObligationStatus(current)))


# --- recurring reports ----------------------------------------------------------------------


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMIANNUAL: 6,
    Frequency.ANNUAL: 12,
}


def period_of(frequency: Frequency | str, day: dt.date) -> tuple[str, dt.date, dt.date]:
    """(key, first day, last day) of the period containing ``day``: "2026-Q4", "2026-11",
    "2026-H2", "2026"."""
    freq = Frequency(frequency)
    months = MONTHS_PER_PERIOD[freq]
    index = (day.month - 1) // months
    first = dt.date(day.year, index * months + 1, 1)
    last_month = first.month + months - 1
    next_first = (
        dt.date(day.year + 1, 1, 1) if last_month == 12 else dt.date(day.year, last_month + 1, 1)
    )
    last = next_first - dt.timedelta(days=1)
    key = {
        Frequency.MONTHLY: f"{day.year}-{first.month:02d}",
        Frequency.QUARTERLY: f"{day.year}-Q{index + 1}",
        Frequency.SEMIANNUAL: f"{day.year}-H{index + 1}",
        Frequency.ANNUAL: f"{day.year}",
    }[freq]
    return key, first, last


def periods_between(
    frequency: Frequency | str, start: dt.date, end: dt.date
) -> list[tuple[str, dt.date, dt.date]]:
    """Every period that starts on or after the one containing ``start`` and contains a day
    up to ``end``, in order."""
    out: list[tuple[str, dt.date, dt.date]] = []
    day = start
    while day <= end:
        period = period_of(frequency, day)
        out.append(period)
        day = period[2] + dt.timedelta(days=1)
    return out


# Reminders: days before the deadline, and on the deadline day itself (0).
REMINDER_OFFSETS = (7, 1, 0)
