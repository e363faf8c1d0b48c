"""Password check with lockout and per-IP throttling; opening and closing sessions (SEC-AUTH-3).

Policy (security-integration.md SEC-AUTH-3, TCVN 14423 digest x.5.2.2): after
``NGHITRUONG_LOCKOUT_THRESHOLD`` (5) consecutive failures — wrong password or wrong second factor —
the account is refused for ``NGHITRUONG_LOCKOUT_MINUTES`` (15), even with the right password. The
counter resets only when a login completes. Unknown usernames get the same answers and the same
(simulated) lockout, so a caller cannot learn which names exist. Independently, one client IP may
fail ``NGHITRUONG_IP_THROTTLE_FAILURES`` (20) times per ``NGHITRUONG_IP_THROTTLE_MINUTES`` (15).
"""

import datetime as dt
import hashlib
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth import login as django_login
from django.contrib.auth import logout as django_logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device

from nghitruong.accounts.models import LoginFailure, User, UserSession
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError

LAST_SEEN_KEY = "nt_last_seen"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class InvalidCredentialsError(ApplicationError):
    status_code = 401
    default_code = "invalid_credentials"

    def __init__(self) -> None:
        super().__init__("Tên đăng nhập hoặc mật khẩu không đúng / Incorrect username or password")


class InvalidOtpError(ApplicationError):
    status_code = 401
    default_code = "invalid_otp"

    def __init__(self) -> None:
        super().__init__("Mã xác thực không đúng / Invalid verification code")


def format_until(moment: dt.datetime) -> tuple[str, str]:
    local = timezone.localtime(moment)
    return local.strftime("%H:%M:%S ngày %d/%m/%Y"), local.strftime("%H:%M:%S on %d/%m/%Y")


class AccountLockedError(ApplicationError):
    status_code = 403
    default_code = "account_locked"

    def __init__(self, until: dt.datetime) -> None:
        vi, en = format_until(until)
        super().__init__(
            f"Tài khoản tạm khóa đến {vi} do đăng nhập sai nhiều lần / "
            f"Account locked until {en} after repeated failed logins",
            detail={"locked_until": until.isoformat()},
        )
        self.until = until


class LoginThrottledError(ApplicationError):
    status_code = 429
    default_code = "throttled"

    def __init__(self, until: dt.datetime) -> None:
        vi, en = format_until(until)
        super().__init__(
            f"Quá nhiều lần đăng nhập sai từ địa chỉ này; thử lại sau {vi} / "
            f"Too many failed logins from this address; try again after {en}",
            detail={"retry_after": until.isoformat()},
        )
        self.until = until


def _threshold() -> int:
    return int(settings.NGHITRUONG_LOCKOUT_THRESHOLD)


def _lock_span() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.NGHITRUONG_LOCKOUT_MINUTES))


def _ip_limit() -> tuple[int, dt.timedelta]:
    failures = int(getattr(settings, "NGHITRUONG_IP_THROTTLE_FAILURES", 20))
    minutes = int(getattr(settings, "NGHITRUONG_IP_THROTTLE_MINUTES", 15))
    return failures, dt.timedelta(minutes=minutes)


def _username_key(username: str) -> str:
    return hashlib.sha256(username.encode("utf-8")).hexdigest()


