"""Casting ballots: the hot path. ONE write path for every caller, recording a batch at a time.

``ballots_record(poll_id=…, ballots=[…])`` records a batch of ballots in ONE short transaction
(group commit, decision 0007): lock the poll row once (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite's immediate transactions serialise writers), resolve the batch's credentials (API tokens,
ballot tickets) with one query each, check state, reach, option, entitlement and earlier votes
with one query each for the whole batch, dedupe within the batch (first wins), bulk insert, append
the batch's audit entries in one go (``audit_record_many``), publish ONE ``ballot.cast`` event
after commit (the lane announces once per burst instead: ``announce=False`` +
``ballots_announce``), and record the API tokens' use after the transaction (the lane does it
after answering: ``mark_tokens_used=False`` + ``api_tokens_mark_used`` with the outcomes'
tokens). Each ballot gets its own outcome: accepted, or exactly the error the API has always
given (code, bilingual message, status). A refused ballot changes nothing.

``ballot_cast(poll=…, user=…, option=…)`` (HTML view, Ninja API, tests) is a batch of one through
the same code and raises the refusal, as before. The unique constraints stay the last line of
defence: a batch that meets one (a concurrent writer outside the poll lock) is rolled back and
recorded again ballot by ballot, the loser getting "already voted".

Secret polls write ``VoteParticipation`` (who) and add to ``SecretTally`` (what, one aggregated
update per option per batch) — never a row holding both — and the audit entry records only that
the person voted, not the choice.
"""

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.accounts.selectors import users_reaching_body
from nghitruong.accounts.services import api_tokens_mark_used, api_tokens_resolve
from nghitruong.core.audit import AuditInput, audit_record_many, insert_rows, prepare_value
from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.voting.events import publish, publish_on_commit
from nghitruong.voting.models import (
    EntitledVoter,
    Poll,
    PollOption,
    SecretTally,
    Vote,
    VoteParticipation,
)
from nghitruong.voting.permissions import POLL_NOT_FOUND
from nghitruong.voting.services._common import state_error

ALREADY_VOTED = "Đại biểu đã biểu quyết / You have already voted"
NOT_ENTITLED = (
    "Bạn không có quyền biểu quyết trong cuộc biểu quyết này / "
    "You are not entitled to vote in this poll"
)
INVALID_OPTION = "Phương án không thuộc cuộc biểu quyết này / The option is not part of this poll"
PAPER_POLL = (
    "Cuộc bỏ phiếu bằng giấy không nhận phiếu điện tử / A paper ballot takes no electronic votes"
)
UNAUTHENTICATED = "Chưa đăng nhập / Not authenticated"
TICKET_DEAD = (
    "Phiên đăng nhập đã kết thúc, vui lòng tải lại trang / "
    "Your session has ended; please reload the page"
)


class UnauthenticatedError(ApplicationError):
    """No valid credential (the API's 401 ``unauthenticated``)."""

    status_code = 401
    default_code = "unauthenticated"


@dataclass(frozen=True)
class BallotRequest:
    """One ballot of a batch. Exactly one credential:

    - ``user``: already authenticated by the caller, who has also reached the poll
      (``access_poll``) — the HTML view, the Ninja API, ``ballot_cast``;
    - ``token``: a personal API token secret, resolved in the batch;
    - ``session_key`` + ``person_id``: a ballot ticket whose signature the lane has verified; the
      batch checks that the session still exists (a logout kills the ticket).

    ``error``: the request was already refused (bad body); reported once the credential passes,
    as the API does (authentication first, then the body).
    """

    option_id: int | None
    user: Any = None
    token: str = ""
    session_key: str = ""
    person_id: int | None = None
    error: ApplicationError | None = None


