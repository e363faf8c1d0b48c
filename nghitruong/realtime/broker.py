"""The event bus: publish on a channel from any thread, fan out to asyncio subscribers.

Design (issue 4 §4):
- ``publish(channel, event, data)`` is synchronous and thread-safe: services call it after commit
  from the request thread. The SSE frame is encoded once per event, never once per client.
- Subscribers are ``Subscription`` objects living on an asyncio loop (one per SSE connection).
  Each holds a tiny mailbox: a dict of pending frames. Events published with ``coalesce=True``
  (e.g. "one more vote") replace the previous pending frame of the same channel and event, and
  are sent at most every ``min_interval`` seconds per client; other events are sent at once.
  A client that falls far behind gets one ``resync`` event instead of an unbounded backlog.
- ``MemoryBroker`` (embedded default, one process) fans out directly. ``PostgresBroker``
  (``nghitruong.realtime.postgres``) sends ``NOTIFY`` and keeps ONE listening connection per
  process and loop, fanning out locally, so several server processes see every event.
- ``get_broker()`` picks the broker from ``settings.NGHITRUONG_REALTIME_BROKER`` ("memory",
  "postgres") or, by default ("auto"), from the database vendor.
"""

import asyncio
import itertools
import json
import logging
import threading
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

MAX_PENDING = 200  # frames queued for one client before it is told to resync instead
COALESCE_WINDOW = 0.2  # seconds: a counter channel fans out at most 5 times a second
_unique = itertools.count()


def sse_frame(event: str, data: Any) -> bytes:
    """One Server-Sent Events frame: ``event: …`` and a single-line JSON ``data: …``."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"event: {event}\ndata: {payload}\n\n".encode()


RESYNC_FRAME = sse_frame("resync", {})


class Subscription:
    """One client's mailbox on one asyncio loop. Create with ``Broker.subscribe``."""

    __slots__ = (
        "_next_ok",
        "_pending",
        "_urgent",
        "_waiter",
        "channels",
        "loop",
        "min_interval",
    )

    def __init__(
        self, channels: frozenset[str], loop: asyncio.AbstractEventLoop, min_interval: float
    ) -> None:
        self.channels = channels
        self.loop = loop
        self.min_interval = min_interval
        self._pending: dict[object, bytes] = {}
        self._urgent = False
        self._waiter: asyncio.Future[None] | None = None
        self._next_ok = 0.0

    def deliver(self, key: object, frame: bytes, urgent: bool) -> None:
        """Queue a frame (on the subscription's loop thread)."""
        pending = self._pending
        pending.pop(key, None)  # a coalesced frame moves to the end, keeping the order of events
        if len(pending) >= MAX_PENDING:  # the client will re-fetch everything anyway
            pending.clear()
            pending["resync"] = RESYNC_FRAME
            self._urgent = True
        pending[key] = frame
        if urgent:
            self._urgent = True
        waiter = self._waiter
        if (
            waiter is not None
            and not waiter.done()
            and (self._urgent or self.loop.time() >= self._next_ok)
        ):
            waiter.set_result(None)

    async def next_batch(self, timeout: float) -> bytes:
        """The pending frames joined, or ``b""`` after ``timeout`` seconds without any."""
        loop = self.loop
        deadline = loop.time() + timeout
        while True:
            now = loop.time()
            if self._pending and (self._urgent or now >= self._next_ok):
                batch = b"".join(self._pending.values())
                self._pending = {}
                self._urgent = False
                self._next_ok = now + self.min_interval
                return batch
            if now >= deadline:
                return b""
            wake = min(deadline, self._next_ok) if self._pending else deadline
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiter = waiter
            handle = loop.call_at(wake, _wake, waiter)
            try:
                await waiter
            finally:
                handle.cancel()
                self._waiter = None


