"""Two-step login: password, then TOTP or a recovery code; enrolment forced (SEC-AUTH-1)."""

import base64

import pytest
from django_otp.plugins.otp_static.models import StaticToken

from nghitruong.accounts.models import User, UserSession
from nghitruong.accounts.services import recovery_codes_generate
from nghitruong.accounts.tests.conftest import PASSWORD, code_for, enrol
from nghitruong.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN, OTP, SETUP = "/accounts/login/", "/accounts/login/otp/", "/accounts/2fa/setup/"


def test_full_login_with_password_and_totp(client, deputy: User, clock) -> None:
    device = enrol(deputy)
    clock.shift(30)  # the enrolment code may not be replayed; use the next time step
    client.get(LOGIN)
    response = client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, OTP)
    assert "_auth_user_id" not in client.session
    key_before = client.session.session_key

    response = client.post(OTP, {"otp_token": code_for(device)})

    assert (response.status_code, response["Location"]) == (302, "/")
    session = client.session
    assert session["_auth_user_id"] == str(deputy.pk)
    assert session["otp_device_id"] == device.persistent_id
    assert session.session_key != key_before
    assert list(UserSession.objects.values_list("user_id", "session_key")) == [
        (deputy.pk, session.session_key)
    ]
    login = AuditEntry.objects.get(action="auth.login")
    assert (login.actor_id, login.after) == (
        deputy.pk,
        {"ip": "127.0.0.1", "second_factor": "TOTPDevice"},
    )
    assert client.get("/accounts/").status_code == 200


def test_wrong_totp_is_refused_with_message_and_no_session(client, deputy: User, clock) -> None:
    device = enrol(deputy)
    clock.shift(30)
    client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    good = code_for(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"

    response = client.post(OTP, {"otp_token": wrong})

    assert response.status_code == 400
    assert response.context["error"] == "Mã xác thực không đúng / Invalid verification code"
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert UserSession.objects.count() == 0
    assert User.objects.get(pk=deputy.pk).failed_login_count == 1
    assert client.get("/accounts/")["Location"] == "/accounts/login/?next=/accounts/"


def test_recovery_code_works_once(client, deputy: User, clock) -> None:
    enrol(deputy)
    codes = recovery_codes_generate(user=deputy, actor=deputy)
    assert len(codes) == 10
    assert len(set(codes)) == 10

    client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    response = client.post(OTP, {"otp_token": codes[0].upper()})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert StaticToken.objects.filter(device__user=deputy).count() == 9

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    response = client.post(OTP, {"otp_token": codes[0]})
    assert response.status_code == 400
    assert response.context["error"] == "Mã xác thực không đúng / Invalid verification code"
    assert "_auth_user_id" not in client.session


def test_regenerating_recovery_codes_voids_the_old_ones(deputy: User) -> None:
    old = recovery_codes_generate(user=deputy, actor=deputy)
    new = recovery_codes_generate(user=deputy, actor=deputy)
    stored = set(StaticToken.objects.filter(device__user=deputy).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)


def test_deputy_without_device_is_forced_to_enrol(client, deputy: User, clock) -> None:
    response = client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, SETUP)
    # Not logged in: nothing else is reachable before the device is confirmed.
    assert client.get("/accounts/tokens/")["Location"] == "/accounts/login/?next=/accounts/tokens/"
    assert client.get(OTP)["Location"] == SETUP

    page = client.get(SETUP)
    html = page.content.decode()
    assert 'id="setup-form"' in html
    assert 'src="data:image/svg+xml;base64,' in html
    device = deputy.totpdevice_set.get(confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key

    wrong = client.post(
        SETUP, {"otp_token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert wrong.context["error"] == "Mã xác thực không đúng / Invalid verification code"
    assert "_auth_user_id" not in client.session

    clock.shift(30)  # django-otp throttles one second after a failure
    done = client.post(SETUP, {"otp_token": code_for(device)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert client.session["_auth_user_id"] == str(deputy.pk)
    assert client.session["otp_device_id"] == device.persistent_id
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/accounts/tokens/").status_code == 200


def test_enrolment_is_not_offered_to_someone_who_already_has_a_device(
    client, deputy: User, clock
) -> None:
    device = enrol(deputy)
    client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    assert client.get(SETUP)["Location"] == OTP
    assert deputy.totpdevice_set.get().pk == device.pk


def test_logged_in_but_unverified_staff_is_sent_to_enrolment(client, deputy: User) -> None:
    client.force_login(deputy)
    response = client.get("/accounts/tokens/")
    assert response["Location"] == "/accounts/2fa/setup/?next=%2Faccounts%2Ftokens%2F"


def test_citizen_without_role_logs_in_with_password_only(client, make_user, clock) -> None:
    citizen = make_user("cutri.binh")
    client.get(LOGIN)
    key_before = client.session.session_key
    response = client.post(
        LOGIN, {"username": "cutri.binh", "password": PASSWORD, "next": "/accounts/tokens/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/accounts/tokens/")
    assert client.session["_auth_user_id"] == str(citizen.pk)
    assert client.session.session_key != key_before


def test_external_next_url_is_ignored(client, make_user) -> None:
    make_user("cutri.binh")
    response = client.post(
        LOGIN, {"username": "cutri.binh", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_login_page_has_stable_form(client) -> None:
    html = client.get(LOGIN).content.decode()
    for fragment in ('id="login-form"', 'name="username"', 'name="password"', 'type="submit"'):
        assert fragment in html


def test_logout_ends_session(client, make_user) -> None:
    user = make_user("cutri.binh")
    client.post(LOGIN, {"username": "cutri.binh", "password": PASSWORD})
    assert UserSession.objects.filter(user=user).count() == 1
    response = client.post("/accounts/logout/")
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert UserSession.objects.filter(user=user).count() == 0
    assert AuditEntry.objects.filter(action="auth.logout", actor=user).count() == 1


def test_incomplete_login_form_is_400_and_counts_nothing(client, make_user) -> None:
    user = make_user("cutri.binh")
    response = client.post(LOGIN, {"username": "cutri.binh"})
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert User.objects.get(pk=user.pk).failed_login_count == 0
    assert AuditEntry.objects.filter(action__startswith="auth.").count() == 0


def test_pending_second_step_expires_after_five_minutes(client, deputy: User, clock) -> None:
    enrol(deputy)
    client.post(LOGIN, {"username": "daibieu.an", "password": PASSWORD})
    clock.shift(5 * 60)
    assert client.get(OTP).status_code == 200
    clock.shift(1)
    assert client.get(OTP)["Location"] == LOGIN
