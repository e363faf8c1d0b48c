"""Casting: once per deputy, only while open, only by entitled members; results and the board."""

import datetime as dt
from collections.abc import Callable

import pytest

from nghitruong.accounts.models import Role
from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import AuditEntry
from nghitruong.voting import services
from nghitruong.voting.models import Poll, SecretTally, Vote, VoteParticipation
from nghitruong.voting.selectors import (
    access_poll,
    poll_list,
    poll_named_votes,
    poll_result_board,
    poll_result_board_for,
    voter_status,
)
from nghitruong.voting.tests.conftest import Chamber, add_members

pytestmark = pytest.mark.django_db


def _stored(poll: Poll) -> tuple[int, int, list[int]]:
    return (
        Vote.objects.filter(poll=poll).count(),
        VoteParticipation.objects.filter(poll=poll).count(),
        sorted(SecretTally.objects.filter(poll=poll).values_list("count", flat=True)),
    )


@pytest.mark.parametrize("kind", ["electronic_aggregate", "named", "secret"])
def test_a_second_vote_is_refused_and_the_first_stands(
    chamber: Chamber, make_poll: Callable[..., Poll], kind: str
) -> None:
    poll = make_poll(kind=kind)
    deputy = chamber.deputies[0]
    services.ballot_cast(poll=poll, user=deputy, option=chamber.option(poll, "for"))
    stored = _stored(poll)
    audit_count = AuditEntry.objects.count()
    with pytest.raises(ConflictError) as err:
        services.ballot_cast(poll=poll, user=deputy, option=chamber.option(poll, "against"))
    assert (err.value.code, err.value.message) == (
        "already_voted",
        "Đại biểu đã biểu quyết / You have already voted",
    )
    assert _stored(poll) == stored
    assert AuditEntry.objects.count() == audit_count
    result = services.poll_stop(actor=chamber.staff, poll=poll)
    assert (result.votes_for, result.votes_against, result.participants) == (1, 0, 1)


