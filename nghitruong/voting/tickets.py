"""Ballot tickets: how a deputy's tablet casts through the ballot lane without a session lookup.

The deputy's voting panel (an ordinary authenticated, second-factor-verified Django view) issues,
for each started poll the deputy is entitled to vote in, a short-lived ticket: an HMAC-signed
value (``django.core.signing``, own salt) binding the poll, the person and the session. The
session is bound through a keyed hash of its key (the key itself never reaches the page: the
session cookie is HttpOnly). The lane checks the signature, the age, the poll and the session
cookie against the ticket with no database access; the batch then confirms with one query that
those sessions still exist (a logout or an expired session kills the ticket). See decision 0007.
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "nghitruong.voting.ballot-ticket"
# Short-lived: no longer than the shortest idle timeout (administrators, 5 minutes); the panel is
# re-rendered (and re-ticketed) on every state change, and an expired ticket falls back to the form.
MAX_AGE_SECONDS = 5 * 60


class TicketError(Exception):
    """The ticket is forged, expired, of another poll or of another session."""


@dataclass(frozen=True)
class Ticket:
    poll_id: int
    person_id: int


def _session_tag(session_key: str) -> str:
    return salted_hmac(SALT + ".session", session_key, algorithm="sha256").hexdigest()[:32]


def ballot_ticket_issue(*, poll_id: int, person_id: int, session_key: str) -> str:
    payload = {"p": poll_id, "v": person_id, "s": _session_tag(session_key)}
    return signing.dumps(payload, salt=SALT, compress=False)


def ballot_ticket_verify(value: str, *, poll_id: int, session_key: str) -> Ticket:
    """The ticket's person, if ``value`` is a live ticket for ``poll_id`` and this session."""
    if not value or not session_key or len(value) > 512:
        raise TicketError("missing")
    try:
        payload = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise TicketError("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("p") != poll_id:
        raise TicketError("another poll")
    person_id = payload.get("v")
    if not isinstance(person_id, int) or not constant_time_compare(
        str(payload.get("s", "")), _session_tag(session_key)
    ):
        raise TicketError("another session")
    return Ticket(poll_id=poll_id, person_id=person_id)