@dataclass(frozen=True)
class BallotOutcome:
    error: ApplicationError | None = None
    token: Any = None  # the API token that authenticated the ballot, if any

    @property
    def accepted(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        return 201 if self.error is None else self.error.status_code


ACCEPTED = BallotOutcome()


def _rows_in(
    model: type[Any], select: list[str], field: str, values: set[int], **equal: Any
) -> list[tuple[Any, ...]]:
    """``SELECT select FROM model WHERE equal… AND field IN values`` without the ORM's per-value
    preparation (hundreds of ids per batch; integer ids only)."""
    if not values:
        return []
    connection = transaction.get_connection()
    qn = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(qn(meta.get_field(f).column) for f in select)
    where = [f"{qn(meta.get_field(f).column)} = %s" for f in equal]
    ids = [int(v) for v in values]
    column = qn(meta.get_field(field).column)
    params: list[Any] = list(equal.values())
    if connection.vendor == "postgresql":
        # One array parameter: the driver splits no list of hundreds of placeholders.
        where.append(f"{column} = ANY(%s)")
        params.append(ids)
    else:
        where.append(f"{column} IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    sql = f"SELECT {columns} FROM {qn(meta.db_table)} WHERE {' AND '.join(where)}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _already_voted() -> ConflictError:
    return ConflictError(ALREADY_VOTED, code="already_voted")


def ballot_cast(*, poll: Poll, user: Any, option: PollOption) -> None:
    """Record the user's vote for ``option`` (a batch of one). Returns nothing: a secret ballot
    has no receipt row. Raises the refusal (``ApplicationError`` subclasses)."""
    if option.poll_id != poll.pk:
        raise ApplicationError(INVALID_OPTION, code="invalid_option")
    (outcome,) = ballots_record(
        poll_id=poll.pk, ballots=[BallotRequest(option_id=option.pk, user=user)]
    )
    if outcome.error is not None:
        raise outcome.error


def ballots_record(
    *,
    poll_id: int,
    ballots: list[BallotRequest],
    announce: bool = True,
    mark_tokens_used: bool = True,
) -> list[BallotOutcome]:
    """Record a batch of ballots for one poll in one transaction; one outcome per ballot.

    ``announce=False``: no ``ballot.cast`` event after commit; the caller (the ballot lane, which
    records batches back to back during a burst) calls ``ballots_announce`` once the burst is
    recorded (decision 0007).

    ``mark_tokens_used=False``: the tokens' ``last_used_at`` is left to the caller (each outcome
    carries its token), who records it once the answers are sent — off the ballots' latency."""
    if not ballots:
        return []
    try:
        outcomes = _record(poll_id, ballots, announce)
    except _TallyMissingError as exc:  # rolled back: every ballot of the batch is refused
        outcomes = [BallotOutcome(e, t) for e, t in zip(exc.errors, exc.tokens, strict=True)]
    except IntegrityError:
        # A unique constraint caught what the checks under the poll lock did not (a writer that
        # bypassed the lock). Nothing of the batch was written: record the ballots one by one.
        if len(ballots) == 1:
            return [BallotOutcome(_already_voted())]
        return [
            ballots_record(
                poll_id=poll_id, ballots=[b], announce=announce, mark_tokens_used=mark_tokens_used
            )[0]
            for b in ballots
        ]
    if mark_tokens_used:
        api_tokens_mark_used(tokens=[o.token for o in outcomes if o.token is not None])
    return outcomes


def ballots_announce(*, poll_id: int) -> None:
    """Publish ``ballot.cast`` for ballots already committed (the live vote counters)."""
    body_id = Poll.objects.filter(pk=poll_id).values_list("body_id", flat=True).first()
    if body_id is not None:
        publish("ballot.cast", {"poll_id": poll_id, "body_id": body_id})


class _Batch:
    """The working state of one batch: per ballot, its user, person and refusal so far."""

    def __init__(self, ballots: list[BallotRequest]) -> None:
        self.ballots = ballots
        self.errors: list[ApplicationError | None] = [b.error for b in ballots]
        self.users: list[Any] = [b.user for b in ballots]
        self.people: list[int | None] = [None] * len(ballots)
        self.tokens: list[Any] = [None] * len(ballots)

    def open(self) -> list[int]:
        """Indexes of the ballots not refused yet."""
        return [i for i, e in enumerate(self.errors) if e is None]

    def person(self, index: int) -> int:
        """The person of a ballot past the person check."""
        person = self.people[index]
        if person is None:  # pragma: no cover - programming error
            raise AssertionError("ballot without a person")
        return person

    def option(self, index: int) -> int:
        """The option of a ballot past the option check."""
        return int(self.ballots[index].option_id or 0)

    def refuse(self, index: int, error: ApplicationError) -> None:
        if self.errors[index] is None:
            self.errors[index] = error

    def outcomes(self) -> list[BallotOutcome]:
        return [BallotOutcome(e, t) for e, t in zip(self.errors, self.tokens, strict=True)]


def _resolve_credentials(batch: _Batch) -> None:
    """Users for token and ticket ballots: one query per kind of credential, for the batch."""
    ballots = batch.ballots
    tokens = api_tokens_resolve(b.token for b in ballots if b.token)
    ticket_people = {b.person_id for b in ballots if b.session_key and b.person_id}
    people = (
        {p.pk: p for p in Person.objects.select_related("user").filter(pk__in_many=ticket_people)}
        if ticket_people
        else {}
    )
    keys = {b.session_key for b in ballots if b.session_key}
    live_sessions = (
        set(
            Session.objects.filter(
                session_key__in_many=keys, expire_date__gt=timezone.now()
            ).values_list("session_key", flat=True)
        )
        if keys
        else set()
    )
    for i, ballot in enumerate(ballots):
        if ballot.user is not None:
            continue
        user = None
        if ballot.token:
            token = tokens.get(ballot.token)
            if token is not None:
                user = token.user
                batch.tokens[i] = token
        elif ballot.session_key:
            person = people.get(ballot.person_id or 0)
            if ballot.session_key not in live_sessions:
                batch.errors[i] = UnauthenticatedError(TICKET_DEAD, code="ticket_expired")
                continue
            if person is not None and person.user is not None and person.user.is_active:
                user = person.user
                batch.people[i] = person.pk
        if user is None:
            batch.errors[i] = UnauthenticatedError(UNAUTHENTICATED)  # before any body error
        else:
            batch.users[i] = user


def _record(poll_id: int, ballots: list[BallotRequest], announce: bool) -> list[BallotOutcome]:
    batch = _Batch(ballots)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().filter(pk=poll_id).first()
        _resolve_credentials(batch)
        if poll is None:
            for i in batch.open():
                batch.refuse(i, NotFoundError(POLL_NOT_FOUND))
            return batch.outcomes()
        _check(poll, batch)
        accepted = _dedupe(poll, batch)
        if accepted:
            _write(poll, batch, accepted)
            if announce:
                publish_on_commit("ballot.cast", {"poll_id": poll.pk, "body_id": poll.body_id})
    return batch.outcomes()


def _check(poll: Poll, batch: _Batch) -> None:
    """The API's checks in the API's order: reach (404), option (400), person (403), kind and
    state (409), entitlement (403). One query each for the whole batch."""
    ballots = batch.ballots
    # Reach: the caller of ``ballot_cast`` has reached the poll; token and ticket ballots not yet.
    to_reach = [i for i in batch.open() if ballots[i].user is None]
    if to_reach:
        reaching = users_reaching_body(users=[batch.users[i] for i in to_reach], body=poll.body)
        for i in to_reach:
            if batch.users[i].pk not in reaching:
                batch.refuse(i, NotFoundError(POLL_NOT_FOUND))
    options = set(PollOption.objects.filter(poll_id=poll.pk).values_list("pk", flat=True))
    for i in batch.open():
        if ballots[i].option_id not in options:
            batch.refuse(i, ApplicationError(INVALID_OPTION, code="invalid_option"))
    need_person = [i for i in batch.open() if batch.people[i] is None]
    if need_person:
        users = {batch.users[i].pk for i in need_person}
        person_of = dict(_rows_in(Person, ["user", "id"], "user", users))
        for i in need_person:
            batch.people[i] = person_of.get(batch.users[i].pk)
    for i in batch.open():
        if batch.people[i] is None:
            batch.refuse(i, PermissionDeniedError(NOT_ENTITLED, code="not_entitled"))
    for i in batch.open():
        if poll.kind == Poll.Kind.PAPER:
            batch.refuse(i, ConflictError(PAPER_POLL, code="paper_poll"))
        elif poll.state != Poll.State.STARTED:
            batch.refuse(i, state_error(poll, Poll.State.STARTED.value, code="poll_not_open"))
    open_ = batch.open()
    if not open_:
        return
    candidates = {batch.person(i) for i in open_}
    rows = _rows_in(EntitledVoter, ["person"], "person", candidates, poll=poll.pk)
    entitled = {row[0] for row in rows}
    for i in open_:
        if batch.people[i] not in entitled:
            batch.refuse(i, PermissionDeniedError(NOT_ENTITLED, code="not_entitled"))


def _dedupe(poll: Poll, batch: _Batch) -> list[int]:
    """Refuse earlier voters and the second ballot of a person within the batch (first wins)."""
    open_ = batch.open()
    if not open_:
        return []
    model = VoteParticipation if poll.is_secret else Vote
    people = {batch.person(i) for i in open_}
    voted = {row[0] for row in _rows_in(model, ["voter"], "voter", people, poll=poll.pk)}
    accepted = []
    for i in open_:
        person = batch.person(i)
        if person in voted:
            batch.refuse(i, _already_voted())
        else:
            voted.add(person)
            accepted.append(i)
    return accepted


def _write(poll: Poll, batch: _Batch, accepted: list[int]) -> None:
    if poll.is_secret:
        insert_rows(
            VoteParticipation,
            ["id", "poll", "voter"],
            [
                (prepare_value(VoteParticipation, "id", uuid.uuid4()), poll.pk, batch.person(i))
                for i in accepted
            ],
        )
        # What was voted: one aggregated update per option, never a row per ballot.
        for option_id, count in sorted(Counter(batch.option(i) for i in accepted).items()):
            updated = SecretTally.objects.filter(poll=poll, option_id=option_id).update(
                count=F("count") + count
            )
            if updated != 1:  # created at start: a missing tally is a broken invariant
                missing = ConflictError(
                    "Không ghi nhận được phiếu / The ballot could not be recorded",
                    code="tally_missing",
                )
                raise _TallyMissingError([e or missing for e in batch.errors], batch.tokens)
        afters: list[dict[str, Any]] = [{"secret": True} for _ in accepted]
    else:
        cast_at = prepare_value(Vote, "cast_at", timezone.now())
        insert_rows(
            Vote,
            ["poll", "voter", "option", "cast_at"],
            [(poll.pk, batch.person(i), batch.option(i), cast_at) for i in accepted],
        )
        afters = [{"option_id": batch.option(i)} for i in accepted]
    audit_record_many(
        [
            AuditInput(
                actor=batch.users[i],
                action="ballot.cast",
                object_type="voting.poll",
                object_id=str(poll.pk),
                body=poll.body,
                after=after,
            )
            for i, after in zip(accepted, afters, strict=True)
        ]
    )


class _TallyMissingError(Exception):
    """Raised inside the transaction to roll the batch back; carries every ballot's outcome."""

    def __init__(self, errors: list[ApplicationError | None], tokens: list[Any]) -> None:
        super().__init__("tally missing")
        self.errors, self.tokens = errors, tokens
