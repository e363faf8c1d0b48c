"""Reads of the meetings app: sessions, the agenda with its packages and polls, attendance and the
quorum indicator, the speakers' queue and timer, the user's own notes."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import accessible_body_ids, is_staff_of
from nghitruong.core.exceptions import NotFoundError
from nghitruong.documents.permissions import readable_q
from nghitruong.meetings import rules
from nghitruong.meetings.models import (
    AgendaItem,
    Attendance,
    DocumentPackageEntry,
    Note,
    QuestioningGroup,
    Session,
    Sitting,
    SpeakerRequest,
    WrittenOpinion,
)
from nghitruong.meetings.permissions import (
    SITTING_NOT_FOUND,
    access_agenda_item,
    access_note,
    access_session,
    access_sitting,
    access_speaker_request,
)
from nghitruong.meetings.services._common import member_person_ids, person_of
from nghitruong.voting.live import poll_voted_count, published_tally
from nghitruong.voting.models import Poll

__all__ = [
    "access_agenda_item",
    "access_note",
    "access_public_sitting",
    "access_session",
    "access_sitting",
    "access_speaker_request",
    "ai_allowed",
    "attendance_summary",
    "hall_board",
    "item_polls",
    "my_attendance",
    "my_notes",
    "package_entries",
    "public_observation_allowed",
    "session_list",
    "sitting_agenda",
    "speaker_queue",
    "speaker_timer",
    "streaming_allowed",
]


def session_list(*, body: Any, user: Any) -> QuerySet[Session]:
    if body.pk not in accessible_body_ids(user):
        return Session.objects.none()
    return Session.objects.filter(body=body).order_by("-start_date", "-number")


def sitting_list(*, session: Session) -> QuerySet[Sitting]:
    return session.sittings.order_by("date", "planned_start", "id")


def streaming_allowed(sitting: Sitting) -> bool:
    """SECRET-2: a sitting flagged as containing state secrets is never streamed or recorded."""
    return not sitting.contains_state_secrets


def ai_allowed(sitting: Sitting) -> bool:
    """SECRET-2: nor given to the AI assistant (Law 117/2025); only agenda/attendance metadata."""
    return not sitting.contains_state_secrets


# --- agenda ---------------------------------------------------------------------------------------


def package_entries(*, item: AgendaItem, user: Any) -> QuerySet[DocumentPackageEntry]:
    """The item's documents the user may read; the others are not even counted."""
    return (
        DocumentPackageEntry.objects.filter(item=item)
        .filter(readable_q(user, prefix="work__"))
        .select_related("work", "expression")
        .order_by("position", "id")
    )


def item_polls(item: AgendaItem) -> QuerySet[Poll]:
    """Polls whose subject is this item (voting's generic subject), oldest first."""
    return Poll.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem), subject_id=item.pk
    ).order_by("created_at", "id")


@dataclass
class AgendaLine:
    item: AgendaItem
    is_current: bool
    documents: list[DocumentPackageEntry]
    polls: list[Poll]
    groups: list[QuestioningGroup] = field(default_factory=list)


def sitting_agenda(*, sitting: Sitting, user: Any) -> list[AgendaLine]:
    items = list(sitting.items.order_by("position", "id"))
    readable: dict[int, list[DocumentPackageEntry]] = {}
    for entry in (
        DocumentPackageEntry.objects.filter(item__sitting=sitting)
        .filter(readable_q(user, prefix="work__"))
        .select_related("work")
        .order_by("position", "id")
    ):
        readable.setdefault(entry.item_id, []).append(entry)
    polls: dict[int, list[Poll]] = {}
    for poll in Poll.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=[item.pk for item in items],
    ).order_by("created_at", "id"):
        polls.setdefault(int(poll.subject_id or 0), []).append(poll)
    groups: dict[int, list[QuestioningGroup]] = {}
    for group in QuestioningGroup.objects.filter(item__sitting=sitting).order_by("position", "id"):
        groups.setdefault(group.item_id, []).append(group)
    return [
        AgendaLine(
            item=item,
            is_current=item.pk == sitting.current_item_id,
            documents=readable.get(item.pk, []),
            polls=polls.get(item.pk, []),
            groups=groups.get(item.pk, []),
        )
        for item in items
    ]


# --- attendance and quorum ----------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceSummary:
    total: int  # the body's total_members when recorded, else the seated members
    seated: int
    present_hall: int
    present_remote: int
    left: int
    absent_excused: int
    absent: int
    not_recorded: int
    quorum_required: int
    quorum_met: bool
    quorum_label: str
    quorum_citation: str
    lists: dict[str, list[tuple[str, str]]]  # status → [(full name, reason)] by name

    @property
    def present(self) -> int:
        return self.present_hall + self.present_remote


