"""Idle timeout: 15 minutes for users, 5 for administrators (SEC-AUTH-3).

An authenticated request more than the limit after the previous one ends the session (the request
then continues as anonymous); exactly the limit is still allowed. The clock is ``timezone.now``.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nghitruong.accounts.selectors import user_is_admin
from nghitruong.accounts.services import session_logout
from nghitruong.accounts.services.auth import LAST_SEEN_KEY

IDLE_LOGOUT_FLAG = "nt_idle_logout"


def idle_limit_seconds(user: object) -> int:
    if user_is_admin(user):
        return int(settings.NGHITRUONG_ADMIN_IDLE_TIMEOUT_SECONDS)
    return int(settings.NGHITRUONG_IDLE_TIMEOUT_SECONDS)


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(timezone.now().timestamp())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > idle_limit_seconds(user):
                session_logout(request=request, reason="idle")
                request.session[IDLE_LOGOUT_FLAG] = True
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