def _wake(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_result(None)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Broker:
    """Local fan-out shared by both brokers; subclasses define how ``publish`` travels."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # channel → loop → subscriptions on that loop
        self._subscribers: dict[str, dict[asyncio.AbstractEventLoop, set[Subscription]]] = {}
        # (loop, channel, event) → state of the channel-level coalescing window
        self._windows: dict[tuple[asyncio.AbstractEventLoop, str, str], _Window] = {}

    # -- subscribing (on an asyncio loop) -------------------------------------------------------
    def subscribe(self, channels: Iterable[str], *, min_interval: float = 0.25) -> Subscription:
        loop = asyncio.get_running_loop()
        sub = Subscription(frozenset(channels), loop, min_interval)
        with self._lock:
            for channel in sub.channels:
                self._subscribers.setdefault(channel, {}).setdefault(loop, set()).add(sub)
        self._started(loop)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            for channel in sub.channels:
                by_loop = self._subscribers.get(channel)
                if by_loop is None or sub.loop not in by_loop:
                    continue
                by_loop[sub.loop].discard(sub)
                if not by_loop[sub.loop]:
                    del by_loop[sub.loop]
                if not by_loop:
                    del self._subscribers[channel]

    def subscriber_count(self, channel: str | None = None) -> int:
        with self._lock:
            channels = [channel] if channel is not None else list(self._subscribers)
            subs = {
                sub
                for name in channels
                for group in self._subscribers.get(name, {}).values()
                for sub in group
            }
            return len(subs)

    def _local(self, channel: str, loop: asyncio.AbstractEventLoop) -> list[Subscription]:
        with self._lock:
            return list(self._subscribers.get(channel, {}).get(loop, ()))

    def _started(self, loop: asyncio.AbstractEventLoop) -> None:
        """Hook: the PostgreSQL broker starts its listener for ``loop`` here."""

    # -- publishing -----------------------------------------------------------------------------
    def publish(
        self, channel: str, event: str, data: dict[str, Any], *, coalesce: bool = False
    ) -> None:
        raise NotImplementedError

    def _fanout(
        self,
        channel: str,
        event: str,
        data: Any,
        coalesce: bool,
        only_loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        """Deliver to local subscribers of ``channel``, each on its own loop's thread."""
        with self._lock:
            loops = list(self._subscribers.get(channel, {}))
        if only_loop is not None:
            loops = [loop for loop in loops if loop is only_loop]
        if not loops:
            return
        frame = sse_frame(event, data)
        here = _running_loop()
        for loop in loops:
            if coalesce:
                args: tuple[Any, ...] = (self._coalesced, loop, channel, event, frame)
            else:
                args = (self._deliver_now, loop, channel, next(_unique), frame)
            if loop is here:
                args[0](*args[1:])
            elif not loop.is_closed():
                loop.call_soon_threadsafe(*args)

    def _deliver_now(
        self, loop: asyncio.AbstractEventLoop, channel: str, key: object, frame: bytes
    ) -> None:
        for sub in self._local(channel, loop):
            sub.deliver(key, frame, True)

    def _coalesced(
        self, loop: asyncio.AbstractEventLoop, channel: str, event: str, frame: bytes
    ) -> None:
        """On the loop: fan a counter out at most once per ``COALESCE_WINDOW`` per channel (the
        latest value wins, and the last one is always sent), not once per change."""
        window = self._windows.get((loop, channel, event))
        now = loop.time()
        if window is None:
            window = self._windows[(loop, channel, event)] = _Window()
        window.frame = frame
        if window.handle is not None:
            return  # a flush is already scheduled; it will send this latest frame
        if now - window.last >= COALESCE_WINDOW:
            self._flush(loop, channel, event)
        else:
            window.handle = loop.call_at(
                window.last + COALESCE_WINDOW, self._flush, loop, channel, event
            )

    def _flush(self, loop: asyncio.AbstractEventLoop, channel: str, event: str) -> None:
        window = self._windows[(loop, channel, event)]
        window.handle = None
        window.last = loop.time()
        key = (channel, event)
        for sub in self._local(channel, loop):
            sub.deliver(key, window.frame, False)

    def resync_local(self, loop: asyncio.AbstractEventLoop) -> None:
        """Tell every subscriber on ``loop`` to re-fetch the full state (events may be lost)."""
        with self._lock:
            subs = {sub for group in self._subscribers.values() for sub in group.get(loop, ())}
        for sub in subs:
            sub.deliver("resync", RESYNC_FRAME, True)

    async def aclose(self) -> None:
        """Release resources held for the running loop (tests; a server just exits)."""


class _Window:
    __slots__ = ("frame", "handle", "last")

    def __init__(self) -> None:
        self.frame = b""
        self.handle: asyncio.TimerHandle | None = None
        self.last = -1e9


class MemoryBroker(Broker):
    """The embedded default: one server process, events never leave it."""

    def publish(
        self, channel: str, event: str, data: dict[str, Any], *, coalesce: bool = False
    ) -> None:
        self._fanout(channel, event, data, coalesce)


_broker: Broker | None = None
_broker_lock = threading.Lock()


def broker_kind() -> str:
    choice = getattr(settings, "NGHITRUONG_REALTIME_BROKER", "auto") or "auto"
    if choice == "auto":
        return "postgres" if connection.vendor == "postgresql" else "memory"
    if choice not in {"memory", "postgres"}:
        raise ValueError(f"NGHITRUONG_REALTIME_BROKER must be auto, memory or postgres: {choice}")
    return str(choice)


def get_broker() -> Broker:
    """The process-wide broker (created on first use)."""
    global _broker
    if _broker is None:
        with _broker_lock:
            if _broker is None:
                if broker_kind() == "postgres":
                    from nghitruong.realtime.postgres import PostgresBroker

                    _broker = PostgresBroker()
                else:
                    _broker = MemoryBroker()
    return _broker


def set_broker(broker: Broker | None) -> Broker | None:
    """Replace the process-wide broker (tests); returns the previous one."""
    global _broker
    with _broker_lock:
        previous, _broker = _broker, broker
    return previous
