"""Recurring reports (báo cáo định kỳ) and deadline reminders — both idempotent daily runs."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from nghitruong.accounts.models import Person
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.hooks import fire_on_commit
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.tracking import rules
from nghitruong.tracking.models import Priority, RecurrenceRule, Reminder, Task
from nghitruong.tracking.permissions import require_manage_body
from nghitruong.tracking.services._common import require_text, today
from nghitruong.tracking.services.tasks import task_create


def recurrence_create(
    *,
    actor: Any,
    body: ElectedBody,
    title: str,
    frequency: str,
    start_date: dt.date,
    owner_agency: Agency | None = None,
    owner_person: Person | None = None,
    deliverable: str = "",
    due_offset_days: int = 0,
    lead_days: int = 30,
    end_date: dt.date | None = None,
    priority: str = Priority.NORMAL,
) -> RecurrenceRule:
    require_manage_body(actor, body)
    title = require_text(title, field="title", message="Thiếu tên báo cáo / A title is required")
    if frequency not in RecurrenceRule.Frequency.values:
        raise ApplicationError(
            "Tần suất không hợp lệ / Invalid frequency", code="invalid_frequency"
        )
    if owner_agency is None and owner_person is None:
        raise ApplicationError(
            "Phải giao cho một cơ quan hoặc một người / An owner agency or person is required",
            code="owner_required",
        )
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu / End before start", code="dates_out_of_order"
        )
    with transaction.atomic():
        rule = RecurrenceRule.objects.create(
            body=body,
            title=title[:300],
            deliverable=deliverable.strip()[:300],
            frequency=frequency,
            due_offset_days=due_offset_days,
            lead_days=lead_days,
            start_date=start_date,
            end_date=end_date,
            owner_agency=owner_agency,
            owner_person=owner_person,
            priority=priority,
        )
        audit_record(
            actor=actor,
            action="tracking.recurrence_create",
            obj=rule,
            body=body,
            after={"title": rule.title, "frequency": frequency, "start_date": start_date},
        )
    return rule


def due_date_of(rule: RecurrenceRule, period_end: dt.date) -> dt.date:
    return period_end + dt.timedelta(days=rule.due_offset_days)


def recurring_tasks_generate(*, on: dt.date | None = None) -> dict[str, Any]:
    """Create the due task of every period of every active rule whose creation date
    (due date − lead days) has come. Idempotent: one task per (rule, period)."""
    day = on or today()
    created: list[int] = []
    for rule in RecurrenceRule.objects.filter(is_active=True, start_date__lte=day).select_related(
        "body", "owner_agency", "owner_person"
    ):
        last = min(day + dt.timedelta(days=rule.lead_days), rule.end_date or dt.date.max)
        existing = set(rule.tasks.values_list("period_key", flat=True))
        for key, first, end in rules.periods_between(rule.frequency, rule.start_date, last):
            due = due_date_of(rule, end)
            if key in existing or due - dt.timedelta(days=rule.lead_days) > day:
                continue
            try:
                with transaction.atomic():
                    task = task_create(
                        actor=None,
                        body=rule.body,
                        title=f"{rule.title} — kỳ {key}",
                        deadline=due,
                        owner_agency=rule.owner_agency,
                        owner_person=rule.owner_person,
                        deliverable=rule.deliverable,
                        description=f"Kỳ báo cáo {first:%d/%m/%Y}–{end:%d/%m/%Y}",
                        priority=rule.priority,
                        directive=rule.directive,
                        recurrence=rule,
                        period_key=key,
                    )
            except IntegrityError:  # a concurrent run created it first
                continue
            created.append(task.pk)
    return {"date": day.isoformat(), "created": created}


def reminders_send(*, on: dt.date | None = None) -> dict[str, Any]:
    """Reminders before and at each deadline (``rules.REMINDER_OFFSETS`` days before): one per
    task, deadline and offset, recorded as ``Reminder`` and announced after commit with the
    ``tracking.reminder`` hook (mail/SMS channels subscribe). Idempotent."""
    day = on or today()
    sent: list[tuple[int, int]] = []
    open_statuses = [Task.Status.ASSIGNED, Task.Status.IN_PROGRESS]
    for offset in rules.REMINDER_OFFSETS:
        deadline = day + dt.timedelta(days=offset)
        for task in Task.objects.filter(status__in=open_statuses, deadline=deadline):
            with transaction.atomic():
                reminder, created = Reminder.objects.get_or_create(
                    task=task, deadline=deadline, days_before=offset, defaults={"sent_on": day}
                )
                if not created:
                    continue
                audit_record(
                    actor=None,
                    action="tracking.reminder_send",
                    obj=reminder,
                    body=task.body,
                    after={"task": task.pk, "deadline": deadline, "days_before": offset},
                )
                fire_on_commit(
                    "tracking.reminder", task_id=task.pk, deadline=deadline, days_before=offset
                )
                sent.append((task.pk, offset))
    return {"date": day.isoformat(), "sent": sent}
