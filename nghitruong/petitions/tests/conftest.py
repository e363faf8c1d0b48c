"""A small world for the petition tests: two provinces, NA delegations, councils, agencies, users.

Built per test (a few dozen rows), so the tests need neither the shared reference data nor
anything under /work/shared. The field list and holiday calendar are (re)loaded from the shipped
JSON, since transactional tests flush the rows the data migration created.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from nghitruong.accounts.models import AgencyMembership, Role, User
from nghitruong.accounts.testing import make_body, make_unit, make_user
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.petitions import services
from nghitruong.petitions.data_load import load_calendar, load_fields
from nghitruong.petitions.models import CalendarDay, Petition, PetitionField
from nghitruong.petitions.permissions import SUPERVISION_BODY_CODE

START = dt.date(2021, 7, 20)


@dataclass
class World:
    units: dict[str, AdministrativeUnit]
    bodies: dict[str, ElectedBody]
    agencies: dict[str, Agency]
    users: dict[str, User]

    def field(self, code: str = "y-te") -> PetitionField:
        return PetitionField.objects.get(code=code)


def build_world() -> World:
    load_fields(PetitionField)
    load_calendar(CalendarDay)
    hn = make_unit("01", "Thành phố Hà Nội", "province")
    hcm = make_unit("79", "Thành phố Hồ Chí Minh", "province")
    ward = make_unit("00004", "Phường Ba Đình", "commune", hn)
    qh = make_body("qh", "na", "central")
    committee = make_body(SUPERVISION_BODY_CODE, "na_committee", "central", parent=qh)
    d01 = make_body("doan-dbqh-01", "na_delegation", "provincial", parent=qh, admin_unit=hn)
    d79 = make_body("doan-dbqh-79", "na_delegation", "provincial", parent=qh, admin_unit=hcm)
    c01 = make_body("hdnd-01", "provincial_council", "provincial", admin_unit=hn)
    c79 = make_body("hdnd-79", "provincial_council", "provincial", admin_unit=hcm)
    gov = Agency.objects.create(code="chinh-phu", name="Chính phủ", kind="government")
    btc = Agency.objects.create(
        code="bo-tai-chinh", name="Bộ Tài chính", short_name="BTC", kind="ministry", parent=gov
    )
    byt = Agency.objects.create(
        code="bo-y-te", name="Bộ Y tế", short_name="BYT", kind="ministry", parent=gov
    )
    ubnd = Agency.objects.create(
        code="ubnd-01",
        name="Ủy ban nhân dân Thành phố Hà Nội",
        kind="peoples_committee",
        parent=gov,
        admin_unit=hn,
    )
    users = {
        "staff01": make_user("staff01", d01),
        "staff79": make_user("staff79", d79),
        "deputy01": make_user("deputy01", d01, Role.DEPUTY),
        "council01": make_user("council01", c01),
        "council79": make_user("council79", c79),
        "supervisor": make_user("supervisor", committee, Role.COMMITTEE_MEMBER),
        "officer_btc": make_user("officer_btc"),
        "officer_byt": make_user("officer_byt"),
        "officer_ubnd": make_user("officer_ubnd"),
        "outsider": make_user("outsider"),
    }
    for key, agency in (("officer_btc", btc), ("officer_byt", byt), ("officer_ubnd", ubnd)):
        AgencyMembership.objects.create(user=users[key], agency=agency, start_date=START)
    return World(
        units={"01": hn, "79": hcm, "00004": ward},
        bodies={"qh": qh, "committee": committee, "d01": d01, "d79": d79, "c01": c01, "c79": c79},
        agencies={"gov": gov, "btc": btc, "byt": byt, "ubnd": ubnd},
        users=users,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def make_petition(world: World) -> Callable[..., Petition]:
    """A petition entered by the delegation secretariat, optionally driven to ``assigned``."""

    def make(
        body: str = "d01",
        *,
        assign_to: str | None = None,
        on: dt.date | None = None,
        content: str = "Đề nghị nâng mức hỗ trợ bảo hiểm y tế cho người cao tuổi",
        **kw: Any,
    ) -> Petition:
        b = world.bodies[body]
        staff = world.users[
            "staff01"
            if body in ("d01", "qh")
            else {"d79": "staff79", "c01": "council01", "c79": "council79"}[body]
        ]
        petition = services.petition_create(
            actor=staff,
            body=b,
            content=content,
            source=kw.pop("source", "letter"),
            received_on=kw.pop("received_on", on or dt.date(2025, 12, 1)),
            **kw,
        )
        if assign_to:
            petition = services.petition_classify(
                actor=staff, petition=petition, field=world.field(), level="central"
            )
            petition = services.petition_assign(
                actor=staff,
                petition=petition,
                agency=world.agencies[assign_to],
                on=on or dt.date(2025, 12, 20),
            )
        return petition

    return make


def staff_for(world: World, petition: Petition) -> User:
    code = petition.body.code
    return world.users[
        {
            "doan-dbqh-01": "staff01",
            "doan-dbqh-79": "staff79",
            "hdnd-01": "council01",
            "hdnd-79": "council79",
        }[code]
    ]


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> None:
    """Rate-limit windows live in the cache, which outlives a test in one process."""
    from django.core.cache import cache

    cache.clear()
