"""Contract: the ballot lane and the Ninja endpoint answer the same request the same way.

Each case builds a situation, sends the same request (Bearer token, same body) once to the Ninja
endpoint (Django test client, the whole Django stack) and once to the lane (the ASGI app), and
compares status and JSON body. A refused ballot changes nothing on either side.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from nghitruong.accounts.models import Role
from nghitruong.accounts.services import api_token_create, api_token_revoke
from nghitruong.voting import services
from nghitruong.voting.lane import BallotLane
from nghitruong.voting.models import Poll, Vote
from nghitruong.voting.tests.conftest import Chamber, add_members, make_body
from nghitruong.voting.tests.test_lane.support import call, lane, run  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Case:
    poll_id: int
    ninja_token: str
    lane_token: str
    body: bytes


def _tokens(users: list[Any]) -> list[str]:
    return [api_token_create(user=u, name="hợp đồng")[1] for u in users]


def _body(option_id: Any) -> bytes:
    return json.dumps({"option_id": option_id}).encode()


def accepted(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    a, b = _tokens(ch.deputies[:2])
    return Case(poll.pk, a, b, _body(ch.option(poll, "for").pk))


def already_voted(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    services.ballot_cast(poll=poll, user=ch.deputies[0], option=ch.option(poll, "for"))
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body(ch.option(poll, "against").pk))


def not_entitled(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    late = add_members(ch.body, 1, prefix="muon")[0]  # joined after the start: not in the snapshot
    [t] = _tokens([late])
    return Case(poll.pk, t, t, _body(ch.option(poll, "for").pk))


def non_member(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    stranger = add_members(make_body("hdnd-khac", kind="provincial_council", level="provincial"), 1)
    [t] = _tokens(stranger)
    return Case(poll.pk, t, t, _body(ch.option(poll, "for").pk))


def option_of_another_poll(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll, other = make_poll(), make_poll()
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body(ch.option(other, "for").pk))


def not_started(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll(start=False)
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body(ch.option(poll, "for").pk))


def stopped(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    services.poll_stop(actor=ch.staff, poll=poll)
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body(ch.option(poll, "for").pk))


def paper(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll(kind=Poll.Kind.PAPER)
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body(poll.options.first().pk))  # type: ignore[union-attr]


def unknown_poll(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    [t] = _tokens(ch.deputies[:1])
    return Case(987_654, t, t, _body(1))


def revoked_token(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    token, secret = api_token_create(user=ch.deputies[0], name="cũ")
    api_token_revoke(token=token, actor=ch.deputies[0])
    return Case(poll.pk, secret, secret, _body(ch.option(poll, "for").pk))


def unknown_token(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    return Case(poll.pk, "ntk_khong-ton-tai", "ntk_khong-ton-tai", _body(ch.option(poll, "for").pk))


def malformed_json(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, b'{"option_id": ')


def malformed_json_bad_token(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    return Case(poll.pk, "ntk_sai", "ntk_sai", b"{")


def missing_option(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, b'{"lua_chon": 1}')


def option_not_a_number(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, _body("một"))


def not_an_object(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    [t] = _tokens(ch.deputies[:1])
    return Case(poll.pk, t, t, b"[1, 2]")


def staff_without_entitlement(ch: Chamber, make_poll: Callable[..., Poll]) -> Case:
    poll = make_poll()
    outsider = add_members(ch.body, 1, role=Role.SECRETARIAT, prefix="vp2")[0]
    [t] = _tokens([outsider])
    return Case(poll.pk, t, t, _body(ch.option(poll, "for").pk))


CASES = {
    "accepted": (accepted, 201),
    "already_voted": (already_voted, 409),
    "not_entitled": (not_entitled, 403),
    "non_member": (non_member, 404),
    "option_of_another_poll": (option_of_another_poll, 400),
    "not_started": (not_started, 409),
    "stopped": (stopped, 409),
    "paper": (paper, 409),
    "unknown_poll": (unknown_poll, 404),
    "revoked_token": (revoked_token, 401),
    "unknown_token": (unknown_token, 401),
    "malformed_json": (malformed_json, 400),
    "malformed_json_bad_token": (malformed_json_bad_token, 401),
    "missing_option": (missing_option, 422),
    "option_not_a_number": (option_not_a_number, 422),
    "not_an_object": (not_an_object, 422),
    "staff_without_entitlement": (staff_without_entitlement, 403),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_lane_answers_like_the_ninja_endpoint(
    name: str,
    lane: BallotLane,  # noqa: F811
    chamber: Chamber,
    make_poll: Callable[..., Poll],
) -> None:
    build, expected_status = CASES[name]
    case = build(chamber, make_poll)
    path = f"/api/v1/voting/polls/{case.poll_id}/ballots"
    before = Vote.objects.count()
    response = Client().post(
        path,
        data=case.body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {case.ninja_token}",
    )
    ninja = (response.status_code, response.json())
    [(status, body, _)] = run(
        call(
            lane,
            path,
            body=case.body,
            headers={
                "content-type": "application/json",
                "authorization": f"Bearer {case.lane_token}",
            },
        )
    )
    assert ninja[0] == expected_status
    assert (status, body) == ninja
    if expected_status == 201:
        assert Vote.objects.count() == before + 2
    else:
        assert Vote.objects.count() == before
