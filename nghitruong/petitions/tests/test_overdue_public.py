"""The public per-agency overdue list (issue 5 §6): exactly the late petitions of each agency,
nothing personal, nothing unmoderated, refused or merged; sortable; CSV and API."""

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nghitruong.petitions import services
from nghitruong.petitions.models import Petition
from nghitruong.petitions.services.portal import petition_submit_public
from nghitruong.petitions.tests.conftest import World

DUE = dt.date(2026, 1, 29)  # assigned 20/12/2025
COMMITTED = dt.date(2026, 6, 30)
MEETING_TEXT = "Đề nghị sớm sửa chữa cầu Long Biên đã xuống cấp nghiêm trọng"
LETTER_TEXT = "Thư riêng của ông Nguyễn Văn An về khoản phụ cấp chưa được chi trả"
COMMIT_TEXT = "Đề nghị bổ sung thuốc điều trị ung thư vào danh mục bảo hiểm y tế"
SECRETS = [
    LETTER_TEXT,
    "Nguyễn Văn An",
    "0912345678",
    "an.nguyen@example.vn",
    "Số 5 ngõ Mật",
    "Trần Thị Bình",
    "0987654321",
    "Nội dung gửi trực tuyến chưa kiểm duyệt",
    "Nội dung trực tuyến bị từ chối",
]


def _days(deadline: dt.date) -> int:
    return (timezone.localdate() - deadline).days


@pytest.fixture
def late(world: World, make_petition: Callable[..., Petition]) -> dict[str, Petition]:
    staff = world.users["staff01"]
    meeting = services.voter_meeting_create(
        actor=staff,
        body=world.bodies["d01"],
        kind="periodic",
        held_on=dt.date(2025, 11, 20),
        venue="Nhà văn hóa phường Ba Đình",
    )
    meeting_late = make_petition(
        assign_to="btc", content=MEETING_TEXT, source="meeting", meeting=meeting
    )
    letter_late = make_petition(
        assign_to="btc",
        content=LETTER_TEXT,
        petitioner=services.PetitionerData(
            full_name="Nguyễn Văn An",
            phone="0912345678",
            email="an.nguyen@example.vn",
            address="Số 5 ngõ Mật",
        ),
        consent=True,
    )
    commitment = make_petition(
        assign_to="byt", content=COMMIT_TEXT, source="meeting", meeting=meeting
    )
    services.petition_answer(
        actor=world.users["officer_byt"],
        petition=commitment,
        outcome="being_resolved",
        text="Đang rà soát danh mục",
        document_number="7/BYT",
        document_date=dt.date(2026, 1, 10),
        signer="Thứ trưởng",
        committed_date=COMMITTED,
        on=dt.date(2026, 1, 10),
    )
    on_time = make_petition(assign_to="btc", on=dt.date(2026, 11, 30))  # due in 2027
    # A public submission waiting for moderation and a refused one, forced into a late state
    # (direct rows: a defensive check that the list never shows them, whatever their status).
    pending, _ = petition_submit_public(
        client_ip="203.0.113.7",
        idempotency_key="k" * 20,
        body=world.bodies["d01"],
        content="Nội dung gửi trực tuyến chưa kiểm duyệt, đề nghị xem xét",
        petitioner=services.PetitionerData(full_name="Trần Thị Bình", phone="0987654321"),
        consent=True,
    )
    refused, _ = petition_submit_public(
        client_ip="203.0.113.8",
        idempotency_key="r" * 20,
        body=world.bodies["d01"],
        content="Nội dung trực tuyến bị từ chối, không phải kiến nghị",
        consent=True,
    )
    Petition.objects.filter(pk=refused.pk).update(moderation=Petition.Moderation.REJECTED)
    Petition.objects.filter(pk__in=[pending.pk, refused.pk]).update(
        status="assigned",
        agency=world.agencies["btc"],
        clock_start=dt.date(2025, 12, 20),
        due_date=DUE,
        overdue_since=DUE + dt.timedelta(days=1),
    )
    duplicate = make_petition(assign_to="btc", content="Trùng nội dung cầu Long Biên xuống cấp")
    Petition.objects.filter(pk=duplicate.pk).update(duplicate_of=meeting_late)
    call_command("petitions", "check-deadlines", "--date", "2026-01-30", stdout=io.StringIO())
    call_command("petitions", "check-deadlines", "--date", "2026-07-01", stdout=io.StringIO())
    return {
        "meeting": meeting_late,
        "letter": letter_late,
        "commitment": commitment,
        "on_time": on_time,
        "pending": pending,
    }


