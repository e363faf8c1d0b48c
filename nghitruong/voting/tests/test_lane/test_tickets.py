"""Ballots with a signed ballot ticket (the tablet panel) through the lane."""

from collections.abc import Callable

import pytest
from django.core import signing
from django.test import Client

from nghitruong.accounts.models import User
from nghitruong.accounts.testing import login_verified
from nghitruong.voting.lane import BallotLane
from nghitruong.voting.models import Poll, Vote
from nghitruong.voting.tests.conftest import Chamber, add_members
from nghitruong.voting.tests.test_lane.support import ballot, refused, run, vote_rows
from nghitruong.voting.tickets import SALT, ballot_ticket_issue

pytestmark = pytest.mark.django_db(transaction=True)


# -- ballot tickets ----------------------------------------------------------------------------
def _session(user: User) -> tuple[Client, str]:
    client = Client()
    login_verified(client, user)
    return client, client.cookies["sessionid"].value


def _ticket_headers(ticket: str, session_key: str, **extra: str) -> dict[str, str]:
    return {"x-ballot-ticket": ticket, "cookie": f"csrftoken=x; sessionid={session_key}", **extra}


def test_the_panel_issues_a_ticket_that_casts_through_the_lane(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    client, session_key = _session(deputy)
    html = client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    ticket = html.split('data-ballot-ticket="', 1)[1].split('"', 1)[0]
    assert f'data-ballot-url="/api/v1/voting/polls/{poll.pk}/ballots"' in html
    option = chamber.option(poll, "for")
    [(status, body, _)] = run(
        ballot(
            lane,
            poll.pk,
            option.pk,
            **_ticket_headers(ticket, session_key, origin="http://testserver"),
        )
    )
    assert (status, body) == (201, {"ok": True})
    assert vote_rows(poll) == [(deputy.username, "for")]
    # Once voted, the panel offers no ticket (nor buttons) for that poll any more.
    assert (
        "data-ballot-ticket"
        not in client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    )


def test_no_ticket_for_a_member_outside_the_snapshot(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    make_poll()
    late = add_members(chamber.body, 1, prefix="late")[0]  # joined after the poll started
    client, _ = _session(late)
    assert (
        "data-ballot-ticket"
        not in client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    )


class _OldSigner(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(signing.time.time()) - 3600)


def test_bad_tickets_are_refused_and_change_nothing(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    other_poll = make_poll()
    deputy = chamber.deputies[0]
    person_id = deputy.person.pk
    _client, key = _session(deputy)
    _other_client, other_key = _session(chamber.deputies[1])
    good = ballot_ticket_issue(poll_id=poll.pk, person_id=person_id, session_key=key)
    option = chamber.option(poll, "for").pk
    tag = signing.loads(good, salt=SALT)["s"]
    expired = _OldSigner(salt=SALT).sign_object({"p": poll.pk, "v": person_id, "s": tag})
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    cases = {
        "forged": _ticket_headers(forged, key),
        "expired": _ticket_headers(expired, key),
        "other poll": _ticket_headers(
            ballot_ticket_issue(poll_id=other_poll.pk, person_id=person_id, session_key=key), key
        ),
        "other session": _ticket_headers(good, other_key),
        "no session cookie": {"x-ballot-ticket": good},
    }
    for name, headers in cases.items():
        status, body, _ = refused(lane, poll, option, headers)
        assert (name, status, body["code"]) == (name, 401, "ticket_invalid")
    status, body, _ = refused(
        lane, poll, option, _ticket_headers(good, key, origin="https://evil.example")
    )
    assert (status, body["code"]) == (403, "origin_mismatch")
    status, body, _ = refused(
        lane, poll, option, _ticket_headers(good, key, **{"content-type": "text/plain"})
    )
    assert (status, body["code"]) == (415, "unsupported_media_type")
    assert Vote.objects.count() == 0


def test_a_ticket_dies_with_its_session(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    client, key = _session(deputy)
    ticket = ballot_ticket_issue(poll_id=poll.pk, person_id=deputy.person.pk, session_key=key)
    client.logout()  # deletes the session row
    status, body, _ = refused(
        lane, poll, chamber.option(poll, "for").pk, _ticket_headers(ticket, key)
    )
    assert (status, body["code"]) == (401, "ticket_expired")
    assert Vote.objects.count() == 0
