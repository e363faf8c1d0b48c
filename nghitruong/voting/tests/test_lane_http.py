"""The ballot lane over real HTTP: uvicorn serving the project's whole ASGI stack.

``LaneASGIServer`` is ``realtime.testing.LiveASGIServer`` serving
``config.asgi.build_application`` (lane → RequestLimit → Django) instead of the bare
``RequestLimit → Django``; the browser test uses it too.
"""

import asyncio
from typing import Any

import pytest

from nghitruong.accounts.services import api_token_create
from nghitruong.realtime.client import Connection
from nghitruong.realtime.testing import LiveASGIServer
from nghitruong.voting.models import Vote
from nghitruong.voting.tests.conftest import Chamber

pytestmark = pytest.mark.django_db(transaction=True)


class LaneASGIServer(LiveASGIServer):
    lifespan = "on"

    def application(self) -> Any:
        from django.db import connection

        from nghitruong.config.asgi import build_application, django_application
        from nghitruong.realtime.asgi import RequestLimit
        from nghitruong.voting.lane import BallotLane

        application: Any
        if connection.vendor == "sqlite":
            # SQLite's shared in-memory test database has table locks without a busy timeout: one
            # request at a time, the lane's included (production: lane outside the limit, and a
            # file database whose busy timeout serialises the writers).
            self.lane = BallotLane(django_application)
            application = RequestLimit(self.lane, limit=1)
        else:
            application = self.lane = build_application(limit=8)
        return application

    def stop(self) -> None:
        super().stop()
        self.lane.close()  # the lane's worker connection, if lifespan did not run


def test_casting_over_http_with_a_duplicate(chamber: Chamber, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    deputy = chamber.deputies[0]
    secret = api_token_create(user=deputy, name="http")[1]
    yes, no = chamber.option(poll, "for").pk, chamber.option(poll, "against").pk

    async def scenario(port: int) -> list[tuple[int, str]]:
        headers = {"Authorization": f"Bearer {secret}"}
        first = await Connection("127.0.0.1", port, default_headers=headers).open()
        second = await Connection("127.0.0.1", port, default_headers=headers).open()
        path = f"/api/v1/voting/polls/{poll.pk}/ballots"
        replies = await asyncio.gather(
            first.request("POST", path, json_body={"option_id": yes}),
            second.request("POST", path, json_body={"option_id": no}),
        )
        again = await first.request("POST", path, json_body={"option_id": yes})
        for conn in (first, second):
            await conn.close()
        return [(r.status, r.json().get("code", "")) for r in [*replies, again]]

    with LaneASGIServer() as server:
        outcomes = asyncio.run(scenario(server.port))
    assert sorted(outcomes) == [(201, ""), (409, "already_voted"), (409, "already_voted")]
    assert Vote.objects.filter(poll=poll).count() == 1
