"""The meetings app's side of real time: what goes on the wire, and who may watch what.

``relay_to_broker`` is registered as a ``meetings.events`` listener and ``relay_poll_to_sittings``
as a ``voting.events`` listener (``MeetingsConfig.ready``). They run after commit in the process
that made the change, read the sitting's live state ONCE and publish one ``state`` event on:

- ``sitting:<id>`` — the members' stream (deputies and staff who reach the sitting): the deputy's
  sitting page, the chair's console, the hall screen;
- ``sitting-public:<id>`` — the observers' stream, only while the public may watch the sitting
  (``selectors.public_observation_allowed``: never a sitting flagged as containing state secrets,
  SECRET-2; never a planned one or a group discussion).

The payload carries ids, the sitting's state, which screen parts changed (``parts``) and the
running timer in server time — never a title, a name, a note or a document: every client
re-fetches the server-rendered fragments through access-checked views, so what a confidential
item or document contains reaches only those who may read it. A payload looks like::

    {"sitting_id": 7, "state": "open", "current_item_id": 31, "parts": ["speakers"],
     "speaker": {"request_id": 12, "item_id": 31, "started_at": "2026-11-23T02:15:00+00:00",
                 "limit_seconds": 420, "ends_at": "2026-11-23T02:22:00+00:00",
                 "remaining": 415, "running": true},
     "server_now": "2026-11-23T02:15:05+00:00"}

Clients count the timer down locally from ``ends_at`` corrected by ``server_now`` (clock skew),
so every screen shows the same second. There is no pause in the speaker model: the chair ends or
extends a speech (``speaker.extended`` moves ``ends_at``).
"""

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from nghitruong.meetings import selectors
from nghitruong.meetings.models import AgendaItem, Sitting, SpeakerRequest
from nghitruong.realtime.broker import get_broker
from nghitruong.voting.models import Poll

logger = logging.getLogger(__name__)

ALL_PARTS = ("sitting", "agenda", "speakers", "attendance", "votes")
# meetings event → (screen parts it changes, whether observers are told)
SITTING_EVENTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "sitting.opened": (ALL_PARTS, True),
    "sitting.closed": (ALL_PARTS, True),
    "sitting.current_item": (("agenda", "speakers"), True),
    "agenda.changed": (("agenda",), True),
    "package.changed": (("agenda",), False),  # documents are not on the public screens
    "speakers.changed": (("speakers",), True),
    "speaker.started": (("speakers",), True),
    "speaker.stopped": (("speakers",), True),
    "speaker.extended": (("speakers",), True),
    "attendance.changed": (("attendance",), True),
}
# Not relayed: session.* (no sitting screen shows them) and opinions.changed (staff-only data
# with no live fragment).
POLL_EVENTS = frozenset(
    {"poll.created", "poll.started", "poll.stopped", "poll.published", "poll.reset"}
)


def sitting_channel(sitting_id: int) -> str:
    return f"sitting:{sitting_id}"


def public_channel(sitting_id: int) -> str:
    return f"sitting-public:{sitting_id}"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def speaker_state(request: SpeakerRequest | None) -> dict[str, Any] | None:
    """The running timer in server time (``None`` when nobody holds the floor)."""
    if request is None:
        return None
    timer = selectors.speaker_timer(request)
    return {
        "request_id": request.pk,
        "item_id": request.item_id,
        "started_at": _iso(request.started_at),
        "limit_seconds": request.limit_seconds,
        "ends_at": _iso(timer.ends_at) if timer else None,
        "remaining": timer.remaining if timer else None,
        "running": request.state == SpeakerRequest.State.SPEAKING,
    }


def sitting_live_state(sitting: Sitting, *, parts: tuple[str, ...] = ALL_PARTS) -> dict[str, Any]:
    """The public live state of a sitting, as sent on connect and after every change."""
    return {
        "sitting_id": sitting.pk,
        "state": sitting.state,
        "current_item_id": sitting.current_item_id,
        "parts": list(parts),
        "speaker": speaker_state(selectors.current_speaker(sitting=sitting)),
        "server_now": timezone.now().isoformat(),
    }


def _publish(sitting_id: int, parts: tuple[str, ...], public: bool) -> None:
    sitting = Sitting.objects.filter(pk=sitting_id).first()
    if sitting is None:
        return
    state = sitting_live_state(sitting, parts=parts)
    broker = get_broker()
    broker.publish(sitting_channel(sitting.pk), "state", state)
    if public and selectors.public_observation_allowed(sitting):
        broker.publish(public_channel(sitting.pk), "state", state)


def relay_to_broker(event: str, payload: dict[str, Any]) -> None:
    """``meetings.events`` listener: publish the sitting's live state on its channels."""
    sitting_id = payload.get("sitting_id")
    if sitting_id is None or event not in SITTING_EVENTS:
        return
    parts, public = SITTING_EVENTS[event]
    # SECRET-2: a sitting flagged as containing state secrets never reaches the public stream
    # (checked again on the row: the flag may have changed since the event was made).
    _publish(int(sitting_id), parts, public and not payload.get("state_secrets", False))


def relay_poll_to_sittings(event: str, payload: dict[str, Any]) -> None:
    """``voting.events`` listener: a poll on an agenda item refreshes its sitting's vote panel.

    A poll still being prepared is the body's business: ``poll.created`` reaches members only.
    """
    poll_id = payload.get("poll_id")
    if poll_id is None or event not in POLL_EVENTS:
        return
    poll = (
        Poll.objects.filter(pk=poll_id, subject_type=ContentType.objects.get_for_model(AgendaItem))
        .only("id", "subject_id")
        .first()
    )
    if poll is None or poll.subject_id is None:
        return
    sitting_id = (
        AgendaItem.objects.filter(pk=poll.subject_id).values_list("sitting_id", flat=True).first()
    )
    if sitting_id is None:
        return
    _publish(sitting_id, ("votes",), event != "poll.created")
