"""The ballot lane: ``POST /api/v1/voting/polls/<id>/ballots`` without Django's request stack.

An ASGI app wrapping the project's application (``config/asgi.py``, outside ``RequestLimit``).
It answers exactly that URL when the request carries a personal API token
(``Authorization: Bearer …``) or a ballot ticket (``X-Ballot-Ticket``, see ``voting.tickets``);
everything else — other URLs, and ballots authenticated by the session alone — goes to Django
untouched. Same JSON body (``{"option_id": n}``), same answers as the Ninja endpoint: 201
``{"ok": true}`` or ``{"code", "message", "detail"}`` with the same status.

Per poll, an asyncio batcher: each request parses its body, enqueues (credential, option, future)
and waits. A flusher hands everything queued so far to ``voting.services.ballots_record`` in ONE
dedicated worker thread (its own persistent database connection), then the next batch: natural
group commit, no artificial wait. A response is sent only after its batch committed, so an
accepted vote is never lost; the API tokens' ``last_used_at`` is written after the answers, in the
same thread before the next batch. Decision 0007.
"""

from nghitruong.voting.lane.app import GC_HOLD_MAX, BallotLane
from nghitruong.voting.lane.http import MAX_BODY_BYTES, parse_ballot_body

__all__ = ["GC_HOLD_MAX", "MAX_BODY_BYTES", "BallotLane", "parse_ballot_body"]
