"""Pages and API: a Vice-Chairman's directive becomes a task, the agency reports progress, the
dashboard updates; scoping over HTTP; public obligations as open data."""

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from nghitruong.accounts.testing import login_verified
from nghitruong.core.models import AuditEntry
from nghitruong.tracking import services
from nghitruong.tracking.models import Directive, Obligation, ProgressReport, Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def _client(world: World, user: str) -> Client:
    client = Client()
    login_verified(client, world.users[user])
    return client


def _stat(html: str, name: str) -> str:
    match = re.search(rf'data-stat="{name}">([^<]*)<', html)
    assert match is not None, name
    return match.group(1)


def test_directive_to_task_to_report_to_dashboard(world: World) -> None:
    qh = world.bodies["qh"]
    secretariat = _client(world, "vice_chair")
    response = secretariat.post(
        f"/tracking/directives/new?body={qh.pk}",
        {
            "source_kind": "directive",
            "title": "Chỉ đạo rà soát văn bản hướng dẫn Luật Cư trú",
            "text": "Đề nghị Bộ Tài chính rà soát và báo cáo trước 31/12/2026.",
            "issued_on": "2026-11-23",
            "body": qh.pk,
        },
    )
    directive = Directive.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tracking/tasks/new?body={qh.pk}&directive={directive.pk}"
    assert directive.issued_by == world.person("vice_chair")
    response = secretariat.post(
        response["Location"],
        {
            "title": directive.title,
            "deliverable": "Báo cáo rà soát",
            "owner_agency": world.agencies["btc"].pk,
            "deadline": "2026-12-31",
            "priority": "high",
            "body": qh.pk,
            "directive": directive.pk,
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302
    assert task.directive_id == directive.pk
    board = secretariat.get(f"/tracking/?body={qh.pk}").content.decode()
    assert (_stat(board, "total"), _stat(board, "open"), _stat(board, "completion_rate")) == (
        "1",
        "1",
        "0,0%",
    )
    officer = _client(world, "officer_btc")
    response = officer.post(
        f"/tracking/tasks/{task.pk}/report",
        {"percent": "60", "text": "Đã rà soát 18/30 văn bản"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'data-field="progress">60%' in response.content.decode()
    officer.post(
        f"/tracking/tasks/{task.pk}/complete",
        {"result": "Đã gửi báo cáo rà soát"},
        HTTP_HX_REQUEST="true",
    )
    # The dashboard's HTMX refresh (its figures partial) shows the change.
    partial = secretariat.get(f"/tracking/?body={qh.pk}", HTTP_HX_REQUEST="true").content.decode()
    assert (
        _stat(partial, "total"),
        _stat(partial, "done_on_time"),
        _stat(partial, "completion_rate"),
    ) == ("1", "1", "100,0%")


def test_pages_are_scoped(world: World, make_task: Any) -> None:
    task = make_task()
    assert _client(world, "council79").get(f"/tracking/tasks/{task.pk}/").status_code == 404
    outsider = _client(world, "officer_byt")
    before = AuditEntry.objects.count()
    response = outsider.post(f"/tracking/tasks/{task.pk}/report", {"percent": "10", "text": "x"})
    assert response.status_code == 404
    assert (ProgressReport.objects.count(), AuditEntry.objects.count()) == (0, before)
    # Co-agency can read but not report: the page says so and nothing changes.
    co = make_task(co_agencies=[world.agencies["byt"]])
    response = outsider.post(f"/tracking/tasks/{co.pk}/report", {"percent": "10", "text": "Báo"})
    assert response.status_code == 400
    assert "Chỉ cơ quan, người được giao" in response.content.decode()
    assert ProgressReport.objects.count() == 0
    assert Client().get("/tracking/").status_code == 302  # login required


def test_kpi_export_download(world: World, make_task: Any) -> None:
    make_task()
    client = _client(world, "na_staff")
    response = client.get(f"/tracking/kpi?body={world.bodies['qh'].pk}")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert list(wb["Theo đơn vị"].iter_rows(min_row=3, values_only=True)) == [
        ("Bộ Tài chính", 1, 0, 0, 0, 1, 0, 0.0, 0.0),
    ]
    pdf = client.get(f"/tracking/kpi?body={world.bodies['qh'].pk}&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Theo đơn vị chủ trì" in text
    assert "Bộ Tài chính 1 0 0 0 1 0 0,0 0,0" in text


def test_api_tasks_and_reports(world: World, make_task: Any) -> None:
    task = make_task()
    make_task("c79", agency="ubnd", actor="council79")
    officer = _client(world, "officer_btc")
    data = officer.get("/api/v1/tracking/tasks").json()
    assert [(t["id"], t["owner_agency"], t["status"]) for t in data["items"]] == [
        (task.pk, "Bộ Tài chính", "assigned"),
    ]
    response = officer.post(
        f"/api/v1/tracking/tasks/{task.pk}/reports",
        {"percent": 30, "text": "Đang tổng hợp"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["percent"] == 30
    bad = officer.post(
        f"/api/v1/tracking/tasks/{task.pk}/reports",
        {"percent": 130, "text": "Sai"},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_percent")
    assert _client(world, "council79").get(f"/api/v1/tracking/tasks/{task.pk}").status_code == 404
    stats = (
        _client(world, "na_staff")
        .get(f"/api/v1/tracking/stats?body_id={world.bodies['qh'].pk}")
        .json()
    )
    assert (stats["total"], stats["open"], stats["overdue"]) == (1, 1, 0)
    assert Client().get("/api/v1/tracking/tasks").status_code == 401


def test_public_obligations_open_data(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from nghitruong.documents.services import expression_create, work_create

    with django_capture_on_commit_callbacks(execute=True):
        law = work_create(
            actor=None,
            body=world.bodies["qh"],
            doc_type="law",
            title="Luật minh họa dữ liệu mở",
            number="98/2026/QH15",
            issued_date=dt.date(2026, 1, 1),
            effective_date=dt.date(2026, 7, 1),
        )
        expression_create(
            actor=None,
            work=law,
            version_date=dt.date(2026, 1, 1),
            text="Điều 1. Thẻ\n1. Cấp thẻ.\n2. Chính phủ quy định chi tiết Điều này.\n"
            "Điều 2. Phí\nMức phí theo quy định của Bộ trưởng Bộ Tài chính.",
        )
    assert Obligation.objects.filter(work=law).count() == 2
    anon = Client()
    assert anon.get(f"/api/v1/tracking/obligations/public?work_id={law.pk}").json()["items"] == []
    ob = Obligation.objects.get(work=law, provision_eid="art_1")
    services.obligation_confirm(actor=world.users["na_staff"], obligation=ob)
    items = anon.get(f"/api/v1/tracking/obligations/public?work_id={law.pk}").json()["items"]
    # Due on the effective date (1 Jul 2026), still waiting today: late.
    assert [
        (
            i["provision_eid"],
            i["authority"],
            i["authority_agency"],
            i["due_date"],
            i["status"],
            i["late"],
        )
        for i in items
    ] == [
        ("art_1", "Chính phủ", "Chính phủ", "2026-07-01", "confirmed", True),
    ]
    page = anon.get("/tracking/public/").content.decode()
    assert "Luật minh họa dữ liệu mở" in page
    assert "1 nội dung quá hạn" in page
    # The law's page fragment shows it late to anyone; proposals only to staff.
    public_html = anon.get(f"/tracking/works/{law.pk}/obligations").content.decode()
    assert "1 nội dung quá hạn" in public_html
    assert "đề xuất, chờ xác nhận" not in public_html
    staff_html = (
        _client(world, "na_staff").get(f"/tracking/works/{law.pk}/obligations").content.decode()
    )
    assert "đề xuất, chờ xác nhận" in staff_html


def test_obligation_review_page(world: World, django_capture_on_commit_callbacks: Any) -> None:
    from nghitruong.documents.services import expression_create, work_create

    with django_capture_on_commit_callbacks(execute=True):
        law = work_create(
            actor=None,
            body=world.bodies["qh"],
            doc_type="law",
            title="Luật minh họa rà soát",
            number="97/2026/QH15",
            issued_date=dt.date(2026, 1, 1),
            effective_date=dt.date(2027, 1, 1),
        )
        expression_create(
            actor=None,
            work=law,
            version_date=dt.date(2026, 1, 1),
            text="Điều 1. Thẻ\n1. Cấp thẻ.\n2. Chính phủ quy định chi tiết Điều này.",
        )
    ob = Obligation.objects.get(work=law)
    staff = _client(world, "na_staff")
    page = staff.get(f"/tracking/obligations/?body={world.bodies['qh'].pk}").content.decode()
    assert "Chính phủ quy định chi tiết Điều này" in page
    officer = _client(world, "officer_btc")
    before = AuditEntry.objects.count()
    denied = officer.post(
        f"/tracking/obligations/{ob.pk}/decide", {"decision": "confirm"}, HTTP_HX_REQUEST="true"
    )
    assert "Bạn không có quyền" in denied.content.decode()
    ob.refresh_from_db()
    assert (ob.status, AuditEntry.objects.count(), Task.objects.count()) == (
        "proposed",
        before,
        0,
    )
    row = staff.post(
        f"/tracking/obligations/{ob.pk}/decide",
        {"decision": "confirm", "due_date": "2026-12-31"},
        HTTP_HX_REQUEST="true",
    )
    ob.refresh_from_db()
    assert (ob.status, ob.due_date, ob.task.deadline, ob.task.owner_agency.code) == (
        "confirmed",
        dt.date(2026, 12, 31),
        dt.date(2026, 12, 31),
        "chinh-phu",
    )
    assert "Đã xác nhận" in row.content.decode()


@pytest.mark.parametrize("path", ["/tracking/directives/new", "/tracking/tasks/new"])
def test_plain_deputy_gets_no_task_forms(world: World, path: str) -> None:
    """A deputy may follow tasks but not assign them: no form is shown and a POST writes nothing."""
    qh = world.bodies["qh"]
    deputy = _client(world, "deputy")
    before = (Directive.objects.count(), Task.objects.count(), AuditEntry.objects.count())
    assert deputy.get(f"{path}?body={qh.pk}").status_code == 403
    response = deputy.post(
        f"{path}?body={qh.pk}",
        {"title": "Chỉ đạo không có thẩm quyền", "issued_on": "2026-11-23", "body": qh.pk},
    )
    assert response.status_code == 403
    assert (Directive.objects.count(), Task.objects.count(), AuditEntry.objects.count()) == before
