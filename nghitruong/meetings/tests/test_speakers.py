"""Speaker registration, the queue, the floor and its derived timer, questioning, opinions."""

import datetime as dt

import pytest
import time_machine

from nghitruong.accounts.models import Person
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, SpeakerRequest, WrittenOpinion
from nghitruong.meetings.selectors import current_speaker, speaker_queue, speaker_timer
from nghitruong.meetings.tests.conftest import Hall, audit_count

R = SpeakerRequest.State
T0 = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)


def _names(item: AgendaItem) -> list[str]:
    return [entry.person.full_name for entry in speaker_queue(item=item)]


def test_register_reorder_start_stop(hall: Hall) -> None:
    item = hall.items[1]
    a, b, c = (
        services.speaker_register(actor=user, item=item, kind="first") for user in hall.deputies[:3]
    )
    assert _names(item) == ["Nguyễn Thị Ánh", "Trần Văn Bình", "Lê Hoàng Cường"]
    services.speaker_reorder(actor=hall.staff, item=item, request_ids=[c.pk, a.pk, b.pk])
    assert _names(item) == ["Lê Hoàng Cường", "Nguyễn Thị Ánh", "Trần Văn Bình"]
    services.speaker_start(actor=hall.staff, request=c)
    assert current_speaker(sitting=hall.sitting).pk == c.pk  # type: ignore[union-attr]
    assert _names(item) == ["Nguyễn Thị Ánh", "Trần Văn Bình"]
    with pytest.raises(ConflictError) as exc:
        services.speaker_start(actor=hall.staff, request=a)
    assert exc.value.code == "floor_taken"
    services.speaker_stop(actor=hall.staff, request=c)
    c.refresh_from_db()
    assert c.state == R.DONE
    assert current_speaker(sitting=hall.sitting) is None


def test_reorder_must_be_a_permutation(hall: Hall) -> None:
    item = hall.items[1]
    a = services.speaker_register(actor=hall.deputies[0], item=item, kind="first")
    b = services.speaker_register(actor=hall.deputies[1], item=item, kind="first")
    before = audit_count()
    with pytest.raises(ApplicationError) as exc:
        services.speaker_reorder(actor=hall.staff, item=item, request_ids=[b.pk])
    assert exc.value.code == "invalid_order"
    with pytest.raises(PermissionDeniedError):
        services.speaker_reorder(actor=hall.deputies[0], item=item, request_ids=[b.pk, a.pk])
    assert _names(item) == ["Nguyễn Thị Ánh", "Trần Văn Bình"]
    assert audit_count() == before


def test_timer_is_derived_and_limit_boundary(hall: Hall) -> None:
    item = hall.items[1]
    with time_machine.travel(T0, tick=False) as clock:
        request = services.speaker_register(actor=hall.deputies[0], item=item, kind="first")
        services.speaker_start(actor=hall.staff, request=request)
        request.refresh_from_db()
        assert request.limit_seconds == 420
        clock.shift(420)
        timer = speaker_timer(request)
        assert timer is not None
        assert (timer.elapsed, timer.remaining, timer.over) == (420, 0, False)
        assert timer.remaining_display == "00:00"
        clock.shift(1)
        timer = speaker_timer(request)
        assert timer is not None
        assert (timer.elapsed, timer.remaining, timer.over) == (421, -1, True)
        assert timer.remaining_display == "-00:01"
        assert timer.ends_at == T0 + dt.timedelta(seconds=420)


def test_body_limit_override_and_chair_extension(hall: Hall) -> None:
    services.speaking_limit_set(
        actor=hall.staff, body=hall.body, kind="agency_explanation", seconds=480
    )
    minister = Person.objects.create(full_name="Bộ trưởng Bộ Tư pháp")
    request = services.speaker_register(
        actor=hall.staff, item=hall.items[1], kind="agency_explanation", person=minister
    )
    services.speaker_start(actor=hall.staff, request=request)
    request.refresh_from_db()
    assert request.limit_seconds == 480
    services.speaker_extend(actor=hall.staff, request=request, seconds=120)
    request.refresh_from_db()
    assert request.limit_seconds == 600


def test_deputy_cannot_register_agency_kinds_or_for_others(hall: Hall) -> None:
    item = hall.items[1]
    with pytest.raises(PermissionDeniedError):
        services.speaker_register(actor=hall.deputies[0], item=item, kind="presentation")
    with pytest.raises(PermissionDeniedError):
        services.speaker_register(
            actor=hall.deputies[0], item=item, kind="first", person=hall.person(hall.deputies[1])
        )
    assert not SpeakerRequest.objects.exists()


def test_two_speeches_per_item(hall: Hall) -> None:
    item = hall.items[1]
    user = hall.deputies[0]
    with pytest.raises(ConflictError) as exc:
        services.speaker_register(actor=user, item=item, kind="second")
    assert exc.value.code == "speech_limit"
    first = services.speaker_register(actor=user, item=item, kind="first")
    with pytest.raises(ConflictError) as exc:
        services.speaker_register(actor=user, item=item, kind="first")
    assert exc.value.code == "already_registered"
    services.speaker_start(actor=hall.staff, request=first)
    services.speaker_stop(actor=hall.staff, request=first)
    services.speaker_register(actor=user, item=item, kind="second")
    with pytest.raises(ConflictError):
        services.speaker_register(actor=user, item=item, kind="second")
    services.speaker_register(actor=user, item=item, kind="debate_reply")
    assert list(SpeakerRequest.objects.filter(person__user=user).values_list("kind", "state")) == [
        ("first", "done"),
        ("second", "requested"),
        ("debate_reply", "requested"),
    ]


