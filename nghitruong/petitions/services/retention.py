"""Retention of petitioners' personal data (issue 5 §2, PET-5): anonymise when the period in
``rules`` (``RETENTION_MONTHS_AFTER_FINAL``, ``RETENTION_DAYS_AFTER_REJECTION``) has ended. Run
daily by ``nghitruong petitions apply-retention``."""

import datetime as dt
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.petitions import rules, tracking
from nghitruong.petitions.models import Petitioner
from nghitruong.petitions.selectors_privacy import retention_due
from nghitruong.petitions.services._common import today
from nghitruong.petitions.services.intake import anonymise_fields


def petitioners_apply_retention(
    *, on: dt.date | None = None, actor: Any = None, dry_run: bool = False
) -> dict[str, Any]:
    """Anonymise every petitioner whose retention period ended by ``on`` (default today).

    Idempotent: an anonymised petitioner is never touched again, so a second run changes nothing.
    One audit entry per petitioner (``petitioner.anonymise``) and one for the run when it changed
    anything. ``dry_run`` only reports.
    """
    day = on or today()
    items = retention_due(on=day)
    counts = {
        "final": sum(1 for i in items if i.reason == "final"),
        "rejected": sum(1 for i in items if i.reason == "rejected"),
    }
    result: dict[str, Any] = {
        "on": day.isoformat(),
        "dry_run": dry_run,
        "anonymised": 0 if dry_run else len(items),
        "would_anonymise": len(items) if dry_run else 0,
        **counts,
        "items": [
            {
                "petitioner": i.petitioner_id,
                "body": i.body,
                "tracking_codes": [tracking.display(c) for c in i.tracking_codes],
                "reason": i.reason,
                "since": i.since.isoformat(),
            }
            for i in items
        ],
    }
    if dry_run or not items:
        return result
    with transaction.atomic():
        done = 0
        for item in items:
            person = (
                Petitioner.objects.select_for_update()
                .select_related("body")
                .get(pk=item.petitioner_id)
            )
            why = (
                f"Hết thời hạn lưu trữ: {rules.RETENTION_MONTHS_AFTER_FINAL} tháng sau khi kết thúc"
                if item.reason == "final"
                else f"Hết thời hạn lưu trữ: {rules.RETENTION_DAYS_AFTER_REJECTION} ngày sau khi "
                "không được tiếp nhận"
            )
            done += anonymise_fields(actor=actor, petitioner=person, reason=why)
        result["anonymised"] = done
        audit_record(
            actor=actor,
            action="petitioners.retention",
            object_type="petitions.petitioner",
            after={"on": day, "anonymised": done, **counts},
        )
    return result
