"""The ballot lane (decision 0007): the real ASGI app, called directly, against the real database.

Requests go through ``nghitruong.config.asgi.build_application`` — the lane in front of
``RequestLimit`` and Django — as uvicorn would call it; the lane's worker thread writes through
its own connection, so the tests use ``transaction=True`` (committed data, as in production).
Concurrent requests are sent with ``asyncio.gather`` so that they queue together and are
recorded in one batch; sequential ones land in separate batches.
"""

import asyncio
import gc
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from nghitruong.accounts.models import Role, User
from nghitruong.accounts.services import api_token_create, api_token_revoke
from nghitruong.accounts.testing import login_verified
from nghitruong.core.audit import audit_verify
from nghitruong.core.models import AuditEntry
from nghitruong.voting import services
from nghitruong.voting.lane import GC_HOLD_MAX, MAX_BODY_BYTES, BallotLane
from nghitruong.voting.models import Poll, PollOption, SecretTally, Vote, VoteParticipation
from nghitruong.voting.services.ballots import BallotRequest
from nghitruong.voting.tests.conftest import Chamber, add_members
from nghitruong.voting.tests.test_secrecy import _links
from nghitruong.voting.tickets import SALT, ballot_ticket_issue

pytestmark = pytest.mark.django_db(transaction=True)

Reply = tuple[int, dict[str, Any], dict[str, str]]


@pytest.fixture
def lane() -> Iterator[BallotLane]:
    from nghitruong.config.asgi import build_application

    app = build_application(limit=1)
    assert isinstance(app, BallotLane)
    yield app
    app.close()


async def call(
    app: Any,
    path: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    method: str = "POST",
) -> Reply:
    """One request through the ASGI app; (status, JSON body, response headers)."""
    sent: list[dict[str, Any]] = []
    delivered = False
    forever = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await forever.wait()  # the client stays connected
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    all_headers = {"host": "testserver", **(headers or {})}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in all_headers.items()],
        "client": ("127.0.0.1", 40000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    raw = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    response_headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], json.loads(raw) if raw else {}, response_headers


def run(*coros: Any) -> list[Reply]:
    async def main() -> list[Reply]:
        return list(await asyncio.gather(*coros))

    return asyncio.run(main())


def ballot(app: Any, poll_id: int, option_id: Any, **headers: str) -> Any:
    return call(
        app,
        f"/api/v1/voting/polls/{poll_id}/ballots",
        body=json.dumps({"option_id": option_id}).encode(),
        headers={"content-type": "application/json", **headers},
    )


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def token_for(user: User) -> str:
    return api_token_create(user=user, name="máy tính bảng")[1]


def vote_rows(poll: Poll) -> list[tuple[str, str]]:
    return sorted(
        Vote.objects.filter(poll=poll).values_list("voter__user__username", "option__meaning")
    )


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


