"""A small world for the tracking tests: the NA and its Standing Committee, a province and a
commune council, agencies and their officers. Built per test (a few dozen rows)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from nghitruong.accounts.models import AgencyMembership, Person, Role, User
from nghitruong.accounts.testing import make_body, make_unit, make_user
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.tracking import services
from nghitruong.tracking.models import Task

START = dt.date(2021, 7, 20)
TODAY = dt.date(2026, 11, 23)


@dataclass
class World:
    bodies: dict[str, ElectedBody]
    agencies: dict[str, Agency]
    users: dict[str, User]

    def person(self, key: str) -> Person:
        return self.users[key].person


def build_world() -> World:
    hn = make_unit("01", "Thành phố Hà Nội", "province")
    ward = make_unit("00004", "Phường Ba Đình", "commune", hn)
    hcm = make_unit("79", "Thành phố Hồ Chí Minh", "province")
    qh = make_body("qh", "na", "central")
    ubtv = make_body("qh-ubtvqh", "na_standing", "central", parent=qh)
    c01 = make_body("hdnd-01", "provincial_council", "provincial", admin_unit=hn)
    c00004 = make_body("hdnd-00004", "commune_council", "commune", admin_unit=ward, parent=c01)
    c79 = make_body("hdnd-79", "provincial_council", "provincial", admin_unit=hcm)
    gov = Agency.objects.create(code="chinh-phu", name="Chính phủ", kind="government")
    btc = Agency.objects.create(
        code="bo-tai-chinh", name="Bộ Tài chính", kind="ministry", parent=gov
    )
    byt = Agency.objects.create(code="bo-y-te", name="Bộ Y tế", kind="ministry", parent=gov)
    ubnd = Agency.objects.create(
        code="ubnd-01",
        name="Ủy ban nhân dân Thành phố Hà Nội",
        kind="peoples_committee",
        parent=gov,
        admin_unit=hn,
    )
    users = {
        "na_staff": make_user("na_staff", qh),
        "na_staff2": make_user("na_staff2", ubtv),
        "vice_chair": make_user("vice_chair", qh, Role.VICE_CHAIR),
        "deputy": make_user("deputy", qh, Role.DEPUTY),
        "council01": make_user("council01", c01),
        "commune": make_user("commune", c00004),
        "council79": make_user("council79", c79),
        "officer_btc": make_user("officer_btc"),
        "officer_byt": make_user("officer_byt"),
        "officer_ubnd": make_user("officer_ubnd"),
        "outsider": make_user("outsider"),
    }
    for key, agency in (("officer_btc", btc), ("officer_byt", byt), ("officer_ubnd", ubnd)):
        AgencyMembership.objects.create(user=users[key], agency=agency, start_date=START)
    return World(
        bodies={"qh": qh, "ubtv": ubtv, "c01": c01, "c00004": c00004, "c79": c79},
        agencies={"gov": gov, "btc": btc, "byt": byt, "ubnd": ubnd},
        users=users,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def make_task(world: World) -> Any:
    def make(
        body: str = "qh",
        *,
        agency: str | None = "btc",
        deadline: dt.date = dt.date(2026, 12, 31),
        actor: str = "na_staff",
        **kw: Any,
    ) -> Task:
        return services.task_create(
            actor=world.users[actor],
            body=world.bodies[body],
            title=kw.pop("title", "Rà soát văn bản quy định chi tiết Luật Ngân sách"),
            deadline=deadline,
            owner_agency=world.agencies[agency] if agency else None,
            deliverable=kw.pop("deliverable", "Báo cáo rà soát"),
            **kw,
        )

    return make


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
