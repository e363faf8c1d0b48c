"""Paper secret ballots: the counting board's figures, their consistency rules and the minutes."""

from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.voting import services
from nghitruong.voting.models import PaperCount, PaperTally, Poll
from nghitruong.voting.selectors import poll_result_board
from nghitruong.voting.tests.conftest import Chamber

pytestmark = pytest.mark.django_db

BOARD = ["Nguyễn Văn An (Trưởng ban)", "Trần Thị Bình", "Lê Văn Cường"]


@pytest.fixture
def big(chamber_factory: Callable[..., Chamber]) -> Chamber:
    return chamber_factory(code="qh-giay", deputies=10)


def _paper_poll(ch: Chamber) -> Poll:
    poll = services.poll_create(
        actor=ch.staff, body=ch.body, title="Miễn nhiệm Phó Chủ tịch", kind=Poll.Kind.PAPER
    )
    services.poll_start(actor=ch.staff, poll=poll)
    return poll


def _record(ch: Chamber, poll: Poll, **overrides: Any) -> PaperCount:
    ids = {o.meaning: o.pk for o in poll.options.all()}
    figures: dict[str, Any] = {
        "ballots_issued": 9,
        "ballots_returned": 9,
        "valid": 8,
        "invalid": 1,
        "tallies": {ids["for"]: 6, ids["against"]: 1, ids["abstain"]: 1},
        "board_members": BOARD,
    }
    figures.update(overrides)
    return services.paper_count_record(actor=ch.staff, poll=poll, **figures)


def test_count_minutes_and_result(big: Chamber) -> None:
    poll = _paper_poll(big)
    paper = _record(big, poll)
    assert paper.minutes.splitlines()[0] == "BIÊN BẢN KIỂM PHIẾU"
    assert paper.minutes.splitlines()[4:] == [
        "Tổng số đại biểu: 10",
        "Số phiếu phát ra: 9",
        "Số phiếu thu vào: 9",
        "Số phiếu hợp lệ: 8",
        "Số phiếu không hợp lệ: 1",
        "Kết quả kiểm phiếu:",
        "- Tán thành: 6 phiếu",
        "- Không tán thành: 1 phiếu",
        "- Không biểu quyết: 1 phiếu",
        "Ban kiểm phiếu:",
        "- Nguyễn Văn An (Trưởng ban)",
        "- Trần Thị Bình",
        "- Lê Văn Cường",
    ]
    result = services.poll_stop(actor=big.staff, poll=poll)
    assert (
        result.participants,
        result.votes_for,
        result.votes_against,
        result.abstained,
        result.invalid,
        result.did_not_vote,
        result.passed,
    ) == (9, 6, 1, 1, 1, 1, True)
    board = poll_result_board(poll=poll)
    assert board is not None
    assert [(line.key, line.percent_display) for line in board.lines] == [
        ("participants", "90,00%"),
        ("for", "60,00%"),
        ("against", "10,00%"),
        ("abstain", "10,00%"),
        ("did_not_vote", "10,00%"),
        ("invalid", "10,00%"),
    ]


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"ballots_issued": 11, "ballots_returned": 9}, "issued_exceeds_entitled"),
        ({"ballots_issued": 8}, "returned_exceeds_issued"),
        ({"invalid": 2}, "valid_invalid_mismatch"),
        ({"valid": 7}, "valid_invalid_mismatch"),
        ({"ballots_returned": -1}, "negative_count"),
        ({"board_members": []}, "board_members_required"),
        ({"board_members": ["  "]}, "board_members_required"),
        ({"seats": 0}, "invalid_seats"),
    ],
)
def test_inconsistent_figures_are_refused_and_nothing_is_saved(
    big: Chamber, overrides: dict[str, Any], code: str
) -> None:
    poll = _paper_poll(big)
    audit_count = AuditEntry.objects.count()
    with pytest.raises(ApplicationError) as err:
        _record(big, poll, **overrides)
    assert err.value.code == code
    assert (PaperCount.objects.count(), PaperTally.objects.count()) == (0, 0)
    assert AuditEntry.objects.count() == audit_count


def test_tally_rules(big: Chamber) -> None:
    poll = _paper_poll(big)
    ids = {o.meaning: o.pk for o in poll.options.all()}
    with pytest.raises(ApplicationError) as err:
        _record(big, poll, tallies={ids["for"]: 7, ids["against"]: 2})  # 9 > 8 valid × 1 seat
    assert (err.value.code, err.value.detail) == (
        "tallies_exceed_valid",
        {"tallies": 9, "limit": 8},
    )
    with pytest.raises(ApplicationError) as err:
        _record(big, poll, tallies={ids["for"]: -1})
    assert err.value.code == "negative_count"
    with pytest.raises(ApplicationError) as err:
        _record(big, poll, tallies={999_999: 1})
    assert err.value.code == "invalid_option"
    assert PaperCount.objects.count() == 0
    # Election-style ballot with two seats: up to 16 marks on 8 valid ballots.
    paper = _record(big, poll, seats=2, tallies={ids["for"]: 8, ids["against"]: 8})
    assert sorted(paper.tallies.values_list("count", flat=True)) == [0, 8, 8]


def test_a_correction_replaces_the_count_while_open(big: Chamber) -> None:
    poll = _paper_poll(big)
    _record(big, poll)
    _record(big, poll, ballots_returned=8, valid=8, invalid=0)
    assert PaperCount.objects.get(poll=poll).ballots_returned == 8
    entry = AuditEntry.objects.filter(action="paper_count.record").order_by("-seq").first()
    assert entry is not None
    assert (entry.before["ballots_returned"], entry.after["ballots_returned"]) == (9, 8)


def test_paper_workflow_guards(big: Chamber) -> None:
    poll = _paper_poll(big)
    with pytest.raises(ConflictError) as err:
        services.ballot_cast(poll=poll, user=big.deputies[0], option=poll.options.first())
    assert err.value.code == "paper_poll"
    with pytest.raises(ConflictError) as err:
        services.poll_stop(actor=big.staff, poll=poll)
    assert err.value.code == "paper_count_missing"
    poll.refresh_from_db()
    assert poll.state == "started"
    with pytest.raises(PermissionDeniedError):
        _record(Chamber(body=big.body, staff=big.deputies[0]), poll)
    electronic = services.poll_create(actor=big.staff, body=big.body, title="X", kind="secret")
    services.poll_start(actor=big.staff, poll=electronic)
    with pytest.raises(ConflictError) as err:
        services.paper_count_record(
            actor=big.staff,
            poll=electronic,
            ballots_issued=1,
            ballots_returned=1,
            valid=1,
            invalid=0,
            tallies={},
            board_members=BOARD,
        )
    assert err.value.code == "not_paper_poll"
    assert PaperCount.objects.count() == 0
