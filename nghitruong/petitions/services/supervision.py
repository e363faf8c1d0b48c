"""The supervision report export (issue 5 §6): DOCX, PDF or Excel built from
``selectors.supervision_summary``; each export of an official report is audited (who, which
body, which period, the headline figures)."""

import datetime as dt
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.petitions import reports
from nghitruong.petitions.selectors_overdue import supervision_report

FORMATS = tuple(reports.BUILDERS)


def supervision_report_export(
    *,
    actor: Any,
    fmt: str,
    body_id: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    on: dt.date | None = None,
) -> tuple[bytes, str]:
    """The report file and its download name (``bao-cao-giam-sat-YYYY-MM-DD.<fmt>``).

    Refused (PermissionDeniedError, nothing recorded) for a user who may not produce the report.
    """
    if fmt not in reports.BUILDERS:
        raise ApplicationError(
            "Định dạng không hỗ trợ (docx, pdf, xlsx) / Unsupported format", code="invalid_format"
        )
    if received_from and received_to and received_from > received_to:
        raise ApplicationError(
            "Ngày bắt đầu sau ngày kết thúc / Start after end", code="dates_out_of_order"
        )
    meta, summary = supervision_report(
        user=actor,
        body_id=body_id,
        received_from=received_from,
        received_to=received_to,
        today=on,
    )
    data = reports.BUILDERS[fmt](meta, summary)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="petition.supervision_report_export",
            object_type="petitions.supervision_report",
            after={
                "format": fmt,
                "body": body_id,
                "received_from": received_from,
                "received_to": received_to,
                "total": summary["total"],
                "answered_pct": summary["answered_pct"],
                "resolved_pct": summary["resolved_pct"],
            },
        )
    return data, f"bao-cao-giam-sat-{meta.generated_on.isoformat()}.{fmt}"
