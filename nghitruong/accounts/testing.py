"""Helpers for other apps' tests: log a client in as a user who passed the second factor.

    from nghitruong.accounts.testing import login_verified
    login_verified(client, user)   # creates a confirmed TOTP device if the user has none

Pages guarded by ``verified_login_required`` and the API's ``api_auth`` then accept the client.
"""

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.accounts.services.auth import LAST_SEEN_KEY
from nghitruong.core.models import AdministrativeUnit, ElectedBody


def login_verified(client: Client, user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_SEEN_KEY] = int(timezone.now().timestamp())
    session.save()
    return device


# --- small fixtures shared by the apps' test worlds (direct rows: test setup, not product writes) ---

WORLD_START = dt.date(2021, 7, 20)


def make_unit(code: str, name: str, level: str, parent: AdministrativeUnit | None = None) -> Any:
    """An administrative unit in force from 1 July 2025 (a city or a ward)."""
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


def make_body(code: str, kind: str, level: str, **extra: Any) -> ElectedBody:
    return ElectedBody.objects.create(
        code=code, name=f"Cơ quan {code}", kind=kind, level=level, **extra
    )


def make_user(name: str, body: ElectedBody | None = None, role: str = Role.SECRETARIAT) -> User:
    """A user with a person and, when ``body`` is given, a membership from ``WORLD_START``."""
    user = User.objects.create(username=name, full_name=f"Cán bộ {name}")
    person = Person.objects.create(full_name=user.full_name, user=user)
    if body is not None:
        Membership.objects.create(person=person, body=body, role=role, start_date=WORLD_START)
    return user
