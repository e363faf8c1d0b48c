"""Speakers: electronic registration, the ordered queue, the floor and its timer, questioning,
written opinions, and each body's speaking limits.

A request: requested → speaking → done, or requested → withdrawn. The chair (staff) reorders the
queue and gives/ends the floor; one person holds the floor of a sitting at a time. The timer is
derived from ``started_at`` and ``limit_seconds`` (snapshotted at start from ``rules``), see
``selectors.speaker_timer``. Questioning (chất vấn): questions and follow-ups belong to a group of
issues; a follow-up by a deputy who asked in that group goes ahead of the group's queue
(NA rules Art. 19(2): priority to the deputy who asked).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import is_staff_of, require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.meetings import rules
from nghitruong.meetings.events import publish_on_commit
from nghitruong.meetings.models import (
    AgendaItem,
    QuestioningGroup,
    Session,
    Sitting,
    SpeakerRequest,
    SpeakingLimit,
    WrittenOpinion,
)
from nghitruong.meetings.services._common import (
    NOT_A_MEMBER,
    clean_text,
    is_member,
    lock,
    optional_text,
    person_of,
    require_member,
    require_state,
)

State = SpeakerRequest.State
STATE_MESSAGES = {
    State.REQUESTED: "Đăng ký đang chờ / The request is waiting",
    State.SPEAKING: "Đại biểu đang phát biểu / The speaker has the floor",
    State.DONE: "Đã phát biểu xong / The speech has ended",
    State.WITHDRAWN: "Đăng ký đã rút / The request was withdrawn",
}
SITTING_OPEN_REQUIRED = "Phiên họp không đang diễn ra / The sitting is not open"


def _event(item: AgendaItem, event: str, **extra: Any) -> None:
    sitting = item.sitting
    publish_on_commit(
        event,
        {
            "sitting_id": sitting.pk,
            "item_id": item.pk,
            "body_id": sitting.body_id,
            "state_secrets": sitting.contains_state_secrets,
            **extra,
        },
    )


def _queue(item: AgendaItem) -> list[SpeakerRequest]:
    return list(
        SpeakerRequest.objects.filter(item=item, state=State.REQUESTED).order_by("position", "id")
    )


def _renumber(queue: list[SpeakerRequest]) -> None:
    for position, entry in enumerate(queue, start=1):
        entry.position = position
    SpeakerRequest.objects.bulk_update(queue, ["position"])


def body_limits(body: ElectedBody) -> dict[str, int]:
    return dict(SpeakingLimit.objects.filter(body=body).values_list("kind", "seconds"))


def _check_deputy_rules(item: AgendaItem, person: Person, kind: str) -> None:
    mine = SpeakerRequest.objects.filter(item=item, person=person).exclude(state=State.WITHDRAWN)
    if mine.filter(kind=kind, state=State.REQUESTED).exists():
        raise ConflictError(
            "Đại biểu đã đăng ký loại phát biểu này / Already registered for this kind of speech",
            code="already_registered",
        )
    allowed = rules.speech_allowed(
        kind,
        has_first=mine.filter(kind=rules.SpeechKind.FIRST).exists(),
        first_done=mine.filter(kind=rules.SpeechKind.FIRST, state=State.DONE).exists(),
        has_second=mine.filter(kind=rules.SpeechKind.SECOND).exists(),
    )
    if not allowed:
        raise ConflictError(
            "Mỗi đại biểu phát biểu không quá hai lần về một nội dung; lần thứ hai sau lần thứ nhất"
            " / At most two speeches per item, the second after the first",
            code="speech_limit",
            detail={"kind": kind, "citation": rules.SPEECHES_PER_ITEM_CITATION.text},
        )


def speaker_register(
    *,
    actor: Any,
    item: AgendaItem,
    kind: str,
    person: Person | None = None,
    group: QuestioningGroup | None = None,
) -> SpeakerRequest:
    """Register to speak. A member registers themself for a deputy's kind of speech; staff may
    register anyone (e.g. a minister for an agency explanation) for any kind."""
    sitting = item.sitting
    try:
        speech = rules.SpeechKind(kind)
    except ValueError as exc:
        raise ApplicationError(
            "Loại phát biểu không hợp lệ / Unknown kind of speech", code="invalid_kind"
        ) from exc
    own = person is None or person.pk == getattr(person_of(actor), "pk", None)
    if own:
        person = require_member(actor, sitting.body)
        if speech in rules.STAFF_ONLY_SPEECH_KINDS and not is_staff_of(actor, sitting.body):
            raise PermissionDeniedError(
                "Chỉ chủ tọa, thư ký đăng ký loại phát biểu này / "
                "Only the chair or secretariat registers this kind of speech",
                code="staff_only_kind",
            )
    else:
        require_staff(actor, sitting.body)
        if speech in rules.DEPUTY_SPEECH_KINDS and not is_member(person, sitting.body):
            raise PermissionDeniedError(NOT_A_MEMBER, code="not_a_member")
    assert person is not None  # noqa: S101 - narrowed above
    if speech in rules.QUESTIONING_KINDS:
        if item.kind != AgendaItem.Kind.QUESTIONING or group is None or group.item_id != item.pk:
            raise ApplicationError(
                "Chất vấn phải thuộc một nhóm vấn đề của nội dung chất vấn / "
                "A question needs an issue group of this questioning item",
                code="group_required",
            )
    elif group is not None:
        raise ApplicationError(
            "Chỉ chất vấn mới gắn với nhóm vấn đề / Only questions belong to an issue group",
            code="group_not_allowed",
        )
    with transaction.atomic():
        lock(sitting)
        if sitting.state == Sitting.State.CLOSED:
            raise ConflictError("Phiên họp đã kết thúc / The sitting is closed", code="wrong_state")
        if speech in rules.DEPUTY_SPEECH_KINDS:
            _check_deputy_rules(item, person, speech)
        priority = (
            speech == rules.SpeechKind.FOLLOW_UP
            and SpeakerRequest.objects.filter(
                item=item,
                group=group,
                person=person,
                kind=rules.SpeechKind.QUESTION,
                state__in=[State.SPEAKING, State.DONE],
            ).exists()
        )
        queue = _queue(item)
        request = SpeakerRequest(
            item=item,
            person=person,
            kind=speech.value,
            group=group,
            position=0,
            priority=priority,
            requested_at=timezone.now(),
        )
        request.save()
        index = len(queue)
        if priority:
            # Ahead of every entry of this group except earlier priority follow-ups.
            index = next(
                (
                    i
                    for i, entry in enumerate(queue)
                    if entry.group_id == group.pk and not entry.priority  # type: ignore[union-attr]
                ),
                len(queue),
            )
        queue.insert(index, request)
        _renumber(queue)
        audit_record(
            actor=actor,
            action="speaker.register",
            obj=request,
            body=sitting.body,
            after={
                "item_id": item.pk,
                "person_id": person.pk,
                "kind": speech.value,
                "group_id": group.pk if group else None,
                "position": request.position,
                "priority": priority,
            },
        )
    _event(item, "speakers.changed")
    return request


def speaker_withdraw(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    """requested → withdrawn, by the speaker themself or by staff."""
    item = request.item
    own = request.person.user_id is not None and request.person.user_id == getattr(
        actor, "pk", None
    )
    if not own:
        require_staff(actor, item.sitting.body)
    with transaction.atomic():
        lock(request)
        require_state(request, State.REQUESTED, message=STATE_MESSAGES[State(request.state)])
        request.state = State.WITHDRAWN
        request.save(update_fields=["state"])
        _renumber(_queue(item))
        audit_record(
            actor=actor,
            action="speaker.withdraw",
            obj=request,
            body=item.sitting.body,
            before={"state": State.REQUESTED},
            after={"state": State.WITHDRAWN},
        )
    _event(item, "speakers.changed")
    return request


def speaker_reorder(*, actor: Any, item: AgendaItem, request_ids: list[int]) -> None:
    """The chair sets the queue order; ``request_ids`` lists every waiting request exactly once."""
    require_staff(actor, item.sitting.body)
    with transaction.atomic():
        lock(item.sitting)
        queue = {entry.pk: entry for entry in _queue(item)}
        if len(request_ids) != len(queue) or set(request_ids) != set(queue):
            raise ApplicationError(
                "Danh sách phải gồm đúng mọi đăng ký đang chờ / "
                "The list must contain every waiting request exactly once",
                code="invalid_order",
            )
        before = list(queue)
        _renumber([queue[request_id] for request_id in request_ids])
        audit_record(
            actor=actor,
            action="speaker.reorder",
            obj=item,
            body=item.sitting.body,
            before={"order": before},
            after={"order": list(request_ids)},
        )
    _event(item, "speakers.changed")


def speaker_move(*, actor: Any, request: SpeakerRequest, delta: int) -> None:
    """Move one waiting request ``delta`` places (negative: earlier) — the chair's arrows."""
    queue = [entry.pk for entry in _queue(request.item)]
    if request.pk not in queue:
        raise ConflictError(STATE_MESSAGES[State(request.state)], code="wrong_state")
    index = queue.index(request.pk)
    target = min(max(index + delta, 0), len(queue) - 1)
    queue.insert(target, queue.pop(index))
    speaker_reorder(actor=actor, item=request.item, request_ids=queue)


