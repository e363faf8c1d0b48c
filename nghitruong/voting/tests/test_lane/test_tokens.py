"""Ballots with a personal API token through the lane: stored, audited, deduplicated, refused with the API's answers, and the tokens' use recorded after the answers."""

from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.accounts.models import Role
from nghitruong.accounts.services import api_token_create, api_token_revoke
from nghitruong.core.audit import audit_verify
from nghitruong.core.models import AuditEntry
from nghitruong.voting import services
from nghitruong.voting.lane import MAX_BODY_BYTES, BallotLane
from nghitruong.voting.models import Poll, PollOption, SecretTally, Vote, VoteParticipation
from nghitruong.voting.services.ballots import BallotRequest
from nghitruong.voting.tests.conftest import Chamber, add_members
from nghitruong.voting.tests.test_lane.support import (
    ballot,
    bearer,
    call,
    refused,
    run,
    token_for,
    vote_rows,
)
from nghitruong.voting.tests.test_secrecy import _links

pytestmark = pytest.mark.django_db(transaction=True)


# -- tokens ------------------------------------------------------------------------------------
def test_an_accepted_vote_is_stored_with_its_option_and_audited(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    against = chamber.option(poll, "against")
    [(status, body, headers)] = run(ballot(lane, poll.pk, against.pk, **bearer(token_for(deputy))))
    assert (status, body) == (201, {"ok": True})
    assert vote_rows(poll) == [(deputy.username, "against")]
    entry = AuditEntry.objects.filter(action="ballot.cast").get()
    assert (entry.actor_id, entry.object_id, entry.after) == (
        deputy.pk,
        str(poll.pk),
        {"option_id": against.pk},
    )
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert headers["x-frame-options"] == "DENY"


def test_a_double_vote_in_one_batch_counts_once(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    secret = token_for(deputy)
    yes, no = chamber.option(poll, "for"), chamber.option(poll, "against")
    replies = run(
        ballot(lane, poll.pk, yes.pk, **bearer(secret)),
        ballot(lane, poll.pk, no.pk, **bearer(secret)),
    )
    assert [(s, b.get("code")) for s, b, _ in replies] == [(201, None), (409, "already_voted")]
    assert replies[1][1]["message"] == "Đại biểu đã biểu quyết / You have already voted"
    assert vote_rows(poll) == [(deputy.username, "for")]  # first wins
    assert AuditEntry.objects.filter(action="ballot.cast").count() == 1


def test_a_double_vote_across_batches_counts_once(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[1]
    secret = token_for(deputy)
    [first] = run(ballot(lane, poll.pk, chamber.option(poll, "abstain").pk, **bearer(secret)))
    [second] = run(ballot(lane, poll.pk, chamber.option(poll, "for").pk, **bearer(secret)))
    assert (first[0], second[0], second[1]["code"]) == (201, 409, "already_voted")
    assert vote_rows(poll) == [(deputy.username, "abstain")]


def test_a_vote_through_the_ninja_endpoint_then_the_lane_counts_once(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    services.ballot_cast(poll=poll, user=deputy, option=chamber.option(poll, "for"))
    [(status, body, _)] = run(
        ballot(lane, poll.pk, chamber.option(poll, "against").pk, **bearer(token_for(deputy)))
    )
    assert (status, body["code"]) == (409, "already_voted")
    assert vote_rows(poll) == [(deputy.username, "for")]


def test_a_burst_of_many_deputies_with_duplicates_is_one_clean_chain(
    lane: BallotLane, chamber_factory: Callable[..., Chamber]
) -> None:
    chamber = chamber_factory(code="qh-burst", deputies=40)
    poll = services.poll_create(
        actor=chamber.staff, body=chamber.body, title="Luật Đất đai", kind="named"
    )
    services.poll_start(actor=chamber.staff, poll=poll)
    yes = chamber.option(poll, "for")
    secrets = [token_for(d) for d in chamber.deputies]
    replies = run(
        *(ballot(lane, poll.pk, yes.pk, **bearer(s)) for s in secrets),
        *(ballot(lane, poll.pk, yes.pk, **bearer(s)) for s in secrets[:10]),
    )
    statuses = [s for s, _, _ in replies]
    assert statuses.count(201) == 40
    assert [b["code"] for s, b, _ in replies if s != 201] == ["already_voted"] * 10
    assert Vote.objects.filter(poll=poll).count() == 40
    checked, problems = audit_verify()
    assert problems == []
    assert AuditEntry.objects.filter(action="ballot.cast").count() == 40
    assert checked == AuditEntry.objects.count()


def test_votes_before_start_and_after_stop_arerefused(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(start=False)
    secret = token_for(chamber.deputies[0])
    [(status, body, _)] = run(
        ballot(lane, poll.pk, chamber.option(poll, "for").pk, **bearer(secret))
    )
    assert (status, body) == (
        409,
        {
            "code": "poll_not_open",
            "message": "Cuộc biểu quyết chưa bắt đầu / The poll has not started",
            "detail": {"state": "created", "allowed": ["started"]},
        },
    )
    services.poll_start(actor=chamber.staff, poll=poll)
    services.poll_stop(actor=chamber.staff, poll=poll)
    [(status, body, _)] = run(
        ballot(lane, poll.pk, chamber.option(poll, "for").pk, **bearer(secret))
    )
    assert (status, body["code"], body["detail"]["state"]) == (409, "poll_not_open", "stopped")
    assert Vote.objects.filter(poll=poll).count() == 0


def test_a_secret_poll_through_the_lane_keeps_no_link_between_voter_and_choice(
    lane: BallotLane,
) -> None:
    from nghitruong.voting.tests.conftest import make_body

    body = make_body("bk-lane")
    staff = add_members(body, 1, role=Role.SECRETARIAT, prefix="vplane")[0]
    voters = add_members(body, 4, prefix="kinlane", id_base=8_000_000)
    poll = services.poll_create(actor=staff, body=body, title="Bầu Phó Chủ tịch", kind="secret")
    # Distinctive option ids, as in test_secrecy (nothing refers to the options before the start).
    for option in list(poll.options.all()):
        PollOption.objects.filter(pk=option.pk).update(id=8_500_000 + option.position)
    services.poll_start(actor=staff, poll=poll)
    options = list(poll.options.order_by("position"))
    by_meaning = {o.meaning: o for o in options}
    choices = ["for", "against", "for", "abstain"]
    replies = run(
        *(
            ballot(lane, poll.pk, by_meaning[m].pk, **bearer(token_for(v)))
            for v, m in zip(voters, choices, strict=True)
        )
    )
    assert [s for s, _, _ in replies] == [201] * 4
    services.poll_stop(actor=staff, poll=poll)
    services.poll_publish(actor=staff, poll=poll)
    assert _links(poll, voters, options) == []
    assert VoteParticipation.objects.filter(poll=poll).count() == 4
    assert dict(SecretTally.objects.filter(poll=poll).values_list("option__meaning", "count")) == {
        "for": 2,
        "against": 1,
        "abstain": 1,
    }
    afters = AuditEntry.objects.filter(action="ballot.cast").values_list("after", flat=True)
    assert list(afters) == [{"secret": True}] * 4


def test_bad_bodies_are_refused_with_the_bilingual_shape(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    headers = {"content-type": "application/json", **bearer(token_for(chamber.deputies[0]))}
    path = f"/api/v1/voting/polls/{poll.pk}/ballots"
    big, broken = run(
        call(
            lane,
            path,
            body=b'{"option_id": 1, "x": "' + b"a" * MAX_BODY_BYTES + b'"}',
            headers=headers,
        ),
        call(lane, path, body=b'{"option_id": ', headers=headers),
    )
    assert big[:2] == (
        400,
        {
            "code": "body_too_large",
            "message": "Nội dung yêu cầu quá lớn / The request body is too large",
            "detail": {"max_bytes": 1024},
        },
    )
    assert broken[:2] == (
        400,
        {
            "code": "http_error",
            "message": "Yêu cầu không hợp lệ / Bad request",
            "detail": "Cannot parse request body",
        },
    )
    assert Vote.objects.count() == 0


def test_requests_without_a_lane_credential_go_to_django_untouched(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    [(status, body, _)] = run(ballot(lane, poll.pk, chamber.option(poll, "for").pk))
    assert (status, body["code"]) == (401, "unauthenticated")  # Ninja's answer
    secret = token_for(chamber.staff)
    [(status, body, _)] = run(
        call(lane, f"/api/v1/voting/polls/{poll.pk}", method="GET", headers=bearer(secret))
    )
    assert (status, body["poll"]["id"]) == (200, poll.pk)
    assert Vote.objects.count() == 0


def test_a_revoked_token_isrefused(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    token, secret = api_token_create(user=chamber.deputies[0], name="cũ")
    api_token_revoke(token=token, actor=chamber.deputies[0])
    status, body, _ = refused(lane, poll, chamber.option(poll, "for").pk, bearer(secret))
    assert (status, body) == (
        401,
        {
            "code": "unauthenticated",
            "message": "Chưa đăng nhập / Not authenticated",
            "detail": None,
        },
    )
    assert Vote.objects.count() == 0


def test_the_tokens_use_is_recorded_once_the_ballots_are_answered(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll], time_machine: Any
) -> None:
    time_machine.move_to("2026-11-23T02:00:00+00:00", tick=False)
    poll = make_poll()
    first, second = chamber.deputies[0], chamber.deputies[1]
    token, secret = api_token_create(user=first, name="máy tính bảng")
    unused, _ = api_token_create(user=second, name="máy tính bảng")
    yes = chamber.option(poll, "for").pk
    replies = run(ballot(lane, poll.pk, yes, **bearer(secret)))
    assert [(s, b) for s, b, _ in replies] == [(201, {"ok": True})]
    lane.executor().submit(lambda: None).result(30)  # the worker has run what was queued
    token.refresh_from_db()
    unused.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_at.isoformat() == "2026-11-23T02:00:00+00:00"
    assert unused.last_used_at is None


def test_a_batch_can_leave_the_tokens_use_to_its_caller(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    token, secret = api_token_create(user=chamber.deputies[0], name="máy tính bảng")
    request = BallotRequest(option_id=chamber.option(poll, "for").pk, token=secret)
    [outcome] = services.ballots_record(poll_id=poll.pk, ballots=[request], mark_tokens_used=False)
    assert (outcome.accepted, outcome.token.pk) == (True, token.pk)
    token.refresh_from_db()
    assert token.last_used_at is None
    [again] = services.ballots_record(poll_id=poll.pk, ballots=[request])  # the default: marked
    assert (again.status, again.error.code, again.token.pk) == (409, "already_voted", token.pk)
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert vote_rows(poll) == [(chamber.deputies[0].username, "for")]
