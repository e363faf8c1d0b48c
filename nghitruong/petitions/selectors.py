"""Reads for petitions: scoped lists, ``access_*``, the public follow view, supervision figures."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.permissions import accessible_body_ids
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.core.text import fold
from nghitruong.petitions import rules, tracking
from nghitruong.petitions.models import (
    CalendarDay,
    ClockConfig,
    Petition,
    PetitionAnswer,
    Petitioner,
    PetitionEvent,
    PetitionField,
    VoterMeeting,
)
from nghitruong.petitions.permissions import (
    agency_ids_of,
    can_see_petitioner,
    is_supervisor,
    petition_scope,
)

NOT_FOUND = "Không tìm thấy kiến nghị / Petition not found"


def petition_list(
    *,
    user: object,
    body: ElectedBody | None = None,
    status: str | None = None,
    field_code: str | None = None,
    agency_id: int | None = None,
    query: str | None = None,
) -> QuerySet[Petition]:
    qs = Petition.objects.filter(petition_scope(user)).select_related(
        "body", "field", "agency", "province"
    )
    if body is not None:
        qs = qs.filter(body=body)
    if status:
        qs = qs.filter(status=status)
    if field_code:
        qs = qs.filter(field__code=field_code)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    return qs.order_by("-received_on", "-id")


def agency_inbox(*, user: object) -> QuerySet[Petition]:
    """The petitions assigned to the user's agencies as lead agency, oldest due date first."""
    return (
        Petition.objects.filter(agency_id__in=agency_ids_of(user), status__in=("assigned",))
        .select_related("body", "field", "agency")
        .order_by("due_date", "id")
    )


def access_petition(user: object, petition_id: int) -> Petition:
    try:
        return Petition.objects.select_related("body", "agency", "field", "province").get(
            petition_scope(user), pk=petition_id
        )
    except Petition.DoesNotExist as exc:
        raise NotFoundError(NOT_FOUND) from exc


def access_meeting(user: object, meeting_id: int) -> VoterMeeting:
    meeting = VoterMeeting.objects.filter(
        pk=meeting_id, body_id__in=accessible_body_ids(user)
    ).first()
    if meeting is None:
        raise NotFoundError("Không tìm thấy cuộc tiếp xúc cử tri / Meeting not found")
    return meeting


def meeting_list(*, user: object, body: ElectedBody) -> QuerySet[VoterMeeting]:
    if body.pk not in accessible_body_ids(user):
        return VoterMeeting.objects.none()
    return VoterMeeting.objects.filter(body=body).prefetch_related("deputies")


def petitioner_for(*, user: object, petition: Petition) -> Petitioner | None:
    """The petitioner's personal data, for staff of the owning body only (PET-3)."""
    if not can_see_petitioner(user, petition):
        raise PermissionDeniedError(
            "Bạn không được xem thông tin cá nhân người kiến nghị / You may not see the "
            "petitioner's personal data"
        )
    return petition.petitioner


def answers_of(*, petition: Petition) -> QuerySet[PetitionAnswer]:
    return petition.answers.select_related("agency", "suggested_agency").prefetch_related(
        "attachments"
    )


def calendar_between(start: dt.date, end: dt.date) -> rules.Calendar:
    rows = CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list(
        "date", "is_day_off", "name"
    )
    off = {day: name for day, is_off, name in rows if is_off}
    work = {day: name for day, is_off, name in rows if not is_off}
    return rules.Calendar(days_off=off, workdays=work)


def calendar_from(start: dt.date) -> rules.Calendar:
    """Enough calendar for any clock starting on ``start`` (one year ahead)."""
    return calendar_between(start, start + dt.timedelta(days=400))


def clock_rules_for(body: ElectedBody) -> rules.ClockRules:
    config = ClockConfig.objects.filter(body=body).first()
    if config is None:
        return rules.DEFAULT_CLOCK
    return rules.ClockRules(
        single_agency_days=config.single_agency_days,
        multi_agency_days=config.multi_agency_days,
        day_kind=rules.DayKind(config.day_kind),
        legal_basis=config.legal_basis,
    )


# --- the public follow page (no personal data) -------------------------------------------------


# What each timeline event is called on the public and staff pages (PetitionEvent.kind → label).
EVENT_LABELS: dict[str, Any] = {
    "received": _("Tiếp nhận"),
    "classified": _("Phân loại"),
    "assigned": _("Chuyển cơ quan có thẩm quyền"),
    "reassigned": _("Chuyển lại cơ quan khác"),
    "answer.resolved": _("Trả lời: đã giải quyết"),
    "answer.being_resolved": _("Trả lời: đang giải quyết"),
    "answer.explanation_only": _("Trả lời: giải trình, cung cấp thông tin"),
    "answer.not_competent": _("Trả lời: không thuộc thẩm quyền"),
    "closed": _("Kết thúc theo dõi"),
    "withdrawn": _("Rút kiến nghị"),
    "denunciation": _("Là tố cáo — hướng dẫn kênh chính thức"),
    "merged": _("Tổng hợp với kiến nghị cùng nội dung"),
    "merged.added": _("Tổng hợp thêm kiến nghị cùng nội dung"),
    "unmerged": _("Tách khỏi nhóm tổng hợp"),
    "merged.removed": _("Bớt kiến nghị khỏi nhóm tổng hợp"),
    "moderation.approved": _("Kiểm duyệt: chấp nhận"),
    "moderation.rejected": _("Kiểm duyệt: không tiếp nhận"),
    "clock.paused": _("Tạm dừng thời hạn"),
    "clock.resumed": _("Tiếp tục tính thời hạn"),
    "clock.extended": _("Gia hạn trả lời"),
    "overdue": _("Quá hạn trả lời"),
    "commitment_broken": _("Quá thời hạn cam kết giải quyết"),
}


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


