"""Every dashboard figure equals the raw aggregate computed independently here; the KPI export
carries the same figures; scoping applies to the dashboard."""

import datetime as dt
import io
import random
from typing import Any

import pytest
from openpyxl import load_workbook

from nghitruong.tracking import selectors, services
from nghitruong.tracking.exports import kpi_workbook
from nghitruong.tracking.models import Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def mixed(world: World, make_task: Any) -> list[Task]:
    """40 NA tasks in every state, owned by three agencies and two officials, plus one task of
    another body that must never be counted."""
    rng = random.Random(6)
    staff = world.users["na_staff"]
    people = [world.person("officer_btc"), world.person("officer_byt"), None]
    made = []
    for i in range(40):
        agency = rng.choice(["btc", "byt", "ubnd"])
        deadline = TODAY + dt.timedelta(days=rng.randint(-20, 20))
        task = make_task(
            agency=agency,
            deadline=deadline,
            title=f"Nhiệm vụ số {i}",
            owner_person=rng.choice(people),
        )
        fate = rng.choice(["open", "start", "done", "cancel"])
        if fate == "start":
            services.task_start(actor=staff, task=task)
        elif fate == "done":
            services.task_complete(
                actor=staff,
                task=task,
                result="Đã có kết quả",
                on=deadline + dt.timedelta(days=rng.randint(-5, 5)),
            )
        elif fate == "cancel":
            services.task_cancel(actor=staff, task=task, reason="Không còn cần thiết")
        made.append(task)
    make_task("c79", agency="ubnd", actor="council79", deadline=TODAY - dt.timedelta(days=3))
    services.tasks_check_deadlines(on=TODAY)
    return made


def _independent(tasks: list[Task]) -> dict[str, Any]:
    """The raw aggregate, counted one task at a time in Python."""
    total = len(tasks)
    cancelled = sum(1 for t in tasks if t.status == "cancelled")
    done_on_time = sum(1 for t in tasks if t.status == "done" and t.completed_on <= t.deadline)
    done_late = sum(1 for t in tasks if t.status == "done" and t.completed_on > t.deadline)
    overdue = sum(1 for t in tasks if t.status == "overdue")
    open_ = sum(1 for t in tasks if t.status in ("assigned", "in_progress"))
    done = done_on_time + done_late
    return {
        "total": total,
        "open": open_,
        "overdue": overdue,
        "done_on_time": done_on_time,
        "done_late": done_late,
        "cancelled": cancelled,
        "done": done,
        "completion_rate": round(100 * done / (total - cancelled), 1) if total > cancelled else 0.0,
        "on_time_rate": round(100 * done_on_time / done, 1) if done else 0.0,
    }


def test_dashboard_figures_equal_raw_aggregates(world: World, mixed: list[Task]) -> None:
    board = selectors.dashboard(world.users["na_staff"], world.bodies["qh"], today=TODAY)
    everything = list(Task.objects.filter(body=world.bodies["qh"]))
    assert len(everything) == 40
    expected = _independent(everything)
    assert board["stats"].as_dict() == expected
    # Every state is represented, so no figure is trivially zero.
    assert all(
        expected[k] > 0 for k in ("open", "overdue", "done_on_time", "done_late", "cancelled")
    )
    by_agency = {row["name"]: row["stats"].as_dict() for row in board["by_agency"]}
    assert by_agency == {
        a.name: _independent([t for t in everything if t.owner_agency_id == a.pk])
        for a in world.agencies.values()
        if any(t.owner_agency_id == a.pk for t in everything)
    }
    by_person = {row["name"]: row["stats"].as_dict() for row in board["by_person"]}
    assert by_person == {
        p.full_name: _independent([t for t in everything if t.owner_person_id == p.pk])
        for p in (world.person("officer_btc"), world.person("officer_byt"))
    }
    assert sorted(t.pk for t in board["overdue"]) == sorted(
        t.pk for t in everything if t.status == "overdue"
    )


def test_agency_officer_sees_only_their_figures(world: World, mixed: list[Task]) -> None:
    officer = world.users["officer_btc"]
    # Their agency's tasks, and the tasks they own personally (possibly of another agency).
    person = world.person("officer_btc")
    mine = [
        t
        for t in Task.objects.all()
        if t.owner_agency_id == world.agencies["btc"].pk or t.owner_person_id == person.pk
    ]
    stats = selectors.task_stats(selectors.task_list(officer))
    assert stats.as_dict() == _independent(mine)
    overdue = selectors.overdue_for_agency(officer, world.agencies["btc"].pk)
    assert sorted(t.pk for t in overdue) == sorted(
        t.pk
        for t in mine
        if t.status == "overdue" and t.owner_agency_id == world.agencies["btc"].pk
    )
    ubnd = world.agencies["ubnd"].pk
    assert sorted(t.pk for t in selectors.overdue_for_agency(officer, ubnd)) == sorted(
        t.pk for t in mine if t.status == "overdue" and t.owner_agency_id == ubnd
    )
    # Not the council's task of the same agency (another tenant, not theirs personally).
    council_task = Task.objects.get(body=world.bodies["c79"])
    assert council_task.pk not in {t.pk for t in selectors.task_list(officer)}


def test_kpi_export_matches_selectors(world: World, mixed: list[Task]) -> None:
    rows = selectors.kpi_rows(world.users["na_staff"], world.bodies["qh"])
    data = kpi_workbook(world.bodies["qh"], rows, as_of="23/11/2026")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Theo đơn vị", "Theo cán bộ"]
    units = list(wb["Theo đơn vị"].iter_rows(min_row=3, values_only=True))
    everything = list(Task.objects.filter(body=world.bodies["qh"]))
    expected_units = []
    for agency in sorted(world.agencies.values(), key=lambda a: a.name):
        mine = [t for t in everything if t.owner_agency_id == agency.pk]
        if not mine:
            continue
        s = _independent(mine)
        expected_units.append(
            (
                agency.name,
                s["total"],
                s["done_on_time"],
                s["done_late"],
                s["overdue"],
                s["open"],
                s["cancelled"],
                s["completion_rate"],
                s["on_time_rate"],
            )
        )
    assert units == expected_units
    officials = list(wb["Theo cán bộ"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in officials] == ["Cán bộ officer_btc", "Cán bộ officer_byt"]


def test_timeline_groups_open_tasks_by_month(world: World, make_task: Any) -> None:
    a = make_task(deadline=dt.date(2026, 12, 5))
    b = make_task(deadline=dt.date(2027, 1, 10))
    c = make_task(deadline=dt.date(2026, 12, 20))
    done = make_task(deadline=dt.date(2026, 12, 1))
    services.task_complete(actor=world.users["na_staff"], task=done, result="Hoàn thành xong")
    groups = selectors.timeline(selectors.task_list(world.users["na_staff"]))
    assert [(k, [t.pk for t in v]) for k, v in groups] == [
        ("2026-12", [a.pk, c.pk]),
        ("2027-01", [b.pk]),
    ]