def attendance_summary(*, sitting: Sitting) -> AttendanceSummary:
    seated_ids = member_person_ids(sitting.body)
    total = sitting.body.total_members or len(seated_ids)
    rows = list(
        Attendance.objects.filter(sitting=sitting, person_id__in=seated_ids)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )
    counts = dict.fromkeys(Attendance.Status.values, 0)
    lists: dict[str, list[tuple[str, str]]] = {status: [] for status in Attendance.Status.values}
    for row in rows:
        counts[row.status] += 1
        lists[row.status].append((row.person.full_name, row.reason))
    recorded = {row.person_id for row in rows}
    lists["not_recorded"] = sorted(
        (p.full_name, "")
        for p in Person.objects.filter(pk__in=set(seated_ids) - recorded).only("full_name")
    )
    present = counts[Attendance.Status.PRESENT_HALL] + counts[Attendance.Status.PRESENT_REMOTE]
    rule = rules.quorum_rule(sitting.body.kind)
    required = rules.quorum_required(rule.kind, total) if total else 0
    return AttendanceSummary(
        total=total,
        seated=len(seated_ids),
        present_hall=counts[Attendance.Status.PRESENT_HALL],
        present_remote=counts[Attendance.Status.PRESENT_REMOTE],
        left=counts[Attendance.Status.LEFT],
        absent_excused=counts[Attendance.Status.ABSENT_EXCUSED],
        absent=counts[Attendance.Status.ABSENT],
        not_recorded=len(seated_ids) - len(recorded),
        quorum_required=required,
        quorum_met=bool(total) and rules.quorum_met(rule.kind, present, total),
        quorum_label=rule.label,
        quorum_citation=rule.citation.text,
        lists=lists,
    )


def unrecorded_members(*, sitting: Sitting) -> list[Person]:
    """Members with no attendance row yet (the chair's roll call), by name."""
    recorded = Attendance.objects.filter(sitting=sitting).values_list("person_id", flat=True)
    return list(
        Person.objects.filter(pk__in=member_person_ids(sitting.body))
        .exclude(pk__in=recorded)
        .order_by("full_name", "pk")
    )


def my_attendance(*, sitting: Sitting, user: Any) -> Attendance | None:
    person = person_of(user)
    if person is None:
        return None
    return Attendance.objects.filter(sitting=sitting, person=person).first()


# --- speakers -------------------------------------------------------------------------------------


def speaker_queue(*, item: AgendaItem) -> list[SpeakerRequest]:
    return list(
        SpeakerRequest.objects.filter(item=item, state=SpeakerRequest.State.REQUESTED)
        .select_related("person", "group")
        .order_by("position", "id")
    )


def speakers_done(*, item: AgendaItem) -> list[SpeakerRequest]:
    return list(
        SpeakerRequest.objects.filter(item=item, state=SpeakerRequest.State.DONE)
        .select_related("person", "group")
        .order_by("started_at", "id")
    )


def current_speaker(*, sitting: Sitting) -> SpeakerRequest | None:
    return (
        SpeakerRequest.objects.filter(item__sitting=sitting, state=SpeakerRequest.State.SPEAKING)
        .select_related("person", "item", "group")
        .first()
    )


@dataclass(frozen=True)
class Timer:
    limit: int
    elapsed: int
    remaining: int
    over: bool
    ends_at: dt.datetime

    @property
    def remaining_display(self) -> str:
        sign = "-" if self.remaining < 0 else ""
        minutes, seconds = divmod(abs(self.remaining), 60)
        return f"{sign}{minutes:02d}:{seconds:02d}"


def speaker_timer(request: SpeakerRequest, *, now: dt.datetime | None = None) -> Timer | None:
    """The timer everyone sees, derived from ``started_at`` and the snapshotted limit."""
    if request.started_at is None or request.limit_seconds is None:
        return None
    end = request.ended_at or now or timezone.now()
    elapsed = max(int((end - request.started_at).total_seconds()), 0)
    limit = request.limit_seconds
    return Timer(
        limit=limit,
        elapsed=elapsed,
        remaining=rules.remaining_seconds(elapsed, limit),
        over=rules.is_over_limit(elapsed, limit),
        ends_at=request.started_at + dt.timedelta(seconds=limit),
    )


