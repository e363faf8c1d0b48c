"""Casting a ballot: the hot path. One short transaction, a row lock on the poll, a DB constraint.

Order of work inside the transaction: lock the poll row (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite's immediate transactions serialise writers), check the state, entitlement and earlier vote,
insert (the unique constraint turns a race that slipped past the check into an ``IntegrityError``,
reported as "already voted"), then append the audit entry. Any refusal changes nothing.

Secret polls write ``VoteParticipation`` (who) and increment ``SecretTally`` (what) — never a row
holding both — and the audit entry records only that the person voted, not the choice.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.voting.events import publish_on_commit
from nghitruong.voting.models import (
    EntitledVoter,
    Poll,
    PollOption,
    SecretTally,
    Vote,
    VoteParticipation,
)
from nghitruong.voting.services._common import lock_poll, require_state

ALREADY_VOTED = "Đại biểu đã biểu quyết / You have already voted"
NOT_ENTITLED = (
    "Bạn không có quyền biểu quyết trong cuộc biểu quyết này / "
    "You are not entitled to vote in this poll"
)


def _already_voted() -> ConflictError:
    return ConflictError(ALREADY_VOTED, code="already_voted")


def ballot_cast(*, poll: Poll, user: Any, option: PollOption) -> None:
    """Record the user's vote for ``option``. Returns nothing: a secret ballot has no receipt row."""
    person = Person.objects.filter(user_id=getattr(user, "pk", None) or 0).only("pk").first()
    if person is None:
        raise PermissionDeniedError(NOT_ENTITLED, code="not_entitled")
    if option.poll_id != poll.pk:
        raise ApplicationError(
            "Phương án không thuộc cuộc biểu quyết này / The option is not part of this poll",
            code="invalid_option",
        )
    with transaction.atomic():
        lock_poll(poll)
        if poll.kind == Poll.Kind.PAPER:
            raise ConflictError(
                "Cuộc bỏ phiếu bằng giấy không nhận phiếu điện tử / "
                "A paper ballot takes no electronic votes",
                code="paper_poll",
            )
        require_state(poll, Poll.State.STARTED, code="poll_not_open")
        if not EntitledVoter.objects.filter(poll=poll, person=person).exists():
            raise PermissionDeniedError(NOT_ENTITLED, code="not_entitled")
        if poll.kind == Poll.Kind.SECRET:
            _cast_secret(poll, person, option)
            after: dict[str, Any] = {"secret": True}
        else:
            _cast_open(poll, person, option)
            after = {"option_id": option.pk}
        audit_record(
            actor=user,
            action="ballot.cast",
            object_type="voting.poll",
            object_id=str(poll.pk),
            body=poll.body,
            after=after,
        )
    publish_on_commit("ballot.cast", {"poll_id": poll.pk, "body_id": poll.body_id})


def _cast_open(poll: Poll, person: Person, option: PollOption) -> None:
    if Vote.objects.filter(poll=poll, voter=person).exists():
        raise _already_voted()
    try:
        with transaction.atomic():
            Vote.objects.create(poll=poll, voter=person, option=option, cast_at=timezone.now())
    except IntegrityError as exc:  # a concurrent duplicate that passed the check
        raise _already_voted() from exc


def _cast_secret(poll: Poll, person: Person, option: PollOption) -> None:
    if VoteParticipation.objects.filter(poll=poll, voter=person).exists():
        raise _already_voted()
    try:
        with transaction.atomic():
            VoteParticipation.objects.create(poll=poll, voter=person)
    except IntegrityError as exc:
        raise _already_voted() from exc
    updated = SecretTally.objects.filter(poll=poll, option=option).update(count=F("count") + 1)
    if updated != 1:  # the tallies are created at start; a missing one is a broken invariant
        raise ConflictError(
            "Không ghi nhận được phiếu / The ballot could not be recorded", code="tally_missing"
        )
