"""THE one place for the voter-petition workflow and its legal clocks (house rule 6).

Pure Python, no database access: the holiday calendar and per-body overrides are passed in, so
every boundary is testable in isolation.

Legal basis (see /work/shared/reference/petitions.md §5.1; ``verified`` says whether the article
number was read in the official text or only in secondary summaries):

- Aggregation windows: Joint Resolution 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN (20 Feb 2025)
  — the NA delegation with the provincial Fatherland Front Standing Board compiles petitions
  "no later than 15 days before the opening and 15 days after the closing" of each regular
  session. Article number NOT verified (the reference cites Art. 30 for meeting types only).
- Answer deadlines: Decision 33/2017/QĐ-TTg, Art. 12 — 40 days from receipt when one
  ministry/agency/locality is competent, 50 days for the lead agency when several are involved
  (reference §5.1, from thuvienphapluat.vn summaries; the clause on complex petitions is cut
  off there). The Law on Supervisory Activities 87/2015/QH13 Art. 36(1) may set another period
  (unverified). Because sources may conflict, the figures are configurable per body
  (``ClockConfig``); these are the defaults.
- Counting: Civil Code 2015 Art. 147(1) — a period in days starts the day after the event; Art.
  148(5) — when the last day is a weekly rest day or a public holiday the period ends at the end of
  the next working day. "Ngày" in a legal text means a calendar day unless it says "ngày làm việc".
- Working days: Monday–Friday (Decision 188/1999/QĐ-TTg, 40-hour week for state agencies) minus
  public holidays and compensatory days off (Labor Code 2019 Art. 111(3), Art. 112), plus make-up
  working Saturdays; the calendar is data (``CalendarDay``).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

# --- the state machine ------------------------------------------------------------------------


class Status(StrEnum):
    """Mirrors ``Petition.Status`` (kept here so the rules stay import-light)."""

    RECEIVED = "received"
    CLASSIFIED = "classified"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    BEING_RESOLVED = "being_resolved"
    RESOLVED = "resolved"
    FORWARDED = "forwarded"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    DENUNCIATION = "denunciation"


class Action(StrEnum):
    CLASSIFY = "classify"
    ASSIGN = "assign"
    REASSIGN = "reassign"
    ANSWER_RESOLVED = "answer_resolved"
    ANSWER_BEING_RESOLVED = "answer_being_resolved"
    ANSWER_EXPLANATION = "answer_explanation"
    ANSWER_NOT_COMPETENT = "answer_not_competent"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    REDIRECT_DENUNCIATION = "redirect_denunciation"


S = Status
# (action, from-status) -> to-status. Anything not listed is refused with ConflictError.
TRANSITIONS: Mapping[tuple[Action, Status], Status] = {
    (Action.CLASSIFY, S.RECEIVED): S.CLASSIFIED,
    (Action.CLASSIFY, S.CLASSIFIED): S.CLASSIFIED,  # reclassification before assignment
    (Action.ASSIGN, S.CLASSIFIED): S.ASSIGNED,
    # Reassignment needs a reason and restarts the clock: a wrong agency, or "not competent".
    (Action.REASSIGN, S.ASSIGNED): S.ASSIGNED,
    (Action.REASSIGN, S.FORWARDED): S.ASSIGNED,
    (Action.ANSWER_RESOLVED, S.ASSIGNED): S.RESOLVED,
    (Action.ANSWER_RESOLVED, S.BEING_RESOLVED): S.RESOLVED,
    (Action.ANSWER_BEING_RESOLVED, S.ASSIGNED): S.BEING_RESOLVED,
    (Action.ANSWER_BEING_RESOLVED, S.BEING_RESOLVED): S.BEING_RESOLVED,  # progress, new date
    (Action.ANSWER_EXPLANATION, S.ASSIGNED): S.ANSWERED,
    (Action.ANSWER_NOT_COMPETENT, S.ASSIGNED): S.FORWARDED,
    (Action.CLOSE, S.ANSWERED): S.CLOSED,
    (Action.CLOSE, S.RESOLVED): S.CLOSED,
    (Action.WITHDRAW, S.RECEIVED): S.WITHDRAWN,
    (Action.WITHDRAW, S.CLASSIFIED): S.WITHDRAWN,
    (Action.REDIRECT_DENUNCIATION, S.RECEIVED): S.DENUNCIATION,
    (Action.REDIRECT_DENUNCIATION, S.CLASSIFIED): S.DENUNCIATION,
}

ANSWER_ACTIONS: Mapping[str, Action] = {
    "resolved": Action.ANSWER_RESOLVED,
    "being_resolved": Action.ANSWER_BEING_RESOLVED,
    "explanation_only": Action.ANSWER_EXPLANATION,
    "not_competent": Action.ANSWER_NOT_COMPETENT,
}

# The answer clock runs only in these states.
CLOCK_RUNNING = frozenset({S.ASSIGNED})
FINAL = frozenset({S.CLOSED, S.WITHDRAWN, S.DENUNCIATION})


def next_status(action: Action, current: str) -> Status | None:
    """The status after ``action`` from ``current``, or None when the transition is illegal."""
    try:
        return TRANSITIONS.get((action, Status(current)))
    except ValueError:
        return None


def allowed_actions(current: str) -> list[Action]:
    return [action for (action, src) in TRANSITIONS if src == current]


# --- the calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    """Exceptions to Mon–Fri: ``days_off`` (holidays on weekdays and compensatory days) and
    ``workdays`` (make-up working weekend days), with a name per date for explanations."""

    days_off: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.days_off:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5


EMPTY_CALENDAR = Calendar(days_off={}, workdays={})


def vn_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


# --- answer deadlines -------------------------------------------------------------------------


class DayKind(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"


@dataclass(frozen=True)
class ClockRules:
    single_agency_days: int
    multi_agency_days: int
    day_kind: DayKind
    legal_basis: str


# Decision 33/2017/QĐ-TTg Art. 12 (secondary sources): 40 / 50 calendar days from receipt.
DEFAULT_CLOCK = ClockRules(
    single_agency_days=40,
    multi_agency_days=50,
    day_kind=DayKind.CALENDAR,
    legal_basis="Quyết định 33/2017/QĐ-TTg, Điều 12",
)


@dataclass(frozen=True)
class DueDate:
    date: dt.date
    explanation: str  # Vietnamese, shown to staff, agencies and voters


def _skipped_note(skipped: list[tuple[dt.date, str]]) -> str:
    if not skipped:
        return ""
    names: dict[str, list[dt.date]] = {}
    for day, name in skipped:
        names.setdefault(name, []).append(day)
    parts = []
    for name, days in names.items():
        if len(days) == 1:
            parts.append(f"{name} {vn_date(days[0])}")
        else:
            parts.append(f"{name} {vn_date(days[0])}–{vn_date(days[-1])}")
    return "; ".join(parts)


def _day_off_name(cal: Calendar, day: dt.date) -> str:
    if day in cal.days_off:
        return cal.days_off[day]
    return "thứ Bảy" if day.weekday() == 5 else "Chủ nhật"


def add_days(
    start: dt.date, days: int, *, kind: DayKind, calendar: Calendar
) -> tuple[dt.date, list[tuple[dt.date, str]]]:
    """The last day of a ``days``-long period that starts the day after ``start``.

    Calendar days (Civil Code Art. 147(1), 148(5)): ``start + days``, moved to the next working day
    when it is a day off. Working days: the ``days``-th working day after ``start``. Returns the
    date and the days off that were skipped (for the explanation).
    """
    skipped: list[tuple[dt.date, str]] = []
    if kind == DayKind.CALENDAR:
        end = start + dt.timedelta(days=days)
        while not calendar.is_working_day(end):
            skipped.append((end, _day_off_name(calendar, end)))
            end += dt.timedelta(days=1)
        return end, skipped
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
        elif day in calendar.days_off:  # weekends are implied by "ngày làm việc"
            skipped.append((day, calendar.days_off[day]))
    return day, skipped


def answer_due(
    *,
    start: dt.date,
    agency_count: int,
    calendar: Calendar,
    rules: ClockRules = DEFAULT_CLOCK,
    paused_days: int = 0,
    extension_days: int = 0,
) -> DueDate:
    """The answer deadline for a petition received by the competent agency on ``start``.

    ``paused_days`` (the clock was stopped with a reason) and ``extension_days`` (granted with a
    reason) are added in the same day kind.
    """
    base = rules.single_agency_days if agency_count <= 1 else rules.multi_agency_days
    total = base + paused_days + extension_days
    kind_label = "ngày" if rules.day_kind == DayKind.CALENDAR else "ngày làm việc"
    scope = "một cơ quan" if agency_count <= 1 else f"{agency_count} cơ quan"
    end, skipped = add_days(start, total, kind=rules.day_kind, calendar=calendar)
    text = f"{base} {kind_label} ({scope}; {rules.legal_basis}) kể từ {vn_date(start)}"
    if paused_days:
        text += f", cộng {paused_days} {kind_label} tạm dừng"
    if extension_days:
        text += f", cộng {extension_days} {kind_label} gia hạn"
    note = _skipped_note(skipped)
    if note:
        if rules.day_kind == DayKind.CALENDAR:
            text += (
                f"; ngày cuối rơi vào ngày nghỉ ({note}) nên chuyển sang ngày làm việc tiếp theo"
            )
        else:
            text += f", không tính thứ Bảy, Chủ nhật và {note}"
    elif rules.day_kind == DayKind.WORKING:
        text += ", không tính thứ Bảy, Chủ nhật"
    return DueDate(date=end, explanation=f"{text} = {vn_date(end)}")


# --- aggregation windows (Joint Resolution 72/2025) -------------------------------------------

# NQLT 72/2025: compile no later than 15 days before the opening / 15 days after the closing.
AGGREGATION_DAYS = 15


def aggregation_deadline(*, timing: str, opening: dt.date, closing: dt.date) -> DueDate:
    """The last day for a delegation to send its compiled petitions for one round."""
    if timing == "before":
        end = opening - dt.timedelta(days=AGGREGATION_DAYS)
        text = (
            f"Chậm nhất {AGGREGATION_DAYS} ngày trước ngày khai mạc kỳ họp {vn_date(opening)} "
            f"(Nghị quyết liên tịch 72/2025) = {vn_date(end)}"
        )
    else:
        end = closing + dt.timedelta(days=AGGREGATION_DAYS)
        text = (
            f"Chậm nhất {AGGREGATION_DAYS} ngày sau ngày bế mạc kỳ họp {vn_date(closing)} "
            f"(Nghị quyết liên tịch 72/2025) = {vn_date(end)}"
        )
    return DueDate(date=end, explanation=text)


# --- overdue semantics ------------------------------------------------------------------------


def is_overdue(due: dt.date, today: dt.date) -> bool:
    """A deadline is missed from the day after it (an answer on the due date is on time)."""
    return today > due


# --- personal data (PET-4, Decree 356/2025) ----------------------------------------------------

CONSENT_TEXT_VERSION = "2026-11-v1"
CONSENT_PURPOSE = "Tiếp nhận, chuyển và theo dõi kết quả giải quyết kiến nghị; liên hệ với người kiến nghị khi cần"
DENUNCIATION_CHANNEL = (
    "Tố cáo không được xử lý như kiến nghị cử tri. Đề nghị gửi tố cáo đến cơ quan có thẩm quyền "
    "giải quyết tố cáo hoặc Ban Tiếp công dân theo Luật Tố cáo 2018 (Điều 9: quyền, nghĩa vụ của "
    "người tố cáo) / Denunciations are not voter petitions: file them with the competent authority "
    "or a Citizen Reception Office under the 2018 Law on Denunciation."
)
