"""Staff pages: list with filters (HTMX), detail actions, meeting + Excel import, inbox, card."""

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.core.dashboard import dashboard_build
from nghitruong.petitions import services
from nghitruong.petitions.models import Petition, VoterMeeting
from nghitruong.petitions.selectors_public import dashboard_counts

pytestmark = pytest.mark.django_db


def _client(world, key: str) -> Client:
    client = Client()
    login_verified(client, world.users[key])
    return client


def test_list_filters_and_htmx_partial(world, make_petition) -> None:
    assigned = make_petition(assign_to="btc")
    make_petition(content="Đề nghị sửa đường tỉnh lộ 70 bị sạt lở nghiêm trọng")
    client = _client(world, "staff01")
    full = client.get("/kien-nghi/quan-ly/")
    assert full.status_code == 200
    assert full.context["page"].paginator.count == 2
    part = client.get("/kien-nghi/quan-ly/", {"status": "assigned"}, HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert html.count('href="/kien-nghi/quan-ly/') == 1
    assert f'href="/kien-nghi/quan-ly/{assigned.pk}/"' in html
    assert "<html" not in html
    found = client.get("/kien-nghi/quan-ly/", {"q": "sat lo"})
    assert found.context["page"].paginator.count == 1
    assert _client(world, "staff79").get("/kien-nghi/quan-ly/").context["page"].paginator.count == 0


def test_full_cycle_through_the_pages(world, make_petition) -> None:
    petition = make_petition()
    staff, officer = _client(world, "staff01"), _client(world, "officer_byt")
    url = f"/kien-nghi/quan-ly/{petition.pk}/"
    assert (
        staff.post(url + "classify/", {"field": world.field().pk, "level": "central"}).status_code
        == 302
    )
    assert staff.post(url + "assign/", {"agency": world.agencies["byt"].pk}).status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.agency_id) == ("assigned", world.agencies["byt"].pk)
    page = staff.get(url)
    assert petition.due_explanation in page.content.decode()
    # "Being resolved" without a date is refused and changes nothing.
    answer = {
        "outcome": "being_resolved",
        "text": "Bộ Y tế đang sửa đổi Nghị định về bảo hiểm y tế.",
        "document_number": "123/BYT-BH",
        "document_date": "2026-11-20",
        "signer": "Thứ trưởng Trần Văn B",
    }
    refused = officer.post(url + "answer/", answer)
    assert refused.status_code == 400
    petition.refresh_from_db()
    assert (petition.status, petition.answers.count()) == ("assigned", 0)
    assert staff.post(url + "answer/", answer | {"committed_date": "2026-12-31"}).status_code == 403
    done = officer.post(url + "answer/", answer | {"committed_date": "2026-12-31"})
    assert done.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.committed_date) == ("being_resolved", dt.date(2026, 12, 31))
    services.petitions_check_deadlines(on=dt.date(2027, 1, 1))
    page = staff.get(url)
    assert "Quá thời hạn cam kết 31/12/2026" in page.content.decode()
    assert dashboard_counts(user=world.users["staff01"])["overdue"] == 1
    assert staff.get("/kien-nghi/quan-ly/", {"overdue": "on"}).context["page"].paginator.count == 1


def test_outsider_gets_404_and_cannot_act(world, make_petition) -> None:
    petition = make_petition()
    outsider = _client(world, "staff79")
    assert outsider.get(f"/kien-nghi/quan-ly/{petition.pk}/").status_code == 404
    response = outsider.post(
        f"/kien-nghi/quan-ly/{petition.pk}/classify/",
        {"field": world.field().pk, "level": "central"},
    )
    assert response.status_code == 404
    petition.refresh_from_db()
    assert (petition.status, petition.field_id) == ("received", None)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(services.COLUMNS.values()))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_meeting_create_and_import_with_row_errors(world) -> None:
    client = _client(world, "staff01")
    created = client.post(
        "/kien-nghi/quan-ly/tiep-xuc/",
        {
            "body": world.bodies["d01"].pk,
            "kind": "periodic",
            "held_on": "2026-11-02",
            "venue": "Nhà văn hóa phường Ba Đình",
            "attendance": "180",
        },
    )
    meeting = VoterMeeting.objects.get()
    assert created["Location"] == f"/kien-nghi/quan-ly/tiep-xuc/{meeting.pk}/"
    upload = io.BytesIO(
        _xlsx(
            [
                [
                    1,
                    "Đề nghị nâng cấp trạm y tế phường Ba Đình",
                    "y-te",
                    "",
                    "",
                    "01",
                    "TXCT",
                    "02/11/2026",
                ],
                [2, "ngắn", "", "", "", "01", "TXCT", "02/11/2026"],
            ]
        )
    )
    upload.name = "kien-nghi.xlsx"
    response = client.post(f"/kien-nghi/quan-ly/tiep-xuc/{meeting.pk}/", {"file": upload})
    report = response.context["report"]
    assert (report.total_rows, len(report.created), [e.row for e in report.errors]) == (2, 1, [3])
    assert "Dòng" in response.content.decode()
    assert list(Petition.objects.values_list("meeting_id", flat=True)) == [meeting.pk]


def test_inbox_and_dashboard_card(world, make_petition) -> None:
    petition = make_petition(assign_to="byt", on=dt.date(2026, 11, 1))
    inbox = _client(world, "officer_byt").get("/kien-nghi/quan-ly/hop-thu/")
    assert [p.pk for p in inbox.context["page"]] == [petition.pk]
    assert (
        _client(world, "officer_btc")
        .get("/kien-nghi/quan-ly/hop-thu/")
        .context["page"]
        .paginator.count
        == 0
    )
    make_petition()
    counts = dashboard_counts(user=world.users["staff01"], today=dt.date(2026, 12, 5))
    assert counts == {"new": 1, "moderation": 0, "due_soon": 1, "overdue": 0}
    _viewer, cards = dashboard_build(user=world.users["staff01"])
    assert "petitions.counts" in [c.card.key for c in cards]
    _viewer, cards = dashboard_build(user=world.users["outsider"])
    assert "petitions.counts" not in [c.card.key for c in cards]
    # The rendered card shows the figures (the card template reads them from ``c``).
    html = _client(world, "staff01").get("/").content.decode()
    today = dashboard_counts(user=world.users["staff01"])
    assert f"<dt>Mới tiếp nhận</dt><dd>{today['new']}</dd>" in html
    assert f"<dt>Quá hạn</dt><dd>{today['overdue']}</dd>" in html


def test_merge_page_suggests_and_merges(world, make_petition) -> None:
    text = "Đề nghị nâng mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ 70 đến dưới 80 tuổi"
    p1, p2 = make_petition(content=text), make_petition(content=text + " không có lương hưu")
    client = _client(world, "staff01")
    page = client.get("/kien-nghi/quan-ly/gop/")
    assert [sorted(p.pk for p in s.petitions) for s in page.context["suggestions"]] == [
        sorted([p1.pk, p2.pk])
    ]
    assert (
        client.post("/kien-nghi/quan-ly/gop/", {"primary": p1.pk, "others": [p2.pk]}).status_code
        == 302
    )
    p2.refresh_from_db()
    assert p2.duplicate_of_id == p1.pk
    # The merged petition's page names the main petition once and shows codes as people type them.
    html = client.get(f"/kien-nghi/quan-ly/{p2.pk}/").content.decode()
    assert html.count("(kiến nghị chính)") == 1
    code = p2.tracking_code
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in html
