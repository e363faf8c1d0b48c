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


# --- reminders and escalation (issue 5 §6) -----------------------------------------------------

# Days before a deadline (the answer due date, or a "being resolved" commitment date) on which the
# assigned agency's officers are reminded; 0 = on the due day itself. OUR OPERATIONAL CHOICE, NOT
# LAW: neither Decision 33/2017/QĐ-TTg nor NQLT 72/2025 (as far as the reference read them) sets
# reminder dates; T-7 and T-0 follow the reference's escalation ladder (petitions.md §6.8), T-1
# matches the tracking app's reminders. The day after the deadline the petition is overdue
# (``is_overdue``) and the reminder becomes an escalation, also sent to the supervising body.
REMINDER_OFFSETS: tuple[int, ...] = (7, 1, 0)


class ReminderTarget(StrEnum):
    ANSWER = "answer"  # the answer deadline (Petition.due_date)
    COMMITMENT = "commitment"  # the "being resolved" commitment date (Petition.committed_date)


def reminder_stage(due: dt.date, today: dt.date) -> int | None:
    """Which reminder is due ``today`` for a deadline on ``due``.

    Returns the offset (a value of ``REMINDER_OFFSETS``) of the nearest reminder date already
    reached, -1 when the deadline has passed (escalation), or None when no reminder date has come.
    A run missed on a reminder day is caught up by the next run, which sends only the current stage
    (never the skipped ones): 5 days before a deadline the 7-day reminder is due, 1 day before the
    1-day one.
    """
    if is_overdue(due, today):
        return -1
    left = (due - today).days
    reached = [offset for offset in REMINDER_OFFSETS if left <= offset]
    return min(reached) if reached else None


def reminder_kind(target: ReminderTarget, stage: int) -> str:
    """The recorded kind: ``answer.d7`` … ``answer.d0``, ``answer.overdue``,
    ``commitment.d7`` … ``commitment.broken``."""
    if stage < 0:
        return f"{target}.overdue" if target == ReminderTarget.ANSWER else f"{target}.broken"
    return f"{target}.d{stage}"


# --- personal data (PET-4, Decree 356/2025) ----------------------------------------------------

CONSENT_TEXT_VERSION = "2026-11-v1"
CONSENT_PURPOSE = "Tiếp nhận, chuyển và theo dõi kết quả giải quyết kiến nghị; liên hệ với người kiến nghị khi cần"
DENUNCIATION_CHANNEL = (
    "Tố cáo không được xử lý như kiến nghị cử tri. Đề nghị gửi tố cáo đến cơ quan có thẩm quyền "
    "giải quyết tố cáo hoặc Ban Tiếp công dân theo Luật Tố cáo 2018 (Điều 9: quyền, nghĩa vụ của "
    "người tố cáo) / Denunciations are not voter petitions: file them with the competent authority "
    "or a Citizen Reception Office under the 2018 Law on Denunciation."
)


# --- data-subject requests (PET-4): Personal Data Protection Law 91/2025/QH15 + Decree 356/2025 ---
#
# Reference: /work/shared/reference/security-integration.md §3 and PET-4 (secondary sources: Frasers
# Law 19/01/2026, cdlaf.vn). Decree 356/2025/NĐ-CP: the controller acknowledges a data subject's
# request within 2 working days and completes it within 15 days (20 days when a processor or a
# third party must act), with one extension of up to 15 days. The reference gives NO article
# number for these periods, so none is cited here; the values are the conservative reading:
# - the 15 days are counted as calendar days (shorter than working days) from the day after
#   receipt (Civil Code 2015 Art. 147(1));
# - when the 15th day is a day off the due date moves BACK to the previous working day (the Civil
#   Code Art. 148(5) would move it forward; moving back keeps us on time under either reading);
# - we never use the 20-day processor period: no processor holds petitioners' data.
DSR_ACK_WORKING_DAYS = 2
DSR_COMPLETE_DAYS = 15
DSR_MAX_EXTENSION_DAYS = 15  # one extension (not offered yet: staff refuse or complete in time)
DSR_BASIS = "Nghị định 356/2025/NĐ-CP (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)"


def _previous_working_day(day: dt.date, calendar: Calendar) -> tuple[dt.date, list[dt.date]]:
    moved: list[dt.date] = []
    while not calendar.is_working_day(day):
        moved.append(day)
        day -= dt.timedelta(days=1)
    return day, moved


@dataclass(frozen=True)
class RequestDue:
    ack_date: dt.date  # acknowledge (xác nhận đã nhận) by this day
    date: dt.date  # complete by this day
    explanation: str


