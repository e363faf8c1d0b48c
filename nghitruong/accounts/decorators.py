"""Guards for views: logged in AND past the second factor when the account requires one.

Use ``verified_login_required`` on function views, ``VerifiedLoginRequiredMixin`` on class views,
and ``nghitruong.accounts.api_auth.api_auth`` on Ninja routers (or ``require_verified`` in code).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from nghitruong.accounts.selectors import second_factor_state
from nghitruong.core.exceptions import PermissionDeniedError

SECOND_FACTOR_REQUIRED = (
    "Cần xác thực hai lớp để tiếp tục / Two-factor verification is required to continue"
)


def _guard(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state = second_factor_state(request.user)
    if state == "ok":
        return None
    target = "accounts:otp" if state == "verify" else "accounts:setup"
    return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def verified_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _guard(request) or view(request, *args, **kwargs)

    return wrapped


class VerifiedLoginRequiredMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _guard(request) or super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def require_verified(request: HttpRequest) -> None:
    """Raise ``PermissionDeniedError`` unless the request's user is logged in and verified."""
    if not request.user.is_authenticated or second_factor_state(request.user) != "ok":
        raise PermissionDeniedError(SECOND_FACTOR_REQUIRED, code="second_factor_required")