def test_the_page_lists_exactly_the_late_petitions_per_agency(
    client: Client, late: dict[str, Petition]
) -> None:
    response = client.get("/kien-nghi/qua-han/")
    assert response.status_code == 200
    ctx = response.context["o"]
    assert ctx["agencies"] == [
        {
            "agency": "bo-tai-chinh",
            "agency_name": "Bộ Tài chính",
            "overdue_answers": 2,
            "broken_commitments": 0,
            "total": 2,
        },
        {
            "agency": "bo-y-te",
            "agency_name": "Bộ Y tế",
            "overdue_answers": 0,
            "broken_commitments": 1,
            "total": 1,
        },
    ]
    rows = [(r.agency, r.kind, r.deadline, r.days_overdue, r.content_summary) for r in ctx["rows"]]
    # most days late first; the two BTC answers tie (same due date)
    assert rows == [
        ("bo-tai-chinh", "answer", DUE, _days(DUE), MEETING_TEXT),
        ("bo-tai-chinh", "answer", DUE, _days(DUE), ""),
        ("bo-y-te", "commitment", COMMITTED, _days(COMMITTED), COMMIT_TEXT),
    ]
    html = response.content.decode()
    assert MEETING_TEXT in html
    assert "Nội dung không công bố (kiến nghị gửi trực tiếp)" in html
    for secret in SECRETS:
        assert secret not in html
    for p in late.values():
        assert p.tracking_code not in html
    assert 'href="/kien-nghi/qua-han/"' in html  # the portal navigation links the page


def test_filter_by_agency_and_sort(client: Client, late: dict[str, Petition]) -> None:
    only = client.get("/kien-nghi/qua-han/", {"agency": "bo-y-te"}).context["o"]
    assert [(r.agency, r.kind) for r in only["rows"]] == [("bo-y-te", "commitment")]
    assert len(only["agencies"]) == 2  # the per-agency table stays complete
    by_deadline = client.get("/kien-nghi/qua-han/", {"sort": "deadline"}).context["o"]
    assert [r.deadline for r in by_deadline["rows"]] == [DUE, DUE, COMMITTED]
    recent_first = client.get("/kien-nghi/qua-han/", {"sort": "days"}).context["o"]
    assert [r.deadline for r in recent_first["rows"]] == [COMMITTED, DUE, DUE]
    unknown = client.get("/kien-nghi/qua-han/", {"sort": "tracking_code"}).context["o"]
    assert (unknown["sort"], [r.deadline for r in unknown["rows"]]) == (
        "-days",
        [DUE, DUE, COMMITTED],
    )


def test_answered_late_petitions_leave_the_list(
    world: World, client: Client, late: dict[str, Petition]
) -> None:
    services.petition_answer(
        actor=world.users["officer_btc"],
        petition=late["meeting"],
        outcome="resolved",
        text="Đã sửa chữa xong",
        document_number="9/BTC",
        document_date=dt.date(2026, 2, 10),
        signer="Thứ trưởng",
        on=dt.date(2026, 2, 10),
    )
    agencies = client.get("/kien-nghi/qua-han/").context["o"]["agencies"]
    assert [(a["agency"], a["overdue_answers"], a["total"]) for a in agencies] == [
        ("bo-tai-chinh", 1, 1),
        ("bo-y-te", 0, 1),
    ]


def _csv(response: Any) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_exports(client: Client, late: dict[str, Petition]) -> None:
    response = client.get("/kien-nghi/qua-han/kien-nghi-qua-han.csv", {"sort": "deadline"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    assert [
        (r["agency"], r["kind"], r["deadline"], r["days_overdue"], r["content_summary"])
        for r in rows
    ] == [
        ("bo-tai-chinh", "answer", "2026-01-29", str(_days(DUE)), MEETING_TEXT),
        ("bo-tai-chinh", "answer", "2026-01-29", str(_days(DUE)), ""),
        ("bo-y-te", "commitment", "2026-06-30", str(_days(COMMITTED)), COMMIT_TEXT),
    ]
    assert rows[0]["province"] == "Thành phố Hà Nội"
    assert rows[0]["field"] == "Y tế, bảo hiểm y tế"
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text
    agencies = _csv(client.get("/kien-nghi/qua-han/theo-co-quan.csv"))
    assert agencies == [
        {
            "agency": "bo-tai-chinh",
            "agency_name": "Bộ Tài chính",
            "overdue_answers": "2",
            "broken_commitments": "0",
            "total": "2",
        },
        {
            "agency": "bo-y-te",
            "agency_name": "Bộ Y tế",
            "overdue_answers": "0",
            "broken_commitments": "1",
            "total": "1",
        },
    ]


def test_public_api(client: Client, late: dict[str, Petition]) -> None:
    response = client.get("/api/v1/petitions/public/overdue", {"agency": "bo-tai-chinh"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [(i["agency"], i["kind"], i["deadline"], i["days_overdue"]) for i in data["items"]] == [
        ("bo-tai-chinh", "answer", "2026-01-29", _days(DUE)),
        ("bo-tai-chinh", "answer", "2026-01-29", _days(DUE)),
    ]
    text = json.dumps(data, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text
    agencies = client.get("/api/v1/petitions/public/overdue/agencies").json()
    assert [(a["agency"], a["overdue_answers"], a["broken_commitments"]) for a in agencies] == [
        ("bo-tai-chinh", 2, 0),
        ("bo-y-te", 0, 1),
    ]


def test_an_empty_list(client: Client, world: World) -> None:
    response = client.get("/kien-nghi/qua-han/")
    assert response.status_code == 200
    assert (response.context["o"]["agencies"], response.context["o"]["rows"]) == ([], [])
    assert "Không có kiến nghị quá hạn." in response.content.decode()
