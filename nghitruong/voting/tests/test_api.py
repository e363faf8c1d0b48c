"""The voting API over HTTP with personal tokens: list, read, cast, transitions, error shapes."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nghitruong.accounts.services import api_token_create
from nghitruong.voting.models import Poll, Vote
from nghitruong.voting.tests.conftest import Chamber

pytestmark = pytest.mark.django_db

BASE = "/api/v1/voting"


def _client(user: Any) -> Client:
    _token, secret = api_token_create(user=user, name="kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client: Client, url: str, data: dict | None = None) -> Any:
    return client.post(url, data=data or {}, content_type="application/json")


def test_full_poll_over_http(chamber: Chamber) -> None:
    staff, deputy = _client(chamber.staff), _client(chamber.deputies[0])
    created = _post(
        staff, f"{BASE}/bodies/{chamber.body.pk}/polls", {"title": "Luật Thủ đô", "kind": "named"}
    )
    assert created.status_code == 201, created.content
    poll_id = created.json()["id"]
    assert (created.json()["state"], created.json()["majority_kind"]) == (
        "created",
        "simple_majority",
    )

    options = deputy.get(f"{BASE}/polls/{poll_id}").json()["options"]
    yes = next(o["id"] for o in options if o["meaning"] == "for")
    early = _post(deputy, f"{BASE}/polls/{poll_id}/ballots", {"option_id": yes})
    assert (early.status_code, early.json()["code"]) == (409, "poll_not_open")

    assert _post(staff, f"{BASE}/polls/{poll_id}/start").json()["poll"]["state"] == "started"
    detail = deputy.get(f"{BASE}/polls/{poll_id}").json()
    assert detail["me"] == {"entitled": True, "has_voted": False}
    assert detail["board"] is None

    cast = _post(deputy, f"{BASE}/polls/{poll_id}/ballots", {"option_id": yes})
    assert (cast.status_code, cast.json()) == (201, {"ok": True})
    again = _post(deputy, f"{BASE}/polls/{poll_id}/ballots", {"option_id": yes})
    assert again.status_code == 409
    assert again.json() == {
        "code": "already_voted",
        "message": "Đại biểu đã biểu quyết / You have already voted",
        "detail": None,
    }
    assert Vote.objects.filter(poll_id=poll_id).count() == 1
    assert deputy.get(f"{BASE}/polls/{poll_id}").json()["me"]["has_voted"] is True

    denied = _post(deputy, f"{BASE}/polls/{poll_id}/stop")
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    assert Poll.objects.get(pk=poll_id).state == "started"

    stopped = _post(staff, f"{BASE}/polls/{poll_id}/stop").json()
    assert stopped["board"]["lines"][1] == {
        "key": "for",
        "label": "Tán thành",
        "count": 1,
        "percent": "33.33",
        "percent_display": "33,33%",
    }
    assert deputy.get(f"{BASE}/polls/{poll_id}").json()["board"] is None
    _post(staff, f"{BASE}/polls/{poll_id}/publish")
    board = deputy.get(f"{BASE}/polls/{poll_id}").json()["board"]
    assert (board["passed"], board["verdict"], board["required_votes"]) == (
        False,
        "Không thông qua",
        2,
    )
    listed = deputy.get(f"{BASE}/bodies/{chamber.body.pk}/polls").json()
    assert [item["id"] for item in listed["items"]] == [poll_id]


def test_outsiders_get_404_and_anonymous_401(
    chamber: Chamber, chamber_factory: Callable[..., Chamber], make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(kind="secret")
    other = chamber_factory(code="hdnd-z", kind="provincial_council", level="provincial")
    outsider = _client(other.deputies[0])
    assert outsider.get(f"{BASE}/polls/{poll.pk}").status_code == 404
    option = poll.options.first()
    assert option is not None
    cast = _post(outsider, f"{BASE}/polls/{poll.pk}/ballots", {"option_id": option.pk})
    assert (cast.status_code, cast.json()["code"]) == (404, "not_found")
    assert outsider.get(f"{BASE}/bodies/{chamber.body.pk}/polls").status_code == 404
    assert Client().get(f"{BASE}/polls/{poll.pk}").status_code == 401
    assert poll.participations.count() == 0


def test_paper_count_over_http(chamber: Chamber, make_poll: Callable[..., Poll]) -> None:
    poll = make_poll(kind="paper")
    ids = {o.meaning: o.pk for o in poll.options.all()}
    staff = _client(chamber.staff)
    bad = _post(
        staff,
        f"{BASE}/polls/{poll.pk}/paper-count",
        {
            "ballots_issued": 3,
            "ballots_returned": 3,
            "valid": 2,
            "invalid": 0,
            "tallies": {str(ids["for"]): 2},
            "board_members": ["Nguyễn Văn An"],
        },
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "valid_invalid_mismatch")
    good = _post(
        staff,
        f"{BASE}/polls/{poll.pk}/paper-count",
        {
            "ballots_issued": 3,
            "ballots_returned": 3,
            "valid": 3,
            "invalid": 0,
            "tallies": {str(ids["for"]): 2, str(ids["against"]): 1},
            "board_members": ["Nguyễn Văn An"],
        },
    )
    assert good.status_code == 201, good.content
    assert "- Tán thành: 2 phiếu" in good.json()["minutes"]
    stopped = _post(staff, f"{BASE}/polls/{poll.pk}/stop").json()
    assert (stopped["board"]["passed"], stopped["board"]["lines"][0]["count"]) == (True, 3)
