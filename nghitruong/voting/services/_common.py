"""Helpers shared by the voting services (not part of the public API)."""

from typing import Any

from django.db import transaction

from nghitruong.core.exceptions import ConflictError
from nghitruong.voting.models import Poll

STATE_MESSAGES = {
    Poll.State.CREATED: "Cuộc biểu quyết chưa bắt đầu / The poll has not started",
    Poll.State.STARTED: "Cuộc biểu quyết đang diễn ra / The poll is running",
    Poll.State.STOPPED: "Cuộc biểu quyết đã kết thúc / The poll has stopped",
    Poll.State.PUBLISHED: "Kết quả đã được công bố / The result has been published",
}


def lock_poll(poll: Poll) -> Poll:
    """Re-read the poll under a row lock (PostgreSQL); SQLite serialises writers anyway.

    Must be called inside ``transaction.atomic()``. Updates ``poll`` in place so callers holding the
    instance see the current state.
    """
    assert transaction.get_connection().in_atomic_block  # noqa: S101 - programming error guard
    fresh = Poll.objects.select_for_update().get(pk=poll.pk)
    for field in (
        "state",
        "started_at",
        "stopped_at",
        "published_at",
        "total_members_at_start",
    ):
        setattr(poll, field, getattr(fresh, field))
    return fresh


def state_error(poll: Poll, *allowed: str, code: str = "wrong_state") -> ConflictError:
    """The refusal of an action the poll's state does not allow (``allowed``: the states that do)."""
    return ConflictError(
        STATE_MESSAGES[Poll.State(poll.state)],
        code=code,
        detail={"state": poll.state, "allowed": list(allowed)},
    )


def require_state(poll: Poll, *allowed: str, code: str = "wrong_state") -> None:
    if poll.state not in allowed:
        raise state_error(poll, *allowed, code=code)


def poll_snapshot(poll: Poll) -> dict[str, Any]:
    return {
        "title": poll.title,
        "kind": poll.kind,
        "matter": poll.matter,
        "majority_kind": poll.majority_kind,
        "state": poll.state,
    }
