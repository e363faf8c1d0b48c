"""The relay (meetings.live): which change reaches which channel, with exactly which payload.

A real ``MemoryBroker`` with real subscriptions on an asyncio loop: the services run as usual
(their events fire on commit), the frames are read back from the subscribers' mailboxes. Time is
frozen so that the timer's server timestamps are exact. Nothing here ever carries a title, a
name, a note or a document; the public channel is silent for sittings the public may not watch.
"""

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from nghitruong.documents.models import Work
from nghitruong.meetings import services
from nghitruong.meetings.live import public_channel, sitting_channel
from nghitruong.meetings.models import Sitting
from nghitruong.meetings.tests.conftest import Hall, build_hall
from nghitruong.realtime.broker import MemoryBroker, set_broker
from nghitruong.voting import services as voting

NOW = dt.datetime(2026, 11, 23, 9, 15, tzinfo=dt.UTC)
NOW_ISO = "2026-11-23T09:15:00+00:00"


def frames(batch: bytes) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for frame in batch.decode().split("\n\n"):
        if frame.strip():
            lines = dict(line.split(": ", 1) for line in frame.splitlines())
            out.append((lines["event"], json.loads(lines["data"])))
    return out


@pytest.fixture
def wire(django_capture_on_commit_callbacks) -> Iterator[Callable[..., dict[str, list]]]:
    """``wire(sitting, action)`` → {"members": [...], "public": [...]}: the frames published on the
    sitting's two channels while ``action`` ran and committed."""
    loop = asyncio.new_event_loop()
    broker = MemoryBroker()
    previous = set_broker(broker)

    def run(sitting: Sitting, action: Callable[[], Any]) -> dict[str, list]:
        async def subscribe() -> dict[str, Any]:
            return {
                "members": broker.subscribe([sitting_channel(sitting.pk)]),
                "public": broker.subscribe([public_channel(sitting.pk)]),
            }

        subs = loop.run_until_complete(subscribe())
        with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
            action()

        async def drain() -> dict[str, list]:
            out: dict[str, list] = {}
            for name, sub in subs.items():
                got: list = []
                while batch := await sub.next_batch(0.02):
                    got += frames(batch)
                out[name] = got
                broker.unsubscribe(sub)
            return out

        return loop.run_until_complete(drain())

    yield run
    set_broker(previous)
    loop.close()


def state(sitting: Sitting, parts: list[str], **changes: Any) -> dict[str, Any]:
    return {
        "sitting_id": sitting.pk,
        "state": "open",
        "current_item_id": None,
        "parts": parts,
        "speaker": None,
        "server_now": NOW_ISO,
        **changes,
    }


def test_agenda_pointer_reaches_members_and_observers_with_ids_only(hall: Hall, wire) -> None:
    item = hall.items[1]
    got = wire(
        hall.sitting,
        lambda: services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=item),
    )
    expected = [("state", state(hall.sitting, ["agenda", "speakers"], current_item_id=item.pk))]
    assert got == {"members": expected, "public": expected}
    assert item.title not in json.dumps(got, ensure_ascii=False)


def test_speaker_queue_and_timer_carry_server_times(hall: Hall, wire) -> None:
    item = hall.items[1]
    services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=item)
    deputy = hall.deputies[0]
    registered: list = []
    got = wire(
        hall.sitting,
        lambda: registered.append(services.speaker_register(actor=deputy, item=item, kind="first")),
    )
    queued = [("state", state(hall.sitting, ["speakers"], current_item_id=item.pk))]
    assert got == {"members": queued, "public": queued}

    request = registered[0]
    got = wire(hall.sitting, lambda: services.speaker_start(actor=hall.staff, request=request))
    speaker = {
        "request_id": request.pk,
        "item_id": item.pk,
        "started_at": NOW_ISO,
        "limit_seconds": 420,  # a first speech: 7 minutes (rules.DEFAULT_LIMITS)
        "ends_at": "2026-11-23T09:22:00+00:00",
        "remaining": 420,
        "running": True,
    }
    started = [
        ("state", state(hall.sitting, ["speakers"], current_item_id=item.pk, speaker=speaker))
    ]
    assert got == {"members": started, "public": started}
    assert "Nguyễn Thị Ánh" not in json.dumps(got, ensure_ascii=False)

    request.refresh_from_db()
    got = wire(
        hall.sitting, lambda: services.speaker_extend(actor=hall.staff, request=request, seconds=60)
    )
    extended = {**speaker, "limit_seconds": 480, "ends_at": "2026-11-23T09:23:00+00:00"}
    extended["remaining"] = 480
    assert got["public"] == [
        ("state", state(hall.sitting, ["speakers"], current_item_id=item.pk, speaker=extended))
    ]

    request.refresh_from_db()
    got = wire(hall.sitting, lambda: services.speaker_stop(actor=hall.staff, request=request))
    stopped = [("state", state(hall.sitting, ["speakers"], current_item_id=item.pk))]
    assert got == {"members": stopped, "public": stopped}