def test_withdraw_own_only(hall: Hall) -> None:
    item = hall.items[1]
    request = services.speaker_register(actor=hall.deputies[0], item=item, kind="first")
    with pytest.raises(PermissionDeniedError):
        services.speaker_withdraw(actor=hall.deputies[1], request=request)
    request.refresh_from_db()
    assert request.state == R.REQUESTED
    services.speaker_withdraw(actor=hall.deputies[0], request=request)
    request.refresh_from_db()
    assert request.state == R.WITHDRAWN
    with pytest.raises(ConflictError):
        services.speaker_withdraw(actor=hall.deputies[0], request=request)
    # Withdrawn: registering a first speech again is allowed.
    services.speaker_register(actor=hall.deputies[0], item=item, kind="first")


def test_start_needs_open_sitting(planned_hall: Hall) -> None:
    h = planned_hall
    request = services.speaker_register(actor=h.deputies[0], item=h.items[1], kind="first")
    with pytest.raises(ConflictError):
        services.speaker_start(actor=h.staff, request=request)
    request.refresh_from_db()
    assert (request.state, request.started_at) == (R.REQUESTED, None)


def _questioning(hall: Hall) -> tuple[AgendaItem, object, object]:
    item = services.agenda_item_create(
        actor=hall.staff,
        sitting=hall.sitting,
        title="Chất vấn lĩnh vực tư pháp",
        kind=AgendaItem.Kind.QUESTIONING,
    )
    g1 = services.questioning_group_create(
        actor=hall.staff,
        item=item,
        title="Nhóm vấn đề 1: thi hành án",
        officials=["Bộ trưởng Bộ Tư pháp"],
    )
    g2 = services.questioning_group_create(
        actor=hall.staff,
        item=item,
        title="Nhóm vấn đề 2: đất đai",
        officials=["Bộ trưởng Bộ TN&MT"],
    )
    return item, g1, g2


def test_follow_up_priority_for_the_asking_deputy(hall: Hall) -> None:
    item, g1, g2 = _questioning(hall)
    ask_a = services.speaker_register(actor=hall.deputies[0], item=item, kind="question", group=g1)
    services.speaker_register(actor=hall.deputies[1], item=item, kind="question", group=g1)
    services.speaker_register(actor=hall.deputies[2], item=item, kind="question", group=g1)
    services.speaker_register(actor=hall.deputies[3], item=item, kind="question", group=g2)
    services.speaker_start(actor=hall.staff, request=ask_a)
    services.speaker_stop(actor=hall.staff, request=ask_a)
    # A deputy who did not ask in g1 goes to the back.
    services.speaker_register(actor=hall.deputies[4], item=item, kind="follow_up", group=g1)
    # The asker's follow-up jumps to the front of g1's queue.
    follow = services.speaker_register(
        actor=hall.deputies[0], item=item, kind="follow_up", group=g1
    )
    assert follow.priority is True
    queue = speaker_queue(item=item)
    assert [(e.person.full_name, e.kind, e.position) for e in queue] == [
        ("Nguyễn Thị Ánh", "follow_up", 1),
        ("Trần Văn Bình", "question", 2),
        ("Lê Hoàng Cường", "question", 3),
        ("Phạm Thị Duyên", "question", 4),
        ("Đỗ Quốc Hưng", "follow_up", 5),
    ]


def test_follow_up_from_asker_in_other_group_is_not_prioritised(hall: Hall) -> None:
    item, g1, g2 = _questioning(hall)
    ask = services.speaker_register(actor=hall.deputies[0], item=item, kind="question", group=g2)
    services.speaker_start(actor=hall.staff, request=ask)
    services.speaker_stop(actor=hall.staff, request=ask)
    services.speaker_register(actor=hall.deputies[1], item=item, kind="question", group=g1)
    follow = services.speaker_register(
        actor=hall.deputies[0], item=item, kind="follow_up", group=g1
    )
    assert follow.priority is False
    assert _names(item) == ["Trần Văn Bình", "Nguyễn Thị Ánh"]


def test_question_needs_group_of_the_item(hall: Hall) -> None:
    item, g1, _ = _questioning(hall)
    with pytest.raises(ApplicationError) as exc:
        services.speaker_register(actor=hall.deputies[0], item=item, kind="question")
    assert exc.value.code == "group_required"
    with pytest.raises(ApplicationError):
        services.speaker_register(
            actor=hall.deputies[0], item=hall.items[1], kind="question", group=g1
        )
    assert not SpeakerRequest.objects.exists()


def test_written_opinion_once_per_item(hall: Hall) -> None:
    item = hall.items[1]
    opinion = services.written_opinion_submit(
        actor=hall.deputies[0], item=item, text="Đề nghị bổ sung quy định về quy hoạch Thủ đô."
    )
    assert opinion.text == "Đề nghị bổ sung quy định về quy hoạch Thủ đô."
    with pytest.raises(ConflictError):
        services.written_opinion_submit(actor=hall.deputies[0], item=item, text="Lần hai")
    with pytest.raises(PermissionDeniedError):
        services.written_opinion_submit(
            actor=hall.staff, item=item, text="Cán bộ không phải đại biểu"
        )
    assert WrittenOpinion.objects.count() == 1
