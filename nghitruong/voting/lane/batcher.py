"""The per-poll queue of the ballot lane: requests wait while a batch is recorded in the worker
thread; the next batch takes everything that came meanwhile (group commit, decision 0007)."""

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from nghitruong.accounts.services import api_tokens_mark_used
from nghitruong.voting.lane.http import UNAVAILABLE, RefusalError, error_body
from nghitruong.voting.services.ballots import BallotOutcome, BallotRequest, ballots_announce

if TYPE_CHECKING:
    from nghitruong.voting.lane.app import BallotLane

logger = logging.getLogger("nghitruong.voting.lane")

MAX_BATCH = 900  # ballots per transaction (keeps every IN list below SQLite's 999 parameters)
# The vote counter is announced once no ballot came for ANNOUNCE_QUIET seconds, and at least every
# ANNOUNCE_EVERY seconds during a long burst (see ``Batcher._schedule_announce``).
ANNOUNCE_QUIET = 0.2
ANNOUNCE_EVERY = 1.0
GATHER_PASSES = 8  # event-loop passes to take in an arriving burst before a batch leaves

_UNAVAILABLE = BallotOutcome(RefusalError(*error_body(503, "unavailable", UNAVAILABLE)))


class Batcher:
    """The queue of one poll on one event loop; one flush at a time."""

    def __init__(self, lane: "BallotLane", poll_id: int) -> None:
        self.lane, self.poll_id = lane, poll_id
        self.loop = asyncio.get_running_loop()
        self.pending: list[tuple[BallotRequest, asyncio.Future[BallotOutcome]]] = []
        self.flushing = False
        self.unannounced_since: float | None = None
        self.announce_timer: asyncio.TimerHandle | None = None

    def submit(self, request: BallotRequest) -> "asyncio.Future[BallotOutcome]":
        future: asyncio.Future[BallotOutcome] = self.loop.create_future()
        self.pending.append((request, future))
        if not self.flushing:
            self.flushing = True
            self.loop.create_task(self._flush())
        return future

    async def _flush(self) -> None:
        self.lane.gc_flush_started(self.loop.time())
        try:
            while self.pending:
                await self._gather_ready()
                batch, self.pending = self.pending[:MAX_BATCH], self.pending[MAX_BATCH:]
                requests = [request for request, _ in batch]
                try:
                    outcomes = await self.loop.run_in_executor(
                        self.lane.executor(), self.lane.record, self.poll_id, requests
                    )
                except Exception:
                    logger.exception("ballot lane: batch of %d failed", len(batch))
                    outcomes = [_UNAVAILABLE] * len(batch)
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)
                used = [o.token for o in outcomes if o.token is not None]
                if used:  # after the answers, in the worker thread before the next batch
                    self.loop.run_in_executor(self.lane.executor(), _mark_used, used)
                if any(o.accepted for o in outcomes):
                    self._schedule_announce()
                self.lane.gc_flush_tick(self.loop.time())
        finally:
            self.flushing = False
            # After the answers just released have been written (their tasks run first).
            self.loop.call_soon(self.lane.gc_flush_ended)
            self.lane.batch_done(self)

    async def _gather_ready(self) -> None:
        """Let the event loop take in the requests already received (a burst arriving) before
        the batch leaves: a few passes of the loop, no timer, stopping once nothing new came."""
        for _ in range(GATHER_PASSES):
            before = len(self.pending)
            await asyncio.sleep(0)
            if len(self.pending) == before or len(self.pending) >= MAX_BATCH:
                return

    def _schedule_announce(self) -> None:
        """The live vote counter (``ballot.cast``): once the ballots stop coming for
        ``ANNOUNCE_QUIET`` seconds, and at least every ``ANNOUNCE_EVERY`` seconds during a long
        burst — not after every batch: each announcement fans out to every observer, thousands
        of writes on the event loop that a burst's ballots would wait behind (decision 0007)."""
        now = self.loop.time()
        if self.unannounced_since is None:
            self.unannounced_since = now
        if self.announce_timer is not None:
            self.announce_timer.cancel()
        if now - self.unannounced_since >= ANNOUNCE_EVERY:
            self._announce()
        else:
            self.announce_timer = self.loop.call_later(ANNOUNCE_QUIET, self._announce)

    def _announce(self) -> None:
        if self.announce_timer is not None:
            self.announce_timer.cancel()
        self.announce_timer, self.unannounced_since = None, None
        # In the worker thread, after the batches it counts (the executor is FIFO).
        self.loop.run_in_executor(self.lane.executor(), _announce, self.poll_id)


def _mark_used(tokens: list[Any]) -> None:
    try:
        api_tokens_mark_used(tokens=tokens)
    except Exception:
        logger.exception("ballot lane: recording the use of %d tokens failed", len(tokens))


def _announce(poll_id: int) -> None:
    try:
        ballots_announce(poll_id=poll_id)
    except Exception:
        logger.exception("ballot lane: announcing poll %s failed", poll_id)