def test_votes_before_start_and_after_stop_are_refused(
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


# -- ballot tickets ----------------------------------------------------------------------------
def _session(user: User) -> tuple[Client, str]:
    client = Client()
    login_verified(client, user)
    return client, client.cookies["sessionid"].value


def _ticket_headers(ticket: str, session_key: str, **extra: str) -> dict[str, str]:
    return {"x-ballot-ticket": ticket, "cookie": f"csrftoken=x; sessionid={session_key}", **extra}


def test_the_panel_issues_a_ticket_that_casts_through_the_lane(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    client, session_key = _session(deputy)
    html = client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    ticket = html.split('data-ballot-ticket="', 1)[1].split('"', 1)[0]
    assert f'data-ballot-url="/api/v1/voting/polls/{poll.pk}/ballots"' in html
    option = chamber.option(poll, "for")
    [(status, body, _)] = run(
        ballot(
            lane,
            poll.pk,
            option.pk,
            **_ticket_headers(ticket, session_key, origin="http://testserver"),
        )
    )
    assert (status, body) == (201, {"ok": True})
    assert vote_rows(poll) == [(deputy.username, "for")]
    # Once voted, the panel offers no ticket (nor buttons) for that poll any more.
    assert (
        "data-ballot-ticket"
        not in client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    )


def test_no_ticket_for_a_member_outside_the_snapshot(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    make_poll()
    late = add_members(chamber.body, 1, prefix="late")[0]  # joined after the poll started
    client, _ = _session(late)
    assert (
        "data-ballot-ticket"
        not in client.get(f"/voting/bodies/{chamber.body.pk}/").content.decode()
    )


class _OldSigner(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(signing.time.time()) - 3600)


def _refused(lane: BallotLane, poll: Poll, option_id: int, headers: dict[str, str]) -> Reply:
    [reply] = run(ballot(lane, poll.pk, option_id, **headers))
    return reply


def test_bad_tickets_are_refused_and_change_nothing(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    other_poll = make_poll()
    deputy = chamber.deputies[0]
    person_id = deputy.person.pk
    _client, key = _session(deputy)
    _other_client, other_key = _session(chamber.deputies[1])
    good = ballot_ticket_issue(poll_id=poll.pk, person_id=person_id, session_key=key)
    option = chamber.option(poll, "for").pk
    tag = signing.loads(good, salt=SALT)["s"]
    expired = _OldSigner(salt=SALT).sign_object({"p": poll.pk, "v": person_id, "s": tag})
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    cases = {
        "forged": _ticket_headers(forged, key),
        "expired": _ticket_headers(expired, key),
        "other poll": _ticket_headers(
            ballot_ticket_issue(poll_id=other_poll.pk, person_id=person_id, session_key=key), key
        ),
        "other session": _ticket_headers(good, other_key),
        "no session cookie": {"x-ballot-ticket": good},
    }
    for name, headers in cases.items():
        status, body, _ = _refused(lane, poll, option, headers)
        assert (name, status, body["code"]) == (name, 401, "ticket_invalid")
    status, body, _ = _refused(
        lane, poll, option, _ticket_headers(good, key, origin="https://evil.example")
    )
    assert (status, body["code"]) == (403, "origin_mismatch")
    status, body, _ = _refused(
        lane, poll, option, _ticket_headers(good, key, **{"content-type": "text/plain"})
    )
    assert (status, body["code"]) == (415, "unsupported_media_type")
    assert Vote.objects.count() == 0


def test_a_ticket_dies_with_its_session(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    deputy = chamber.deputies[0]
    client, key = _session(deputy)
    ticket = ballot_ticket_issue(poll_id=poll.pk, person_id=deputy.person.pk, session_key=key)
    client.logout()  # deletes the session row
    status, body, _ = _refused(
        lane, poll, chamber.option(poll, "for").pk, _ticket_headers(ticket, key)
    )
    assert (status, body["code"]) == (401, "ticket_expired")
    assert Vote.objects.count() == 0


def test_a_revoked_token_is_refused(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll()
    token, secret = api_token_create(user=chamber.deputies[0], name="cũ")
    api_token_revoke(token=token, actor=chamber.deputies[0])
    status, body, _ = _refused(lane, poll, chamber.option(poll, "for").pk, bearer(secret))
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


# -- the garbage collector during a burst ------------------------------------------------------
def test_the_collector_is_held_off_while_a_batch_records_and_back_afterwards(
    lane: BallotLane, chamber: Chamber, make_poll: Callable[..., Poll], monkeypatch: Any
) -> None:
    poll = make_poll()
    seen: list[bool] = []
    record = lane.record

    def spying_record(poll_id: int, requests: list[BallotRequest]) -> Any:
        seen.append(gc.isenabled())
        return record(poll_id, requests)

    monkeypatch.setattr(lane, "record", spying_record)
    yes = chamber.option(poll, "for").pk
    replies = run(*(ballot(lane, poll.pk, yes, **bearer(token_for(d))) for d in chamber.deputies))
    assert [s for s, _, _ in replies] == [201] * len(chamber.deputies)
    assert seen == [False]  # one batch, recorded with the collector off
    assert gc.isenabled() is True


def test_the_collector_hold_is_bounded_and_respects_a_disabled_collector() -> None:
    lane = BallotLane(app=None)  # type: ignore[arg-type]  # only the collector bookkeeping
    try:
        lane.gc_flush_started(100.0)
        lane.gc_flush_started(100.5)  # a second poll's batcher
        assert gc.isenabled() is False
        lane.gc_flush_tick(100.0 + GC_HOLD_MAX)  # not past the bound yet
        assert gc.isenabled() is False
        lane.gc_flush_tick(100.1 + GC_HOLD_MAX)  # ballots for longer than the bound: given back
        assert gc.isenabled() is True
        lane.gc_flush_started(103.0)  # not taken again while batches keep running
        assert gc.isenabled() is True
        for _ in range(3):
            lane.gc_flush_ended()
        lane.gc_flush_started(110.0)  # idle in between: held again
        assert gc.isenabled() is False
        lane.gc_flush_ended()
        assert gc.isenabled() is True
        gc.disable()  # someone else's choice
        lane.gc_flush_started(120.0)
        lane.gc_flush_ended()
        assert gc.isenabled() is False
    finally:
        gc.enable()
