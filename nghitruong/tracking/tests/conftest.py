"""A small world for the tracking tests: the NA and its Standing Committee, a province and a
commune council, agencies and their officers. Built per test (a few dozen rows)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from nghitruong.accounts.models import AgencyMembership, Membership, Person, Role, User
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
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


def _unit(code: str, name: str, level: str, parent: AdministrativeUnit | None = None) -> Any:
    return AdministrativeUnit.objects.create(
        code=code,
        name=name,
        short_name=name,
        level=level,
        unit_type="thanh_pho" if level == "province" else "phuong",
        parent=parent,
        effective_from=dt.date(2025, 7, 1),
        legal_basis="Quyết định 19/2025/QĐ-TTg",
    )


def _body(code: str, kind: str, level: str, **extra: Any) -> ElectedBody:
    return ElectedBody.objects.create(
        code=code, name=f"Cơ quan {code}", kind=kind, level=level, **extra
    )


def _user(name: str, body: ElectedBody | None = None, role: str = Role.SECRETARIAT) -> User:
    user = User.objects.create(username=name, full_name=f"Cán bộ {name}")
    person = Person.objects.create(full_name=user.full_name, user=user)
    if body is not None:
        Membership.objects.create(person=person, body=body, role=role, start_date=START)
    return user


def build_world() -> World:
    hn = _unit("01", "Thành phố Hà Nội", "province")
    ward = _unit("00004", "Phường Ba Đình", "commune", hn)
    hcm = _unit("79", "Thành phố Hồ Chí Minh", "province")
    qh = _body("qh", "na", "central")
    ubtv = _body("qh-ubtvqh", "na_standing", "central", parent=qh)
    c01 = _body("hdnd-01", "provincial_council", "provincial", admin_unit=hn)
    c00004 = _body("hdnd-00004", "commune_council", "commune", admin_unit=ward, parent=c01)
    c79 = _body("hdnd-79", "provincial_council", "provincial", admin_unit=hcm)
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
        "na_staff": _user("na_staff", qh),
        "na_staff2": _user("na_staff2", ubtv),
        "vice_chair": _user("vice_chair", qh, Role.VICE_CHAIR),
        "deputy": _user("deputy", qh, Role.DEPUTY),
        "council01": _user("council01", c01),
        "commune": _user("commune", c00004),
        "council79": _user("council79", c79),
        "officer_btc": _user("officer_btc"),
        "officer_byt": _user("officer_byt"),
        "officer_ubnd": _user("officer_ubnd"),
        "outsider": _user("outsider"),
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