@pytest.mark.parametrize("kind", ["named", "secret"])
def test_vote_before_start_and_after_stop_is_refused(
    chamber: Chamber, make_poll: Callable[..., Poll], kind: str
) -> None:
    poll = make_poll(kind=kind, start=False)
    with pytest.raises(ConflictError) as err:
        services.ballot_cast(
            poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for")
        )
    assert (err.value.code, err.value.detail["state"]) == ("poll_not_open", "created")
    assert _stored(poll) == (0, 0, [])
    services.poll_start(actor=chamber.staff, poll=poll)
    services.ballot_cast(poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for"))
    services.poll_stop(actor=chamber.staff, poll=poll)
    stored = _stored(poll)
    for late in (chamber.deputies[1], chamber.deputies[0]):
        with pytest.raises(ConflictError) as err:
            services.ballot_cast(poll=poll, user=late, option=chamber.option(poll, "against"))
        assert (err.value.code, err.value.detail["state"]) == ("poll_not_open", "stopped")
    assert _stored(poll) == stored
    assert poll.result.votes_for == 1


def test_non_member_and_staff_cannot_vote(
    chamber: Chamber, chamber_factory: Callable[..., Chamber], make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(kind="named")
    other = chamber_factory(code="hdnd-x", kind="provincial_council", level="provincial")
    for outsider in (other.deputies[0], chamber.staff):
        with pytest.raises(PermissionDeniedError) as err:
            services.ballot_cast(poll=poll, user=outsider, option=chamber.option(poll, "for"))
        assert err.value.code == "not_entitled"
    # The outsider cannot even reach the poll.
    with pytest.raises(NotFoundError):
        access_poll(other.deputies[0], poll.pk)
    assert _stored(poll) == (0, 0, [])


def test_member_who_joined_after_start_is_not_entitled(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(kind="secret")
    newcomer = add_members(chamber.body, 1, prefix="moi", start=dt.date(2026, 11, 1))[0]
    with pytest.raises(PermissionDeniedError) as err:
        services.ballot_cast(poll=poll, user=newcomer, option=chamber.option(poll, "for"))
    assert err.value.code == "not_entitled"
    assert _stored(poll) == (0, 0, [0, 0, 0])
    assert voter_status(poll=poll, user=newcomer).entitled is False


def test_an_option_of_another_poll_is_refused(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    first, second = make_poll(kind="named"), make_poll(kind="named")
    with pytest.raises(ApplicationError) as err:
        services.ballot_cast(
            poll=first, user=chamber.deputies[0], option=chamber.option(second, "for")
        )
    assert err.value.code == "invalid_option"
    assert _stored(first) == (0, 0, [])


def test_result_board_counts_and_percentages(
    chamber_factory: Callable[..., Chamber],
) -> None:
    ch = chamber_factory(code="qh15", deputies=8)
    poll = services.poll_create(
        actor=ch.staff, body=ch.body, title="Luật Đất đai", kind="electronic_aggregate"
    )
    services.poll_start(actor=ch.staff, poll=poll)
    choices = ["for", "for", "for", "for", "against", "abstain"]  # two deputies do not vote
    for user, meaning in zip(ch.deputies, choices, strict=False):
        services.ballot_cast(poll=poll, user=user, option=ch.option(poll, meaning))
    assert voter_status(poll=poll, user=ch.deputies[0]).has_voted is True
    assert voter_status(poll=poll, user=ch.deputies[7]).has_voted is False
    # Nothing is visible before the stop, and deputies see nothing before publication.
    assert poll_result_board_for(user=ch.staff, poll=poll) is None
    services.poll_stop(actor=ch.staff, poll=poll)
    poll.refresh_from_db()
    assert poll_result_board_for(user=ch.deputies[0], poll=poll) is None
    board = poll_result_board_for(user=ch.staff, poll=poll)
    assert board is not None
    assert [(line.key, line.label, line.count, line.percent_display) for line in board.lines] == [
        ("participants", "Số đại biểu tham gia biểu quyết", 6, "75,00%"),
        ("for", "Tán thành", 4, "50,00%"),
        ("against", "Không tán thành", 1, "12,50%"),
        ("abstain", "Không biểu quyết", 1, "12,50%"),
        ("did_not_vote", "Số đại biểu không tham gia", 2, "25,00%"),
    ]
    # 4 of 8 is exactly half: not "more than half".
    assert (board.required_votes, board.passed, board.verdict) == (5, False, "Không thông qua")
    assert board.majority_label == "Quá nửa tổng số đại biểu"
    services.poll_publish(actor=ch.staff, poll=poll)
    poll.refresh_from_db()
    assert poll_result_board_for(user=ch.deputies[0], poll=poll) == board
    # Aggregate publication: the named list is not available for this kind.
    with pytest.raises(PermissionDeniedError):
        poll_named_votes(poll=poll, user=ch.staff)


def test_named_poll_lists_who_voted_what_after_publication(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(kind="named")
    services.ballot_cast(
        poll=poll, user=chamber.deputies[1], option=chamber.option(poll, "against")
    )
    services.ballot_cast(poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for"))
    services.poll_stop(actor=chamber.staff, poll=poll)
    with pytest.raises(PermissionDeniedError):
        poll_named_votes(poll=poll, user=chamber.deputies[2])
    services.poll_publish(actor=chamber.staff, poll=poll)
    assert poll_named_votes(poll=poll, user=chamber.deputies[2]) == [
        ("Đại biểu db 1", "Tán thành"),
        ("Đại biểu db 2", "Không tán thành"),
    ]
    cast_entries = AuditEntry.objects.filter(action="ballot.cast").order_by("seq")
    assert [e.after for e in cast_entries] == [
        {"option_id": chamber.option(poll, "against").pk},
        {"option_id": chamber.option(poll, "for").pk},
    ]


def test_poll_list_is_scoped_to_the_body_and_user(
    chamber: Chamber, chamber_factory: Callable[..., Chamber], make_poll: Callable[..., Poll]
) -> None:
    first = make_poll(start=False)
    second = make_poll(start=False)
    other = chamber_factory(code="hdnd-y", kind="commune_council", level="commune")
    assert list(poll_list(body=chamber.body, user=chamber.deputies[0])) == [second, first]
    assert list(poll_list(body=chamber.body, user=other.deputies[0])) == []
    assert list(poll_list(body=other.body, user=chamber.deputies[0])) == []


def test_secret_poll_result_and_board(chamber: Chamber, make_poll: Callable[..., Poll]) -> None:
    poll = make_poll(kind="secret")
    for user, meaning in zip(chamber.deputies, ["for", "for", "against"], strict=True):
        services.ballot_cast(poll=poll, user=user, option=chamber.option(poll, meaning))
    result = services.poll_stop(actor=chamber.staff, poll=poll)
    assert (result.participants, result.votes_for, result.votes_against, result.passed) == (
        3,
        2,
        1,
        True,
    )
    board = poll_result_board(poll=poll)
    assert board is not None
    assert board.line("for").percent_display == "66,67%"
    assert [e.after for e in AuditEntry.objects.filter(action="ballot.cast")] == [
        {"secret": True}
    ] * 3


def test_a_standing_member_is_a_voting_member(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    add_members(chamber.body, 1, role=Role.STANDING_MEMBER, prefix="tt")
    poll = make_poll(kind="named")
    assert poll.total_members_at_start == 4
