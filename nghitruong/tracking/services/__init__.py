"""Every write of the tracking app (house rule 2). Import from here."""

from nghitruong.tracking.services.obligations import (
    obligation_cancel,
    obligation_confirm,
    obligation_fulfil,
    obligation_set_due,
    obligations_fulfil_from_relations,
    obligations_propose,
)
from nghitruong.tracking.services.recurring import (
    recurrence_create,
    recurring_tasks_generate,
    reminders_send,
)
from nghitruong.tracking.services.tasks import (
    comment_create,
    directive_create,
    extension_approve,
    extension_reject,
    extension_request_create,
    progress_report_create,
    task_cancel,
    task_complete,
    task_create,
    task_start,
    tasks_check_deadlines,
)

__all__ = [
    "comment_create",
    "directive_create",
    "extension_approve",
    "extension_reject",
    "extension_request_create",
    "obligation_cancel",
    "obligation_confirm",
    "obligation_fulfil",
    "obligation_set_due",
    "obligations_fulfil_from_relations",
    "obligations_propose",
    "progress_report_create",
    "recurrence_create",
    "recurring_tasks_generate",
    "reminders_send",
    "task_cancel",
    "task_complete",
    "task_create",
    "task_start",
    "tasks_check_deadlines",
]