def speaker_start(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    """Give the floor: requested → speaking. The sitting must be open and the floor free."""
    item = request.item
    sitting = item.sitting
    require_staff(actor, sitting.body)
    with transaction.atomic():
        lock(sitting)
        require_state(sitting, Sitting.State.OPEN, message=SITTING_OPEN_REQUIRED)
        lock(request)
        require_state(request, State.REQUESTED, message=STATE_MESSAGES[State(request.state)])
        if SpeakerRequest.objects.filter(item__sitting=sitting, state=State.SPEAKING).exists():
            raise ConflictError(
                "Một đại biểu khác đang phát biểu / Someone else has the floor", code="floor_taken"
            )
        request.state = State.SPEAKING
        request.started_at = timezone.now()
        request.limit_seconds = rules.limit_seconds(request.kind, body_limits(sitting.body))
        request.save(update_fields=["state", "started_at", "limit_seconds"])
        _renumber(_queue(item))
        audit_record(
            actor=actor,
            action="speaker.start",
            obj=request,
            body=sitting.body,
            before={"state": State.REQUESTED},
            after={"state": State.SPEAKING, "limit_seconds": request.limit_seconds},
        )
    _event(item, "speaker.started", request_id=request.pk)
    return request


def speaker_stop(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    """End the floor: speaking → done."""
    item = request.item
    require_staff(actor, item.sitting.body)
    with transaction.atomic():
        lock(request)
        require_state(request, State.SPEAKING, message=STATE_MESSAGES[State(request.state)])
        request.state = State.DONE
        request.ended_at = timezone.now()
        request.save(update_fields=["state", "ended_at"])
        assert request.started_at is not None  # noqa: S101 - set by speaker_start
        audit_record(
            actor=actor,
            action="speaker.stop",
            obj=request,
            body=item.sitting.body,
            before={"state": State.SPEAKING},
            after={
                "state": State.DONE,
                "duration_seconds": int((request.ended_at - request.started_at).total_seconds()),
            },
        )
    _event(item, "speaker.stopped", request_id=request.pk)
    return request


MAX_EXTENSION_SECONDS = 30 * 60


def speaker_extend(*, actor: Any, request: SpeakerRequest, seconds: int) -> SpeakerRequest:
    """The chair extends the current speech (e.g. an agency explanation, Art. 17–18)."""
    item = request.item
    require_staff(actor, item.sitting.body)
    if not 0 < seconds <= MAX_EXTENSION_SECONDS:
        raise ApplicationError(
            "Thời gian gia hạn từ 1 giây đến 30 phút / Extension must be 1 s – 30 min",
            code="invalid_extension",
        )
    with transaction.atomic():
        lock(request)
        require_state(request, State.SPEAKING, message=STATE_MESSAGES[State(request.state)])
        before = request.limit_seconds
        request.limit_seconds = (before or 0) + seconds
        request.save(update_fields=["limit_seconds"])
        audit_record(
            actor=actor,
            action="speaker.extend",
            obj=request,
            body=item.sitting.body,
            before={"limit_seconds": before},
            after={"limit_seconds": request.limit_seconds},
        )
    _event(item, "speaker.extended", request_id=request.pk)
    return request


def written_opinion_submit(*, actor: Any, item: AgendaItem, text: str) -> WrittenOpinion:
    """A member sends a written opinion on an item (once), while the session has not closed."""
    sitting = item.sitting
    person = require_member(actor, sitting.body)
    text = clean_text(text, max_length=20000, code="invalid_text", label="Nội dung ý kiến")
    with transaction.atomic():
        lock(item)
        if sitting.session.state == Session.State.CLOSED:
            raise ConflictError("Kỳ họp đã bế mạc / The session is closed", code="session_closed")
        if WrittenOpinion.objects.filter(item=item, person=person).exists():
            raise ConflictError(
                "Đại biểu đã gửi ý kiến về nội dung này / Opinion already submitted",
                code="duplicate_opinion",
            )
        opinion = WrittenOpinion.objects.create(
            item=item, person=person, text=text, submitted_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="written_opinion.submit",
            obj=opinion,
            body=sitting.body,
            after={"item_id": item.pk, "person_id": person.pk, "length": len(text)},
        )
    _event(item, "opinions.changed")
    return opinion


def speaking_limit_set(
    *, actor: Any, body: ElectedBody, kind: str, seconds: int, citation: str = ""
) -> SpeakingLimit:
    """Record the body's own limit for a kind of speech (its Nội quy kỳ họp)."""
    require_staff(actor, body)
    if kind not in {speech.value for speech in rules.SpeechKind}:
        raise ApplicationError(
            "Loại phát biểu không hợp lệ / Unknown kind of speech", code="invalid_kind"
        )
    if not 0 < seconds <= 3 * 60 * 60:
        raise ApplicationError(
            "Thời lượng từ 1 giây đến 3 giờ / The limit must be 1 s – 3 h", code="invalid_seconds"
        )
    with transaction.atomic():
        found = SpeakingLimit.objects.select_for_update().filter(body=body, kind=kind).first()
        before = found.seconds if found else None
        limit = found or SpeakingLimit(body=body, kind=kind)
        limit.seconds = seconds
        limit.citation = optional_text(citation, max_length=300)
        limit.save()
        audit_record(
            actor=actor,
            action="speaking_limit.set",
            obj=limit,
            body=body,
            before={"seconds": before},
            after={"kind": kind, "seconds": seconds, "citation": limit.citation},
        )
    return limit
