"""The voting screens: permissions, the flow through the views, and the live SSE stream."""

import asyncio
import json

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from nghitruong.accounts.testing import login_verified
from nghitruong.core.models import AuditEntry
from nghitruong.realtime.client import Connection, sse_events
from nghitruong.realtime.testing import LiveASGIServer
from nghitruong.voting import services
from nghitruong.voting.models import Poll, PollResult, SecretTally, Vote, VoteParticipation
from nghitruong.voting.tests.conftest import add_members, make_body

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


@pytest.fixture
def outsider(db):
    other = make_body("hdnd-khac", kind="provincial_council", level="provincial")
    return add_members(other, 1, prefix="ngoai")[0]


def test_outsider_gets_404_everywhere_and_changes_nothing(chamber, make_poll, outsider):
    poll = make_poll()
    c = client_for(outsider)
    yes = chamber.option(poll, "for")
    for url in [
        reverse("voting:panel", args=[chamber.body.pk]),
        reverse("voting:panel_fragment", args=[chamber.body.pk]),
        reverse("voting:console", args=[chamber.body.pk]),
        reverse("voting:hall", args=[poll.pk]),
        reverse("voting:hall_board", args=[poll.pk]),
        reverse("voting:poll_events", args=[poll.pk]),
        reverse("voting:body_events", args=[chamber.body.pk]),
    ]:
        assert c.get(url).status_code == 404, url
    assert c.post(reverse("voting:cast", args=[poll.pk]), {"option": yes.pk}).status_code == 404
    stop = reverse("voting:transition", args=[poll.pk, "stop"])
    assert c.post(stop).status_code == 404
    poll.refresh_from_db()
    assert (poll.state, Vote.objects.count()) == ("started", 0)


