"""The supervision report exports (issue 5 §6): Excel cells equal ``supervision_summary``'s
figures, the DOCX and the PDF carry the exact percentages with Vietnamese intact, and an agency
officer is refused with nothing written."""

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from nghitruong.accounts.testing import login_verified
from nghitruong.core.exceptions import PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import reports, selectors, services
from nghitruong.petitions.models import Petition
from nghitruong.petitions.services.supervision import supervision_report_export
from nghitruong.petitions.tests.conftest import World

URL = "/kien-nghi/quan-ly/giam-sat/"
ON = dt.date(2026, 3, 2)


def _answer(world: World, petition: Petition, outcome: str, officer: str, n: int) -> None:
    services.petition_answer(
        actor=world.users[officer],
        petition=petition,
        outcome=outcome,
        text="Trả lời kiến nghị",
        document_number=f"{n}/VB",
        document_date=dt.date(2026, 1, 15),
        signer="Thứ trưởng",
        committed_date=dt.date(2026, 12, 31) if outcome == "being_resolved" else None,
        on=dt.date(2026, 1, 15),
    )


@pytest.fixture
def data(world: World, make_petition: Callable[..., Petition]) -> dict[str, Any]:
    """Seven routed NA-level petitions: BTC answered 3 (1 resolved), BYT 3 (1 resolved, 1 being
    resolved), one unanswered; from Hà Nội and Hồ Chí Minh City."""
    outcomes = [
        ("d01", "btc", "resolved"),
        ("d01", "btc", "explanation_only"),
        ("d79", "btc", "explanation_only"),
        ("d01", "byt", "resolved"),
        ("d79", "byt", "being_resolved"),
        ("d79", "byt", "explanation_only"),
        ("d79", "btc", None),
    ]
    for n, (body, agency, outcome) in enumerate(outcomes, start=1):
        petition = make_petition(body, assign_to=agency)
        if outcome:
            _answer(world, petition, outcome, f"officer_{agency}", n)
    make_petition("d01")  # received, never routed: not in the report
    summary = selectors.supervision_summary(user=world.users["supervisor"])
    assert (summary["total"], summary["answered"], summary["resolved"]) == (7, 6, 2)
    assert (summary["answered_pct"], summary["resolved_pct"]) == (
        Decimal("85.71"),
        Decimal("28.57"),
    )
    return summary


def _export(world: World, fmt: str, user: str = "supervisor") -> bytes:
    content, name = supervision_report_export(actor=world.users[user], fmt=fmt, on=ON)
    assert name == f"bao-cao-giam-sat-2026-03-02.{fmt}"
    return content


