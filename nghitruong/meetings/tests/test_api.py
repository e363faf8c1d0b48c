"""The meetings API end to end through the Django test client (session auth, verified)."""

import json

import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.meetings.models import Attendance, SpeakerRequest
from nghitruong.meetings.tests.conftest import Hall, build_hall
from nghitruong.meetings.tests.test_minutes import run_sitting

API = "/api/v1/meetings"


def _client(user: object) -> Client:
    client = Client()
    login_verified(client, user)  # type: ignore[arg-type]
    return client


def _post(client: Client, url: str, data: object | None = None) -> object:
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_sitting_agenda_attendance_and_speakers(hall: Hall) -> None:
    deputy = _client(hall.deputies[0])
    response = deputy.get(f"{API}/sittings/{hall.sitting.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["sitting"]["state"] == "open"
    assert [i["title"] for i in body["agenda"]] == [
        "Tờ trình dự án Luật Thủ đô (sửa đổi)",
        "Thảo luận về dự án Luật Thủ đô (sửa đổi)",
    ]
    response = _post(
        deputy, f"{API}/sittings/{hall.sitting.pk}/attendance/check-in", {"mode": "remote"}
    )
    assert response.status_code == 200
    assert (response.json()["present_remote"], response.json()["present"]) == (1, 1)
    item_id = hall.items[1].pk
    response = _post(deputy, f"{API}/items/{item_id}/speakers", {"kind": "first"})
    assert response.status_code == 201
    queue = response.json()["queue"]
    assert [(s["name"], s["kind"], s["position"]) for s in queue] == [
        ("Nguyễn Thị Ánh", "first", 1)
    ]
    # A deputy cannot give the floor.
    response = _post(deputy, f"{API}/speakers/{queue[0]['id']}/start")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert SpeakerRequest.objects.get().state == "requested"
    staff = _client(hall.staff)
    response = _post(staff, f"{API}/speakers/{queue[0]['id']}/start")
    assert response.status_code == 200
    current = response.json()["current"]
    assert (current["name"], current["limit_seconds"], current["timer"]["limit"]) == (
        "Nguyễn Thị Ánh",
        420,
        420,
    )
    response = staff.put(
        f"{API}/sittings/{hall.sitting.pk}/current-item",
        data=json.dumps({"item_id": item_id}),
        content_type="application/json",
    )
    assert [i["is_current"] for i in response.json()["agenda"]] == [False, True]


def test_outsider_gets_404_and_nothing_changes(hall: Hall) -> None:
    other = build_hall("qh-out", open_sitting=False)
    outsider = _client(other.deputies[0])
    assert outsider.get(f"{API}/sittings/{hall.sitting.pk}").status_code == 404
    response = _post(outsider, f"{API}/sittings/{hall.sitting.pk}/attendance/check-in")
    assert response.status_code == 404
    assert not Attendance.objects.filter(sitting=hall.sitting).exists()


def test_wrong_transition_is_409(hall: Hall) -> None:
    response = _post(_client(hall.staff), f"{API}/sittings/{hall.sitting.pk}/open")
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_state"


@pytest.mark.django_db
def test_minutes_json() -> None:
    h = run_sitting("qh-api")
    response = _client(h.staff).get(f"{API}/sittings/{h.sitting.pk}/minutes")
    assert response.status_code == 200
    data = response.json()
    assert data["sitting_title"] == "Thảo luận dự án Luật Thủ đô (sửa đổi)"
    assert data["attendance"]["present"] == 3
    assert data["items"][1]["speakers"][0]["duration_seconds"] == 425
    assert data["items"][1]["polls"][0]["verdict"] == "Thông qua"
