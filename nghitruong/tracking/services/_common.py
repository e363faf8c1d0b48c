"""Helpers shared by the tracking services (not part of the public API)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.text import nfc
from nghitruong.tracking import rules
from nghitruong.tracking.models import Obligation, Task

WRONG_STATE = (
    "Thao tác không hợp lệ ở trạng thái hiện tại của nhiệm vụ / "
    "This action is not allowed in the task's current state"
)
WRONG_OBLIGATION_STATE = (
    "Thao tác không hợp lệ ở trạng thái hiện tại của nghĩa vụ / "
    "This action is not allowed in the obligation's current state"
)


def today() -> dt.date:
    return timezone.localdate()


def lock_task(task: Task) -> Task:
    assert transaction.get_connection().in_atomic_block  # noqa: S101 - programming error guard
    return Task.objects.select_for_update().select_related("body").get(pk=task.pk)


def lock_obligation(obligation: Obligation) -> Obligation:
    assert transaction.get_connection().in_atomic_block  # noqa: S101 - programming error guard
    return Obligation.objects.select_for_update().select_related("body").get(pk=obligation.pk)


def task_transition(task: Task, action: rules.TaskAction) -> str:
    target = rules.next_task_status(action, task.status)
    if target is None:
        raise ConflictError(
            WRONG_STATE, code="wrong_state", detail={"status": task.status, "action": str(action)}
        )
    return str(target)


def obligation_transition(obligation: Obligation, action: rules.ObligationAction) -> str:
    target = rules.next_obligation_status(action, obligation.status)
    if target is None:
        raise ConflictError(
            WRONG_OBLIGATION_STATE,
            code="wrong_state",
            detail={"status": obligation.status, "action": str(action)},
        )
    return str(target)


def require_text(value: str, *, field: str, message: str, min_length: int = 1) -> str:
    text = nfc(value or "").strip()
    if len(text) < min_length:
        raise ApplicationError(message, code=f"{field}_required", detail=field)
    return text


def task_snapshot(task: Task) -> dict[str, Any]:
    return {
        "status": task.status,
        "title": task.title,
        "deadline": task.deadline,
        "owner_agency": task.owner_agency_id,
        "owner_person": task.owner_person_id,
        "priority": task.priority,
        "progress": task.progress,
        "completed_on": task.completed_on,
        "parent": task.parent_id,
    }


def obligation_snapshot(obligation: Obligation) -> dict[str, Any]:
    return {
        "status": obligation.status,
        "work": obligation.work_id,
        "provision_eid": obligation.provision_eid,
        "authority_text": obligation.authority_text,
        "authority_agency": obligation.authority_agency_id,
        "due_date": obligation.due_date,
        "fulfilled_by": obligation.fulfilled_by_id,
    }