def test_excel_cells_equal_the_summary(world: World, data: dict[str, Any]) -> None:
    wb = load_workbook(io.BytesIO(_export(world, "xlsx")))
    assert wb.sheetnames == ["Theo lĩnh vực", "Theo cơ quan", "Theo tỉnh", "Tổng hợp"]
    totals = wb["Tổng hợp"]
    assert totals["A2"].value == "Cơ quan báo cáo: Cơ quan qh-uy-ban-dan-nguyen-va-giam-sat"
    assert totals["A4"].value == "Thời kỳ: Toàn bộ kiến nghị đã chuyển cơ quan có thẩm quyền"
    assert totals["A5"].value == "Ngày lập: 02/03/2026"
    values = {row[0]: row[1] for row in totals.iter_rows(min_row=8, max_row=16, values_only=True)}
    assert values == {
        "Tổng số kiến nghị đã chuyển cơ quan có thẩm quyền": 7,
        "Đã trả lời": 6,
        "Tỷ lệ đã trả lời (%)": 85.71,
        "Đã giải quyết": 2,
        "Tỷ lệ đã giải quyết (%)": 28.57,
        "Đang giải quyết (có thời hạn cam kết)": 1,
        "Giải trình, cung cấp thông tin": 3,
        "Quá hạn trả lời": 0,
        "Quá thời hạn cam kết": 0,
    }
    assert totals["A18"].value == reports.EXPLANATION
    for sheet, key in (
        ("Theo lĩnh vực", "by_field"),
        ("Theo cơ quan", "by_agency"),
        ("Theo tỉnh", "by_province"),
    ):
        rows = list(wb[sheet].iter_rows(min_row=8, values_only=True))
        expected = [
            (
                n,
                r["label"],
                r["total"],
                r["answered"],
                float(r["answered_pct"]),
                r["resolved"],
                float(r["resolved_pct"]),
                r["overdue"],
            )
            for n, r in enumerate(data[key], start=1)
        ]
        assert rows == expected
    assert list(wb["Theo cơ quan"].iter_rows(min_row=8, values_only=True)) == [
        (1, "Bộ Tài chính", 4, 3, 75.0, 1, 25.0, 0),
        (2, "Bộ Y tế", 3, 3, 100.0, 1, 33.33, 0),
    ]


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_docx_carries_the_exact_figures(world: World, data: dict[str, Any]) -> None:
    text = _docx_text(_export(world, "docx"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Ngày 02 tháng 3 năm 2026" in text
    assert "Kết quả giám sát việc giải quyết, trả lời kiến nghị cử tri" in text
    assert (
        "Các cơ quan có thẩm quyền đã trả lời 6/7 kiến nghị, đạt 85,71%; trong đó 2 kiến nghị "
        "đã được giải quyết, chiếm 28,57%."
    ) in text
    assert "Tỷ lệ đã trả lời | 85,71%" in text
    assert "Tỷ lệ đã giải quyết | 28,57%" in text
    assert "1 | Bộ Tài chính | 4 | 3 | 75,00% | 1 | 25,00% | 0" in text
    assert "2 | Bộ Y tế | 3 | 3 | 100,00% | 1 | 33,33% | 0" in text
    assert reports.EXPLANATION in text


def test_pdf_text_is_extractable_with_diacritics(world: World, data: dict[str, Any]) -> None:
    content = _export(world, "pdf")
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 1
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Kết quả giám sát việc giải quyết, trả lời kiến nghị cử tri" in flat
    assert "đạt 85,71%" in flat
    assert "chiếm 28,57%" in flat
    assert "Bộ Tài chính" in flat
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("LiberationSerif" in f for f in fonts), fonts  # embedded, no Helvetica


def test_the_report_can_be_limited_to_one_body_and_period(
    world: World, data: dict[str, Any]
) -> None:
    d79 = world.bodies["d79"]
    content, _name = supervision_report_export(
        actor=world.users["supervisor"],
        fmt="xlsx",
        body_id=d79.pk,
        received_from=dt.date(2025, 12, 1),
        received_to=dt.date(2025, 12, 31),
        on=ON,
    )
    totals = load_workbook(io.BytesIO(content))["Tổng hợp"]
    assert totals["A2"].value == "Cơ quan báo cáo: Cơ quan doan-dbqh-79"
    assert totals["A4"].value == (
        "Thời kỳ: Kiến nghị tiếp nhận từ ngày 01/12/2025 đến ngày 31/12/2025"
    )
    expected = selectors.supervision_summary(
        user=world.users["supervisor"],
        body=d79,
        received_from=dt.date(2025, 12, 1),
        received_to=dt.date(2025, 12, 31),
    )
    assert (totals["B8"].value, totals["B9"].value) == (expected["total"], expected["answered"])
    assert (expected["total"], expected["answered"]) == (4, 3)


def test_an_agency_officer_is_refused_and_nothing_is_written(
    world: World, data: dict[str, Any], client: Client
) -> None:
    audits = AuditEntry.objects.count()
    with pytest.raises(PermissionDeniedError):
        supervision_report_export(actor=world.users["officer_btc"], fmt="xlsx", on=ON)
    login_verified(client, world.users["officer_btc"])
    for path in (URL, URL + "bao-cao.xlsx", URL + "bao-cao.docx", URL + "bao-cao.pdf"):
        response = client.get(path)
        assert response.status_code == 403
        body = response.content
        assert b"%PDF" not in body
        assert b"PK" not in body[:2]
        assert b"85,71" not in body
        assert b"85.71" not in body
    assert AuditEntry.objects.count() == audits


def test_a_deputy_is_refused(world: World, data: dict[str, Any], client: Client) -> None:
    login_verified(client, world.users["deputy01"])
    assert client.get(URL + "bao-cao.docx").status_code == 403


def test_staff_page_and_downloads(world: World, data: dict[str, Any], client: Client) -> None:
    login_verified(client, world.users["supervisor"])
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["s"] == data
    html = page.content.decode()
    for fmt in ("docx", "pdf", "xlsx"):
        assert f'href="/kien-nghi/quan-ly/giam-sat/bao-cao.{fmt}?"' in html
    audits = AuditEntry.objects.count()
    response = client.get(URL + "bao-cao.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == reports.CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-giam-sat-')
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == audits + 1
    assert entry is not None
    assert entry.action == "petition.supervision_report_export"
    assert client.get(URL + "bao-cao.odt").status_code == 400
    reversed_period = {"received_from": "2026-02-01", "received_to": "2026-01-01"}
    refused = client.get(URL + "bao-cao.xlsx", reversed_period)
    assert (refused.status_code, refused.content.decode()) == (
        400,
        "Tham số không hợp lệ / Invalid parameters",
    )
    assert AuditEntry.objects.count() == audits + 1


def test_the_delegation_secretariat_gets_its_own_figures(
    world: World, data: dict[str, Any], client: Client
) -> None:
    login_verified(client, world.users["staff79"])
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["meta"].issuer == "Cơ quan doan-dbqh-79"
    assert (page.context["s"]["total"], page.context["s"]["answered"]) == (4, 3)
