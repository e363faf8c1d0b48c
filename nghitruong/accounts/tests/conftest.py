import datetime as dt
from collections.abc import Callable

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import Membership, Role, User
from nghitruong.accounts.services import (
    membership_create,
    person_create,
    totp_device_confirm,
    totp_device_create,
    user_create,
)
from nghitruong.core.models import ElectedBody

PASSWORD = "Quoc-Hoi-2026-an-toan"
START = dt.datetime(2026, 11, 23, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def clock(time_machine):  # type: ignore[no-untyped-def]
    """A frozen clock at 09:00 on 23/11/2026 (Hà Nội); ``clock.shift(seconds)`` moves it."""
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def _home(settings):  # type: ignore[no-untyped-def]
    settings.LOGIN_REDIRECT_URL = "/"


@pytest.fixture
def na() -> ElectedBody:
    return ElectedBody.objects.create(
        code="quoc-hoi", name="Quốc hội", kind=ElectedBody.Kind.NATIONAL_ASSEMBLY, level="central"
    )


@pytest.fixture
def committee(na: ElectedBody) -> ElectedBody:
    return ElectedBody.objects.create(
        code="uy-ban-phap-luat",
        name="Ủy ban Pháp luật và Tư pháp",
        kind=ElectedBody.Kind.NA_COMMITTEE,
        level="central",
        parent=na,
    )


@pytest.fixture
def make_user(db) -> Callable[..., User]:  # type: ignore[no-untyped-def]
    def make(username: str, **kwargs: object) -> User:
        return user_create(username=username, password=PASSWORD, actor=None, **kwargs)  # type: ignore[arg-type]

    return make


def member(user: User, body: ElectedBody, role: str = Role.DEPUTY, **kwargs: object) -> Membership:
    person = person_create(full_name=user.full_name or user.username, user=user, actor=None)
    return membership_create(
        person=person,
        body=body,
        role=role,
        start_date=kwargs.pop("start_date", dt.date(2021, 7, 20)),  # type: ignore[arg-type]
        actor=None,
        **kwargs,  # type: ignore[arg-type]
    )


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def enrol(user: User) -> TOTPDevice:
    """A confirmed authenticator, set up through the services as a person would."""
    device = totp_device_create(user=user, actor=user)
    return totp_device_confirm(device=device, token=code_for(device), actor=user)


@pytest.fixture
def deputy(make_user, na: ElectedBody) -> User:  # type: ignore[no-untyped-def]
    user = make_user("daibieu.an", full_name="Nguyễn Văn An")
    member(user, na)
    return user
