"""Reaching a poll: through the body that owns it (tenancy), else ``NotFoundError``."""

from typing import Any

from nghitruong.accounts.permissions import accessible_body_ids, is_staff_of
from nghitruong.core.exceptions import NotFoundError
from nghitruong.voting.models import Poll

POLL_NOT_FOUND = "Không tìm thấy cuộc biểu quyết / Poll not found"


def access_poll(user: Any, poll_id: int) -> Poll:
    """The poll, if the user may see its body; a missing and an unreachable poll look the same."""
    poll = Poll.objects.select_related("body").filter(pk=poll_id).first()
    if poll is None or poll.body_id not in accessible_body_ids(user):
        raise NotFoundError(POLL_NOT_FOUND)
    return poll


def can_see_result(user: Any, poll: Poll) -> bool:
    """Everyone who reaches the poll after publication; the body's staff as soon as it stops."""
    if poll.state == Poll.State.PUBLISHED:
        return True
    return poll.state == Poll.State.STOPPED and is_staff_of(user, poll.body)
