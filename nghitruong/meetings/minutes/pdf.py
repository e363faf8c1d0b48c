"""Minutes → PDF (reportlab), Decree 30/2020 layout: A4; Liberation Serif (metric-compatible with
Times New Roman) 14 pt, embedded as a subset; margins top/bottom 20 mm, left 30 mm, right 15 mm;
page numbers centred at the top from page 2.

System requirement: Debian package ``fonts-liberation2`` (Liberation 2.x covers Vietnamese;
Liberation 1.x in ``fonts-liberation`` does not). Override the directory with the setting
``NGHITRUONG_PDF_FONT_DIR`` (then only that directory is searched). A missing or non-Vietnamese font raises ``MinutesFontError``.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from nghitruong.core.pdf_fonts import PdfFontError, register_fonts
from nghitruong.meetings.minutes import Minutes
from nghitruong.meetings.minutes.layout import Layout, minutes_layout

MinutesFontError = PdfFontError  # the minutes' name for the shared error


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=14, leading=18, spaceAfter=4)
    return {
        "para": ParagraphStyle("para", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm),
        "bullet": ParagraphStyle("bullet", parent=base, firstLineIndent=10 * mm),
        "note": ParagraphStyle(
            "note", parent=base, fontName=f"{font}-Italic", firstLineIndent=10 * mm
        ),
        "heading": ParagraphStyle("heading", parent=base, fontName=f"{font}-Bold", spaceBefore=6),
        "title": ParagraphStyle(
            "title", parent=base, fontName=f"{font}-Bold", alignment=TA_CENTER, spaceBefore=12
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=f"{font}-Bold", alignment=TA_CENTER, spaceAfter=12
        ),
        "head": ParagraphStyle("head", parent=base, fontSize=13, leading=16, alignment=TA_CENTER),
        "head_bold": ParagraphStyle(
            "head_bold",
            parent=base,
            fontName=f"{font}-Bold",
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
        ),
        "place": ParagraphStyle(
            "place", parent=base, fontName=f"{font}-Italic", alignment=TA_RIGHT, spaceBefore=6
        ),
        "sign_italic": ParagraphStyle(
            "sign_italic", parent=base, fontName=f"{font}-Italic", alignment=TA_CENTER
        ),
    }


def _header(layout: Layout, styles: dict[str, ParagraphStyle]) -> Table:
    left = [
        Paragraph(escape(line), styles["head"] if index == 0 else styles["head_bold"])
        for index, line in enumerate(layout.header.left)
    ]
    right = [
        Paragraph(f"<u>{escape(line)}</u>" if index == 1 else escape(line), styles["head_bold"])
        for index, line in enumerate(layout.header.right)
    ]
    table = Table([[left, right]], colWidths=[65 * mm, 100 * mm])
    table.setStyle(_table_style())
    return table


def _table_style() -> TableStyle:
    # The cell font defaults to Helvetica (never embedded): use ours everywhere.
    return TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "NTSerif")]
    )


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("NTSerif", 13)
    canvas.drawCentredString(
        doc.leftMargin + doc.width / 2, A4[1] - 12 * mm, str(canvas.getPageNumber())
    )
    canvas.restoreState()


def minutes_pdf(minutes: Minutes) -> bytes:
    font = register_fonts()
    layout = minutes_layout(minutes)
    styles = _styles(font)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        title=f"Biên bản — {minutes.sitting_title}",
        author=minutes.body_name,
        lang="vi",
        initialFontName=font,  # no unembedded Helvetica reference
        initialFontSize=14,
    )
    story: list[object] = [
        _header(layout, styles),
        Paragraph(escape(layout.header.place_date), styles["place"]),
    ]
    for block in layout.blocks:
        text = escape(block.text)
        story.append(Paragraph(f"- {text}" if block.kind == "bullet" else text, styles[block.kind]))
    if layout.signatures:
        story.append(Spacer(1, 8 * mm))
        cells = [
            [
                Paragraph(escape(lines[0]), styles["head_bold"]),
                Paragraph(escape(lines[1]), styles["sign_italic"]),
            ]
            for lines in (layout.signatures.left, layout.signatures.right)
        ]
        story.append(Table([cells], colWidths=[82 * mm, 83 * mm], style=_table_style()))
    doc.build(story, onLaterPages=_page_number)  # page 1 carries no number
    return out.getvalue()