def test_anonymous_is_sent_to_login_and_a_deputy_may_not_use_the_console(chamber, make_poll):
    poll = make_poll(start=False)
    anonymous = Client()
    response = anonymous.get(reverse("voting:panel", args=[chamber.body.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    deputy = client_for(chamber.deputies[0])
    assert deputy.get(reverse("voting:console", args=[chamber.body.pk])).status_code == 403
    start = reverse("voting:transition", args=[poll.pk, "start"])
    assert deputy.post(start).status_code == 403
    poll.refresh_from_db()
    assert poll.state == "created"


def test_public_view_hides_drafts_and_shows_only_published_results(chamber, make_poll):
    poll = make_poll(start=False)
    anonymous = Client()
    assert anonymous.get(reverse("voting:public", args=[poll.pk])).status_code == 404
    assert anonymous.get(reverse("voting:public_events", args=[poll.pk])).status_code == 404
    services.poll_start(actor=chamber.staff, poll=poll)
    for deputy in chamber.deputies[:2]:
        services.ballot_cast(poll=poll, user=deputy, option=chamber.option(poll, "for"))
    page = anonymous.get(reverse("voting:public", args=[poll.pk])).content.decode()
    assert f'data-live-voted="{poll.pk}">2<' in page
    services.poll_stop(actor=chamber.staff, poll=poll)
    board = anonymous.get(reverse("voting:public_board", args=[poll.pk])).content.decode()
    assert "data-board" not in board  # stopped but not published: staff only
    services.poll_publish(actor=chamber.staff, poll=poll)
    board = anonymous.get(reverse("voting:public_board", args=[poll.pk])).content.decode()
    assert "Thông qua" in board
    assert '<td class="num" data-count>2</td><td class="num">66,67%</td>' in board


def test_chair_and_deputies_run_a_poll_through_the_views(chamber):
    chair = client_for(chamber.staff)
    console = reverse("voting:console", args=[chamber.body.pk])
    response = chair.post(console, {"title": "Thông qua Nghị quyết về ngân sách", "kind": "named"})
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert (poll.title, poll.kind, poll.state) == (
        "Thông qua Nghị quyết về ngân sách",
        "named",
        "created",
    )
    chair.post(reverse("voting:transition", args=[poll.pk, "start"]))
    poll.refresh_from_db()
    assert poll.state == "started"

    d0, d1 = client_for(chamber.deputies[0]), client_for(chamber.deputies[1])
    panel = d0.get(reverse("voting:panel", args=[chamber.body.pk])).content.decode()
    assert "Thông qua Nghị quyết về ngân sách" in panel
    assert 'class="vote-button vote-for">Tán thành</button>' in panel
    cast = reverse("voting:cast", args=[poll.pk])
    fragment = d0.post(cast, {"option": chamber.option(poll, "for").pk}, **HTMX)
    assert fragment.status_code == 200
    assert "✓ Đã biểu quyết" in fragment.content.decode()
    assert "vote-button" not in fragment.content.decode()
    again = d0.post(cast, {"option": chamber.option(poll, "against").pk}, **HTMX)
    assert "Đại biểu đã biểu quyết / You have already voted" in again.content.decode()
    d1.post(cast, {"option": chamber.option(poll, "against").pk})
    assert sorted(Vote.objects.values_list("voter__user__username", "option__meaning")) == [
        (chamber.deputies[0].username, "for"),
        (chamber.deputies[1].username, "against"),
    ]

    chair.post(reverse("voting:transition", args=[poll.pk, "stop"]))
    chair.post(reverse("voting:transition", args=[poll.pk, "publish"]))
    result = PollResult.objects.get(poll=poll)
    assert (result.participants, result.votes_for, result.votes_against, result.passed) == (
        2,
        1,
        1,
        False,
    )
    hall = d1.get(reverse("voting:hall_board", args=[poll.pk])).content.decode()
    assert "Không thông qua" in hall
    assert '<td class="num" data-count>1</td><td class="num">33,33%</td>' in hall
    actions = list(
        AuditEntry.objects.filter(object_id=str(poll.pk)).values_list("action", flat=True)
    )
    assert actions.count("ballot.cast") == 2
    assert [a for a in actions if a.startswith("poll.")] == [
        "poll.create",
        "poll.start",
        "poll.stop",
        "poll.publish",
    ]


def test_secret_poll_panel_never_shows_the_choice(chamber, make_poll):
    poll = make_poll(kind=Poll.Kind.SECRET)
    deputy = client_for(chamber.deputies[0])
    against = chamber.option(poll, "against")
    fragment = deputy.post(
        reverse("voting:cast", args=[poll.pk]), {"option": against.pk}, **HTMX
    ).content.decode()
    assert "✓ Đã biểu quyết" in fragment
    assert "Bỏ phiếu kín" in fragment
    assert against.label not in fragment.split('id="closed-title"')[0].split("vote-card")[1]
    assert VoteParticipation.objects.filter(poll=poll).count() == 1
    assert SecretTally.objects.get(poll=poll, option=against).count == 1


def test_cast_with_a_foreign_option_is_refused(chamber, make_poll):
    poll, other = make_poll(), make_poll()
    deputy = client_for(chamber.deputies[0])
    fragment = deputy.post(
        reverse("voting:cast", args=[poll.pk]),
        {"option": chamber.option(other, "for").pk},
        **HTMX,
    ).content.decode()
    assert "Phương án không thuộc cuộc biểu quyết này" in fragment
    assert Vote.objects.count() == 0


async def in_thread(fn, *args, **kwargs):
    """Run ``fn`` in a worker thread, then close that thread's database connection (else it would
    outlive the test and block dropping the test database)."""

    def call():
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    return await asyncio.to_thread(call)


async def _read_until(conn: Connection, want, timeout: float = 10.0) -> list:
    seen = []
    async with asyncio.timeout(timeout):
        async for event, data in sse_events(conn):
            seen.append((event, data))
            if want(event, data):
                return seen
    return seen


@pytest.mark.django_db(transaction=True)
def test_sse_stream_delivers_progress_and_the_published_result(chamber_factory):
    chamber = chamber_factory(deputies=3)
    poll = services.poll_create(
        actor=chamber.staff, body=chamber.body, title="Luật Thủ đô", kind="electronic_aggregate"
    )
    services.poll_start(actor=chamber.staff, poll=poll)
    yes = chamber.option(poll, "for")

    async def scenario(server: LiveASGIServer) -> tuple[list, list, list]:
        conn = await Connection("127.0.0.1", server.port).open()
        await conn.send("GET", reverse("voting:public_events", args=[poll.pk]))
        head = await conn.read_head()
        assert head.status == 200
        assert head.headers["content-type"] == "text/event-stream; charset=utf-8"
        first = await _read_until(conn, lambda e, d: e == "state")
        await in_thread(services.ballot_cast, poll=poll, user=chamber.deputies[0], option=yes)
        progress = await _read_until(conn, lambda e, d: e == "progress")

        def close() -> None:
            services.poll_stop(actor=chamber.staff, poll=poll)
            services.poll_publish(actor=chamber.staff, poll=poll)

        await in_thread(close)
        final = await _read_until(conn, lambda e, d: e == "state" and d["state"] == "published")
        await conn.close()
        return first, progress, final

    with LiveASGIServer() as server:
        first, progress, final = asyncio.run(scenario(server))
    assert first == [
        (
            "state",
            {
                "poll_id": poll.pk,
                "body_id": chamber.body.pk,
                "state": "started",
                "voted": 0,
                "total_members": 3,
                "result": None,
            },
        )
    ]
    assert progress == [("progress", {"poll_id": poll.pk, "body_id": chamber.body.pk, "voted": 1})]
    assert [d["state"] for e, d in final] == ["stopped", "published"]
    assert final[-1][1]["result"] == {
        "total_members": 3,
        "participants": 1,
        "for": 1,
        "against": 0,
        "abstain": 0,
        "did_not_vote": 2,
        "required_votes": 2,
        "passed": False,
    }
    assert final[0][1]["result"] is None  # a stopped result is not sent to the public
    json.dumps(final)  # the payloads are plain JSON
