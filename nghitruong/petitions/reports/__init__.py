"""The supervision report to the next session (issue 5 §6), generated from
``selectors.supervision_summary`` and exported to DOCX, PDF (Liberation Serif, ``core.pdf_fonts``)
and Excel. ``layout`` turns the figures into the printed blocks and tables shared by DOCX and PDF;
the figures are never recomputed here, only formatted.

    from nghitruong.petitions.reports import report_docx, report_pdf, report_xlsx
"""

from nghitruong.petitions.reports.docx import report_docx
from nghitruong.petitions.reports.layout import (
    EXPLANATION,
    ReportMeta,
    date_vi,
    int_vi,
    pct_vi,
    report_layout,
)
from nghitruong.petitions.reports.pdf import report_pdf
from nghitruong.petitions.reports.xlsx import report_xlsx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BUILDERS = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}

__all__ = [
    "BUILDERS",
    "CONTENT_TYPES",
    "EXPLANATION",
    "ReportMeta",
    "date_vi",
    "int_vi",
    "pct_vi",
    "report_docx",
    "report_layout",
    "report_pdf",
    "report_xlsx",
]
