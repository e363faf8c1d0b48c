"""The garbage-collection hold while the lane records a burst."""

import gc
from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.voting.lane import GC_HOLD_MAX, BallotLane
from nghitruong.voting.models import Poll
from nghitruong.voting.services.ballots import BallotRequest
from nghitruong.voting.tests.conftest import Chamber
from nghitruong.voting.tests.test_lane.support import ballot, bearer, run, token_for

pytestmark = pytest.mark.django_db(transaction=True)


# -- the garbage collector during a burst ------------------------------------------------------
def test_the_collector_is_held_off_while_a_batch_records_and_back_afterwards(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll], monkeypatch: Any
) -> None:
    poll = make_poll()
    seen: list[bool] = []
    record = lane.record

    def spying_record(poll_id: int, requests: list[BallotRequest]) -> Any:
        seen.append(gc.isenabled())
        return record(poll_id, requests)

    monkeypatch.setattr(lane, "record", spying_record)
    yes = chamber.option(poll, "for").pk
    replies = run(*(ballot(lane, poll.pk, yes, **bearer(token_for(d))) for d in chamber.deputies))
    assert [s for s, _, _ in replies] == [201] * len(chamber.deputies)
    assert seen == [False]  # one batch, recorded with the collector off
    assert gc.isenabled() is True


def test_the_collector_hold_is_bounded_and_respects_a_disabled_collector() -> None:
    lane = BallotLane(app=None)  # type: ignore[arg-type]  # only the collector bookkeeping
    try:
        lane.gc_flush_started(100.0)
        lane.gc_flush_started(100.5)  # a second poll's batcher
        assert gc.isenabled() is False
        lane.gc_flush_tick(100.0 + GC_HOLD_MAX)  # not past the bound yet
        assert gc.isenabled() is False
        lane.gc_flush_tick(100.1 + GC_HOLD_MAX)  # ballots for longer than the bound: given back
        assert gc.isenabled() is True
        lane.gc_flush_started(103.0)  # not taken again while batches keep running
        assert gc.isenabled() is True
        for _ in range(3):
            lane.gc_flush_ended()
        lane.gc_flush_started(110.0)  # idle in between: held again
        assert gc.isenabled() is False
        lane.gc_flush_ended()
        assert gc.isenabled() is True
        gc.disable()  # someone else's choice
        lane.gc_flush_started(120.0)
        lane.gc_flush_ended()
        assert gc.isenabled() is False
    finally:
        gc.enable()
