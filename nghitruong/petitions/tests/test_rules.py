"""The legal clocks (rules.py) as pure functions, with the shipped holiday calendar."""

import datetime as dt
import json
from pathlib import Path

import pytest

from nghitruong.petitions import rules
from nghitruong.petitions.rules import DayKind

D = dt.date
DATA = Path(__file__).resolve().parents[1] / "data" / "holidays_vn.json"


def shipped_calendar() -> rules.Calendar:
    days = json.loads(DATA.read_text(encoding="utf-8"))["days"]
    return rules.Calendar(
        days_off={D.fromisoformat(d["date"]): d["name"] for d in days if d["off"]},
        workdays={D.fromisoformat(d["date"]): d["name"] for d in days if not d["off"]},
    )


CAL = shipped_calendar()


def due(start: dt.date, agencies: int = 1, **kw: object) -> rules.DueDate:
    return rules.answer_due(start=start, agency_count=agencies, calendar=CAL, **kw)  # type: ignore[arg-type]


def test_forty_days_from_20_december_2025_is_29_january_2026() -> None:
    result = due(D(2025, 12, 20))
    assert result.date == D(2026, 1, 29)
    assert result.explanation == (
        "40 ngày (một cơ quan; Quyết định 33/2017/QĐ-TTg, Điều 12) kể từ 20/12/2025 = 29/01/2026"
    )


def test_fifty_days_when_several_agencies() -> None:
    result = due(D(2025, 12, 20), agencies=3)
    assert result.date == D(2026, 2, 9)  # Monday
    assert result.explanation.startswith("50 ngày (3 cơ quan;")


@pytest.mark.parametrize(
    ("start", "expected", "lands_on"),
    [
        (D(2026, 1, 4), D(2026, 2, 13), "Fri before Tết: a working day, no shift"),
        (D(2026, 1, 5), D(2026, 2, 23), "Sat 14/2: weekend, Tết 16–20, weekend → Mon 23/2"),
        (D(2026, 1, 7), D(2026, 2, 23), "Mon 16/2 = Tết"),
        (D(2026, 1, 11), D(2026, 2, 23), "Fri 20/2 = last Tết day"),
        (D(2026, 1, 14), D(2026, 2, 23), "Mon 23/2 itself"),
        (D(2026, 1, 15), D(2026, 2, 24), "Tue 24/2"),
    ],
)
def test_calendar_days_around_tet_2026(start: dt.date, expected: dt.date, lands_on: str) -> None:
    assert due(start).date == expected, lands_on


def test_explanation_names_the_skipped_days() -> None:
    result = due(D(2026, 1, 7))
    assert result.explanation == (
        "40 ngày (một cơ quan; Quyết định 33/2017/QĐ-TTg, Điều 12) kể từ 07/01/2026; ngày cuối "
        "rơi vào ngày nghỉ (Tết Nguyên đán 16/02/2026–20/02/2026; thứ Bảy 21/02/2026; Chủ nhật "
        "22/02/2026) nên chuyển sang ngày làm việc tiếp theo = 23/02/2026"
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2025, 12, 15), D(2026, 1, 26)),  # lands Sat 24/1 → Mon 26/1
        (D(2025, 12, 16), D(2026, 1, 26)),  # lands Sun 25/1 → Mon 26/1
        (D(2025, 12, 17), D(2026, 1, 26)),  # lands Mon 26/1
        (D(2025, 11, 22), D(2026, 1, 2)),  # lands Thu 1/1 Tết Dương lịch → Fri 2/1
        (D(2026, 3, 21), D(2026, 5, 4)),  # lands Thu 30/4 → 1/5 holiday → weekend → Mon 4/5
        (D(2026, 3, 18), D(2026, 4, 28)),  # lands Mon 27/4 (compensatory Giỗ Tổ) → Tue 28/4
    ],
)
def test_calendar_days_around_weekends_and_holidays(start: dt.date, expected: dt.date) -> None:
    assert due(start).date == expected


WORKING = rules.ClockRules(
    single_agency_days=10, multi_agency_days=15, day_kind=DayKind.WORKING, legal_basis="thử"
)


def test_working_days_skip_tet() -> None:
    result = due(D(2026, 2, 6), rules=WORKING)
    # 9–13/2 (5), Tết 16–20/2 skipped, 23–27/2 (5) → Fri 27/2
    assert result.date == D(2026, 2, 27)
    assert result.explanation == (
        "10 ngày làm việc (một cơ quan; thử) kể từ 06/02/2026, không tính thứ Bảy, Chủ nhật và "
        "Tết Nguyên đán 16/02/2026–20/02/2026 = 27/02/2026"
    )


def test_working_days_count_a_make_up_saturday() -> None:
    # Thu 24/4/2025 + 3 working days: Fri 25/4, Sat 26/4 (làm bù), Mon 28/4
    three = rules.ClockRules(3, 3, DayKind.WORKING, "thử")
    assert due(D(2025, 4, 24), rules=three).date == D(2025, 4, 28)
    # without the make-up day: 25/4, 28/4, 29/4
    assert rules.answer_due(
        start=D(2025, 4, 24), agency_count=1, calendar=rules.EMPTY_CALENDAR, rules=three
    ).date == D(2025, 4, 29)


def test_pause_and_extension_are_added_and_explained() -> None:
    result = due(D(2025, 12, 20), paused_days=5, extension_days=10)
    assert result.date == D(2026, 2, 13)  # 55 days → Fri 13/2
    assert "cộng 5 ngày tạm dừng, cộng 10 ngày gia hạn" in result.explanation


def test_aggregation_windows() -> None:
    before = rules.aggregation_deadline(
        timing="before", opening=D(2025, 10, 20), closing=D(2025, 12, 11)
    )
    after = rules.aggregation_deadline(
        timing="after", opening=D(2025, 10, 20), closing=D(2025, 12, 11)
    )
    assert before.date == D(2025, 10, 5)
    assert after.date == D(2025, 12, 26)
    assert "15 ngày trước ngày khai mạc kỳ họp 20/10/2025" in before.explanation


def test_overdue_only_from_the_next_day() -> None:
    assert rules.is_overdue(D(2026, 1, 29), D(2026, 1, 29)) is False
    assert rules.is_overdue(D(2026, 1, 29), D(2026, 1, 30)) is True


def test_transition_table_is_exactly_the_declared_one() -> None:
    allowed = {
        (a, s): rules.next_status(a, s)
        for a in rules.Action
        for s in rules.Status
        if rules.next_status(a, s) is not None
    }
    assert allowed == dict(rules.TRANSITIONS)
    assert len(allowed) == 17
    # "answered" is not "resolved": an explanation-only answer never reaches RESOLVED directly
    assert rules.next_status(rules.Action.ANSWER_RESOLVED, "answered") is None
    assert rules.next_status(rules.Action.CLOSE, "being_resolved") is None
    assert rules.allowed_actions("withdrawn") == []
    assert rules.next_status(rules.Action.CLOSE, "no-such-status") is None


def test_shipped_calendar_has_tet_2026_verified() -> None:
    days = json.loads(DATA.read_text(encoding="utf-8"))["days"]
    tet = [d for d in days if d["date"].startswith("2026-02")]
    assert [d["date"] for d in tet] == [f"2026-02-{n}" for n in (16, 17, 18, 19, 20)]
    assert all(d["verified"] for d in tet)
