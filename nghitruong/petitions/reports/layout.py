"""The supervision report as blocks and tables (shared by the DOCX and PDF renderers).

Layout follows Decree 30/2020/NĐ-CP Annex I: the issuing body top left, the national name and motto
top right, the date ("ngày 05 tháng 01 năm 2026": a leading zero for days below 10 and months below
3), the document name in capitals. Numbers in Vietnamese style: "2.293" (thousands with a dot),
"99,87%" (decimal comma).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_NAME = "BÁO CÁO"
TITLE = "Kết quả giám sát việc giải quyết, trả lời kiến nghị cử tri"
EXPLANATION = (
    "“Đã trả lời” tính mọi kiến nghị đã có văn bản trả lời của cơ quan có thẩm quyền với kết quả: "
    "đã giải quyết; đang giải quyết (có thời hạn cam kết); giải trình, cung cấp thông tin. Không "
    "tính văn bản trả lời “không thuộc thẩm quyền”. “Đã giải quyết” chỉ tính kiến nghị mà văn bản "
    "trả lời gần nhất xác nhận đã giải quyết dứt điểm. Vì vậy tỷ lệ đã trả lời có thể rất cao "
    "(ví dụ 99,87%) trong khi tỷ lệ đã giải quyết thấp (ví dụ 8,79%): hai tỷ lệ đo hai việc khác "
    "nhau và cần được xem cùng nhau."
)
POPULATION = (
    "Số liệu tính trên các kiến nghị đã chuyển đến cơ quan có thẩm quyền (kể cả kiến nghị đã gộp), "
    "theo kết quả trả lời gần nhất. “Quá hạn” là số kiến nghị đã từng quá hạn trả lời."
)
TABLE_HEAD = [
    "STT",
    "",  # the grouping's name, filled per table
    "Tổng số",
    "Đã trả lời",
    "Tỷ lệ đã trả lời",
    "Đã giải quyết",
    "Tỷ lệ đã giải quyết",
    "Quá hạn",
]
SECTIONS = (
    ("by_field", "II. THEO LĨNH VỰC", "Lĩnh vực"),
    ("by_agency", "III. THEO CƠ QUAN CÓ THẨM QUYỀN", "Cơ quan"),
    ("by_province", "IV. THEO TỈNH, THÀNH PHỐ", "Tỉnh, thành phố"),
)
UNKNOWN = "Chưa xác định"


def date_vi(day: dt.date) -> str:
    """Decree 30: "ngày 05 tháng 01 năm 2026" (zero before days < 10 and months < 3)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def int_vi(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def pct_vi(value: Decimal) -> str:
    """Decimal("99.87") → "99,87%" (the figure as ``supervision_summary`` rounded it)."""
    return f"{value:.2f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class ReportMeta:
    issuer: str  # the body the report is made by (header, top left)
    scope: str  # whose petitions are counted
    period: str  # "Kiến nghị tiếp nhận từ ngày … đến ngày …" or "toàn bộ"
    generated_on: dt.date


@dataclass
class Block:
    kind: str  # "title", "subtitle", "heading", "para", "note", "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table: first row is the head


@dataclass
class Layout:
    left: list[str]
    right: list[str]
    date_line: str
    blocks: list[Block]

    def all_text(self) -> list[str]:
        lines = [*self.left, *self.right, self.date_line]
        for block in self.blocks:
            lines.append(block.text)
            lines += [cell for row in block.rows for cell in row]
        return lines


def period_label(received_from: dt.date | None, received_to: dt.date | None) -> str:
    if received_from and received_to:
        return (
            f"Kiến nghị tiếp nhận từ ngày {received_from:%d/%m/%Y} đến ngày {received_to:%d/%m/%Y}"
        )
    if received_from:
        return f"Kiến nghị tiếp nhận từ ngày {received_from:%d/%m/%Y}"
    if received_to:
        return f"Kiến nghị tiếp nhận đến ngày {received_to:%d/%m/%Y}"
    return "Toàn bộ kiến nghị đã chuyển cơ quan có thẩm quyền"


def totals_rows(summary: dict[str, Any]) -> list[list[str]]:
    """The totals table (label, value), in the order of the report's section I."""
    return [
        ["Chỉ tiêu", "Số liệu"],
        ["Tổng số kiến nghị đã chuyển cơ quan có thẩm quyền", int_vi(summary["total"])],
        ["Đã trả lời", int_vi(summary["answered"])],
        ["Tỷ lệ đã trả lời", pct_vi(summary["answered_pct"])],
        ["Đã giải quyết", int_vi(summary["resolved"])],
        ["Tỷ lệ đã giải quyết", pct_vi(summary["resolved_pct"])],
        ["Đang giải quyết (có thời hạn cam kết)", int_vi(summary["being_resolved"])],
        ["Giải trình, cung cấp thông tin", int_vi(summary["explanation_only"])],
        ["Quá hạn trả lời", int_vi(summary["overdue"])],
        ["Quá thời hạn cam kết", int_vi(summary["broken_commitments"])],
    ]


def group_rows(rows: list[dict[str, Any]], label: str) -> list[list[str]]:
    head = list(TABLE_HEAD)
    head[1] = label
    out = [head]
    for n, r in enumerate(rows, start=1):
        out.append(
            [
                str(n),
                r["label"] or UNKNOWN,
                int_vi(r["total"]),
                int_vi(r["answered"]),
                pct_vi(r["answered_pct"]),
                int_vi(r["resolved"]),
                pct_vi(r["resolved_pct"]),
                int_vi(r["overdue"]),
            ]
        )
    return out


def headline(summary: dict[str, Any]) -> str:
    return (
        f"Các cơ quan có thẩm quyền đã trả lời {int_vi(summary['answered'])}/"
        f"{int_vi(summary['total'])} kiến nghị, đạt {pct_vi(summary['answered_pct'])}; trong đó "
        f"{int_vi(summary['resolved'])} kiến nghị đã được giải quyết, chiếm "
        f"{pct_vi(summary['resolved_pct'])}."
    )


def report_layout(meta: ReportMeta, summary: dict[str, Any]) -> Layout:
    blocks = [
        Block("title", DOCUMENT_NAME),
        Block("subtitle", TITLE),
        Block("para", f"Cơ quan báo cáo: {meta.issuer}."),
        Block("para", f"Phạm vi: {meta.scope}."),
        Block("para", f"Thời kỳ: {meta.period}."),
        Block(
            "para",
            f"Số liệu đến {date_vi(meta.generated_on)}, tổng hợp tự động từ dữ liệu "
            "Nghị Trường Số.",
        ),
        Block("heading", "I. TỔNG HỢP CHUNG"),
        Block("para", headline(summary)),
        Block("table", rows=totals_rows(summary)),
        Block("note", EXPLANATION),
        Block("note", POPULATION),
    ]
    for key, heading, label in SECTIONS:
        blocks.append(Block("heading", heading))
        if summary[key]:
            blocks.append(Block("table", rows=group_rows(summary[key], label)))
        else:
            blocks.append(Block("para", "Chưa có số liệu."))
    return Layout(
        left=[meta.issuer.upper()],
        right=[NATIONAL_NAME, NATIONAL_MOTTO],
        date_line=date_vi(meta.generated_on).capitalize(),
        blocks=blocks,
    )
