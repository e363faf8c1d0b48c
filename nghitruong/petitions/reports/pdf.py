"""The supervision report → PDF (reportlab): A4 portrait, Liberation Serif (metric-compatible with
Times New Roman, covers Vietnamese; ``core.pdf_fonts``, Debian package ``fonts-liberation2``),
embedded as a subset; margins as Decree 30/2020 (20/20/30/15 mm); page numbers from page 2."""

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from nghitruong.core.pdf_fonts import register_fonts
from nghitruong.petitions.reports.layout import ReportMeta, report_layout

WIDTH = 165 * mm  # A4 minus the 30 + 15 mm margins


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=14, leading=18, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=base, fontSize=11, leading=13, spaceAfter=0)
    return {
        "para": ParagraphStyle("para", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontName=f"{font}-Italic",
            alignment=TA_JUSTIFY,
            firstLineIndent=10 * mm,
        ),
        "heading": ParagraphStyle("heading", parent=base, fontName=f"{font}-Bold", spaceBefore=6),
        "title": ParagraphStyle(
            "title", parent=base, fontName=f"{font}-Bold", alignment=TA_CENTER, spaceBefore=12
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=f"{font}-Bold", alignment=TA_CENTER, spaceAfter=12
        ),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=f"{font}-Bold",
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
        ),
        "date": ParagraphStyle(
            "date", parent=base, fontName=f"{font}-Italic", alignment=TA_RIGHT, spaceBefore=6
        ),
        "cell": cell,
        "cell_num": ParagraphStyle("cell_num", parent=cell, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle(
            "cell_head", parent=cell, fontName=f"{font}-Bold", alignment=TA_CENTER
        ),
    }


def _grid(rows: list[list[str]], styles: dict[str, ParagraphStyle]) -> Table:
    wide = len(rows[0]) > 2
    data = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            style = (
                styles["cell_head"]
                if r == 0
                else styles["cell_num"]
                if (c >= 2 if wide else c == 1)
                else styles["cell"]
            )
            cells.append(Paragraph(escape(text), style))
        data.append(cells)
    widths = (
        [10 * mm, 45 * mm, 18 * mm, 18 * mm, 19 * mm, 18 * mm, 19 * mm, 18 * mm]
        if wide
        else [115 * mm, 50 * mm]
    )
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), "NTSerif"),
            ]
        )
    )
    return table


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("NTSerif", 13)
    canvas.drawCentredString(
        doc.leftMargin + doc.width / 2, A4[1] - 12 * mm, str(canvas.getPageNumber())
    )
    canvas.restoreState()


def report_pdf(meta: ReportMeta, summary: dict[str, Any]) -> bytes:
    font = register_fonts()
    layout = report_layout(meta, summary)
    styles = _styles(font)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        title=f"Báo cáo giám sát — {meta.issuer}",
        author=meta.issuer,
        lang="vi",
        initialFontName=font,
        initialFontSize=14,
    )
    header = Table(
        [
            [
                [Paragraph(escape(line), styles["head"]) for line in layout.left],
                [
                    Paragraph(f"<u>{escape(line)}</u>" if i == 1 else escape(line), styles["head"])
                    for i, line in enumerate(layout.right)
                ],
            ]
        ],
        colWidths=[65 * mm, 100 * mm],
    )
    header.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), font)])
    )
    story: list[Any] = [header, Paragraph(escape(layout.date_line), styles["date"])]
    for block in layout.blocks:
        if block.kind == "table":
            story += [_grid(block.rows, styles), Spacer(1, 4 * mm)]
        else:
            story.append(Paragraph(escape(block.text), styles[block.kind]))
    doc.build(story, onLaterPages=_page_number)
    return out.getvalue()
