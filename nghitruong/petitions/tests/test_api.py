"""The petitions API over HTTP: staff flow with tokens, import, public submit and follow."""

import io
from typing import Any

from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from nghitruong.accounts.services import api_token_create
from nghitruong.petitions import tracking
from nghitruong.petitions.models import Petition
from nghitruong.petitions.services import COLUMNS
from nghitruong.petitions.tests.conftest import World

BASE = "/api/v1/petitions"


def _client(user: Any) -> Client:
    _token, secret = api_token_create(user=user, name="kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data=data, content_type="application/json")


def test_staff_flow_create_classify_assign_answer(world: World) -> None:
    staff, officer = _client(world.users["staff01"]), _client(world.users["officer_btc"])
    body = world.bodies["d01"]
    created = _post(
        staff,
        f"{BASE}/",
        {
            "body_id": body.pk,
            "content": "Đề nghị giảm thuế cho hộ kinh doanh nhỏ",
            "source": "hotline",
            "received_on": "2025-12-01",
            "petitioner": {"full_name": "Lê Văn Cường"},
            "consent": True,
        },
    )
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert (created.json()["status"], created.json()["province_code"]) == ("received", "01")
    assert (
        _post(
            staff,
            f"{BASE}/{pid}/classify",
            {"field_code": "tai-chinh-ngan-sach", "level": "central"},
        ).status_code
        == 200
    )
    assigned = _post(
        staff, f"{BASE}/{pid}/assign", {"agency_code": "bo-tai-chinh", "on": "2025-12-20"}
    )
    assert (assigned.json()["status"], assigned.json()["due_date"]) == ("assigned", "2026-01-29")
    # the officer sees it without personal data; staff see the petitioner
    detail = officer.get(f"{BASE}/{pid}").json()
    assert detail["petitioner"] is None
    assert staff.get(f"{BASE}/{pid}").json()["petitioner"]["full_name"] == "Lê Văn Cường"
    # the wrong officer cannot even see it
    assert _client(world.users["officer_byt"]).get(f"{BASE}/{pid}").status_code == 404
    bad = _post(
        officer,
        f"{BASE}/{pid}/answer",
        {
            "outcome": "being_resolved",
            "text": "Đang nghiên cứu",
            "document_number": "5/BTC",
            "document_date": "2026-01-10",
            "signer": "Thứ trưởng",
        },
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "commitment_date_required")
    answered = _post(
        officer,
        f"{BASE}/{pid}/answer",
        {
            "outcome": "resolved",
            "text": "Đã sửa đổi thông tư",
            "document_number": "5/BTC",
            "document_date": "2026-01-10",
            "signer": "Thứ trưởng",
        },
    )
    assert answered.status_code == 201, answered.content
    assert answered.json()["petition"]["status"] == "resolved"
    assert [a["outcome"] for a in answered.json()["answers"]] == ["resolved"]
    listed = staff.get(f"{BASE}/?status=resolved").json()
    assert (listed["count"], listed["items"][0]["id"]) == (1, pid)
    summary = _client(world.users["supervisor"]).get(f"{BASE}/summary").json()
    assert (summary["total"], summary["resolved"], summary["resolved_pct"]) == (1, 1, "100.00")


def test_wrong_state_and_foreign_body_errors(world: World) -> None:
    staff79 = _client(world.users["staff79"])
    response = _post(
        staff79,
        f"{BASE}/",
        {
            "body_id": world.bodies["d01"].pk,
            "content": "Nội dung đủ dài để nhập",
            "source": "letter",
        },
    )
    assert response.status_code == 404
    assert Petition.objects.count() == 0
    staff = _client(world.users["staff01"])
    pid = _post(
        staff,
        f"{BASE}/",
        {
            "body_id": world.bodies["d01"].pk,
            "content": "Nội dung đủ dài để nhập",
            "source": "letter",
        },
    ).json()["id"]
    conflict = _post(staff, f"{BASE}/{pid}/assign", {"agency_code": "bo-tai-chinh"})
    assert (conflict.status_code, conflict.json()["code"]) == (409, "wrong_state")


def test_import_over_http(world: World) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS.values()))
    sheet.append([1, "Đề nghị xây cầu dân sinh qua suối", "", "", "", "01", "Thư", "01/10/2025"])
    sheet.append([2, "Đề nghị sửa trường tiểu học", "", "", "", "77", "Thư", "01/10/2025"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    client = _client(world.users["staff01"])
    response = client.post(f"{BASE}/import", data={"body_id": world.bodies["d01"].pk, "file": out})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "total_rows": 2,
        "created": 1,
        "errors": [
            {
                "row": 3,
                "column": "Địa phương (mã tỉnh/xã)",
                "message": "Không có mã địa phương “77” / Unknown province/commune code",
            }
        ],
    }


def test_public_submit_is_idempotent_and_follow_has_no_personal_data(world: World) -> None:
    anonymous = Client()
    payload = {
        "idempotency_key": "9f8e7d6c5b4a3210ffee",
        "body_code": "doan-dbqh-01",
        "content": "Đề nghị lắp đèn chiếu sáng đường làng",
        "commune_code": "00004",
        "petitioner": {"full_name": "Phạm Thị Dung", "phone": "0987654321"},
        "consent": True,
    }
    first = _post(anonymous, f"{BASE}/public/submit", payload)
    again = _post(anonymous, f"{BASE}/public/submit", payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert (first.json()["created"], again.json()["created"]) == (True, False)
    assert (
        first.json()["qr_url"]
        == f"/kien-nghi/theo-doi/{tracking.display(first.json()['tracking_code'])}/qr.svg"
    )
    assert "qr_svg" not in first.json()  # drawn on demand at qr_url, not in every answer
    assert Petition.objects.count() == 1
    code = first.json()["tracking_code"]
    followed = anonymous.get(f"{BASE}/public/follow/{tracking.display(code)}")
    assert followed.status_code == 200
    body = followed.json()
    assert (body["status"], body["received_on"]) == ("received", timezone.localdate().isoformat())
    assert "Phạm Thị Dung" not in followed.content.decode()
    assert "0987654321" not in followed.content.decode()
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert anonymous.get(f"{BASE}/public/follow/{wrong}").status_code == 404
    assert anonymous.get(f"{BASE}/").status_code == 401
