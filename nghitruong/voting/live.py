"""The voting app's side of real time: what goes on the wire, and who may watch what.

``relay_to_broker`` is registered as a ``voting.events`` listener (``VotingConfig.ready``). It runs
after commit in the process that made the change, reads the poll's public state ONCE and
publishes it on ``poll:<id>`` and ``body:<id>``. Payloads hold public counters only: how many
have voted while a poll is open (never per option), and the tally only once it is published.

Events: ``state`` (created / started / stopped / published / reset; sent at once) and
``progress`` (one more ballot; coalesced: at most 5 fan-outs a second per channel, and at most one
per ``min_interval`` per client, the latest count always arriving).
"""

import logging
from typing import Any

from nghitruong.core.exceptions import NotFoundError
from nghitruong.realtime.broker import get_broker
from nghitruong.voting.models import Poll, PollResult, Vote, VoteParticipation
from nghitruong.voting.permissions import POLL_NOT_FOUND

logger = logging.getLogger(__name__)

STATE_EVENTS = {"poll.created", "poll.started", "poll.stopped", "poll.published", "poll.reset"}


def poll_channel(poll_id: int) -> str:
    return f"poll:{poll_id}"


def body_channel(body_id: int) -> str:
    return f"body:{body_id}"


def poll_voted_count(poll: Poll) -> int:
    """How many entitled voters have voted so far (a secret poll counts participations)."""
    if poll.is_secret:
        return VoteParticipation.objects.filter(poll=poll).count()
    return Vote.objects.filter(poll=poll).count()


def published_tally(poll: Poll) -> dict[str, Any] | None:
    """The public tally of a published poll, else None (a stopped poll is staff-only)."""
    if poll.state != Poll.State.PUBLISHED:
        return None
    result = PollResult.objects.filter(poll=poll).first()
    if result is None:
        return None
    return {
        "total_members": result.total_members,
        "participants": result.participants,
        "for": result.votes_for,
        "against": result.votes_against,
        "abstain": result.abstained,
        "did_not_vote": result.did_not_vote,
        "required_votes": result.required_votes,
        "passed": result.passed,
    }


def poll_live_state(poll: Poll) -> dict[str, Any]:
    """The full public state of a poll, as sent on connect and after every transition."""
    voted = poll_voted_count(poll) if poll.state != Poll.State.CREATED else 0
    return {
        "poll_id": poll.pk,
        "body_id": poll.body_id,
        "state": poll.state,
        "voted": voted,
        "total_members": poll.total_members_at_start,
        "result": published_tally(poll),
    }


def public_poll(poll_id: int) -> Poll:
    """A poll as the public sees it: any poll once it has been put to the vote, never a draft.

    Plenary votes are public (the chamber is broadcast); only a poll still being prepared
    ("created") is hidden, and it looks exactly like a missing one.
    """
    poll = Poll.objects.select_related("body").filter(pk=poll_id).first()
    if poll is None or poll.state == Poll.State.CREATED:
        raise NotFoundError(POLL_NOT_FOUND)
    return poll


def relay_to_broker(event: str, payload: dict[str, Any]) -> None:
    """``voting.events`` listener: publish the poll's public state on its channels."""
    poll_id, body_id = payload.get("poll_id"), payload.get("body_id")
    if poll_id is None or body_id is None:
        return
    broker = get_broker()
    if event == "ballot.cast":
        poll = Poll.objects.filter(pk=poll_id).only("id", "kind", "body_id").first()
        if poll is None:
            return
        data = {"poll_id": poll_id, "body_id": body_id, "voted": poll_voted_count(poll)}
        for channel in (poll_channel(poll_id), body_channel(body_id)):
            broker.publish(channel, "progress", data, coalesce=True)
        return
    if event not in STATE_EVENTS:
        return
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None:
        return
    state = poll_live_state(poll)
    for channel in (poll_channel(poll_id), body_channel(body_id)):
        broker.publish(channel, "state", state)
