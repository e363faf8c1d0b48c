"""The daily deadline check (``nghitruong petitions check-deadlines``): idempotent flags."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.audit import audit_record
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition, PetitionEvent
from nghitruong.petitions.services._common import today
from nghitruong.petitions.services.consultations import consultations_close_due


@transaction.atomic
def petitions_check_deadlines(*, on: dt.date | None = None, actor: Any = None) -> dict[str, int]:
    """Flag answers past their due date and commitments past their date, from the next day on.

    A petition already flagged is left alone, so running twice a day changes nothing the second
    time. A paused clock is never overdue.
    """
    day = on or today()
    now = timezone.now()
    overdue = [
        p
        for p in Petition.objects.select_for_update().filter(
            status=rules.Status.ASSIGNED,
            paused_since__isnull=True,
            overdue_since__isnull=True,
            due_date__isnull=False,
        )
        if p.due_date is not None and rules.is_overdue(p.due_date, day)
    ]
    broken = [
        p
        for p in Petition.objects.select_for_update().filter(
            status=rules.Status.BEING_RESOLVED,
            commitment_broken_since__isnull=True,
            committed_date__isnull=False,
        )
        if p.committed_date is not None and rules.is_overdue(p.committed_date, day)
    ]
    events = []
    for p in overdue:
        p.overdue_since = day
        events.append(
            PetitionEvent(
                petition=p,
                at=now,
                kind="overdue",
                status=p.status,
                note=f"Quá hạn trả lời (hạn {rules.vn_date(p.due_date or day)})",
            )
        )
    for p in broken:
        p.commitment_broken_since = day
        events.append(
            PetitionEvent(
                petition=p,
                at=now,
                kind="commitment_broken",
                status=p.status,
                note=f"Quá thời hạn cam kết {rules.vn_date(p.committed_date or day)}",
            )
        )
    Petition.objects.bulk_update(overdue, ["overdue_since"])
    Petition.objects.bulk_update(broken, ["commitment_broken_since"])
    PetitionEvent.objects.bulk_create(events)
    result = {"overdue": len(overdue), "broken_commitments": len(broken)}
    if overdue or broken:
        audit_record(
            actor=actor,
            action="petition.deadlines_checked",
            object_type="petitions.petition",
            after={
                "on": day,
                "overdue": sorted(p.pk for p in overdue),
                "broken_commitments": sorted(p.pk for p in broken),
            },
        )
    return result


def petitions_daily_check(*, on: dt.date | None = None) -> dict[str, int]:
    """``nghitruong petitions check-deadlines``: the petitions' deadlines, then the public
    consultations whose closing date has passed (closed as the system)."""
    result = petitions_check_deadlines(on=on)
    return {**result, "consultations_closed": consultations_close_due(on=on)}
