"""Personal API tokens. The secret is shown once; only its SHA-256 is stored."""

import datetime as dt
import hashlib
import secrets
import unicodedata

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import ApiToken, User
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError

SECRET_PREFIX = "ntk_"  # noqa: S105 — a public marker, not a secret
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def api_token_create(
    *, user: User, name: str, expires_at: dt.datetime | None = None, actor: User | None = None
) -> tuple[ApiToken, str]:
    """Return ``(token, secret)``. ``actor`` defaults to ``user`` (people make their own tokens)."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name or len(name) > 100:
        raise ApplicationError(
            "Tên mã truy cập phải có từ 1 đến 100 ký tự / The token name must be 1–100 characters",
            code="invalid_name",
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            "Thời hạn phải ở tương lai / The expiry must be in the future", code="invalid_expiry"
        )
    if not user.is_active:
        raise ApplicationError("Tài khoản đã bị vô hiệu hóa / The account is disabled")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[:12],
        key_hash=token_hash(secret),
        expires_at=expires_at,
    )
    with transaction.atomic():
        token.save()
        audit_record(
            actor=actor or user,
            action="api_token.create",
            obj=token,
            after={"name": name, "prefix": token.prefix, "expires_at": expires_at},
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    if token.revoked_at is not None:
        raise ConflictError(
            "Mã truy cập đã bị thu hồi / The token has already been revoked",
            code="already_revoked",
        )
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor, action="api_token.revoke", obj=token, after={"prefix": token.prefix}
        )
    return token


def api_token_authenticate(*, secret: str) -> ApiToken | None:
    """The live token for ``secret`` (not revoked, not expired, active user), or None.

    Records ``last_used_at`` at most once a minute (not audited: it is a read).
    """
    if not secret.startswith(SECRET_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(secret)).first()
    now = timezone.now()
    if (
        token is None
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
    ):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
