"""Permission-matrix specs for voting (tests/test_permission_matrix.py).

Each side of the world gets, through the services, a poll still being prepared (its title is
private to the body: the public never sees a draft) and a poll that has been put to the vote
(plenary votes are public once started, so its title is not a marker). Member and API URLs point
at the draft; the public observer pages at the started poll.
"""

from typing import Any

from nghitruong.accounts.models import Role, User
from nghitruong.accounts.services import membership_create, person_create, user_create
from nghitruong.voting import services
from nghitruong.voting.models import Poll
from tests.conftest import PASSWORD, TERM_START, World
from tests.matrix import Probe


def _staff(world: World, side: str) -> User:
    """A secretariat officer of the side's council (the world has one only for A)."""
    if side == "A":
        return world.users["secretary_a"]
    if "voting_secretary_b" not in world.users:
        user = user_create(
            username="voting_secretary_b",
            password=PASSWORD,
            actor=None,
            full_name="Đỗ Thư Ký Bê",
            check_password_rules=False,
        )
        person = person_create(full_name=user.full_name, actor=None, user=user)
        membership_create(
            person=person,
            body=world.body("B"),
            role=Role.SECRETARIAT,
            start_date=TERM_START,
            actor=None,
            term=world.term_b,
        )
        world.users["voting_secretary_b"] = user
    return world.users["voting_secretary_b"]


def polls_of(world: World, side: str) -> dict[str, Poll]:
    cache: dict[str, dict[str, Poll]] = world.__dict__.setdefault("voting_polls", {})
    if side not in cache:
        staff, body = _staff(world, side), world.body(side)
        draft_title = f"Dự thảo biểu quyết chưa công bố {side}"
        draft = services.poll_create(
            actor=staff, body=body, title=draft_title, kind=Poll.Kind.ELECTRONIC_AGGREGATE
        )
        started = services.poll_create(
            actor=staff,
            body=body,
            title=f"Biểu quyết thông qua nghị quyết {side}",
            kind=Poll.Kind.ELECTRONIC_AGGREGATE,
        )
        services.poll_start(actor=staff, poll=started)
        world.extra_markers[side].append(draft_title)
        cache[side] = {"draft": draft, "started": started}
    return cache[side]


def draft_poll(world: World, side: str) -> dict[str, Any]:
    return {"poll_id": polls_of(world, side)["draft"].pk}


def started_poll(world: World, side: str) -> dict[str, Any]:
    return {"poll_id": polls_of(world, side)["started"].pk}


def body_polls(world: World, side: str) -> dict[str, Any]:
    polls_of(world, side)
    return {"body_id": world.body(side).pk}


def transition(world: World, side: str) -> dict[str, Any]:
    return {**draft_poll(world, side), "action": "start"}


SPECS: dict[str, Probe] = {
    # API (/api/v1/voting/)
    "api-v1:voting_polls": Probe(kwargs=body_polls),
    "api-v1:voting_poll_create": Probe(kwargs=body_polls, note="same route; GET lists"),
    "api-v1:voting_poll": Probe(kwargs=draft_poll),
    "api-v1:voting_cast": Probe(kwargs=draft_poll, owner_status=405, note="POST only"),
    "api-v1:voting_paper": Probe(kwargs=draft_poll, owner_status=405, note="POST only"),
    "api-v1:voting_transition": Probe(kwargs=transition, owner_status=405, note="POST only"),
    # The deputy's panel and the chair's console (a deputy may not use the console: 403)
    "voting:panel": Probe(kwargs=body_polls),
    "voting:panel_fragment": Probe(kwargs=body_polls),
    "voting:body_events": Probe(kwargs=body_polls, note="SSE stream; only the status is read"),
    "voting:console": Probe(kwargs=body_polls, owner_status=403),
    "voting:console_fragment": Probe(kwargs=body_polls, owner_status=403),
    "voting:cast": Probe(kwargs=draft_poll, owner_status=405, note="POST only"),
    "voting:transition": Probe(kwargs=transition, owner_status=405, note="POST only"),
    # The hall screen (members of the body)
    "voting:hall": Probe(kwargs=draft_poll),
    "voting:hall_board": Probe(kwargs=draft_poll),
    "voting:poll_events": Probe(kwargs=draft_poll, note="SSE stream; only the status is read"),
    # The public observer view: a poll put to the vote is public, a draft is not
    "voting:public": Probe(kwargs=started_poll, public=True),
    "voting:public_board": Probe(kwargs=started_poll, public=True),
    "voting:public_events": Probe(
        kwargs=draft_poll,
        public=True,
        owner_status=404,
        note=(
            "an open SSE stream has no body to read, so the matrix probes a draft, which the "
            "public stream refuses like a missing poll; the live stream is tested in "
            "voting/tests/test_views.py"
        ),
    ),
}
