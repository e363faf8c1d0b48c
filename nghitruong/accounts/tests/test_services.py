"""Every accounts service writes an audit entry; bad input is refused and changes nothing."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import check_password
from django.test import override_settings

from nghitruong.accounts.models import AgencyMembership, Membership, Person, Role, User
from nghitruong.accounts.services import (
    agency_officer_assign,
    api_token_create,
    api_token_revoke,
    membership_create,
    membership_end,
    person_create,
    person_update,
    recovery_codes_generate,
    totp_device_confirm,
    totp_device_create,
    user_create,
    user_deactivate,
    user_set_password,
)
from nghitruong.accounts.tests.conftest import PASSWORD, code_for
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import Agency, AuditEntry, Term

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def test_every_service_is_audited(na, clock) -> None:
    admin = user_create(username="quantri", password=PASSWORD, actor=None, is_system_admin=True)
    user = user_create(username="daibieu.an", password=PASSWORD, actor=admin, full_name="An")
    user_set_password(user=user, password="Mat-khau-moi-2026!", actor=admin)
    person = person_create(full_name="Nguyễn Văn An", user=user, actor=admin)
    person_update(person=person, position="Đại biểu chuyên trách", actor=admin)
    term = Term.objects.create(body=na, number=16, label="XVI", start_date=dt.date(2026, 4, 1))
    membership = membership_create(
        person=person,
        body=na,
        role=Role.DEPUTY,
        start_date=dt.date(2026, 4, 1),
        term=term,
        actor=admin,
    )
    membership_end(membership=membership, end_date=dt.date(2026, 11, 1), actor=admin)
    device = totp_device_create(user=user, actor=user)
    totp_device_confirm(device=device, token=code_for(device), actor=user)
    recovery_codes_generate(user=user, actor=user)
    agency = Agency.objects.create(code="bo-tai-chinh", name="Bộ Tài chính", kind="ministry")
    agency_officer_assign(user=user, agency=agency, start_date=dt.date(2026, 1, 1), actor=admin)
    token, _secret = api_token_create(user=user, name="x")
    api_token_revoke(token=token, actor=user)
    user_deactivate(user=user, actor=admin)

    assert _actions() == [
        "user.create",
        "user.create",
        "user.set_password",
        "person.create",
        "person.update",
        "membership.create",
        "membership.end",
        "otp.totp_create",
        "otp.totp_confirm",
        "otp.recovery_codes_generate",
        "agency_officer.assign",
        "api_token.create",
        "api_token.revoke",
        "user.deactivate",
    ]
    update = AuditEntry.objects.get(action="person.update")
    assert (update.before["position"], update.after["position"]) == ("", "Đại biểu chuyên trách")
    created = AuditEntry.objects.get(action="membership.create")
    assert (created.body_id, created.actor_id) == (na.pk, admin.pk)
    assert created.after == {
        "person_id": person.pk,
        "role": "deputy",
        "start_date": "2026-04-01",
        "end_date": None,
        "term_id": term.pk,
    }
    # No secret of any kind is in the log.
    dump = str(list(AuditEntry.objects.values_list("before", "after")))
    assert PASSWORD not in dump
    assert "Mat-khau-moi-2026!" not in dump
    user.refresh_from_db()
    assert check_password("Mat-khau-moi-2026!", user.password)


def test_person_name_is_nfc_normalised() -> None:
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Ha\u0300"
    person = person_create(full_name=decomposed, actor=None)
    assert person.full_name == "Nguyễn Thị Hà"


def test_bad_input_changes_nothing(na, make_user) -> None:
    make_user("daibieu.an")
    before = _actions()
    with pytest.raises(ConflictError) as taken:
        user_create(username="daibieu.an", password=PASSWORD, actor=None)
    assert taken.value.message == "Tên đăng nhập đã được sử dụng / This username is already taken"
    with pytest.raises(ApplicationError) as weak:
        user_create(username="moi", password="123", actor=None)
    assert weak.value.code == "weak_password"
    person = person_create(full_name="Trần Thị Bình", actor=None)
    before = _actions()
    with pytest.raises(ApplicationError) as role:
        membership_create(
            person=person, body=na, role="king", start_date=dt.date(2026, 1, 1), actor=None
        )
    assert role.value.message == "Vai trò không hợp lệ / Invalid role"
    with pytest.raises(ApplicationError) as dates:
        membership_create(
            person=person,
            body=na,
            role=Role.DEPUTY,
            start_date=dt.date(2026, 1, 2),
            end_date=dt.date(2026, 1, 1),
            actor=None,
        )
    assert dates.value.code == "invalid_dates"
    membership_create(
        person=person, body=na, role=Role.DEPUTY, start_date=dt.date(2026, 1, 1), actor=None
    )
    with pytest.raises(ConflictError):
        membership_create(
            person=person, body=na, role=Role.DEPUTY, start_date=dt.date(2026, 1, 1), actor=None
        )
    with pytest.raises(ApplicationError):
        person_update(person=person, full_name="   ", actor=None)
    with pytest.raises(ApplicationError):
        person_update(person=person, is_demo=True, actor=None)
    assert Person.objects.get(pk=person.pk).full_name == "Trần Thị Bình"
    assert Membership.objects.count() == 1
    assert User.objects.filter(username="moi").exists() is False
    assert _actions() == [*before, "membership.create"]
    assert AgencyMembership.objects.count() == 0


def test_argon2_is_the_production_hasher() -> None:
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
    ):
        user = user_create(username="argon", password=PASSWORD, actor=None)
        assert user.password.startswith("argon2$argon2id$")


def test_totp_device_create_accepts_a_fixed_key_for_demo_data(make_user) -> None:
    user = make_user("demo.user")
    device = totp_device_create(user=user, actor=None, key="ab" * 20)
    assert (device.key, device.confirmed) == ("ab" * 20, False)
    with pytest.raises(ApplicationError) as bad:
        totp_device_create(user=user, actor=None, key="xyz")
    assert bad.value.message == "Khóa TOTP không hợp lệ / Invalid TOTP key"
    assert list(user.totpdevice_set.values_list("key", flat=True)) == ["ab" * 20]
