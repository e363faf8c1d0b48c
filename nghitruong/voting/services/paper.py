"""Paper secret ballots: the vote-counting board (Ban kiểm phiếu) records its count and minutes.

Workflow: ``poll_start`` (ballots handed to the entitled deputies) → ``paper_count_record`` (the
board enters ballots issued / returned / valid / invalid and the tally per option; may be corrected
while the poll is open) → ``poll_stop`` (the result is computed from the count) → ``poll_publish``.

Consistency rules (an inconsistent entry is refused with a clear error and nothing is saved):
issued ≤ entitled voters; returned ≤ issued; valid + invalid = returned; every tally ≥ 0 and
Σ tallies ≤ valid × seats (seats = how many choices one ballot may carry; 1 for a yes/no question).
"""

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.voting.display import format_int_vi
from nghitruong.voting.models import EntitledVoter, PaperCount, PaperTally, Poll
from nghitruong.voting.services._common import lock_poll, require_state


def _invalid(message: str, code: str, **detail: Any) -> ApplicationError:
    return ApplicationError(message, code=code, detail=detail or None)


def _check_counts(
    *,
    entitled: int,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    seats: int,
    tallies: Mapping[int, int],
    option_ids: set[int],
) -> None:
    for name, value in (
        ("ballots_issued", issued),
        ("ballots_returned", returned),
        ("valid", valid),
        ("invalid", invalid),
    ):
        if not isinstance(value, int) or value < 0:
            raise _invalid(
                "Số phiếu phải là số nguyên không âm / Ballot counts must be non-negative integers",
                "negative_count",
                field=name,
            )
    if not isinstance(seats, int) or seats < 1:
        raise _invalid("Số lựa chọn tối đa phải ≥ 1 / Seats must be at least 1", "invalid_seats")
    if issued > entitled:
        raise _invalid(
            "Số phiếu phát ra vượt quá số đại biểu có quyền bỏ phiếu / "
            "More ballots issued than entitled voters",
            "issued_exceeds_entitled",
            issued=issued,
            entitled=entitled,
        )
    if returned > issued:
        raise _invalid(
            "Số phiếu thu vào vượt quá số phiếu phát ra / More ballots returned than issued",
            "returned_exceeds_issued",
            returned=returned,
            issued=issued,
        )
    if valid + invalid != returned:
        raise _invalid(
            "Số phiếu hợp lệ cộng số phiếu không hợp lệ phải bằng số phiếu thu vào / "
            "Valid plus invalid ballots must equal ballots returned",
            "valid_invalid_mismatch",
            valid=valid,
            invalid=invalid,
            returned=returned,
        )
    unknown = sorted(set(tallies) - option_ids)
    if unknown:
        raise _invalid(
            "Phương án không thuộc cuộc bỏ phiếu / Unknown option in the tally",
            "invalid_option",
            option_ids=unknown,
        )
    if any(not isinstance(n, int) or n < 0 for n in tallies.values()):
        raise _invalid(
            "Số phiếu của mỗi phương án phải là số nguyên không âm / "
            "Each tally must be a non-negative integer",
            "negative_count",
            field="tallies",
        )
    if sum(tallies.values()) > valid * seats:
        raise _invalid(
            "Tổng số phiếu các phương án vượt quá số phiếu hợp lệ × số lựa chọn / "
            "The tallies exceed valid ballots × seats",
            "tallies_exceed_valid",
            tallies=sum(tallies.values()),
            limit=valid * seats,
        )


def paper_minutes_text(
    *,
    poll: Poll,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    lines: Sequence[tuple[str, int]],
    board_members: Sequence[str],
    at: Any,
) -> str:
    """The counting board's minutes (biên bản kiểm phiếu) as plain Vietnamese text."""
    local = timezone.localtime(at)
    rows = [
        "BIÊN BẢN KIỂM PHIẾU",
        f"Cơ quan: {poll.body.name}",
        f"Nội dung: {poll.title}",
        f"Thời điểm: {local:%H giờ %M, ngày %d/%m/%Y}",
        f"Tổng số đại biểu: {format_int_vi(poll.total_members_at_start or 0)}",
        f"Số phiếu phát ra: {format_int_vi(issued)}",
        f"Số phiếu thu vào: {format_int_vi(returned)}",
        f"Số phiếu hợp lệ: {format_int_vi(valid)}",
        f"Số phiếu không hợp lệ: {format_int_vi(invalid)}",
        "Kết quả kiểm phiếu:",
        *(f"- {label}: {format_int_vi(count)} phiếu" for label, count in lines),
        "Ban kiểm phiếu:",
        *(f"- {name}" for name in board_members),
    ]
    return "\n".join(rows)


def paper_count_record(
    *,
    actor: Any,
    poll: Poll,
    ballots_issued: int,
    ballots_returned: int,
    valid: int,
    invalid: int,
    tallies: Mapping[int, int],
    board_members: Sequence[str],
    seats: int = 1,
) -> PaperCount:
    """Record (or correct, while the poll is open) the board's count; returns the stored count."""
    require_staff(actor, poll.body)
    members = [unicodedata.normalize("NFC", str(m)).strip() for m in board_members]
    if not members or any(not m or len(m) > 150 for m in members):
        raise _invalid(
            "Cần ghi tên các thành viên Ban kiểm phiếu / Name the vote-counting board's members",
            "board_members_required",
        )
    with transaction.atomic():
        lock_poll(poll)
        if poll.kind != Poll.Kind.PAPER:
            raise ConflictError(
                "Chỉ cuộc bỏ phiếu bằng giấy mới có biên bản kiểm phiếu / "
                "Only a paper ballot has a count",
                code="not_paper_poll",
            )
        require_state(poll, Poll.State.STARTED)
        options = list(poll.options.all())
        _check_counts(
            entitled=EntitledVoter.objects.filter(poll=poll).count(),
            issued=ballots_issued,
            returned=ballots_returned,
            valid=valid,
            invalid=invalid,
            seats=seats,
            tallies=tallies,
            option_ids={o.pk for o in options},
        )
        previous = PaperCount.objects.filter(poll=poll).first()
        before = None
        if previous is not None:
            before = {
                "ballots_issued": previous.ballots_issued,
                "ballots_returned": previous.ballots_returned,
                "valid": previous.valid,
                "invalid": previous.invalid,
            }
            previous.delete()
        now = timezone.now()
        lines = [(o.label, tallies.get(o.pk, 0)) for o in options]
        paper = PaperCount.objects.create(
            poll=poll,
            ballots_issued=ballots_issued,
            ballots_returned=ballots_returned,
            valid=valid,
            invalid=invalid,
            seats=seats,
            board_members=members,
            minutes=paper_minutes_text(
                poll=poll,
                issued=ballots_issued,
                returned=ballots_returned,
                valid=valid,
                invalid=invalid,
                lines=lines,
                board_members=members,
                at=now,
            ),
            recorded_at=now,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        PaperTally.objects.bulk_create(
            PaperTally(paper_count=paper, option=o, count=tallies.get(o.pk, 0)) for o in options
        )
        audit_record(
            actor=actor,
            action="paper_count.record",
            obj=poll,
            body=poll.body,
            before=before,
            after={
                "ballots_issued": ballots_issued,
                "ballots_returned": ballots_returned,
                "valid": valid,
                "invalid": invalid,
                "seats": seats,
                "tallies": dict(lines),
                "board_members": members,
            },
        )
    return paper
