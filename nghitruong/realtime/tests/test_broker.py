"""The in-process broker: fan-out, coalescing, ordering, cross-thread publishing, overflow."""

import asyncio
import json
import threading

from nghitruong.realtime.broker import MAX_PENDING, MemoryBroker, sse_frame


def parse(batch: bytes) -> list[tuple[str, dict]]:
    events = []
    for frame in batch.decode().split("\n\n"):
        if not frame.strip():
            continue
        lines = dict(line.split(": ", 1) for line in frame.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_frame_is_one_sse_event_with_single_line_json():
    assert sse_frame("state", {"poll_id": 7, "title": "Luật\nThủ đô"}) == (
        'event: state\ndata: {"poll_id":7,"title":"Luật\\nThủ đô"}\n\n'.encode()
    )


def test_fan_out_reaches_every_subscriber_of_the_channel_only():
    async def scenario():
        broker = MemoryBroker()
        watchers = [broker.subscribe(["poll:1"]) for _ in range(50)]
        other = broker.subscribe(["poll:2"])
        both = broker.subscribe(["poll:1", "body:9"])
        assert broker.subscriber_count("poll:1") == 51
        broker.publish("poll:1", "state", {"state": "started"})
        broker.publish("body:9", "state", {"state": "created"})
        got = [parse(await w.next_batch(1)) for w in watchers]
        assert got == [[("state", {"state": "started"})]] * 50
        assert parse(await both.next_batch(1)) == [
            ("state", {"state": "started"}),
            ("state", {"state": "created"}),
        ]
        assert await other.next_batch(0.05) == b""
        for sub in [*watchers, other, both]:
            broker.unsubscribe(sub)
        assert broker.subscriber_count() == 0

    asyncio.run(scenario())


async def collect(sub, seconds: float) -> list[tuple[str, dict]]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    got = []
    while (left := deadline - loop.time()) > 0:
        got += parse(await sub.next_batch(left))
    return got


def test_a_burst_of_counters_fans_out_once_now_and_once_with_the_latest_value():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["poll:1"], min_interval=0)
        for voted in range(1, 101):
            broker.publish("poll:1", "progress", {"voted": voted}, coalesce=True)
        assert await collect(sub, 0.6) == [
            ("progress", {"voted": 1}),
            ("progress", {"voted": 100}),
        ]

    asyncio.run(scenario())


def test_each_client_gets_counters_at_most_every_min_interval():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["poll:1"], min_interval=0.5)
        broker.publish("poll:1", "state", {"state": "started"})
        assert parse(await sub.next_batch(1)) == [("state", {"state": "started"})]
        broker.publish("poll:1", "progress", {"voted": 1}, coalesce=True)
        assert await sub.next_batch(0.3) == b""  # throttled for this client
        assert parse(await sub.next_batch(1)) == [("progress", {"voted": 1})]

    asyncio.run(scenario())


def test_state_events_are_sent_at_once_and_never_coalesced():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["poll:1"], min_interval=0.5)
        broker.publish("poll:1", "progress", {"voted": 101}, coalesce=True)
        broker.publish("poll:1", "state", {"state": "stopped"})
        broker.publish("poll:1", "state", {"state": "published"})
        broker.publish("poll:1", "progress", {"voted": 102}, coalesce=True)
        # Urgent: the pending counter and both state events at once, in order.
        assert parse(await sub.next_batch(0.05)) == [
            ("progress", {"voted": 101}),
            ("state", {"state": "stopped"}),
            ("state", {"state": "published"}),
        ]
        assert await collect(sub, 0.8) == [("progress", {"voted": 102})]

    asyncio.run(scenario())


def test_publish_from_another_thread_wakes_the_loop():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["body:3"])
        thread = threading.Thread(
            target=broker.publish, args=("body:3", "state", {"state": "published"})
        )
        thread.start()
        batch = await sub.next_batch(2)
        thread.join()
        assert parse(batch) == [("state", {"state": "published"})]

    asyncio.run(scenario())


def test_a_client_far_behind_gets_one_resync_instead_of_a_backlog():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["poll:1"])
        for n in range(MAX_PENDING + 5):
            broker.publish("poll:1", "state", {"n": n})
        events = parse(await sub.next_batch(1))
        assert events[0] == ("resync", {})
        assert events[1:] == [("state", {"n": n}) for n in range(MAX_PENDING, MAX_PENDING + 5)]

    asyncio.run(scenario())


def test_heartbeat_timeout_returns_empty_batch():
    async def scenario():
        broker = MemoryBroker()
        sub = broker.subscribe(["poll:1"])
        loop = asyncio.get_running_loop()
        start = loop.time()
        assert await sub.next_batch(0.1) == b""
        assert loop.time() - start >= 0.09

    asyncio.run(scenario())
