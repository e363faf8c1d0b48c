"""The portal's identity check for "Dữ liệu cá nhân của tôi" (issue 5 §2).

Tracking code(s) + the e-mail or phone given → a one-time code to that e-mail (or by SMS,
``petitions.sms``) → once verified, the person's access request is recorded and the data shown.
The answer to the first step is the same whether or not the pair exists: a challenge is always
made, but a code is sent only when it matches, and an unmatched challenge can never be verified.

Rate limits reuse the portal's mechanism (``services.portal``: a sliding window of attempt times
per key in Django's cache) with their own keys and figures, ``PETITIONS_PRIVACY_LIMITS`` (per
client IP and per identity for starting; per IP for code attempts).
"""

import datetime as dt
import re
import secrets
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.text import nfc
from nghitruong.petitions import rules, sms, tracking
from nghitruong.petitions.models import PersonalDataChallenge, Petitioner
from nghitruong.petitions.models.privacy import Channel
from nghitruong.petitions.services.portal import RateLimitedError, rate_hit
from nghitruong.petitions.services.privacy import notify_on_commit, record_access

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "ip": (10, 600),
    "identity": (3, 3600),
    "verify_ip": (30, 600),
}
MAX_CODES = 10

RATE_LIMITED = (
    "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn, vui lòng thử lại sau / Too many requests "
    "in a short time, please try again later"
)
WRONG_CODE = "Mã xác minh không đúng / The verification code is wrong"
EXPIRED = (
    "Mã xác minh đã hết hạn, vui lòng yêu cầu mã mới / The verification code has expired, please "
    "ask for a new one"
)
LOCKED = (
    "Đã nhập sai mã quá số lần cho phép, vui lòng yêu cầu mã mới / Too many wrong codes, please "
    "ask for a new one"
)


# --- rate limits (the portal's mechanism, own keys) ----------------------------------------------


def limits() -> dict[str, tuple[int, int]]:
    return DEFAULT_LIMITS | dict(getattr(settings, "PETITIONS_PRIVACY_LIMITS", {}))


def _hit(kind: str, value: str, now: float) -> bool:
    return rate_hit("petitions:privacy:", limits(), kind, value, now)


# --- input --------------------------------------------------------------------------------------


