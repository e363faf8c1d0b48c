"""Login in two steps: password, then a TOTP or recovery code (or enrolment when none exists).

Between the steps the user is *not* logged in: the session only holds the pending user id for
``PENDING_MAX_AGE`` seconds. A user already logged in but not yet verified (for example one who
became a deputy during the session) uses the same pages.
"""

import base64
import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.models import Device

from nghitruong.accounts.forms import LoginForm, OtpForm, SetupForm
from nghitruong.accounts.middleware import IDLE_LOGOUT_FLAG
from nghitruong.accounts.models import User
from nghitruong.accounts.selectors import (
    pending_totp_device,
    second_factor_state,
    user_has_second_factor,
    user_is_verified,
    user_requires_second_factor,
)
from nghitruong.accounts.services import (
    login_check_password,
    recovery_codes_generate,
    second_factor_verify,
    session_login,
    session_logout,
    session_mark_verified,
    totp_device_confirm,
    totp_device_create,
)
from nghitruong.core.exceptions import ApplicationError

PENDING_USER_KEY = "nt_pending_user_id"
PENDING_AT_KEY = "nt_pending_at"
NEXT_KEY = "nt_pending_next"
PENDING_MAX_AGE = 5 * 60


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def home_url() -> str:
    try:
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    except NoReverseMatch:
        return "/"


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _next_url(request: HttpRequest) -> str:
    return (
        _safe_next(request, request.POST.get("next") or request.GET.get("next"))
        or _safe_next(request, request.session.get(NEXT_KEY))
        or home_url()
    )


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER_KEY)
    started = request.session.get(PENDING_AT_KEY, 0)
    if user_id is None or timezone.now().timestamp() - float(started) > PENDING_MAX_AGE:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _subject(request: HttpRequest) -> tuple[User | None, bool]:
    """(the user at the second step, whether they are still only pending)."""
    if request.user.is_authenticated:
        assert isinstance(request.user, User)  # noqa: S101
        return request.user, False
    return _pending_user(request), True


def _clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_AT_KEY, NEXT_KEY):
        request.session.pop(key, None)


def _finish(request: HttpRequest, user: User, pending: bool, device: Device) -> str:
    target = _next_url(request)
    _clear_pending(request)
    if pending:
        session_login(request=request, user=user, device=device)
    else:
        session_mark_verified(request=request, device=device)
    return target


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        state = second_factor_state(request.user)
        if state == "ok":
            return redirect(_next_url(request))
        target = reverse("accounts:otp" if state == "verify" else "accounts:setup")
        next_url = _safe_next(request, request.GET.get("next"))
        return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)
    error = None
    if request.session.pop(IDLE_LOGOUT_FLAG, False):
        error = _(
            "Phiên làm việc đã kết thúc do không hoạt động. Vui lòng đăng nhập lại. / "
            "Your session ended after inactivity. Please log in again."
        )
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = login_check_password(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            next_url = _safe_next(request, request.POST.get("next"))
            if not user_has_second_factor(user) and not user_requires_second_factor(user):
                session_login(request=request, user=user, device=None)
                return redirect(next_url or home_url())
            request.session.cycle_key()
            request.session[PENDING_USER_KEY] = user.pk
            request.session[PENDING_AT_KEY] = timezone.now().timestamp()
            if next_url:
                request.session[NEXT_KEY] = next_url
            target = "accounts:otp" if user_has_second_factor(user) else "accounts:setup"
            return redirect(target)
    status = 400 if request.method == "POST" and (error or form.errors) else 200
    context: dict[str, object] = {
        "form": form,
        "error": error,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/login.html", context, status=status)


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_view(request: HttpRequest) -> HttpResponse:
    user, pending = _subject(request)
    if user is None:
        return redirect("accounts:login")
    if user_is_verified(user):
        return redirect(_next_url(request))
    if not user_has_second_factor(user):
        return redirect("accounts:setup")
    error = None
    form = OtpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(
                user=user, token=form.cleaned_data["otp_token"], ip=client_ip(request)
            )
        except ApplicationError as exc:
            error = exc.message
            if exc.code == "account_locked" and pending:
                _clear_pending(request)
        else:
            return redirect(_finish(request, user, pending, device))
    status = 400 if request.method == "POST" and (error or form.errors) else 200
    context = {"form": form, "error": error, "next": request.GET.get("next", "")}
    return render(request, "accounts/otp.html", context, status=status)


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _grouped_secret(key: bytes) -> str:
    secret = base64.b32encode(key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    user, pending = _subject(request)
    if user is None:
        return redirect("accounts:login")
    verified = user_is_verified(user)
    if user_has_second_factor(user) and not verified:
        # Enrolling a new device needs the old one first; otherwise a password alone would do.
        return redirect("accounts:otp")
    device = pending_totp_device(user)
    if device is None or (request.method == "GET" and "renew" in request.GET):
        device = totp_device_create(user=user, actor=user)
    error = None
    form = SetupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_device_confirm(device=device, token=form.cleaned_data["otp_token"], actor=user)
        except ApplicationError as exc:
            error = exc.message
        else:
            codes = recovery_codes_generate(user=user, actor=user)
            target = _finish(request, user, pending, device)
            shown = {"codes": codes, "continue_url": target}
            return render(request, "accounts/recovery_codes_shown.html", shown)
    context: dict[str, object] = {
        "form": form,
        "error": error,
        "qr_data_uri": _qr_data_uri(device.config_url),
        "secret": _grouped_secret(device.bin_key),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(
        request,
        "accounts/setup.html",
        context,
        status=400 if request.method == "POST" and (error or form.errors) else 200,
    )


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.user.is_authenticated:
            session_logout(request=request)
        else:
            _clear_pending(request)
        return HttpResponseRedirect(reverse("accounts:login"))
    return render(request, "accounts/logout.html")
