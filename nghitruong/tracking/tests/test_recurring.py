"""Recurring reports generate their own due tasks (idempotently); reminders before and at each
deadline are sent once."""

import datetime as dt
from typing import Any

import pytest

from nghitruong.core.hooks import _subscribers, subscribe
from nghitruong.tracking import services
from nghitruong.tracking.models import Reminder, Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_quarterly_report_generates_due_tasks_once(world: World) -> None:
    rule = services.recurrence_create(
        actor=world.users["council01"],
        body=world.bodies["c01"],
        title="Báo cáo tiến độ chuyển đổi số",
        frequency="quarterly",
        start_date=dt.date(2026, 1, 1),
        owner_agency=world.agencies["ubnd"],
        due_offset_days=15,
        lead_days=30,
    )
    first = services.recurring_tasks_generate(on=dt.date(2026, 11, 23))
    tasks = list(Task.objects.filter(recurrence=rule).order_by("deadline"))
    # Q1..Q3 are due (15 Apr, 15 Jul, 15 Oct); Q4 (due 15 Jan 2027) is created from 16 Dec.
    assert [(t.period_key, t.deadline) for t in tasks] == [
        ("2026-Q1", dt.date(2026, 4, 15)),
        ("2026-Q2", dt.date(2026, 7, 15)),
        ("2026-Q3", dt.date(2026, 10, 15)),
    ]
    assert first["created"] == [t.pk for t in tasks]
    assert services.recurring_tasks_generate(on=dt.date(2026, 11, 23))["created"] == []
    assert services.recurring_tasks_generate(on=dt.date(2026, 12, 15))["created"] == []
    created = services.recurring_tasks_generate(on=dt.date(2026, 12, 16))["created"]
    q4 = Task.objects.get(pk__in=created)
    assert (q4.period_key, q4.deadline, q4.body_id, q4.owner_agency_id) == (
        "2026-Q4",
        dt.date(2027, 1, 15),
        world.bodies["c01"].pk,
        world.agencies["ubnd"].pk,
    )


def test_reminders_before_and_at_deadline_once(
    world: World, make_task: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task(deadline=dt.date(2026, 12, 8))
    heard: list[tuple[int, int]] = []

    def listener(*, task_id: int, deadline: dt.date, days_before: int) -> None:
        heard.append((task_id, days_before))

    subscribe("tracking.reminder", listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert services.reminders_send(on=dt.date(2026, 12, 1))["sent"] == [(task.pk, 7)]
            assert services.reminders_send(on=dt.date(2026, 12, 1))["sent"] == []
            assert services.reminders_send(on=dt.date(2026, 12, 7))["sent"] == [(task.pk, 1)]
            assert services.reminders_send(on=dt.date(2026, 12, 8))["sent"] == [(task.pk, 0)]
            assert services.reminders_send(on=dt.date(2026, 12, 9))["sent"] == []
    finally:
        _subscribers["tracking.reminder"].remove(listener)
    assert heard == [(task.pk, 7), (task.pk, 1), (task.pk, 0)]
    assert Reminder.objects.count() == 3


def test_reminders_are_mailed_to_the_person_and_agency_officers(
    world: World, make_task: Any, django_capture_on_commit_callbacks: Any, mailoutbox: Any
) -> None:
    officer = world.users["officer_btc"]
    officer.email = "canbo@btc.gov.vn"
    officer.save(update_fields=["email"])
    owner = world.users["na_staff"]
    owner.email = "thuky@quochoi.vn"
    owner.save(update_fields=["email"])
    task = make_task(deadline=dt.date(2026, 12, 8), owner_person=owner.person)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(on=dt.date(2026, 12, 1))
        services.reminders_send(on=dt.date(2026, 12, 1))  # idempotent: no second mail
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["thuky@quochoi.vn", "canbo@btc.gov.vn"]
    assert mail.subject == f"[Nghị Trường Số] Nhắc hạn (còn 7 ngày): {task.title}"
    assert "Thời hạn: 08/12/2026 (còn 7 ngày)" in mail.body
