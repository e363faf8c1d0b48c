"""Reads for the accounts app (house rule 2)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import ApiToken, Membership, User
from nghitruong.accounts.permissions import STAFF_ROLES, current_memberships
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.models import ElectedBody


def user_requires_second_factor(user: Any) -> bool:
    """Staff and deputies must use a second factor: anyone with a current membership, Django
    staff, superusers and system administrators (SEC-AUTH-1)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser or getattr(user, "is_system_admin", False):
        return True
    return current_memberships(user).exists()


def user_is_admin(user: Any) -> bool:
    """Administrators get the short idle timeout (5 minutes)."""
    return bool(
        getattr(user, "is_superuser", False)
        or getattr(user, "is_system_admin", False)
        or getattr(user, "is_staff", False)
    )


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def user_has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_remaining(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device is not None else 0


def user_is_verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def second_factor_state(user: Any) -> str:
    """ "ok" (may proceed), "verify" (has a device, must enter a code) or "enrol" (must set one up)."""
    if user_is_verified(user):
        return "ok"
    if user_has_second_factor(user):
        return "verify"
    if user_requires_second_factor(user):
        return "enrol"
    return "ok"


def api_tokens_for_user(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def access_api_token(user: Any, token_id: int) -> ApiToken:
    """The user's own token; anyone else's is reported as missing."""
    user_id = getattr(user, "pk", None)
    token = ApiToken.objects.filter(pk=token_id, user_id=user_id).first() if user_id else None
    if token is None:
        raise NotFoundError("Không tìm thấy mã truy cập / Token not found")
    return token


def memberships_of(user: Any) -> QuerySet[Membership]:
    return current_memberships(user).select_related("body", "term").order_by("body__name", "role")


def users_reaching_body(*, users: Iterable[Any], body: ElectedBody) -> set[int]:
    """The ids of those ``users`` who reach ``body`` (``body.pk in accessible_body_ids(user)``),
    for many users at once (a batch of ballots): the same rule as
    ``permissions.accessible_body_ids`` — a superuser, a current membership in the body, or a
    current staff role in a body above it — in one query plus one per level of the body tree."""
    users = [u for u in users if getattr(u, "is_authenticated", False)]
    if not users:
        return set()
    supers = {u.pk for u in users if getattr(u, "is_superuser", False)}
    ancestors: list[int] = []
    node = body.parent
    while node is not None:
        ancestors.append(node.pk)
        node = node.parent
    day = timezone.localdate()
    rows = (
        Membership.objects.filter(
            person__user_id__in_many=[u.pk for u in users], start_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .filter(Q(body_id=body.pk) | Q(body_id__in=ancestors, role__in=STAFF_ROLES))
        .values_list("person__user_id", flat=True)
    )
    return {uid for uid in rows if uid is not None} | supers