def registrable_kinds(item: AgendaItem) -> list[tuple[str, str]]:
    """(value, label) of the speeches a deputy may pick on ``item``, in display order."""
    kinds = (
        rules.QUESTIONING_CHOICES
        if item.kind == AgendaItem.Kind.QUESTIONING
        else rules.DEBATE_CHOICES
    )
    return [(kind.value, str(rules.SPEECH_LABELS[kind])) for kind in kinds]


def my_requests(*, item: AgendaItem, user: Any) -> list[SpeakerRequest]:
    person = person_of(user)
    if person is None:
        return []
    return list(SpeakerRequest.objects.filter(item=item, person=person).order_by("id"))


def written_opinions(*, item: AgendaItem, user: Any) -> list[WrittenOpinion]:
    """Staff see every opinion on the item; a member sees their own."""
    qs = WrittenOpinion.objects.filter(item=item).select_related("person")
    if is_staff_of(user, item.sitting.body):
        return list(qs)
    person = person_of(user)
    return list(qs.filter(person=person)) if person else []


# --- notes ----------------------------------------------------------------------------------------


def my_notes(*, user: Any, work_ids: list[int] | None = None) -> QuerySet[Note]:
    """The user's own notes (optionally on some works) — never anyone else's."""
    if not getattr(user, "is_authenticated", False):
        return Note.objects.none()
    qs = Note.objects.filter(owner_id=user.pk).select_related("work")
    if work_ids is not None:
        qs = qs.filter(work_id__in=work_ids)
    return qs.order_by("-updated_at", "-id")


# --- live screens: the hall screen and the public observer view ----------------------------------


# Sittings the public may watch once opened. A group discussion (thảo luận ở tổ) is not broadcast
# (platform default); a sitting flagged as containing state secrets never is (SECRET-2).
def public_observation_allowed(sitting: Sitting) -> bool:
    """May anyone watch ``sitting`` (the observer view and its stream)? See rules.public_may_observe."""
    return rules.public_may_observe(
        kind=sitting.kind,
        state=sitting.state,
        contains_state_secrets=not streaming_allowed(sitting),
    )


def access_public_sitting(sitting_id: int) -> Sitting:
    """The sitting as the public sees it; one it may not watch looks exactly like a missing one."""
    sitting = (
        Sitting.objects.select_related("body", "session", "current_item")
        .filter(pk=sitting_id)
        .first()
    )
    if sitting is None or not public_observation_allowed(sitting):
        raise NotFoundError(SITTING_NOT_FOUND)
    return sitting


@dataclass(frozen=True)
class LatestVote:
    poll: Poll
    item: AgendaItem
    voted: int | None  # ballots so far while the poll is open
    result: dict[str, Any] | None  # the published tally only (voting.live.published_tally)


def latest_vote(
    *, sitting: Sitting, agenda: Iterable[AgendaItem] | None = None
) -> LatestVote | None:
    """The most recent poll put to the vote on one of the sitting's items (never a draft);
    ``agenda``: the sitting's items if the caller has them already."""
    items = {item.pk: item for item in (sitting.items.all() if agenda is None else agenda)}
    poll = (
        Poll.objects.filter(
            subject_type=ContentType.objects.get_for_model(AgendaItem),
            subject_id__in=list(items),
        )
        .exclude(state=Poll.State.CREATED)
        .order_by("-started_at", "-id")
        .first()
    )
    if poll is None:
        return None
    voted = poll_voted_count(poll) if poll.state == Poll.State.STARTED else None
    return LatestVote(
        poll=poll,
        item=items[int(poll.subject_id or 0)],
        voted=voted,
        result=published_tally(poll),
    )


@dataclass(frozen=True)
class HallBoard:
    """What a hall screen or an observer sees: public state only (no documents, no notes)."""

    sitting: Sitting
    agenda: list[AgendaItem]
    current_item: AgendaItem | None
    speaker: SpeakerRequest | None
    timer: Timer | None
    queue: list[SpeakerRequest]
    attendance: AttendanceSummary
    vote: LatestVote | None
    server_now: dt.datetime


def hall_board(*, sitting: Sitting) -> HallBoard:
    agenda = list(sitting.items.order_by("position", "id"))
    current = next((item for item in agenda if item.pk == sitting.current_item_id), None)
    speaker = current_speaker(sitting=sitting)
    return HallBoard(
        sitting=sitting,
        agenda=agenda,
        current_item=current,
        speaker=speaker,
        timer=speaker_timer(speaker) if speaker else None,
        queue=speaker_queue(item=current) if current else [],
        attendance=attendance_summary(sitting=sitting),
        vote=latest_vote(sitting=sitting, agenda=agenda),
        server_now=timezone.now(),
    )
