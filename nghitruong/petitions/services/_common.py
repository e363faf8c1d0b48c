"""Helpers shared by the petition services (not part of the public API)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.text import nfc
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition, PetitionEvent
from nghitruong.petitions.selectors import calendar_from, clock_rules_for

WRONG_STATE = (
    "Thao tác không hợp lệ ở trạng thái hiện tại của kiến nghị / "
    "This action is not allowed in the petition's current state"
)


def lock(petition: Petition) -> Petition:
    """Re-read the petition under a row lock (inside ``transaction.atomic``)."""
    assert transaction.get_connection().in_atomic_block  # noqa: S101 - programming error guard
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("body", "agency")
        .get(pk=petition.pk)
    )


def transition(petition: Petition, action: rules.Action) -> str:
    target = rules.next_status(action, petition.status)
    if target is None:
        raise ConflictError(
            WRONG_STATE,
            code="wrong_state",
            detail={"status": petition.status, "action": str(action)},
        )
    return str(target)


def require_reason(reason: str) -> str:
    text = nfc(reason or "")
    if len(text) < 5:
        raise ApplicationError(
            "Phải nêu lý do / A reason is required", code="reason_required", detail="reason"
        )
    return text


def event(petition: Petition, kind: str, note: str = "") -> PetitionEvent:
    return PetitionEvent.objects.create(
        petition=petition, at=timezone.now(), kind=kind, status=petition.status, note=note
    )


def recompute_due(petition: Petition) -> None:
    """Set ``due_date`` and its explanation from the clock fields (rules.answer_due)."""
    if petition.clock_start is None:
        petition.due_date = None
        petition.due_explanation = ""
        return
    agency_count = 1 + (petition.co_agencies.count() if petition.pk else 0)
    due = rules.answer_due(
        start=petition.clock_start,
        agency_count=agency_count,
        calendar=calendar_from(petition.clock_start),
        rules=clock_rules_for(petition.body),
        paused_days=petition.paused_days,
        extension_days=petition.extension_days,
    )
    petition.due_date = due.date
    petition.due_explanation = due.explanation


def snapshot(petition: Petition) -> dict[str, Any]:
    """What the audit log keeps of a petition: never the petitioner's personal data."""
    return {
        "status": petition.status,
        "tracking_code": petition.tracking_code,
        "field": petition.field_id,
        "level": petition.level,
        "agency": petition.agency_id,
        "province": petition.province_id,
        "clock_start": petition.clock_start,
        "due_date": petition.due_date,
        "latest_outcome": petition.latest_outcome,
    }


def today() -> dt.date:
    return timezone.localdate()
