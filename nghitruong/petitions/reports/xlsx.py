"""The supervision report → Excel (openpyxl): one sheet per table — by field, by agency, by
province, totals. Counts are integers and rates are numbers (percent, two decimals) so the sheet
can be recalculated; every sheet starts with the body, the period and the generation date."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from nghitruong.petitions.reports.layout import (
    DOCUMENT_NAME,
    EXPLANATION,
    POPULATION,
    SECTIONS,
    TITLE,
    UNKNOWN,
    ReportMeta,
)

HEAD_ROWS = 5  # title, body, scope, period, generated date; then a blank row, then the table
SHEET_TITLES = {
    "by_field": "Theo lĩnh vực",
    "by_agency": "Theo cơ quan",
    "by_province": "Theo tỉnh",
    "totals": "Tổng hợp",
}
COLUMNS = [
    "STT",
    "",
    "Tổng số",
    "Đã trả lời",
    "Tỷ lệ đã trả lời (%)",
    "Đã giải quyết",
    "Tỷ lệ đã giải quyết (%)",
    "Quá hạn",
]
TOTALS = [
    ("total", "Tổng số kiến nghị đã chuyển cơ quan có thẩm quyền"),
    ("answered", "Đã trả lời"),
    ("answered_pct", "Tỷ lệ đã trả lời (%)"),
    ("resolved", "Đã giải quyết"),
    ("resolved_pct", "Tỷ lệ đã giải quyết (%)"),
    ("being_resolved", "Đang giải quyết (có thời hạn cam kết)"),
    ("explanation_only", "Giải trình, cung cấp thông tin"),
    ("overdue", "Quá hạn trả lời"),
    ("broken_commitments", "Quá thời hạn cam kết"),
]
PCT_FORMAT = "0.00"


def _head(ws: Worksheet, meta: ReportMeta) -> None:
    ws.append([f"{DOCUMENT_NAME} — {TITLE}"])
    ws.append([f"Cơ quan báo cáo: {meta.issuer}"])
    ws.append([f"Phạm vi: {meta.scope}"])
    ws.append([f"Thời kỳ: {meta.period}"])
    ws.append([f"Ngày lập: {meta.generated_on:%d/%m/%Y}"])
    ws["A1"].font = Font(bold=True)
    ws.append([])


def _bold_row(ws: Worksheet) -> None:
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def report_xlsx(meta: ReportMeta, summary: dict[str, Any]) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None  # noqa: S101 - a new workbook always has a sheet
    wb.remove(first)
    for key, _heading, label in SECTIONS:
        ws = wb.create_sheet(SHEET_TITLES[key])
        _head(ws, meta)
        ws.append([label if i == 1 else c for i, c in enumerate(COLUMNS)])
        _bold_row(ws)
        for n, r in enumerate(summary[key], start=1):
            ws.append(
                [
                    n,
                    r["label"] or UNKNOWN,
                    r["total"],
                    r["answered"],
                    r["answered_pct"],
                    r["resolved"],
                    r["resolved_pct"],
                    r["overdue"],
                ]
            )
            for column in ("E", "G"):
                ws[f"{column}{ws.max_row}"].number_format = PCT_FORMAT
        ws.column_dimensions["B"].width = 45
        for column in "CDEFGH":
            ws.column_dimensions[column].width = 14
        ws.freeze_panes = f"A{HEAD_ROWS + 3}"
    ws = wb.create_sheet(SHEET_TITLES["totals"])
    _head(ws, meta)
    ws.append(["Chỉ tiêu", "Số liệu"])
    _bold_row(ws)
    for key, label in TOTALS:
        ws.append([label, summary[key]])
        if key.endswith("_pct"):
            ws[f"B{ws.max_row}"].number_format = PCT_FORMAT
    ws.append([])
    for text in (EXPLANATION, POPULATION):
        ws.append([text])
        ws[f"A{ws.max_row}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 14
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
