"""Shared fixtures for the project-wide tests (permission matrix, bad input, OpenAPI, browser).

``world`` builds two provincial People's Councils, A and B, each with a board below it, a current
term, people with every kind of role, and one private marker person per council. Everything is
created through the services (``core.services``, ``accounts.services``), as the app would.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import ApiToken, Person, Role, User
from nghitruong.accounts.services import (
    agency_officer_assign,
    api_token_create,
    membership_create,
    person_create,
    totp_device_confirm,
    totp_device_create,
    user_create,
)
from nghitruong.core.models import Agency, ElectedBody, Term
from nghitruong.core.services import agency_create, body_create, term_create

PASSWORD = "Nghi-truong-so-2026!"
# Names of people who appear only on their council's member list: a page or API answer that shows
# one of them to an outsider has leaked that council's non-public data.
MARKER_A = "Lưu Mật Danh An"
MARKER_B = "Lưu Mật Danh Bình"
TOKEN_NAMES = {"A": "Mã tích hợp riêng An", "B": "Mã tích hợp riêng Bình"}
TERM_START = dt.date(2021, 7, 1)
POSITIONS = {
    Role.DEPUTY: "Đại biểu hoạt động chuyên trách",
    Role.SECRETARIAT: "Chuyên viên Văn phòng",
    Role.BODY_ADMIN: "Quản trị hệ thống của đơn vị",
}


def totp_now(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for ``device``."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@dataclass
class World:
    body_a: ElectedBody
    board_a: ElectedBody
    body_b: ElectedBody
    board_b: ElectedBody
    term_a: Term
    term_b: Term
    agency: Agency
    users: dict[str, User] = field(default_factory=dict)
    devices: dict[str, TOTPDevice] = field(default_factory=dict)
    markers: dict[str, Person] = field(default_factory=dict)
    tokens: dict[str, ApiToken] = field(default_factory=dict)
    # Apps' matrix specs may create their own private objects per side and register their markers.
    extra_markers: dict[str, list[str]] = field(default_factory=lambda: {"A": [], "B": []})

    def body(self, side: str) -> ElectedBody:
        return self.body_a if side == "A" else self.body_b

    def private_markers(self, side: str) -> list[str]:
        """Strings that only someone who may read side's non-public data can ever see."""
        base = [MARKER_A if side == "A" else MARKER_B, TOKEN_NAMES[side]]
        return base + self.extra_markers[side]


def _user(
    world: World, key: str, full_name: str, *, with_device: bool = True, **flags: bool
) -> User:
    user = user_create(
        username=key,
        password=PASSWORD,
        actor=None,
        full_name=full_name,
        check_password_rules=False,
        **flags,
    )
    world.users[key] = user
    if with_device:
        device = totp_device_create(user=user, actor=None)
        world.devices[key] = totp_device_confirm(device=device, token=totp_now(device), actor=None)
    return user


def _member(
    world: World, user: User | None, full_name: str, body: ElectedBody, role: str, term: Term
) -> Person:
    person = person_create(full_name=full_name, actor=None, user=user, position=POSITIONS[role])
    membership_create(
        person=person, body=body, role=role, start_date=TERM_START, actor=None, term=term
    )
    return person


def build_world() -> World:
    body_a = body_create(
        code="hdnd-tinh-a",
        name="Hội đồng nhân dân tỉnh An Giang Mẫu",
        kind=ElectedBody.Kind.PROVINCIAL_COUNCIL,
        level=ElectedBody.Level.PROVINCIAL,
        actor=None,
        total_members=60,
    )
    body_b = body_create(
        code="hdnd-tinh-b",
        name="Hội đồng nhân dân tỉnh Bắc Ninh Mẫu",
        kind=ElectedBody.Kind.PROVINCIAL_COUNCIL,
        level=ElectedBody.Level.PROVINCIAL,
        actor=None,
    )
    board_a = body_create(
        code="hdnd-tinh-a-ban-kt-ns",
        name="Ban Kinh tế - Ngân sách (A)",
        kind=ElectedBody.Kind.PROVINCIAL_COUNCIL_BOARD,
        level=ElectedBody.Level.PROVINCIAL,
        parent=body_a,
        actor=None,
    )
    board_b = body_create(
        code="hdnd-tinh-b-ban-kt-ns",
        name="Ban Kinh tế - Ngân sách (B)",
        kind=ElectedBody.Kind.PROVINCIAL_COUNCIL_BOARD,
        level=ElectedBody.Level.PROVINCIAL,
        parent=body_b,
        actor=None,
    )
    term_a = term_create(body=body_a, number=11, label="XI", start_date=TERM_START, actor=None)
    term_b = term_create(body=body_b, number=11, label="XI", start_date=TERM_START, actor=None)
    agency = agency_create(
        code="ubnd-tinh-a", name="Ủy ban nhân dân tỉnh A", kind="peoples_committee", actor=None
    )
    world = World(body_a, board_a, body_b, board_b, term_a, term_b, agency)

    _member(
        world,
        _user(world, "deputy_a", "Nguyễn Văn Đại Biểu"),
        "Nguyễn Văn Đại Biểu",
        body_a,
        Role.DEPUTY,
        term_a,
    )
    _member(
        world, _user(world, "deputy_b", "Phạm Thị Bê"), "Phạm Thị Bê", body_b, Role.DEPUTY, term_b
    )
    _member(
        world,
        _user(world, "secretary_a", "Trần Thư Ký"),
        "Trần Thư Ký",
        body_a,
        Role.SECRETARIAT,
        term_a,
    )
    _member(
        world,
        _user(world, "admin_a", "Lê Quản Trị"),
        "Lê Quản Trị",
        body_a,
        Role.BODY_ADMIN,
        term_a,
    )
    officer = _user(world, "officer", "Hoàng Cán Bộ")
    agency_officer_assign(user=officer, agency=agency, start_date=TERM_START, actor=None)
    _user(world, "sysadmin", "Vũ Hệ Thống", is_system_admin=True, is_staff=True)
    _user(world, "newcomer", "Đặng Mới Vào", with_device=False)
    world.markers["A"] = _member(world, None, MARKER_A, body_a, Role.DEPUTY, term_a)
    world.markers["B"] = _member(world, None, MARKER_B, body_b, Role.DEPUTY, term_b)
    for side in ("A", "B"):
        user = world.users[f"deputy_{side.lower()}"]
        world.tokens[side], _secret = api_token_create(user=user, name=TOKEN_NAMES[side])
    return world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def verify_session(client: Client, user: User, device: TOTPDevice | None) -> Client:
    """Log ``client`` in as ``user`` with the second factor passed (as the OTP form would)."""
    client.force_login(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def login_as(world: World) -> Callable[[str], Client]:
    """``login_as("deputy_a")`` → a test client with a verified session for that user."""

    def make(key: str) -> Client:
        return verify_session(Client(), world.users[key], world.devices.get(key))

    return make
