"""The 500-member boundary through real polls: 250 for → not passed, 251 → passed (issue 4 §3)."""

import pytest

from nghitruong.voting import services
from nghitruong.voting.models import Poll
from nghitruong.voting.selectors import poll_result_board
from nghitruong.voting.tests.conftest import add_members, make_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("matter", "votes_for", "passed", "required", "shown"),
    [
        ("resolution", 250, False, 251, "50,00%"),
        ("resolution", 251, True, 251, "50,20%"),
        ("constitution", 333, False, 334, "66,60%"),
        ("constitution", 334, True, 334, "66,80%"),
    ],
)
def test_boundary_with_500_entitled_deputies(
    matter: str, votes_for: int, passed: bool, required: int, shown: str
) -> None:
    body = make_body("quoc-hoi", total_members=500)
    staff = add_members(body, 1, role="secretariat", prefix="vp")[0]
    deputies = add_members(body, 500)
    poll = services.poll_create(
        actor=staff, body=body, title="Dự án luật", kind=Poll.Kind.SECRET, matter=matter
    )
    services.poll_start(actor=staff, poll=poll)
    assert poll.total_members_at_start == 500
    yes, no = poll.options.get(meaning="for"), poll.options.get(meaning="against")
    for user in deputies[:votes_for]:
        services.ballot_cast(poll=poll, user=user, option=yes)
    for user in deputies[votes_for : votes_for + 10]:
        services.ballot_cast(poll=poll, user=user, option=no)
    result = services.poll_stop(actor=staff, poll=poll)
    assert (result.votes_for, result.votes_against, result.participants) == (
        votes_for,
        10,
        votes_for + 10,
    )
    assert (result.required_votes, result.passed) == (required, passed)
    board = poll_result_board(poll=poll)
    assert board is not None
    assert (board.line("for").percent_display, board.verdict) == (
        shown,
        "Thông qua" if passed else "Không thông qua",
    )
    assert board.line("did_not_vote").count == 500 - votes_for - 10
