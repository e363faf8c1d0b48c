"""Minutes → DOCX (python-docx), Decree 30/2020 layout: A4, Times New Roman 14 pt, margins top and
bottom 20 mm, left 30 mm, right 15 mm, page numbers centred at the top from page 2."""

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from nghitruong.meetings.minutes import Minutes
from nghitruong.meetings.minutes.layout import minutes_layout

FONT = "Times New Roman"
SIZE = Pt(14)


def _font(run: object, *, bold: bool = False, italic: bool = False, size: Pt = SIZE) -> None:
    r = run  # docx.text.run.Run
    r.font.name = FONT  # type: ignore[attr-defined]
    r.font.size = size  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]
    r.font.italic = italic  # type: ignore[attr-defined]
    fonts = r._element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: int | None = None,
    size: Pt = SIZE,
    indent: bool = False,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    _font(run, bold=bold, italic=italic, size=size)
    run.font.underline = underline
    if align is not None:
        paragraph.alignment = align  # type: ignore[assignment]
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    if indent:
        fmt.first_line_indent = Mm(10)
    return paragraph


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field (Word computes the number)."""
    run = paragraph.add_run()
    _font(run, size=Pt(13))
    begin, instr, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = "PAGE"
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


def minutes_docx(minutes: Minutes) -> bytes:
    layout = minutes_layout(minutes)
    doc = Document()
    section = doc.sections[0]
    assert section.start_type == WD_SECTION.NEW_PAGE  # noqa: S101 - the default single section
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True  # no number on page 1
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header_paragraph)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE

    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    for cell, lines in ((left, layout.header.left), (right, layout.header.right)):
        cell.paragraphs[0].text = ""
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            national = cell is right
            _font(run, bold=index > 0 or national, size=Pt(13))
            run.font.underline = national and index == 1
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, layout.header.place_date, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    for block in layout.blocks:
        if block.kind == "title" or block.kind == "subtitle":
            _para(doc, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif block.kind == "heading":
            _para(doc, block.text, bold=True)
        elif block.kind == "bullet":
            _para(doc, f"- {block.text}", indent=True)
        elif block.kind == "note":
            _para(doc, block.text, italic=True, indent=True)
        else:
            _para(doc, block.text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    if layout.signatures:
        table = doc.add_table(rows=1, cols=2)
        for cell, lines in zip(
            table.rows[0].cells, (layout.signatures.left, layout.signatures.right), strict=True
        ):
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                run = paragraph.add_run(line)
                _font(run, bold=index == 0, italic=index == 1)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
