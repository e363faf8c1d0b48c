"""Authentication for the Ninja API: ``Router(auth=api_auth)``.

Accepts ``Authorization: Bearer <personal token>`` or the browser session (CSRF checked on unsafe
methods). A session whose account requires a second factor counts only once it is verified.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from nghitruong.accounts.selectors import second_factor_state
from nghitruong.accounts.services import api_token_authenticate


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(secret=token.strip())
        if api_token is None:
            return None
        user = api_token.user
        # The token was made from a verified session; treat its holder as verified.
        user.is_verified = lambda: True  # type: ignore[attr-defined]
        user.otp_device = None  # type: ignore[attr-defined]
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


class VerifiedSessionAuth(SessionAuth):
    def __call__(self, request: HttpRequest) -> Any:
        # No logged-in session: nothing to check (and no CSRF error hiding a 401).
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated or second_factor_state(user) != "ok":
            return None
        return user


bearer_auth = BearerTokenAuth()
session_auth = VerifiedSessionAuth()
api_auth = [bearer_auth, session_auth]
