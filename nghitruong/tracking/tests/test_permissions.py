"""Who sees and manages which tasks: a matrix over bodies, agencies and councils; denied writes
change nothing."""

import datetime as dt
from typing import Any

import pytest

from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.tracking import services
from nghitruong.tracking.models import Task
from nghitruong.tracking.permissions import access_task, can_manage, task_scope
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(world: World, make_task: Any) -> dict[str, Task]:
    return {
        "na_btc": make_task("qh", agency="btc"),
        "ubtv_byt": make_task("ubtv", agency="byt", actor="na_staff"),
        "c01_ubnd": make_task("c01", agency="ubnd", actor="council01"),
        "commune": make_task("c00004", agency="ubnd", actor="commune"),
        "c79": make_task("c79", agency="ubnd", actor="council79"),
    }


VISIBLE = {
    "na_staff": {"na_btc", "ubtv_byt"},
    "na_staff2": {"ubtv_byt"},
    "vice_chair": {"na_btc", "ubtv_byt"},
    "deputy": {"na_btc"},
    "council01": {"c01_ubnd"},  # not the commune council's: each council sees only its own
    "commune": {"commune"},
    "council79": {"c79"},
    "officer_btc": {"na_btc"},
    "officer_byt": {"ubtv_byt"},
    "officer_ubnd": {"c01_ubnd", "commune", "c79"},
    "outsider": set(),
}
MANAGES = {
    "na_staff": {"na_btc", "ubtv_byt"},
    "na_staff2": {"ubtv_byt"},
    "vice_chair": {"na_btc", "ubtv_byt"},
    "deputy": set(),
    "council01": {"c01_ubnd"},
    "commune": {"commune"},
    "council79": {"c79"},
    "officer_btc": set(),
    "officer_byt": set(),
    "officer_ubnd": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("user", sorted(VISIBLE))
def test_visibility_and_management_matrix(world: World, tasks: dict[str, Task], user: str) -> None:
    actor = world.users[user]
    names = {v.pk: k for k, v in tasks.items()}
    seen = {names[t.pk] for t in Task.objects.filter(task_scope(actor))}
    assert seen == VISIBLE[user]
    for key, task in tasks.items():
        if key in VISIBLE[user]:
            assert access_task(actor, task.pk).pk == task.pk
        else:
            with pytest.raises(NotFoundError):
                access_task(actor, task.pk)
    assert {k for k, t in tasks.items() if can_manage(actor, t)} == MANAGES[user]


def test_anonymous_sees_nothing(world: World, tasks: dict[str, Task]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert Task.objects.filter(task_scope(AnonymousUser())).count() == 0


@pytest.mark.parametrize("user", ["deputy", "officer_btc", "council79", "outsider", "commune"])
def test_denied_writes_change_nothing(world: World, tasks: dict[str, Task], user: str) -> None:
    actor = world.users[user]
    task = tasks["na_btc"]
    before = (Task.objects.count(), AuditEntry.objects.count(), task.status)
    with pytest.raises(PermissionDeniedError):
        services.task_create(
            actor=actor,
            body=world.bodies["qh"],
            title="Nhiệm vụ lạ",
            deadline=dt.date(2027, 1, 1),
            owner_agency=world.agencies["btc"],
        )
    with pytest.raises(PermissionDeniedError):
        services.task_cancel(actor=actor, task=task, reason="Không có quyền hủy")
    if user != "officer_btc":
        with pytest.raises(PermissionDeniedError):
            services.task_start(actor=actor, task=task)
    task.refresh_from_db()
    assert (Task.objects.count(), AuditEntry.objects.count(), task.status) == before


def test_commune_staff_cannot_create_in_province_council(world: World) -> None:
    before = Task.objects.count()
    with pytest.raises(PermissionDeniedError):
        services.task_create(
            actor=world.users["commune"],
            body=world.bodies["c01"],
            title="Nhiệm vụ",
            deadline=dt.date(2027, 1, 1),
            owner_agency=world.agencies["ubnd"],
        )
    with pytest.raises(PermissionDeniedError):
        services.task_create(
            actor=world.users["council01"],
            body=world.bodies["c00004"],
            title="Nhiệm vụ",
            deadline=dt.date(2027, 1, 1),
            owner_agency=world.agencies["ubnd"],
        )
    assert Task.objects.count() == before