def petition_timeline(petition: Petition) -> list[dict[str, Any]]:
    """The petition's own events with their labels, and (staff only, never on the public follow
    page) the deadline reminders sent to the agency (``services.reminders``)."""
    rows = [
        {
            "at": e.at,
            "kind": e.kind,
            "label": event_label(e.kind),
            "status": e.status,
            "note": e.note,
        }
        for e in petition.events.all()
    ]
    from nghitruong.petitions.selectors_overdue import reminder_timeline

    return sorted(rows + reminder_timeline(petition), key=lambda row: row["at"])


def petition_follow(*, code: str) -> dict[str, Any]:
    """What anyone holding the tracking code may see: status, agency, due date, timeline.

    An invalid code and an unknown code get the same NotFoundError, so a guessed neighbouring code
    reveals nothing (not even that the check character was right).
    """
    if not tracking.is_valid(code):
        raise NotFoundError(NOT_FOUND)
    own = (
        Petition.objects.select_related("body", "agency", "field", "duplicate_of")
        .filter(tracking_code=tracking.normalise(code))
        .first()
    )
    if own is None:
        raise NotFoundError(NOT_FOUND)
    # A merged petition is followed through its group's primary (the one routed and answered):
    # its own events up to the merge, then the primary's from then on.
    petition = own.duplicate_of or own
    which = Q(petition=own)
    if own.duplicate_of is not None and own.merged_at is not None:
        which |= Q(petition=petition, at__gt=own.merged_at)
    events = PetitionEvent.objects.filter(which).order_by("at", "id")
    status_label = str(petition.get_status_display())
    if own.moderation in (Petition.Moderation.PENDING, Petition.Moderation.REJECTED):
        status_label = str(own.get_moderation_display())
    return {
        "tracking_code": tracking.display(own.tracking_code),
        "status": petition.status,
        "status_label": status_label,
        "moderation": own.moderation,
        "merged": own.duplicate_of_id is not None,
        "body": own.body.name,
        "field": petition.field.name if petition.field else "",
        "agency": petition.agency.name if petition.agency else "",
        "received_on": own.received_on,
        "due_date": petition.due_date,
        "due_explanation": petition.due_explanation,
        # Late as the statistics count it (selectors_public.OVERDUE): an answer past its due
        # date, or a "being resolved" commitment past its date.
        "overdue": petition.overdue_since is not None
        or petition.commitment_broken_since is not None,
        "timeline": [
            {
                "at": e.at,
                "kind": e.kind,
                "label": event_label(e.kind),
                "status": e.status,
                "note": e.note,
            }
            for e in events
        ],
    }


# --- supervision -------------------------------------------------------------------------------

ANSWERED_OUTCOMES = ("resolved", "being_resolved", "explanation_only")


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _rows(qs: QuerySet[Petition], key: str, label: str) -> list[dict[str, Any]]:
    grouped = (
        qs.values(key, label)
        .annotate(
            total=Count("id"),
            answered=Count("id", filter=Q(latest_outcome__in=ANSWERED_OUTCOMES)),
            resolved=Count("id", filter=Q(latest_outcome="resolved")),
            overdue=Count("id", filter=Q(overdue_since__isnull=False)),
        )
        .order_by("-total", label)
    )
    return [
        {
            "key": row[key],
            "label": row[label] or "",
            "total": row["total"],
            "answered": row["answered"],
            "resolved": row["resolved"],
            "overdue": row["overdue"],
            "answered_pct": _percent(row["answered"], row["total"]),
            "resolved_pct": _percent(row["resolved"], row["total"]),
        }
        for row in grouped
    ]


def supervision_summary(
    *,
    user: object,
    body: ElectedBody | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> dict[str, Any]:
    """The supervision report's tables: petitions sent to agencies, answered vs resolved.

    The population is every petition that reached an agency (``clock_start`` set), within the
    caller's scope. "Answered" counts any answer other than "not competent"; "resolved" only
    the ``resolved`` outcome, so 99.87 % answered can sit beside 8.79 % resolved.
    """
    qs = Petition.objects.filter(petition_scope(user), clock_start__isnull=False)
    if body is not None:
        qs = qs.filter(body=body)
    if received_from is not None:
        qs = qs.filter(received_on__gte=received_from)
    if received_to is not None:
        qs = qs.filter(received_on__lte=received_to)
    totals = qs.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(latest_outcome__in=ANSWERED_OUTCOMES)),
        resolved=Count("id", filter=Q(latest_outcome="resolved")),
        being_resolved=Count("id", filter=Q(latest_outcome="being_resolved")),
        explanation_only=Count("id", filter=Q(latest_outcome="explanation_only")),
        overdue=Count("id", filter=Q(overdue_since__isnull=False)),
        broken_commitments=Count("id", filter=Q(commitment_broken_since__isnull=False)),
    )
    return {
        **totals,
        "answered_pct": _percent(totals["answered"], totals["total"]),
        "resolved_pct": _percent(totals["resolved"], totals["total"]),
        "by_field": _rows(qs, "field__code", "field__name"),
        "by_agency": _rows(qs, "agency__code", "agency__name"),
        "by_province": _rows(qs, "province__code", "province__name"),
    }


def may_supervise(user: object) -> bool:
    return bool(getattr(user, "is_superuser", False)) or is_supervisor(user)


def field_get(*, code: str) -> PetitionField:
    found = PetitionField.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise NotFoundError("Không tìm thấy lĩnh vực / Field not found")
    return found
