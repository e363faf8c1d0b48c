"""The PostgreSQL broker against the real server: NOTIFY from one process reaches another's clients.

Two ``PostgresBroker`` instances stand for two server processes: each has its own LISTEN
connection; a publish through one is delivered to subscribers of both. Skipped on SQLite.
"""

import asyncio
import json

import pytest
from django.db import connection, connections, transaction

from nghitruong.realtime.postgres import PayloadTooLargeError, PostgresBroker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


async def in_thread(fn, *args, **kwargs):
    """Run ``fn`` in a worker thread, then close that thread's database connection (else it would
    outlive the test and block dropping the test database)."""

    def call():
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    return await asyncio.to_thread(call)


def events(batch: bytes) -> list[tuple[str, dict]]:
    out = []
    for frame in batch.decode().split("\n\n"):
        if frame.strip():
            lines = dict(line.split(": ", 1) for line in frame.splitlines())
            out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_notify_from_one_broker_reaches_subscribers_of_another():
    async def scenario():
        a, b = (
            PostgresBroker(pg_channel="nt_test_events"),
            PostgresBroker(pg_channel="nt_test_events"),
        )
        on_a = a.subscribe(["poll:1"])
        on_b = [b.subscribe(["poll:1"]) for _ in range(3)]
        elsewhere = b.subscribe(["poll:2"])
        await a.wait_listening()
        await b.wait_listening()
        await in_thread(a.publish, "poll:1", "state", {"state": "published", "for": 451})
        got_b = [events(await sub.next_batch(5)) for sub in on_b]
        got_a = events(await on_a.next_batch(5))
        assert got_b == [[("state", {"state": "published", "for": 451})]] * 3
        assert got_a == [("state", {"state": "published", "for": 451})]
        assert await elsewhere.next_batch(0.2) == b""
        await a.aclose()
        await b.aclose()

    asyncio.run(scenario())


def test_notify_inside_a_transaction_is_delivered_only_on_commit():
    async def scenario():
        broker = PostgresBroker(pg_channel="nt_test_events")
        sub = broker.subscribe(["body:5"])
        await broker.wait_listening()

        def rolled_back() -> None:
            with transaction.atomic():
                broker.publish("body:5", "state", {"n": 1})
                transaction.set_rollback(True)

        def committed() -> None:
            with transaction.atomic():
                broker.publish("body:5", "state", {"n": 2})

        await in_thread(rolled_back)
        await in_thread(committed)
        assert events(await sub.next_batch(5)) == [("state", {"n": 2})]
        assert await sub.next_batch(0.2) == b""
        await broker.aclose()

    asyncio.run(scenario())


def test_listener_reconnects_and_tells_clients_to_resync():
    async def scenario():
        broker = PostgresBroker(pg_channel="nt_test_events")
        sub = broker.subscribe(["poll:9"])
        await broker.wait_listening()

        def kill_listener() -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'nghitruong-realtime' AND datname = current_database()"
                )

        await in_thread(kill_listener)
        assert events(await sub.next_batch(10)) == [("resync", {})]
        await broker.wait_listening()
        await in_thread(broker.publish, "poll:9", "progress", {"voted": 3}, coalesce=True)
        assert events(await sub.next_batch(5)) == [("progress", {"voted": 3})]
        await broker.aclose()

    asyncio.run(scenario())


def test_oversized_payload_is_refused():
    broker = PostgresBroker()
    with pytest.raises(PayloadTooLargeError):
        broker.publish("poll:1", "state", {"blob": "x" * 8000})
