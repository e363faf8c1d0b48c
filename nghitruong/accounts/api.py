"""/api/v1/accounts/: who am I, and my personal API tokens."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from nghitruong.accounts.api_auth import api_auth
from nghitruong.accounts.models import ApiToken, User
from nghitruong.accounts.selectors import access_api_token, api_tokens_for_user, memberships_of
from nghitruong.accounts.services import api_token_create, api_token_revoke
from nghitruong.core.exceptions import PermissionDeniedError

router = Router(auth=api_auth, tags=["accounts"])


class MembershipOut(Schema):
    body_id: int
    body_name: str
    role: str
    role_label: str
    start_date: dt.date
    end_date: dt.date | None


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    language: str
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreateIn(Schema):
    name: str
    expires_at: dt.datetime | None = None


class TokenCreatedOut(TokenOut):
    secret: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101 — api_auth only returns users
    return user


def _token_out(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    user = _user(request)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "language": user.language,
        "memberships": [
            {
                "body_id": m.body_id,
                "body_name": m.body.name,
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "start_date": m.start_date,
                "end_date": m.end_date,
            }
            for m in memberships_of(user)
        ],
    }


@router.get("/tokens", response=list[TokenOut])
def tokens_list(request: HttpRequest) -> list[dict[str, object]]:
    return [_token_out(t) for t in api_tokens_for_user(_user(request))]


@router.post("/tokens", response={201: TokenCreatedOut})
def tokens_create(request: HttpRequest, payload: TokenCreateIn) -> Status[dict[str, object]]:
    user = _user(request)
    if getattr(request, "api_token", None) is not None:
        # A leaked token must not be able to mint long-lived successors.
        raise PermissionDeniedError(
            "Chỉ tạo được mã truy cập từ phiên đăng nhập / Tokens can only be created from a "
            "logged-in session",
            code="session_required",
        )
    token, secret = api_token_create(
        user=user, name=payload.name, expires_at=payload.expires_at, actor=user
    )
    return Status(201, {**_token_out(token), "secret": secret})


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def tokens_revoke(request: HttpRequest, token_id: int) -> dict[str, object]:
    user = _user(request)
    token = api_token_revoke(token=access_api_token(user, token_id), actor=user)
    return _token_out(token)
