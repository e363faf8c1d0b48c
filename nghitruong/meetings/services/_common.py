"""Helpers shared by the meetings services (not part of the public API)."""

import unicodedata
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from nghitruong.accounts.models import Membership, Person
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.meetings.rules import MEMBER_ROLES

M = TypeVar("M", bound=models.Model)

NOT_A_MEMBER = (
    "Chỉ đại biểu của cơ quan mới thực hiện được thao tác này / "
    "Only members of the body may do this"
)


def clean_text(value: str | None, *, max_length: int, code: str, label: str) -> str:
    """NFC-normalised, stripped text of 1..max_length characters, else a clear error."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if not text or len(text) > max_length:
        raise ApplicationError(
            f"{label} phải có từ 1 đến {max_length} ký tự / "
            f"{label} must be 1–{max_length} characters",
            code=code,
        )
    return text


def optional_text(value: str | None, *, max_length: int) -> str:
    return unicodedata.normalize("NFC", value or "").strip()[:max_length]


def lock(obj: M) -> M:
    """Re-read ``obj`` under a row lock (PostgreSQL; SQLite serialises writers) and refresh it."""
    assert transaction.get_connection().in_atomic_block  # noqa: S101 - programming error guard
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    for field in obj._meta.concrete_fields:
        if not field.primary_key:
            setattr(obj, field.attname, getattr(fresh, field.attname))
    return obj


def require_state(obj: Any, *allowed: str, message: str, code: str = "wrong_state") -> None:
    if obj.state not in allowed:
        raise ConflictError(
            message, code=code, detail={"state": obj.state, "allowed": list(allowed)}
        )


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user_id=user.pk).first()


def member_person_ids(body: ElectedBody) -> list[int]:
    """People holding a member role (``rules.MEMBER_ROLES``) in ``body`` today, one per person."""
    day = timezone.localdate()
    return sorted(
        set(
            Membership.objects.filter(body=body, role__in=MEMBER_ROLES, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .values_list("person_id", flat=True)
        )
    )


def is_member(person: Person | None, body: ElectedBody) -> bool:
    if person is None:
        return False
    day = timezone.localdate()
    return (
        Membership.objects.filter(
            person=person, body=body, role__in=MEMBER_ROLES, start_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .exists()
    )


def require_member(user: Any, body: ElectedBody) -> Person:
    """The user's person if they are a current member of ``body``; else PermissionDeniedError."""
    person = person_of(user)
    if person is None or not is_member(person, body):
        raise PermissionDeniedError(NOT_A_MEMBER, code="not_a_member")
    return person
