"""KPI export for evaluation, per unit and per official, from ``selectors.kpi_rows``: Excel
(openpyxl) and PDF (reportlab, A4 landscape, Liberation Serif — the font helper of the meetings
minutes, which needs the Debian package ``fonts-liberation2``)."""

import io
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font

from nghitruong.core.models import ElectedBody

HEADERS = [
    "Tên",
    "Tổng số nhiệm vụ",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang quá hạn",
    "Đang thực hiện (trong hạn)",
    "Đã hủy",
    "Tỷ lệ hoàn thành (%)",
    "Tỷ lệ đúng hạn (%)",
]


def _row(item: dict[str, Any]) -> list[Any]:
    s = item["stats"]
    return [
        item["name"],
        s.total,
        s.done_on_time,
        s.done_late,
        s.overdue,
        s.open,
        s.cancelled,
        s.completion_rate,
        s.on_time_rate,
    ]


def kpi_workbook(body: ElectedBody, rows: dict[str, list[dict[str, Any]]], *, as_of: str) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None  # noqa: S101 - a new workbook always has a sheet
    wb.remove(first)
    for key, title in (("units", "Theo đơn vị"), ("officials", "Theo cán bộ")):
        ws = wb.create_sheet(title)
        ws.append([f"{body.name} — số liệu đến ngày {as_of}"])
        ws["A1"].font = Font(bold=True)
        ws.append(HEADERS)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for item in rows[key]:
            ws.append(_row(item))
        ws.column_dimensions["A"].width = 45
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _vi(value: Any) -> str:
    """Vietnamese number format: decimal comma."""
    return f"{value:.1f}".replace(".", ",") if isinstance(value, float) else str(value)


def kpi_pdf(body: ElectedBody, rows: dict[str, list[dict[str, Any]]], *, as_of: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from nghitruong.core.pdf_fonts import register_fonts

    font = register_fonts()
    title = ParagraphStyle("t", fontName=f"{font}-Bold", fontSize=14, leading=18, spaceAfter=6)
    cell = ParagraphStyle("c", fontName=font, fontSize=10, leading=12)
    head = ParagraphStyle("h", fontName=f"{font}-Bold", fontSize=10, leading=12)
    story: list[Any] = [
        Paragraph(escape(f"{body.name} — kết quả thực hiện nhiệm vụ đến ngày {as_of}"), title)
    ]
    for key, heading in (("units", "Theo đơn vị chủ trì"), ("officials", "Theo cán bộ")):
        story.append(Paragraph(escape(heading), title))
        data = [[Paragraph(escape(h), head) for h in HEADERS]]
        data += [[Paragraph(escape(_vi(v)), cell) for v in _row(item)] for item in rows[key]]
        table = Table(data, repeatRows=1, colWidths=[70 * mm] + [22 * mm] * 8)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
        story += [table, Spacer(1, 6 * mm)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"KPI {body.name}",
    )
    doc.build(story)
    return buf.getvalue()
