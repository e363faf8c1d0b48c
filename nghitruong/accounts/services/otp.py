"""Second factor: TOTP devices (authenticator apps) and single-use recovery codes (SEC-AUTH-1)."""

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import User
from nghitruong.accounts.services.auth import InvalidOtpError, ensure_not_locked, register_failure
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError

RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"


def normalise_code(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


def totp_device_create(*, user: User, actor: User | None, key: str | None = None) -> TOTPDevice:
    """A new, unconfirmed authenticator secret (replacing any earlier unconfirmed one).

    ``key`` (40 hex digits) fixes the secret — only for demo data; normally it is random.
    """
    if key is not None and (len(key) != 40 or any(c not in "0123456789abcdef" for c in key)):
        raise ApplicationError("Khóa TOTP không hợp lệ / Invalid TOTP key", code="invalid_key")
    extra = {"key": key} if key is not None else {}
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, confirmed=False, **extra
        )
        audit_record(actor=actor, action="otp.totp_create", obj=device, after={"user_id": user.pk})
    return device


def totp_device_confirm(*, device: TOTPDevice, token: str, actor: User | None) -> TOTPDevice:
    """Confirm the device with a code from the app; it then replaces the user's other TOTP devices."""
    code = normalise_code(token)
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if locked.confirmed or not code.isdigit() or not locked.verify_token(code):
            raise InvalidOtpError()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=locked.user_id).exclude(pk=locked.pk).delete()
        audit_record(
            actor=actor, action="otp.totp_confirm", obj=locked, after={"user_id": locked.user_id}
        )
    device.refresh_from_db()
    return device


def recovery_codes_generate(*, user: User, actor: User | None) -> list[str]:
    """Ten fresh single-use codes; earlier codes stop working. Show the result once, store nothing."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        audit_record(
            actor=actor,
            action="otp.recovery_codes_generate",
            obj=device,
            after={"user_id": user.pk, "count": RECOVERY_CODE_COUNT},
        )
    return codes


def second_factor_verify(*, user: User, token: str, ip: str | None) -> Device:
    """Check a 6-digit TOTP code or a recovery code; a failure counts towards the lockout."""
    ensure_not_locked(user=user, ip=ip)
    code = normalise_code(token)
    device: Device | None = None
    with transaction.atomic():
        if code.isdigit():
            device = (
                TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            )
        elif code:
            device = (
                StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            )
        verified = device is not None and device.verify_token(code)
    if not verified or device is None:
        register_failure(user=user, username=user.username, ip=ip, reason="second_factor")
    if isinstance(device, StaticDevice):
        audit_record(
            actor=user,
            action="otp.recovery_code_used",
            obj=device,
            after={"remaining": device.token_set.count()},
        )
    return device
