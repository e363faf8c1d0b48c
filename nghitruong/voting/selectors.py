"""Reads of the voting app: poll lists, the result board, a voter's own status."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import accessible_body_ids
from nghitruong.core.exceptions import PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.voting import rules
from nghitruong.voting.display import format_percent_vi, percent_decimal
from nghitruong.voting.models import EntitledVoter, Poll, PollResult, Vote, VoteParticipation
from nghitruong.voting.permissions import access_poll, can_see_result

__all__ = [
    "BoardLine",
    "ResultBoard",
    "access_poll",
    "poll_list",
    "poll_named_votes",
    "poll_result_board",
    "poll_result_board_for",
    "voter_status",
]


def poll_list(*, body: ElectedBody, user: Any) -> QuerySet[Poll]:
    """The body's polls, newest first; empty when the user cannot reach the body."""
    if body.pk not in accessible_body_ids(user):
        return Poll.objects.none()
    return Poll.objects.filter(body=body).order_by("-created_at", "-id")


@dataclass(frozen=True)
class BoardLine:
    key: str  # participants / for / against / abstain / did_not_vote / invalid / option:<id>
    label: str
    count: int
    percent: Decimal  # of the total number of members, 2 decimals
    percent_display: str  # Vietnamese: "87,45%"


@dataclass(frozen=True)
class ResultBoard:
    poll_id: int
    total_members: int
    entitled: int
    lines: list[BoardLine]
    options: list[BoardLine]
    required_votes: int
    majority_label: str
    rule_citation: str
    passed: bool
    verdict: str  # "Thông qua" / "Không thông qua"

    def line(self, key: str) -> BoardLine:
        return next(line for line in self.lines if line.key == key)


def _line(key: str, label: str, count: int, total: int) -> BoardLine:
    hundredths = rules.percent_hundredths(count, total)
    return BoardLine(key, label, count, percent_decimal(hundredths), format_percent_vi(hundredths))


def poll_result_board(*, poll: Poll) -> ResultBoard | None:
    """The stored result as the chamber shows it, each figure also as % of total members."""
    result = PollResult.objects.filter(poll=poll).first()
    if result is None:
        return None
    total = result.total_members
    labels = dict.fromkeys(rules.Meaning, "")
    for entry in result.option_counts:
        labels[rules.Meaning(entry["meaning"])] = (
            labels[rules.Meaning(entry["meaning"])] or entry["label"]
        )
    lines = [
        _line("participants", "Số đại biểu tham gia biểu quyết", result.participants, total),
        _line("for", labels[rules.Meaning.FOR] or "Tán thành", result.votes_for, total),
        _line(
            "against",
            labels[rules.Meaning.AGAINST] or "Không tán thành",
            result.votes_against,
            total,
        ),
        _line(
            "abstain", labels[rules.Meaning.ABSTAIN] or "Không biểu quyết", result.abstained, total
        ),
        _line("did_not_vote", "Số đại biểu không tham gia", result.did_not_vote, total),
    ]
    if poll.kind == Poll.Kind.PAPER:
        lines.append(_line("invalid", "Số phiếu không hợp lệ", result.invalid, total))
    options = [
        _line(f"option:{entry['option_id']}", entry["label"], entry["count"], total)
        for entry in result.option_counts
    ]
    return ResultBoard(
        poll_id=poll.pk,
        total_members=total,
        entitled=result.entitled,
        lines=lines,
        options=options,
        required_votes=result.required_votes,
        majority_label=str(rules.MAJORITY_LABELS[rules.MajorityKind(poll.majority_kind)]),
        rule_citation=poll.rule_citation,
        passed=result.passed,
        verdict="Thông qua" if result.passed else "Không thông qua",
    )


def poll_result_board_for(*, user: Any, poll: Poll) -> ResultBoard | None:
    """The board if the user may see it now (see ``permissions.can_see_result``), else None."""
    if not can_see_result(user, poll):
        return None
    return poll_result_board(poll=poll)


@dataclass(frozen=True)
class VoterStatus:
    entitled: bool
    has_voted: bool


def voter_status(*, poll: Poll, user: Any) -> VoterStatus:
    """ "Have I voted?" — reconnect-safe; never reveals the choice of a secret ballot."""
    person = Person.objects.filter(user_id=getattr(user, "pk", None) or 0).first()
    if person is None:
        return VoterStatus(entitled=False, has_voted=False)
    entitled = EntitledVoter.objects.filter(poll=poll, person=person).exists()
    if poll.is_secret:
        voted = VoteParticipation.objects.filter(poll=poll, voter=person).exists()
    else:
        voted = Vote.objects.filter(poll=poll, voter=person).exists()
    return VoterStatus(entitled=entitled, has_voted=voted)


def poll_named_votes(*, poll: Poll, user: Any) -> list[tuple[str, str]]:
    """(deputy, option) for a NAMED poll once its result is visible to the user; refused otherwise."""
    if poll.kind != Poll.Kind.NAMED or not can_see_result(user, poll):
        raise PermissionDeniedError(
            "Không được xem danh sách biểu quyết ghi danh / The named vote list is not available",
            code="named_list_unavailable",
        )
    return list(
        Vote.objects.filter(poll=poll)
        .order_by("voter__full_name", "voter_id")
        .values_list("voter__full_name", "option__label")
    )