def _ip_throttled_until(ip: str | None, now: dt.datetime) -> dt.datetime | None:
    if not ip:
        return None
    limit, window = _ip_limit()
    recent = list(
        LoginFailure.objects.filter(ip=ip, at__gt=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # Blocked until the oldest of the last ``limit`` failures leaves the window.
    return recent[-1] + window


def _unknown_name_locked_until(key: str, now: dt.datetime) -> dt.datetime | None:
    """Replay the lockout state machine over recent failures for a name that has no account."""
    span = _lock_span()
    times = LoginFailure.objects.filter(
        username_key=key, user__isnull=True, at__gt=now - 2 * span
    ).order_by("at")
    count, locked_until = 0, None
    for at in times.values_list("at", flat=True):
        if locked_until is not None and at < locked_until:
            continue
        count += 1
        if count >= _threshold():
            locked_until, count = at + span, 0
    return locked_until if locked_until is not None and locked_until > now else None


def _audit_failure(user: User | None, ip: str | None, reason: str, action: str) -> None:
    audit_record(actor=user, action=action, obj=user, after={"ip": ip, "reason": reason})


def register_failure(*, user: User | None, username: str, ip: str | None, reason: str) -> NoReturn:
    """Count one failed attempt; lock the account at the threshold. Raises the error to show."""
    now = timezone.now()
    with transaction.atomic():
        LoginFailure.objects.create(
            ip=ip or None, username_key=_username_key(username), user=user, at=now
        )
        LoginFailure.objects.filter(at__lt=now - max(2 * _lock_span(), _ip_limit()[1])).delete()
        if user is None:
            _audit_failure(None, ip, reason, "auth.login_failed")
            until = _unknown_name_locked_until(_username_key(username), now)
        else:
            locked = User.objects.select_for_update().get(pk=user.pk)
            locked.failed_login_count += 1
            until = None
            if locked.failed_login_count >= _threshold():
                until = now + _lock_span()
                locked.locked_until, locked.failed_login_count = until, 0
            locked.save(update_fields=["failed_login_count", "locked_until"])
            user.failed_login_count, user.locked_until = locked.failed_login_count, until
            _audit_failure(user, ip, reason, "auth.login_failed")
            if until is not None:
                audit_record(
                    actor=user, action="auth.lockout", obj=user, after={"until": until, "ip": ip}
                )
    if until is not None:
        raise AccountLockedError(until)
    if reason == "second_factor":
        raise InvalidOtpError()
    raise InvalidCredentialsError()


def ensure_not_locked(*, user: User, ip: str | None) -> None:
    now = timezone.now()
    if user.locked_until is not None and user.locked_until > now:
        audit_record(
            actor=user, action="auth.login_refused", obj=user, after={"ip": ip, "reason": "locked"}
        )
        raise AccountLockedError(user.locked_until)


def login_check_password(*, username: str, password: str, ip: str | None) -> User:
    """The first login step. Returns the user, or raises one of the errors above."""
    now = timezone.now()
    throttled = _ip_throttled_until(ip, now)
    if throttled is not None:
        audit_record(actor=None, action="auth.login_throttled", after={"ip": ip})
        raise LoginThrottledError(throttled)
    username = User.normalize_username(username or "").strip()
    user = User.objects.filter(username=username).first()
    if user is None:
        User().set_password(password)  # spend the same time as a real check
        until = _unknown_name_locked_until(_username_key(username), now)
        if until is not None:
            raise AccountLockedError(until)
        register_failure(user=None, username=username, ip=ip, reason="password")
    ensure_not_locked(user=user, ip=ip)
    if not (user.check_password(password) and user.is_active):
        register_failure(user=user, username=username, ip=ip, reason="password")
    return user


def _client(request: HttpRequest) -> dict[str, Any]:
    return {
        "ip": request.META.get("REMOTE_ADDR") or None,
        "user_agent": (request.headers.get("User-Agent") or "")[:255],
    }


def _track_session(request: HttpRequest, user: User, old_key: str | None) -> None:
    if old_key:
        UserSession.objects.filter(session_key=old_key).delete()
    request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "created_at": timezone.now(), **_client(request)},
    )


def session_login(*, request: HttpRequest, user: User, device: Device | None) -> None:
    """Complete a login: new session id, OTP device recorded, counter reset, session tracked."""
    with transaction.atomic():
        old_key = request.session.session_key
        django_login(request, user, backend=MODEL_BACKEND)  # cycles the session key
        if device is not None:
            otp_login(request, device)
        request.session[LAST_SEEN_KEY] = int(timezone.now().timestamp())
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        user.failed_login_count, user.locked_until = 0, None
        _track_session(request, user, old_key)
        audit_record(
            actor=user,
            action="auth.login",
            obj=user,
            after={
                "ip": _client(request)["ip"],
                "second_factor": type(device).__name__ if device is not None else None,
            },
        )


def session_mark_verified(*, request: HttpRequest, device: Device) -> None:
    """An already logged-in user passed the second factor: record it under a new session id."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    with transaction.atomic():
        old_key = request.session.session_key
        request.session.cycle_key()
        otp_login(request, device)
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        _track_session(request, user, old_key)
        audit_record(
            actor=user,
            action="auth.second_factor",
            obj=user,
            after={"ip": _client(request)["ip"], "second_factor": type(device).__name__},
        )


def session_logout(*, request: HttpRequest, reason: str = "user") -> None:
    """End the current session (``reason``: "user" or "idle")."""
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        if request.session.session_key:
            UserSession.objects.filter(session_key=request.session.session_key).delete()
        if user is not None:
            audit_record(actor=user, action="auth.logout", obj=user, after={"reason": reason})
        django_logout(request)
