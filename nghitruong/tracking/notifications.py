"""Deadline reminders reach people: the ``tracking.reminder`` hook (fired after commit by
``services.reminders_send``) e-mails the task's responsible person and the officers of its owner
agency who have an e-mail address. Mail is outside the transaction; a failed send is logged and
the recorded ``Reminder`` stays (the daily run does not resend).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership
from nghitruong.tracking.models import Task

logger = logging.getLogger(__name__)


def reminder_recipients(task: Task, on: dt.date) -> list[str]:
    """E-mail addresses of the responsible person and of the owner agency's current officers."""
    emails: list[str] = []
    person = task.owner_person
    if person is not None and person.user is not None and person.user.email:
        emails.append(person.user.email)
    if task.owner_agency_id is not None:
        officers = (
            AgencyMembership.objects.filter(agency_id=task.owner_agency_id, start_date__lte=on)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
            .exclude(user__email="")
            .filter(user__is_active=True)
            .order_by("user__email")
            .values_list("user__email", flat=True)
        )
        emails.extend(officers)
    return list(dict.fromkeys(emails))


def reminder_text(task: Task, deadline: dt.date, days_before: int) -> tuple[str, str]:
    when = "hôm nay" if days_before == 0 else f"còn {days_before} ngày"
    subject = f"[Nghị Trường Số] Nhắc hạn ({when}): {task.title}"
    body = (
        f"Nhiệm vụ: {task.title}\n"
        f"Sản phẩm: {task.deliverable}\n"
        f"Thời hạn: {deadline:%d/%m/%Y} ({when})\n"
        f"Cơ quan giao: {task.body.name}\n\n"
        f"Reminder: task due {deadline:%d/%m/%Y}."
    )
    return subject, body


def on_tracking_reminder(*, task_id: int, deadline: dt.date, days_before: int) -> None:
    task = Task.objects.select_related("owner_person__user", "body").filter(pk=task_id).first()
    if task is None:
        return
    recipients = reminder_recipients(task, timezone.localdate())
    if not recipients:
        return
    subject, body = reminder_text(task, deadline, days_before)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        logger.exception("reminder mail for task %s failed", task_id)