def test_attendance_reaches_both_channels(hall: Hall, wire) -> None:
    deputy = hall.deputies[2]
    got = wire(
        hall.sitting,
        lambda: services.attendance_check_in(
            actor=deputy, sitting=hall.sitting, person=hall.person(deputy)
        ),
    )
    expected = [("state", state(hall.sitting, ["attendance"]))]
    assert got == {"members": expected, "public": expected}


def test_a_state_secret_sitting_never_reaches_the_public_channel(hall: Hall, wire) -> None:
    Sitting.objects.filter(pk=hall.sitting.pk).update(contains_state_secrets=True)
    hall.sitting.refresh_from_db()
    item = hall.items[0]
    got = wire(
        hall.sitting,
        lambda: services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=item),
    )
    assert got == {
        "members": [
            ("state", state(hall.sitting, ["agenda", "speakers"], current_item_id=item.pk))
        ],
        "public": [],
    }


def test_a_group_discussion_and_a_planned_sitting_stay_off_the_public_channel(db, wire) -> None:
    group = build_hall("to1", open_sitting=False)
    Sitting.objects.filter(pk=group.sitting.pk).update(kind=Sitting.Kind.GROUP_DISCUSSION)
    group.sitting.refresh_from_db()
    got = wire(
        group.sitting,
        lambda: services.agenda_item_create(
            actor=group.staff, sitting=group.sitting, title="Thảo luận tổ", kind="discussion"
        ),
    )
    assert got == {
        "members": [("state", state(group.sitting, ["agenda"], state="planned"))],
        "public": [],
    }

    planned = build_hall("hdnd-x", kind="provincial_council", open_sitting=False)
    services.session_open(actor=planned.staff, session=planned.session)
    got = wire(
        planned.sitting,
        lambda: services.agenda_item_create(
            actor=planned.staff,
            sitting=planned.sitting,
            title="Nội dung bổ sung",
            kind="discussion",
        ),
    )
    assert got["public"] == []  # planned: not public yet
    got = wire(
        planned.sitting, lambda: services.sitting_open(actor=planned.staff, sitting=planned.sitting)
    )
    opened = [
        ("state", state(planned.sitting, ["sitting", "agenda", "speakers", "attendance", "votes"]))
    ]
    assert got == {"members": opened, "public": opened}


def test_document_packages_reach_members_only_and_opinions_nobody(hall: Hall, wire) -> None:
    item = hall.items[0]
    work = Work.objects.create(
        body=hall.body,
        frbr_uri="/akn/vn/live/mat",
        doc_type="submission",
        title="Tờ trình nội bộ",
        confidentiality="internal",
    )
    got = wire(
        hall.sitting,
        lambda: services.package_entry_add(actor=hall.staff, item=item, work_id=work.pk),
    )
    assert got == {"members": [("state", state(hall.sitting, ["agenda"]))], "public": []}
    assert "Tờ trình nội bộ" not in json.dumps(got, ensure_ascii=False)

    got = wire(
        hall.sitting,
        lambda: services.written_opinion_submit(
            actor=hall.deputies[1], item=item, text="Ý kiến riêng về dự thảo"
        ),
    )
    assert got == {"members": [], "public": []}


def test_a_poll_on_an_agenda_item_refreshes_the_vote_panel(hall: Hall, wire) -> None:
    item = hall.items[1]
    created: list = []
    got = wire(
        hall.sitting,
        lambda: created.append(
            voting.poll_create(
                actor=hall.staff,
                body=hall.body,
                title="Biểu quyết thông qua Luật Thủ đô (sửa đổi)",
                kind="electronic_aggregate",
                subject=item,
            )
        ),
    )
    # A poll being prepared is the body's business: members only.
    assert got == {"members": [("state", state(hall.sitting, ["votes"]))], "public": []}
    got = wire(hall.sitting, lambda: voting.poll_start(actor=hall.staff, poll=created[0]))
    expected = [("state", state(hall.sitting, ["votes"]))]
    assert got == {"members": expected, "public": expected}


def test_a_poll_without_an_agenda_item_does_not_touch_sittings(hall: Hall, wire) -> None:
    got = wire(
        hall.sitting,
        lambda: voting.poll_create(
            actor=hall.staff, body=hall.body, title="Biểu quyết khác", kind="named"
        ),
    )
    assert got == {"members": [], "public": []}
