"""Helpers of the ballot-lane tests: the app fixture, one ASGI request, ballots, tokens."""

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from nghitruong.accounts.models import User
from nghitruong.accounts.services import api_token_create
from nghitruong.voting.lane import BallotLane
from nghitruong.voting.models import Poll, Vote

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


def refused(lane: BallotLane, poll: Poll, option_id: int, headers: dict[str, str]) -> Reply:
    """One ballot on its own; its reply."""
    [reply] = run(ballot(lane, poll.pk, option_id, **headers))
    return reply
