"""Helpers shared by the core services (not part of the public service API)."""

from typing import Any

from django.db import models

from nghitruong.core.exceptions import ApplicationError, PermissionDeniedError
from nghitruong.core.text import nfc


def is_reference_admin(actor: Any) -> bool:
    """System (``actor=None``: commands, loaders), superusers and system administrators maintain
    the reference data (units, the body tree, the agency tree)."""
    if actor is None:
        return True
    return bool(getattr(actor, "is_superuser", False) or getattr(actor, "is_system_admin", False))


def require_reference_admin(actor: Any) -> None:
    if not is_reference_admin(actor):
        raise PermissionDeniedError(
            "Bạn không có quyền sửa dữ liệu danh mục / You may not change reference data"
        )


def clean_name(value: str, *, field: str = "name") -> str:
    text = nfc(value or "")
    if not text:
        raise ApplicationError(
            "Tên không được để trống / The name must not be empty", code="required", detail=field
        )
    return text


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """Field values for the audit log (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for name in fields:
        f = obj._meta.get_field(name)
        out[name] = getattr(obj, f.attname if isinstance(f, models.Field) else name)
    return out


def unit_phrase(name: str) -> str:
    """A unit's name as it appears inside another name: ``"Tỉnh Cao Bằng"`` → ``"tỉnh Cao Bằng"``."""
    return name[:1].lower() + name[1:] if name else name
