"""The minutes (biên bản) of a sitting, generated from what the platform recorded.

``minutes_build`` gathers the agenda, attendance (counts, lists, quorum), the speakers with their
start/end times and durations, the written opinions and every poll's result board into one
structure; ``Minutes.as_dict()`` is the API's JSON; ``minutes.layout.minutes_blocks`` turns it into
the lines both the DOCX (``minutes.docx``) and the PDF (``minutes.pdf``) print, so the two carry
exactly the same text.

A sitting flagged as containing state secrets gets agenda and attendance only (SECRET-2).
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone

from nghitruong.meetings import rules
from nghitruong.meetings.models import Sitting, SpeakerRequest, WrittenOpinion
from nghitruong.meetings.selectors import attendance_summary, sitting_agenda
from nghitruong.voting.selectors import poll_result_board_for


@dataclass
class MinutesSpeaker:
    name: str
    kind: str
    kind_label: str
    group: str
    started_at: dt.datetime
    ended_at: dt.datetime
    duration_seconds: int
    limit_seconds: int
    over_limit: bool


@dataclass
class MinutesPollLine:
    key: str
    label: str
    count: int
    percent: str


@dataclass
class MinutesPoll:
    poll_id: int
    title: str
    state: str
    result_available: bool
    total_members: int | None = None
    lines: list[MinutesPollLine] = field(default_factory=list)
    required_votes: int | None = None
    majority_label: str = ""
    rule_citation: str = ""
    verdict: str = ""


@dataclass
class MinutesItem:
    position: int
    title: str
    kind: str
    kind_label: str
    presenters: list[str]
    documents: list[str]
    speakers: list[MinutesSpeaker] = field(default_factory=list)
    written_opinions: list[str] = field(default_factory=list)
    polls: list[MinutesPoll] = field(default_factory=list)


@dataclass
class MinutesAttendance:
    total: int
    seated: int
    present: int
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
    lists: dict[str, list[dict[str, str]]]


@dataclass
class Minutes:
    body_name: str
    session_title: str
    session_number: int
    sitting_id: int
    sitting_title: str
    sitting_kind_label: str
    date: dt.date
    location: str
    state: str
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    contains_state_secrets: bool
    attendance: MinutesAttendance
    items: list[MinutesItem]
    generated_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON types: datetimes as ISO 8601 with offset, dates as YYYY-MM-DD."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _speakers(sitting: Sitting) -> dict[int, list[MinutesSpeaker]]:
    found: dict[int, list[MinutesSpeaker]] = {}
    for request in (
        SpeakerRequest.objects.filter(item__sitting=sitting, state=SpeakerRequest.State.DONE)
        .select_related("person", "group")
        .order_by("started_at", "id")
    ):
        assert request.started_at is not None  # noqa: S101 - done requests have both times
        assert request.ended_at is not None  # noqa: S101
        duration = int((request.ended_at - request.started_at).total_seconds())
        limit = request.limit_seconds or 0
        found.setdefault(request.item_id, []).append(
            MinutesSpeaker(
                name=request.person.full_name,
                kind=request.kind,
                kind_label=str(rules.SPEECH_LABELS[rules.SpeechKind(request.kind)]),
                group=request.group.title if request.group else "",
                started_at=request.started_at,
                ended_at=request.ended_at,
                duration_seconds=duration,
                limit_seconds=limit,
                over_limit=rules.is_over_limit(duration, limit),
            )
        )
    return found


def _opinions(sitting: Sitting) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for opinion in (
        WrittenOpinion.objects.filter(item__sitting=sitting)
        .select_related("person")
        .order_by("submitted_at", "id")
    ):
        found.setdefault(opinion.item_id, []).append(opinion.person.full_name)
    return found


def _poll(user: Any, poll: Any) -> MinutesPoll:
    board = poll_result_board_for(user=user, poll=poll)
    if board is None:
        return MinutesPoll(poll.pk, poll.title, poll.state, result_available=False)
    return MinutesPoll(
        poll_id=poll.pk,
        title=poll.title,
        state=poll.state,
        result_available=True,
        total_members=board.total_members,
        lines=[
            MinutesPollLine(line.key, line.label, line.count, line.percent_display)
            for line in board.lines
        ],
        required_votes=board.required_votes,
        majority_label=board.majority_label,
        rule_citation=board.rule_citation,
        verdict=board.verdict,
    )


def minutes_build(*, sitting: Sitting, user: Any) -> Minutes:
    """The minutes as ``user`` may see them (documents they may read, results they may see)."""
    summary = attendance_summary(sitting=sitting)
    secret = sitting.contains_state_secrets
    speakers = {} if secret else _speakers(sitting)
    opinions = {} if secret else _opinions(sitting)
    items = []
    for line in sitting_agenda(sitting=sitting, user=user):
        item = line.item
        items.append(
            MinutesItem(
                position=item.position,
                title=item.title,
                kind=item.kind,
                kind_label=str(item.get_kind_display()),
                presenters=list(item.presenters),
                documents=[] if secret else [str(entry.work) for entry in line.documents],
                speakers=speakers.get(item.pk, []),
                written_opinions=opinions.get(item.pk, []),
                polls=[] if secret else [_poll(user, poll) for poll in line.polls],
            )
        )
    attendance = MinutesAttendance(
        total=summary.total,
        seated=summary.seated,
        present=summary.present,
        present_hall=summary.present_hall,
        present_remote=summary.present_remote,
        left=summary.left,
        absent_excused=summary.absent_excused,
        absent=summary.absent,
        not_recorded=summary.not_recorded,
        quorum_required=summary.quorum_required,
        quorum_met=summary.quorum_met,
        quorum_label=summary.quorum_label,
        quorum_citation=summary.quorum_citation,
        lists={
            status: [{"name": name, "reason": reason} for name, reason in names]
            for status, names in summary.lists.items()
        },
    )
    session = sitting.session
    return Minutes(
        body_name=sitting.body.name,
        session_title=session.title,
        session_number=session.number,
        sitting_id=sitting.pk,
        sitting_title=sitting.title,
        sitting_kind_label=str(sitting.get_kind_display()),
        date=sitting.date,
        location=sitting.location,
        state=sitting.state,
        opened_at=sitting.opened_at,
        closed_at=sitting.closed_at,
        contains_state_secrets=secret,
        attendance=attendance,
        items=items,
        generated_at=timezone.now(),
    )
