"""The Excel-friendly CSV download the petition views share: UTF-8 with a BOM (Excel opens it
correctly), the csv module's default dialect, sent as an attachment."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpResponse


def _response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    """A header line, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return _response(out.getvalue(), filename)


def dict_csv_response(
    fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]], filename: str
) -> HttpResponse:
    """The field names, then one line per dict (``csv.DictWriter``: missing keys empty, unknown
    keys an error)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames)
    writer.writeheader()
    writer.writerows(rows)
    return _response(out.getvalue(), filename)
