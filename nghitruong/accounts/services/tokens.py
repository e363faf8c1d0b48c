"""Personal API tokens. The secret is shown once; only its SHA-256 is stored."""

import datetime as dt
import hashlib
import secrets
import unicodedata
from collections.abc import Iterable

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
    if token is None or not _token_is_live(token, now):
        return None
    api_tokens_mark_used(tokens=[token])
    return token


def _token_is_live(token: ApiToken, now: dt.datetime) -> bool:
    """The validity rule shared by ``api_token_authenticate`` and ``api_tokens_resolve``."""
    return (
        token.revoked_at is None
        and (token.expires_at is None or token.expires_at > now)
        and token.user.is_active
    )


TOKEN_FIELDS = ("id", "key_hash", "user", "revoked_at", "expires_at", "last_used_at")


def api_tokens_resolve(secrets_: Iterable[str]) -> dict[str, ApiToken]:
    """Many secrets at once (a batch of ballots): ``{secret: live token}`` in ONE query, with
    exactly the rules of ``api_token_authenticate``; unknown or dead secrets are left out.
    A read: ``api_tokens_mark_used`` records the use."""
    by_hash = {token_hash(s): s for s in set(secrets_) if s.startswith(SECRET_PREFIX)}
    if not by_hash:
        return {}
    now = timezone.now()
    tokens = (
        ApiToken.objects.select_related("user")
        .only(*TOKEN_FIELDS, "user__username", "user__is_active", "user__is_superuser")
        .filter(key_hash__in_many=list(by_hash))
    )
    return {by_hash[t.key_hash]: t for t in tokens if _token_is_live(t, now)}


def api_tokens_mark_used(*, tokens: Iterable[ApiToken]) -> None:
    """Record ``last_used_at`` (at most once a minute per token, as ``api_token_authenticate``)
    with one UPDATE for the whole batch."""
    now = timezone.now()
    stale = [
        t for t in tokens if t.last_used_at is None or now - t.last_used_at >= LAST_USED_GRANULARITY
    ]
    if stale:
        ApiToken.objects.filter(pk__in_many=[t.pk for t in stale]).update(last_used_at=now)
        for token in stale:
            token.last_used_at = now
