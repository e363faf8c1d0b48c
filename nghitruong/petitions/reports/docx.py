"""The supervision report → DOCX (python-docx), Decree 30/2020 layout: A4 portrait, Times New Roman
14 pt (13 pt in the header and tables), margins top and bottom 20 mm, left 30 mm, right 15 mm."""

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from nghitruong.petitions.reports.layout import ReportMeta, report_layout

FONT = "Times New Roman"
SIZE = Pt(14)
SMALL = Pt(12)


def _font(run: Any, *, bold: bool = False, italic: bool = False, size: Pt = SIZE) -> None:
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    size: Pt = SIZE,
    indent: bool = False,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()
    _font(paragraph.add_run(text), bold=bold, italic=italic, size=size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _table(doc: Any, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            _font(paragraph.add_run(text), bold=r == 0, size=SMALL)
            numeric = r > 0 and c > 0 and (c >= 2 or len(row) == 2)
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if r == 0
                else WD_ALIGN_PARAGRAPH.RIGHT
                if numeric
                else WD_ALIGN_PARAGRAPH.LEFT
            )
    doc.add_paragraph()


def report_docx(meta: ReportMeta, summary: dict[str, Any]) -> bytes:
    layout = report_layout(meta, summary)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    doc.core_properties.title = f"Báo cáo giám sát — {meta.issuer}"
    doc.core_properties.language = "vi-VN"

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    for cell, lines in ((left, layout.left), (right, layout.right)):
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            _font(run, bold=True, size=Pt(13))
            run.font.underline = cell is right and index == 1
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, layout.date_line, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    for block in layout.blocks:
        if block.kind in ("title", "subtitle"):
            _para(doc, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif block.kind == "heading":
            _para(doc, block.text, bold=True)
        elif block.kind == "note":
            _para(doc, block.text, italic=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif block.kind == "table":
            _table(doc, block.rows)
        else:
            _para(doc, block.text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
