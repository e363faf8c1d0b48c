"""The state machines and period arithmetic, exhaustively (pure Python)."""

import datetime as dt
import itertools

import pytest

from nghitruong.tracking import rules
from nghitruong.tracking.models import Obligation, Task

T = rules.TaskStatus
A = rules.TaskAction

EXPECTED_TASK = {
    (A.START, T.ASSIGNED): T.IN_PROGRESS,
    (A.COMPLETE, T.ASSIGNED): T.DONE,
    (A.COMPLETE, T.IN_PROGRESS): T.DONE,
    (A.COMPLETE, T.OVERDUE): T.DONE,
    (A.CANCEL, T.ASSIGNED): T.CANCELLED,
    (A.CANCEL, T.IN_PROGRESS): T.CANCELLED,
    (A.CANCEL, T.OVERDUE): T.CANCELLED,
    (A.MARK_OVERDUE, T.ASSIGNED): T.OVERDUE,
    (A.MARK_OVERDUE, T.IN_PROGRESS): T.OVERDUE,
    (A.EXTEND, T.ASSIGNED): T.ASSIGNED,
    (A.EXTEND, T.IN_PROGRESS): T.IN_PROGRESS,
    (A.EXTEND, T.OVERDUE): T.IN_PROGRESS,
}


@pytest.mark.parametrize(("action", "status"), list(itertools.product(A, T)))
def test_every_task_transition_allowed_or_refused(action: A, status: T) -> None:
    assert rules.next_task_status(action, status) == EXPECTED_TASK.get((action, status))


def test_final_states_have_no_way_out() -> None:
    for action in A:
        assert rules.next_task_status(action, T.DONE) is None
        assert rules.next_task_status(action, T.CANCELLED) is None


def test_model_choices_mirror_rules() -> None:
    assert set(Task.Status.values) == {s.value for s in T}
    assert set(Obligation.Status.values) == {s.value for s in rules.ObligationStatus}


OS = rules.ObligationStatus
OA = rules.ObligationAction


@pytest.mark.parametrize(("action", "status"), list(itertools.product(OA, OS)))
def test_every_obligation_transition(action: OA, status: OS) -> None:
    expected = {
        (OA.CONFIRM, OS.PROPOSED): OS.CONFIRMED,
        (OA.FULFIL, OS.PROPOSED): OS.FULFILLED,
        (OA.FULFIL, OS.CONFIRMED): OS.FULFILLED,
        (OA.CANCEL, OS.PROPOSED): OS.CANCELLED,
        (OA.CANCEL, OS.CONFIRMED): OS.CANCELLED,
    }
    assert rules.next_obligation_status(action, status) == expected.get((action, status))


def test_overdue_boundary_is_the_day_after_the_deadline() -> None:
    deadline = dt.date(2026, 11, 30)
    assert rules.is_overdue_on(deadline, dt.date(2026, 11, 29)) is False
    assert rules.is_overdue_on(deadline, dt.date(2026, 11, 30)) is False
    assert rules.is_overdue_on(deadline, dt.date(2026, 12, 1)) is True


@pytest.mark.parametrize(
    ("frequency", "day", "expected"),
    [
        (
            "quarterly",
            dt.date(2026, 11, 23),
            ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ),
        ("quarterly", dt.date(2026, 3, 31), ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
        ("monthly", dt.date(2028, 2, 10), ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
        (
            "semiannual",
            dt.date(2026, 7, 1),
            ("2026-H2", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ),
        ("annual", dt.date(2026, 1, 1), ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    ],
)
def test_period_of(frequency: str, day: dt.date, expected: tuple[str, dt.date, dt.date]) -> None:
    assert rules.period_of(frequency, day) == expected


def test_periods_between_spans_year_end() -> None:
    keys = [
        p[0] for p in rules.periods_between("quarterly", dt.date(2026, 8, 15), dt.date(2027, 4, 1))
    ]
    assert keys == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
