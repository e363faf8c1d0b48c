"""Live sittings against the REAL server (uvicorn, ``LiveASGIServer``): an observer and a deputy
hold SSE streams open while the chair moves the agenda pointer, registers a speaker and starts the
timer through the API; every change arrives within seconds. On PostgreSQL a second server PROCESS
(uvicorn in a subprocess, the PostgreSQL broker) serves the observer while the chair's requests go
to the first: the change crosses processes through LISTEN/NOTIFY.
"""

import asyncio
import datetime as dt
import gc
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from nghitruong.accounts.services import api_token_create
from nghitruong.accounts.testing import login_verified
from nghitruong.meetings.models import Sitting, SpeakerRequest
from nghitruong.meetings.tests.conftest import Hall, build_hall
from nghitruong.realtime.client import Connection, sse_events
from nghitruong.realtime.testing import LiveASGIServer, free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _collect_dead_threads_connections() -> Any:
    """The server's request threads end with the server; their database connections close when
    collected. Collect now, else PostgreSQL may still count them when the test database is
    dropped."""
    yield
    gc.collect()


ROOT = Path(__file__).resolve().parents[3]
ON_POSTGRES = connection.vendor == "postgresql"


async def in_thread(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` in a worker thread, then close that thread's database connections."""

    def call() -> Any:
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    return await asyncio.to_thread(call)


async def read_until(conn: Connection, want: Any, timeout: float = 10.0) -> list:
    """The SSE events read until one satisfies ``want`` (fails after ``timeout`` seconds)."""
    seen: list = []
    async with asyncio.timeout(timeout):
        async for event, data in sse_events(conn):
            seen.append((event, data))
            if want(event, data):
                return seen
    raise AssertionError(f"stream ended before the awaited event: {seen}")


def listeners() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'nghitruong-realtime'"
            " AND datname = current_database() AND query LIKE 'LISTEN%%'"
        )
        return int(cursor.fetchone()[0])


async def wait_listening(count: int) -> None:
    """PostgreSQL: wait until ``count`` server processes listen (a stream starts its process's
    listener; a NOTIFY sent before it listens would be missed by that process)."""
    if not ON_POSTGRES:
        return
    async with asyncio.timeout(15):
        while await in_thread(listeners) < count:
            await asyncio.sleep(0.05)


async def open_stream(port: int, path: str, headers: dict[str, str] | None = None) -> Connection:
    conn = await Connection("127.0.0.1", port, default_headers=headers or {}).open()
    await conn.send("GET", path)
    head = await conn.read_head()
    assert head.status == 200, head
    assert head.headers["content-type"] == "text/event-stream; charset=utf-8"
    return conn


def session_cookie(user: Any) -> str:
    client = Client()
    login_verified(client, user)
    return f"sessionid={client.cookies['sessionid'].value}"


async def chair_scenario(
    hall: Hall, secret: str, chair_port: int, observer_port: int, deputy_cookie: str | None
) -> dict[str, list]:
    sitting, item = hall.sitting, hall.items[1]
    person_id = await in_thread(lambda: hall.person(hall.deputies[0]).pk)
    observer = await open_stream(
        observer_port, reverse("meetings:public_events", args=[sitting.pk])
    )
    got: dict[str, list] = {"observer": await read_until(observer, lambda e, d: e == "state")}
    deputy = None
    if deputy_cookie is not None:
        deputy = await open_stream(
            chair_port,
            reverse("meetings:sitting_events", args=[sitting.pk]),
            {"Cookie": deputy_cookie},
        )
        got["deputy"] = await read_until(deputy, lambda e, d: e == "state")
    await wait_listening(1 if deputy is None or chair_port == observer_port else 2)

    chair = await Connection(
        "127.0.0.1", chair_port, default_headers={"Authorization": f"Bearer {secret}"}
    ).open()
    moved = await chair.request(
        "PUT",
        reverse("api-v1:meetings_current_item", kwargs={"sitting_id": sitting.pk}),
        json_body={"item_id": item.pk},
    )
    assert moved.status == 200, moved.body
    got["observer"] += await read_until(observer, lambda e, d: d["current_item_id"] == item.pk)

    registered = await chair.request(
        "POST",
        reverse("api-v1:meetings_speaker_register", kwargs={"item_id": item.pk}),
        json_body={"kind": "first", "person_id": person_id},
    )
    assert registered.status == 201, registered.body
    got["observer"] += await read_until(observer, lambda e, d: d["parts"] == ["speakers"])

    request_id = await in_thread(lambda: SpeakerRequest.objects.get(item=item).pk)
    started = await chair.request(
        "POST",
        reverse(
            "api-v1:meetings_speaker_transition",
            kwargs={"request_id": request_id, "action": "start"},
        ),
    )
    assert started.status == 200, started.body
    got["observer"] += await read_until(observer, lambda e, d: d["speaker"] is not None)
    if deputy is not None:
        got["deputy"] += await read_until(deputy, lambda e, d: d["speaker"] is not None)
        await deputy.close()
    await observer.close()
    await chair.close()
    return got


def check(got: list, hall: Hall) -> None:
    """The observer's events: the state on connect, then the three changes, in order."""
    sitting, item = hall.sitting, hall.items[1]
    request = SpeakerRequest.objects.get(item=item)
    assert [d["parts"] for _, d in got] == [
        ["sitting", "agenda", "speakers", "attendance", "votes"],
        ["agenda", "speakers"],
        ["speakers"],
        ["speakers"],
    ]
    assert {e for e, _ in got} == {"state"}
    assert [d["current_item_id"] for _, d in got] == [None, item.pk, item.pk, item.pk]
    assert [d["sitting_id"] for _, d in got] == [sitting.pk] * 4
    speaker = got[-1][1]["speaker"]
    assert speaker == {
        "request_id": request.pk,
        "item_id": item.pk,
        "started_at": request.started_at.isoformat(),
        "limit_seconds": 420,
        "ends_at": speaker["ends_at"],
        "remaining": speaker["remaining"],
        "running": True,
    }
    assert speaker["ends_at"] == (request.started_at + dt.timedelta(seconds=420)).isoformat()
    assert 415 <= speaker["remaining"] <= 420


def test_observer_and_deputy_receive_the_chairs_changes_live() -> None:
    hall = build_hall("qh-live")
    _, secret = api_token_create(user=hall.staff, name="Bàn điều hành")
    cookie = session_cookie(hall.deputies[1])
    with LiveASGIServer() as server:
        got = asyncio.run(chair_scenario(hall, secret, server.port, server.port, cookie))
    check(got["observer"], hall)
    # The deputy's stream carries the same state (ids and times only) on the members' channel.
    assert [d["parts"] for _, d in got["deputy"]][-1] == ["speakers"]
    assert got["deputy"][-1][1]["speaker"] == got["observer"][-1][1]["speaker"]


def test_streams_refuse_outsiders_and_non_public_sittings() -> None:
    hall = build_hall("qh-closed")
    other = build_hall("hdnd-y", kind="provincial_council")
    outsider = session_cookie(other.deputies[0])
    Sitting.objects.filter(pk=hall.sitting.pk).update(contains_state_secrets=True)

    async def scenario(port: int) -> list[int]:
        statuses = []
        for path, headers in (
            (reverse("meetings:sitting_events", args=[hall.sitting.pk]), {"Cookie": outsider}),
            (reverse("meetings:sitting_events", args=[hall.sitting.pk]), {}),
            (reverse("meetings:public_events", args=[hall.sitting.pk]), {}),
        ):
            conn = await Connection("127.0.0.1", port, default_headers=headers).open()
            response = await conn.request("GET", path)
            statuses.append(response.status)
            await conn.close()
        return statuses

    with LiveASGIServer() as server:
        assert asyncio.run(scenario(server.port)) == [404, 404, 404]


@pytest.mark.skipif(not ON_POSTGRES, reason="several processes need PostgreSQL")
def test_a_change_on_one_server_process_reaches_observers_of_another(tmp_path: Path) -> None:
    hall = build_hall("qh-multi")
    _, secret = api_token_create(user=hall.staff, name="Bàn điều hành")
    settings = connection.settings_dict
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings.get("PASSWORD") else "")
    database_url = (
        f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        f"/{settings['NAME']}"
    )
    port = free_port()
    log = (tmp_path / "second-process.log").open("wb")
    second = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            "nghitruong.config.asgi:application",
            "--host=127.0.0.1",
            f"--port={port}",
            "--lifespan=off",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "nghitruong.config.settings_test",
            "NGHITRUONG_REALTIME_BROKER": "postgres",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert second.poll() is None, "the second server process exited"
                assert time.monotonic() < deadline, "the second server process did not start"
                time.sleep(0.1)
        with LiveASGIServer() as first:
            got = asyncio.run(chair_scenario(hall, secret, first.port, port, None))
    finally:
        second.terminate()
        second.wait(15)
        log.close()
    check(got["observer"], hall)