def parse_contact(raw: str) -> tuple[str, str]:
    """``(channel, value)``: an e-mail (lower case) or a Vietnamese phone number (digits)."""
    text = nfc(raw or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as exc:
            raise ApplicationError(
                "Thư điện tử không hợp lệ / Invalid e-mail address",
                code="invalid_contact",
                detail="contact",
            ) from exc
        return Channel.EMAIL, text.lower()
    phone = sms.normalise_phone(text)
    if not 9 <= len(phone) <= 11:
        raise ApplicationError(
            "Cần thư điện tử hoặc số điện thoại đã ghi khi gửi kiến nghị / Enter the e-mail or "
            "phone number you gave with the petition",
            code="invalid_contact",
            detail="contact",
        )
    return Channel.SMS, phone


def parse_codes(raw: str) -> list[str]:
    """Tracking codes separated by commas, semicolons or new lines (spaces inside a code are ok).

    A code with a wrong check character is a typing error, reported as such: that says nothing
    about which codes exist (anyone can compute the check character)."""
    parts = [p for p in re.split(r"[,;\n\r]+", raw or "") if p.strip()]
    if not parts:
        raise ApplicationError(
            "Cần ít nhất một mã tra cứu / At least one tracking code is required",
            code="codes_required",
            detail="codes",
        )
    if len(parts) > MAX_CODES:
        raise ApplicationError(
            f"Tối đa {MAX_CODES} mã tra cứu / At most {MAX_CODES} tracking codes",
            code="too_many_codes",
            detail="codes",
        )
    bad = [p.strip() for p in parts if not tracking.is_valid(p)]
    if bad:
        raise ApplicationError(
            f"Mã tra cứu không hợp lệ: {', '.join(bad)} / Invalid tracking code",
            code="invalid_code",
            detail="codes",
        )
    return sorted({tracking.normalise(p) for p in parts})


def _matches(person: Petitioner, channel: str, value: str) -> bool:
    if channel == Channel.EMAIL:
        return bool(person.email) and person.email.lower() == value
    return bool(person.phone) and sms.normalise_phone(person.phone) == value


def _code_hash(token: str, code: str) -> str:
    return salted_hmac("petitions.privacy.otp", f"{token}:{code}").hexdigest()


# --- the identity check -------------------------------------------------------------------------


def personal_data_challenge_start(
    *, client_ip: str, codes: str, contact: str
) -> PersonalDataChallenge:
    """Step 1: make a challenge and send a one-time code if the codes and contact match.

    The result is the same for a matching and a non-matching pair (a new challenge whose token
    leads to the code form); only the owner of the contact receives a code.
    """
    code_list = parse_codes(codes)
    channel, value = parse_contact(contact)
    now_ts = time.time()
    if not _hit("ip", client_ip or "unknown", now_ts) or not _hit("identity", value, now_ts):
        raise RateLimitedError(RATE_LIMITED)
    candidates = Petitioner.objects.filter(
        petitions__tracking_code__in=code_list, anonymised_at__isnull=True
    ).distinct()
    matched = [p for p in candidates if _matches(p, channel, value)]
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**rules.OTP_DIGITS):0{rules.OTP_DIGITS}d}"
    now = timezone.now()
    with transaction.atomic():
        challenge = PersonalDataChallenge.objects.create(
            token=token,
            channel=channel,
            # Unmatched: the hash of a code nobody was sent, so every attempt fails the same way.
            code_hash=_code_hash(token, code if matched else secrets.token_hex(16)),
            created_at=now,
            expires_at=now + dt.timedelta(minutes=rules.OTP_TTL_MINUTES),
        )
        if matched:
            challenge.petitioners.set(matched)
            notify_on_commit(
                channel,
                value,
                "[Nghị Trường Số] Mã xác minh dữ liệu cá nhân",
                f"Mã xác minh của bạn: {code} (hiệu lực {rules.OTP_TTL_MINUTES} phút). Nếu bạn "
                f"không yêu cầu xem dữ liệu cá nhân trên Cổng kiến nghị, hãy bỏ qua tin này. / "
                f"Your verification code: {code} (valid {rules.OTP_TTL_MINUTES} minutes).",
            )
    return challenge


def personal_data_challenge_verify(
    *, token: str, code: str, client_ip: str
) -> PersonalDataChallenge:
    """Step 2: check the one-time code. A wrong code counts an attempt (kept even though the call
    fails); after ``rules.OTP_MAX_ATTEMPTS`` the challenge is locked. On success the person's
    access request is recorded (received → verified → completed)."""
    if not _hit("verify_ip", client_ip or "unknown", time.time()):
        raise RateLimitedError(RATE_LIMITED)
    failure = ""
    with transaction.atomic():
        challenge = PersonalDataChallenge.objects.select_for_update().filter(token=token).first()
        if challenge is None:
            raise NotFoundError("Không tìm thấy yêu cầu / Request not found")
        now = timezone.now()
        if challenge.verified_at is not None:
            return challenge
        if challenge.locked_at is not None:
            failure = LOCKED
        elif now >= challenge.expires_at:
            failure = EXPIRED
        else:
            right = constant_time_compare(
                _code_hash(token, (code or "").strip()), challenge.code_hash
            )
            if right and challenge.petitioners.exists():
                challenge.verified_at = now
                challenge.save(update_fields=["verified_at"])
                record_access(challenge)
                return challenge
            challenge.attempts += 1
            failure = WRONG_CODE
            if challenge.attempts >= rules.OTP_MAX_ATTEMPTS:
                challenge.locked_at = now
                failure = LOCKED
            challenge.save(update_fields=["attempts", "locked_at"])
    raise ApplicationError(
        failure,
        code={LOCKED: "otp_locked", EXPIRED: "otp_expired"}.get(failure, "otp_wrong"),
        detail="code",
    )