def data_request_due(*, received: dt.date, calendar: Calendar) -> RequestDue:
    """The acknowledgement and completion deadlines of a data-subject request received on
    ``received`` (see the block comment above for the basis and the conservative choices)."""
    ack, _ = add_days(received, DSR_ACK_WORKING_DAYS, kind=DayKind.WORKING, calendar=calendar)
    nominal = received + dt.timedelta(days=DSR_COMPLETE_DAYS)
    due, moved = _previous_working_day(nominal, calendar)
    text = (
        f"Xác nhận trong {DSR_ACK_WORKING_DAYS} ngày làm việc = {vn_date(ack)}; giải quyết trong "
        f"{DSR_COMPLETE_DAYS} ngày ({DSR_BASIS}) kể từ {vn_date(received)}"
    )
    if moved:
        names = "; ".join(f"{_day_off_name(calendar, d)} {vn_date(d)}" for d in reversed(moved))
        text += f"; ngày thứ {DSR_COMPLETE_DAYS} rơi vào ngày nghỉ ({names}) nên lấy ngày làm việc liền trước"
    return RequestDue(ack_date=ack, date=due, explanation=f"{text} = {vn_date(due)}")


class RequestState(StrEnum):
    RECEIVED = "received"
    VERIFIED = "verified"
    COMPLETED = "completed"
    REFUSED = "refused"


class RequestAction(StrEnum):
    VERIFY = "verify"  # identity confirmed (one-time code, or staff checked an ID document)
    COMPLETE = "complete"
    REFUSE = "refuse"  # with a reason


R = RequestState
REQUEST_TRANSITIONS: Mapping[tuple[RequestAction, RequestState], RequestState] = {
    (RequestAction.VERIFY, R.RECEIVED): R.VERIFIED,
    (RequestAction.REFUSE, R.RECEIVED): R.REFUSED,  # identity could not be confirmed
    (RequestAction.COMPLETE, R.VERIFIED): R.COMPLETED,
    (RequestAction.REFUSE, R.VERIFIED): R.REFUSED,
}


def next_request_state(action: RequestAction, current: str) -> RequestState | None:
    try:
        return REQUEST_TRANSITIONS.get((action, RequestState(current)))
    except ValueError:
        return None


# Erasure waits for staff while a petition of the person is being handled by an agency: the
# agency may hold the contact data too and must be told, and staff check that no legal duty to
# keep the data applies (PDPL allows refusing erasure when a law requires keeping the data).
# Operational choice, not a legal figure.
ERASURE_REVIEW_STATUSES = frozenset({S.ASSIGNED, S.ANSWERED, S.BEING_RESOLVED, S.FORWARDED})

ERASURE_KEEPS_PETITION = (
    "Nội dung kiến nghị và diễn biến giải quyết được giữ lại vì là hồ sơ công vụ về tiếp nhận, "
    "giải quyết và giám sát kiến nghị cử tri (Nghị quyết liên tịch 72/2025/NQLT-UBTVQH15-CP-"
    "ĐCTUBTWMTTQVN; Quyết định 33/2017/QĐ-TTg); sau khi xóa, nội dung đó không còn gắn với họ "
    "tên, điện thoại, thư điện tử, địa chỉ của bạn. Nếu chính nội dung kiến nghị có thông tin "
    "nhận dạng bạn, hãy nêu trong yêu cầu để cán bộ xem xét che thông tin đó. / The petition text "
    "and its timeline stay as a public-interest record of the voter-petition process; after "
    "erasure they are no longer linked to your name, phone, e-mail or address."
)

# One-time codes for the portal's "my personal data" page (operational security values).
OTP_DIGITS = 6
OTP_TTL_MINUTES = 10
OTP_MAX_ATTEMPTS = 5
VERIFIED_SESSION_MINUTES = 30


# --- retention of petitioners' personal data (PET-5) --------------------------------------------
#
# PDPL 2025 storage limitation: personal data is kept only as long as the purpose needs it. The
# reference (security-integration.md PET-5) gives no statutory period: it proposes "6 months after
# closing, mirroring UK practice, unless a law requires longer". We choose 24 months as a
# documented OPERATIONAL choice, not a legal figure: the NA holds two regular sessions a year and
# reports on the supervision of answers to the previous session's petitions at the next one
# (petitions.md §5.2 step 5), so 24 months keeps the contact through four sessions, i.e. at least
# two supervision reports and re-raising at later voter-contact rounds, after which the petition
# needs no contact with the person. Online submissions refused by moderation were never handled;
# their data is kept only 30 days (operational choice: time to read the refusal and resubmit).
RETENTION_MONTHS_AFTER_FINAL = 24
RETENTION_DAYS_AFTER_REJECTION = 30
RETENTION_FINAL = frozenset({S.RESOLVED, S.CLOSED, S.WITHDRAWN, S.DENUNCIATION})


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 29–31st clamp to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_first - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def retention_ends(*, final_on: dt.date) -> dt.date:
    """The day from which a petitioner whose petitions reached a final state on ``final_on`` is
    anonymised (kept through the day before)."""
    return add_months(final_on, RETENTION_MONTHS_AFTER_FINAL)


def rejection_retention_ends(*, rejected_on: dt.date) -> dt.date:
    return rejected_on + dt.timedelta(days=RETENTION_DAYS_AFTER_REJECTION)
