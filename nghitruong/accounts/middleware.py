"""Idle timeout: 15 minutes for users, 5 for administrators (SEC-AUTH-3)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_SEEN_KEY = "nt_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            limit = (
                settings.NGHITRUONG_ADMIN_IDLE_TIMEOUT_SECONDS
                if (user.is_superuser or getattr(user, "is_system_admin", False))
                else settings.NGHITRUONG_IDLE_TIMEOUT_SECONDS
            )
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > limit:
                logout(request)
                request.session["nt_idle_logout"] = True
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
