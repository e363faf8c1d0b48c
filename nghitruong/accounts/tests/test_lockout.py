"""Lockout after 5 consecutive failures for 15 minutes; per-IP throttle (SEC-AUTH-3)."""

import pytest

from nghitruong.accounts.models import User
from nghitruong.accounts.tests.conftest import PASSWORD, code_for, enrol
from nghitruong.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN, OTP = "/accounts/login/", "/accounts/login/otp/"
WRONG = "sai-mat-khau"
BAD_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng / Incorrect username or password"
# 09:00:00 + 15 minutes, Hà Nội time.
LOCKED = (
    "Tài khoản tạm khóa đến 09:15:00 ngày 23/11/2026 do đăng nhập sai nhiều lần / "
    "Account locked until 09:15:00 on 23/11/2026 after repeated failed logins"
)


def _login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password})


def test_four_failures_still_allow_the_right_password(client, make_user, clock) -> None:
    user = make_user("cutri.binh")
    for _ in range(4):
        response = _login(client, "cutri.binh", WRONG)
        assert response.status_code == 400
        assert response.context["error"] == BAD_CREDENTIALS
    assert User.objects.get(pk=user.pk).failed_login_count == 4

    response = _login(client, "cutri.binh", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert (user.failed_login_count, user.locked_until) == (0, None)


def test_fifth_failure_locks_and_the_right_password_is_refused(client, make_user, clock) -> None:
    user = make_user("cutri.binh")
    for _ in range(4):
        _login(client, "cutri.binh", WRONG)
    fifth = _login(client, "cutri.binh", WRONG)
    assert fifth.context["error"] == LOCKED
    assert 'role="alert"' in fifth.content.decode()

    clock.shift(14 * 60 + 59)
    refused = _login(client, "cutri.binh", PASSWORD)

    assert refused.status_code == 400
    assert refused.context["error"] == LOCKED
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.locked_until.isoformat() == "2026-11-23T02:15:00+00:00"
    assert AuditEntry.objects.filter(action="auth.lockout", actor=user).count() == 1
    assert AuditEntry.objects.filter(action="auth.login_refused", actor=user).count() == 1
    assert AuditEntry.objects.filter(action="auth.login").count() == 0

    clock.shift(1)  # exactly 15 minutes later the lock has expired
    assert _login(client, "cutri.binh", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_counter_resets_after_success(client, make_user, clock) -> None:
    user = make_user("cutri.binh")
    for _ in range(4):
        _login(client, "cutri.binh", WRONG)
    _login(client, "cutri.binh", PASSWORD)
    client.post("/accounts/logout/")
    for _ in range(4):
        assert _login(client, "cutri.binh", WRONG).context["error"] == BAD_CREDENTIALS
    user.refresh_from_db()
    assert (user.failed_login_count, user.locked_until) == (4, None)


def test_second_factor_failures_count_towards_the_lock(client, deputy: User, clock) -> None:
    device = enrol(deputy)
    _login(client, "daibieu.an", WRONG)
    _login(client, "daibieu.an", WRONG)
    _login(client, "daibieu.an", PASSWORD)
    good = code_for(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    assert client.post(OTP, {"otp_token": wrong}).context["error"] == (
        "Mã xác thực không đúng / Invalid verification code"
    )
    assert client.post(OTP, {"otp_token": wrong}).status_code == 400
    fifth = client.post(OTP, {"otp_token": wrong})
    assert fifth.context["error"] == LOCKED
    # The password step is refused too, and so is a right code while locked.
    assert _login(client, "daibieu.an", PASSWORD).context["error"] == LOCKED
    assert "_auth_user_id" not in client.session


def test_password_success_alone_does_not_reset_the_counter(client, deputy: User, clock) -> None:
    enrol(deputy)
    for _ in range(3):
        _login(client, "daibieu.an", WRONG)
    _login(client, "daibieu.an", PASSWORD)  # second step still pending
    deputy.refresh_from_db()
    assert deputy.failed_login_count == 3


def test_unknown_username_gets_the_same_answers(client, make_user, clock) -> None:
    make_user("cutri.binh")
    for _ in range(4):
        assert _login(client, "khong.ton.tai", WRONG).context["error"] == BAD_CREDENTIALS
    assert _login(client, "khong.ton.tai", WRONG).context["error"] == LOCKED
    assert _login(client, "khong.ton.tai", PASSWORD).context["error"] == LOCKED
    failed = AuditEntry.objects.filter(action="auth.login_failed")
    assert failed.count() == 5
    assert {(e.actor_id, e.after["reason"]) for e in failed} == {(None, "password")}
    # Passwords never reach the audit log.
    assert not AuditEntry.objects.filter(after__icontains=WRONG).exists()


def test_ip_throttle_after_twenty_failures(client, make_user, clock, settings) -> None:
    settings.NGHITRUONG_IP_THROTTLE_FAILURES = 20
    user = make_user("cutri.binh")
    for i in range(20):
        _login(client, f"ten-{i % 5}", WRONG)  # five names, none reaches its own lock
    response = _login(client, "cutri.binh", PASSWORD)
    assert response.status_code == 400
    assert response.context["error"] == (
        "Quá nhiều lần đăng nhập sai từ địa chỉ này; thử lại sau 09:15:00 ngày 23/11/2026 / "
        "Too many failed logins from this address; try again after 09:15:00 on 23/11/2026"
    )
    assert "_auth_user_id" not in client.session
    other_ip = client.post(
        LOGIN, {"username": "cutri.binh", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert other_ip.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
