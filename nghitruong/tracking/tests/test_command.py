"""The daily commands call the services and are idempotent."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from nghitruong.tracking.models import Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("tracking", *args, stdout=out)
    return json.loads(out.getvalue())


def test_check_deadlines_command(world: World, make_task: Any) -> None:
    task = make_task(deadline=dt.date(2026, 11, 22))
    assert _run("check-deadlines", "--date", "2026-11-22") == {
        "date": "2026-11-22",
        "marked_overdue": [],
    }
    assert _run("check-deadlines", "--date", "2026-11-23") == {
        "date": "2026-11-23",
        "marked_overdue": [task.pk],
    }
    assert _run("check-deadlines", "--date", "2026-11-23")["marked_overdue"] == []
    assert Task.objects.get().status == "overdue"
    with pytest.raises(CommandError):
        _run("check-deadlines", "--date", "23/11/2026")


def test_generate_recurring_command_idempotent(world: World) -> None:
    from nghitruong.tracking import services

    services.recurrence_create(
        actor=world.users["commune"],
        body=world.bodies["c00004"],
        title="Báo cáo tháng",
        frequency="monthly",
        start_date=dt.date(2026, 10, 1),
        owner_agency=world.agencies["ubnd"],
        due_offset_days=5,
        lead_days=10,
    )
    first = _run("generate-recurring", "--date", "2026-11-23")
    assert [t.period_key for t in Task.objects.order_by("deadline")] == ["2026-10"]
    assert first["created"] == [Task.objects.get().pk]
    assert _run("generate-recurring", "--date", "2026-11-23")["created"] == []
