"""The public portal's writes: rate-limited online submission and the moderation queue (§2).

Rate limits (per client IP and per identity, e-mail or phone) use Django's cache, a sliding
window of submission times per key; the figures are settings
(``PETITIONS_SUBMIT_LIMITS = {"ip": (count, seconds), "identity": (count, seconds)}``). A retry
with an idempotency key that already made a petition is a replay and never counts. With the
default local-memory cache the limit is per process; production sets ``REDIS_URL``.
"""

import hashlib
import re
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AdministrativeUnit, ElectedBody
from nghitruong.core.text import nfc
from nghitruong.petitions.models import Petition, PetitionField
from nghitruong.petitions.permissions import require_manage
from nghitruong.petitions.services._common import event, lock, require_reason, snapshot
from nghitruong.petitions.services.intake import PetitionerData, petition_submit_online

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {"ip": (5, 600), "identity": (3, 3600)}
DEFAULT_PUBLIC_CONTENT_MAX = 5_000


class RateLimitedError(ApplicationError):
    status_code = 429
    default_code = "rate_limited"


def limits() -> dict[str, tuple[int, int]]:
    return DEFAULT_LIMITS | dict(getattr(settings, "PETITIONS_SUBMIT_LIMITS", {}))


def public_content_max() -> int:
    return int(getattr(settings, "PETITIONS_PUBLIC_CONTENT_MAX", DEFAULT_PUBLIC_CONTENT_MAX))


def identity_of(petitioner: PetitionerData | None) -> str:
    """The e-mail (lower case) or else the phone digits: who is submitting, for the limit."""
    if petitioner is None:
        return ""
    email = nfc(petitioner.email).lower()
    return email or re.sub(r"\D", "", petitioner.phone or "")


def rate_hit(
    prefix: str, limits: dict[str, tuple[int, int]], kind: str, value: str, now: float
) -> bool:
    """Record one attempt under (kind, value) in the sliding window of cache key
    ``prefix + kind + ":" + sha256(value)``; False when the window is already full."""
    count, window = limits[kind]
    key = prefix + kind + ":" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    recent = [t for t in cache.get(key, []) if t > now - window]
    if len(recent) >= count:
        return False
    recent.append(now)
    cache.set(key, recent, window)
    return True


def _hit(kind: str, value: str, now: float) -> bool:
    """Record one attempt under (kind, value); False when the window is already full."""
    return rate_hit("petitions:rl:", limits(), kind, value, now)


def petition_submit_public(
    *,
    client_ip: str,
    idempotency_key: str,
    body: ElectedBody,
    content: str,
    province: AdministrativeUnit | None = None,
    commune: AdministrativeUnit | None = None,
    field: PetitionField | None = None,
    petitioner: PetitionerData | None = None,
    consent: bool = False,
    is_denunciation: bool = False,
) -> tuple[Petition, bool]:
    """A citizen's submission from the portal or the public API: size and rate limits, then
    ``petition_submit_online`` (idempotent; the petition waits for moderation)."""
    kwargs: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "body": body,
        "content": content,
        "province": province,
        "commune": commune,
        "field": field,
        "petitioner": petitioner,
        "consent": consent,
        "is_denunciation": is_denunciation,
    }
    if Petition.objects.filter(idempotency_key=idempotency_key).exists():
        return petition_submit_online(**kwargs)  # a replay: same answer, not counted
    limit = public_content_max()
    if len(nfc(content or "")) > limit:
        raise ApplicationError(
            f"Nội dung kiến nghị gửi trực tuyến tối đa {limit} ký tự / Online petitions are "
            f"limited to {limit} characters",
            code="content_too_long",
            detail="content",
        )
    now = time.time()
    identity = identity_of(petitioner)
    if not _hit("ip", client_ip or "unknown", now) or (
        identity and not _hit("identity", identity, now)
    ):
        raise RateLimitedError(
            "Bạn đã gửi quá nhiều kiến nghị trong thời gian ngắn, vui lòng thử lại sau / Too "
            "many submissions in a short time, please try again later"
        )
    return petition_submit_online(**kwargs, key_checked=True)


@transaction.atomic
def petition_moderate(
    *, actor: Any, petition: Petition, approve: bool, reason: str = ""
) -> Petition:
    """Approve a public submission for routing, or refuse it with a public reason."""
    require_manage(actor, petition)
    petition = lock(petition)
    if petition.moderation != Petition.Moderation.PENDING:
        raise ConflictError(
            "Kiến nghị không ở trạng thái chờ kiểm duyệt / The petition is not awaiting moderation",
            code="not_pending",
        )
    before = snapshot(petition) | {"moderation": petition.moderation}
    if approve:
        why = nfc(reason or "")
        petition.moderation = Petition.Moderation.APPROVED
        event(petition, "moderation.approved", "Đã duyệt, chuyển xử lý")
    else:
        why = require_reason(reason)
        petition.moderation = Petition.Moderation.REJECTED
        event(petition, "moderation.rejected", f"Không tiếp nhận: {why}")
    petition.moderation_reason = why
    petition.save(update_fields=["moderation", "moderation_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="petition.moderate",
        obj=petition,
        body=petition.body,
        before=before,
        after=snapshot(petition) | {"moderation": petition.moderation, "reason": why},
    )
    return petition
