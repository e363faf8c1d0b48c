"""Every transition: allowed from its source state only, one audit entry, events after commit."""

from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Work
from nghitruong.meetings import events, services
from nghitruong.meetings.models import Session, SpeakerRequest
from nghitruong.meetings.selectors import item_polls
from nghitruong.meetings.tests.conftest import Hall, audit_count
from nghitruong.voting import services as voting

R = SpeakerRequest.State


def test_session_transitions_from_wrong_state(planned_hall: Hall) -> None:
    h = planned_hall
    with pytest.raises(ConflictError):
        services.session_close(actor=h.staff, session=h.session)
    services.session_open(actor=h.staff, session=h.session)
    before = audit_count()
    with pytest.raises(ConflictError):
        services.session_open(actor=h.staff, session=h.session)
    h.session.refresh_from_db()
    assert h.session.state == Session.State.OPEN
    assert audit_count() == before


def _speaking(hall: Hall) -> SpeakerRequest:
    request = services.speaker_register(actor=hall.deputies[0], item=hall.items[1], kind="first")
    return services.speaker_start(actor=hall.staff, request=request)


@pytest.mark.parametrize(
    ("state", "call"),
    [
        ("requested", lambda h, r: services.speaker_stop(actor=h.staff, request=r)),
        ("requested", lambda h, r: services.speaker_extend(actor=h.staff, request=r, seconds=60)),
        ("speaking", lambda h, r: services.speaker_start(actor=h.staff, request=r)),
        ("speaking", lambda h, r: services.speaker_withdraw(actor=h.staff, request=r)),
        ("done", lambda h, r: services.speaker_start(actor=h.staff, request=r)),
        ("done", lambda h, r: services.speaker_stop(actor=h.staff, request=r)),
        ("done", lambda h, r: services.speaker_withdraw(actor=h.staff, request=r)),
    ],
)
def test_speaker_transitions_from_wrong_state(
    hall: Hall, state: str, call: Callable[[Hall, SpeakerRequest], Any]
) -> None:
    request = services.speaker_register(actor=hall.deputies[0], item=hall.items[1], kind="first")
    if state in ("speaking", "done"):
        services.speaker_start(actor=hall.staff, request=request)
    if state == "done":
        services.speaker_stop(actor=hall.staff, request=request)
    request.refresh_from_db()
    snapshot = (request.state, request.started_at, request.ended_at, request.limit_seconds)
    before = audit_count()
    with pytest.raises(ConflictError):
        call(hall, request)
    request.refresh_from_db()
    assert (request.state, request.started_at, request.ended_at, request.limit_seconds) == snapshot
    assert audit_count() == before


def test_sitting_cannot_close_while_someone_speaks(hall: Hall) -> None:
    _speaking(hall)
    with pytest.raises(ConflictError) as exc:
        services.sitting_close(actor=hall.staff, sitting=hall.sitting)
    assert exc.value.code == "speaker_active"


def test_extension_bounds(hall: Hall) -> None:
    request = _speaking(hall)
    for seconds in (0, 1801):
        with pytest.raises(ApplicationError):
            services.speaker_extend(actor=hall.staff, request=request, seconds=seconds)
    services.speaker_extend(actor=hall.staff, request=request, seconds=1800)
    request.refresh_from_db()
    assert request.limit_seconds == 420 + 1800


def test_each_transition_writes_one_audit_entry(hall: Hall) -> None:
    request = services.speaker_register(actor=hall.deputies[0], item=hall.items[1], kind="first")
    services.speaker_start(actor=hall.staff, request=request)
    services.speaker_stop(actor=hall.staff, request=request)
    entries = list(
        AuditEntry.objects.filter(object_type="meetings.speakerrequest").values_list(
            "action", "before", "after"
        )
    )
    assert [(a, b) for a, b, _ in entries] == [
        ("speaker.register", None),
        ("speaker.start", {"state": "requested"}),
        ("speaker.stop", {"state": "speaking"}),
    ]
    assert entries[1][2] == {"state": "speaking", "limit_seconds": 420}


def test_events_fire_after_commit_only(
    hall: Hall, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    received: list[tuple[str, dict[str, Any]]] = []

    def listener(event: str, payload: dict[str, Any]) -> None:
        received.append((event, payload))

    events.subscribe(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=hall.items[1])
        assert received == [
            (
                "sitting.current_item",
                {
                    "sitting_id": hall.sitting.pk,
                    "body_id": hall.body.pk,
                    "state_secrets": False,
                    "item_id": hall.items[1].pk,
                },
            )
        ]
        received.clear()
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConflictError):
            services.sitting_open(actor=hall.staff, sitting=hall.sitting)
        assert received == []
    finally:
        events.unsubscribe(listener)


def test_polls_attach_to_agenda_items(hall: Hall) -> None:
    item = hall.items[1]
    poll = voting.poll_create(
        actor=hall.staff, body=hall.body, title="Biểu quyết", kind="named", subject=item
    )
    assert [p.pk for p in item_polls(item)] == [poll.pk]
    assert list(item_polls(hall.items[0])) == []


def test_package_entry_remove(hall: Hall) -> None:
    work = Work.objects.create(
        body=hall.body, frbr_uri="/akn/vn/x", doc_type="report", title="Báo cáo thẩm tra"
    )
    entry = services.package_entry_add(actor=hall.staff, item=hall.items[0], work_id=work.pk)
    with pytest.raises(ConflictError):
        services.package_entry_add(actor=hall.staff, item=hall.items[0], work_id=work.pk)
    services.package_entry_remove(actor=hall.staff, entry=entry)
    assert hall.items[0].documents.count() == 0
    assert AuditEntry.objects.filter(action="package.remove").count() == 1
