"""``BallotLane``: the ASGI app in front of Django that answers ballots (decision 0007), its worker
thread, and the garbage-collection hold during a burst."""

import asyncio
import gc
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import DatabaseError, IntegrityError, connections

from nghitruong.realtime.asgi import ASGIApp, Receive, Scope, Send
from nghitruong.voting.lane.batcher import Batcher
from nghitruong.voting.lane.http import (
    MAX_BODY_BYTES,
    PATH,
    RefusalError,
    RejectedError,
    bearer_token,
    check_ticket,
    error_body,
    parse_ballot_body,
    read_body,
    read_headers,
    respond,
)
from nghitruong.voting.services.ballots import BallotOutcome, BallotRequest, ballots_record

logger = logging.getLogger("nghitruong.voting.lane")

IDLE_CLOSE_SECONDS = 60.0  # the worker's connection is closed after this long without a ballot
# Python's full garbage collection is held off while ballots are in flight, for at most this long
# at a time (see ``BallotLane.gc_flush_started``).
GC_HOLD_MAX = 2.0


class BallotLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._batchers: dict[tuple[int, int], Batcher] = {}
        self._idle: asyncio.TimerHandle | None = None
        self._warmed = False
        self._gc_flushes = 0  # batchers flushing now, on any loop of this process
        self._gc_held_since: float | None = None  # set while the lane holds the collector off
        self._gc_given_back = False

    # -- the garbage collector ----------------------------------------------------------------
    # With 2,000 observers connected a full collection of the server's heap takes 100–290 ms
    # (measured with ``gc.callbacks``, docs/benchmarks.md "Electronic voting"); landing inside a
    # burst it delayed every ballot of the burst by that much. So automatic collection is held
    # off while batches run in this process — on the event loop, bounded: back once no batcher
    # is flushing, or after ``GC_HOLD_MAX`` seconds of continuous ballots (then not taken again
    # until the lane is idle). A process that disabled the collector itself is left alone.
    def gc_flush_started(self, now: float) -> None:
        self._gc_flushes += 1
        if self._gc_held_since is None and not self._gc_given_back and gc.isenabled():
            gc.disable()
            self._gc_held_since = now

    def gc_flush_tick(self, now: float) -> None:
        if self._gc_held_since is not None and now - self._gc_held_since > GC_HOLD_MAX:
            gc.enable()
            self._gc_held_since, self._gc_given_back = None, True

    def gc_flush_ended(self) -> None:
        self._gc_flushes = max(0, self._gc_flushes - 1)  # 0 after ``close`` reset the count
        if self._gc_flushes > 0:
            return
        if self._gc_held_since is not None:
            gc.enable()
        self._gc_held_since, self._gc_given_back = None, False

    # -- the worker thread -------------------------------------------------------------------
    def executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="ballot-lane")
            return self._executor

    def record(self, poll_id: int, requests: list[BallotRequest]) -> list[BallotOutcome]:
        """In the worker thread: one batch; a dropped connection is reopened once."""
        for attempt in (1, 2):
            try:
                return ballots_record(
                    poll_id=poll_id, ballots=requests, announce=False, mark_tokens_used=False
                )
            except IntegrityError:
                raise
            except DatabaseError:
                connections.close_all()  # a broken connection: the batch was rolled back
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the worker's database connection (in its thread) and stop the thread."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._warmed = False
        if self._gc_held_since is not None:
            gc.enable()
        self._gc_flushes, self._gc_held_since, self._gc_given_back = 0, None, False
        if executor is not None:
            executor.submit(connections.close_all).result(30)
            executor.shutdown(wait=True)

    def batch_done(self, batcher: Batcher) -> None:
        key = (id(batcher.loop), batcher.poll_id)
        if self._batchers.get(key) is batcher and not batcher.pending:
            del self._batchers[key]
        if not self._batchers:
            if self._idle is not None:
                self._idle.cancel()
            self._idle = batcher.loop.call_later(IDLE_CLOSE_SECONDS, self._close_if_idle)

    def _close_if_idle(self) -> None:
        self._idle = None
        if not self._batchers and self._executor is not None:
            self._executor.submit(connections.close_all)
            self._warmed = False

    def _batcher(self, poll_id: int) -> Batcher:
        loop = asyncio.get_running_loop()
        key = (id(loop), poll_id)
        batcher = self._batchers.get(key)
        if batcher is None or batcher.loop is not loop:
            batcher = self._batchers[key] = Batcher(self, poll_id)
        return batcher

    # -- ASGI --------------------------------------------------------------------------------
    def warm(self) -> None:
        """Open the worker's connection ahead of the first ballot (on the first request of any
        kind): the first batch must not pay for connecting while a burst waits behind it."""
        with self._lock:
            if self._warmed:
                return
            self._warmed = True
        self.executor().submit(_warm_connection)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if not self._warmed and scope["type"] == "http":
            self.warm()
        match = (
            PATH.match(scope.get("path", ""))
            if scope["type"] == "http" and scope.get("method") == "POST"
            else None
        )
        headers = read_headers(scope) if match else {}
        bearer = bearer_token(headers.get(b"authorization", b""))
        ticket = headers.get(b"x-ballot-ticket", b"").decode("latin-1").strip()
        if match is None or (bearer is None and not ticket):
            await self.app(scope, receive, send)  # not ours: Django, untouched
            return
        poll_id = int(match.group(1))
        try:
            request = await self._read(scope, receive, headers, poll_id, bearer, ticket)
        except RejectedError as exc:
            await respond(scope, send, exc.status, exc.body)
            return
        if request is None:  # the client went away
            return
        outcome = await self._batcher(poll_id).submit(request)
        if outcome.error is None:
            await respond(scope, send, 201, {"ok": True})
        else:
            error = outcome.error
            await respond(
                scope,
                send,
                error.status_code,
                {"code": error.code, "message": error.message, "detail": error.detail},
            )

    async def _read(
        self,
        scope: Scope,
        receive: Receive,
        headers: dict[bytes, bytes],
        poll_id: int,
        bearer: str | None,
        ticket: str,
    ) -> BallotRequest | None:
        if bearer is None:
            person_id, session_key = check_ticket(scope, headers, poll_id, ticket)
        raw = await read_body(receive, headers)
        if raw is None:
            return None
        error = None
        option_id: int | None = None
        try:
            if len(raw) > MAX_BODY_BYTES:
                raise RejectedError(
                    *error_body(
                        400,
                        "body_too_large",
                        "Nội dung yêu cầu quá lớn / The request body is too large",
                        {"max_bytes": MAX_BODY_BYTES},
                    )
                )
            option_id = parse_ballot_body(raw)
        except RejectedError as exc:
            if bearer is None:  # the ticket is already verified: answer at once
                raise
            # A token is checked in the batch; the API reports a bad credential before a bad body.
            error = RefusalError(exc.status, exc.body)
        if bearer is not None:
            return BallotRequest(option_id=option_id, token=bearer, error=error)
        return BallotRequest(option_id=option_id, session_key=session_key, person_id=person_id)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self.close)
                await send({"type": "lifespan.shutdown.complete"})
                return


def _warm_connection() -> None:
    from nghitruong.voting.models import Poll

    Poll.objects.filter(pk=0).exists()
