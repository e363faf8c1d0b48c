"""Versioned changes to administrative units (a rename, xã → phường, tỉnh → thành phố).

A unit code never changes and is never reused (Decision 19/2025/QĐ-TTg); a change of name or type
closes the row in force (``effective_to`` = the day before) and inserts a dated new row, so
"which units were in force on date D" stays answerable (``core.selectors.unit_list(on=D)``).
"""

import datetime as dt
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, NotFoundError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.core.services._common import clean_name, require_reference_admin, unit_phrase
from nghitruong.core.text import fold, nfc

TYPES_BY_LEVEL: dict[str, set[str]] = {
    AdministrativeUnit.Level.PROVINCE: {
        AdministrativeUnit.UnitType.PROVINCE,
        AdministrativeUnit.UnitType.CITY,
    },
    AdministrativeUnit.Level.COMMUNE: {
        AdministrativeUnit.UnitType.COMMUNE,
        AdministrativeUnit.UnitType.WARD,
        AdministrativeUnit.UnitType.SPECIAL_ZONE,
    },
}

# The type is part of the official name: "Xã Long Thành", "Phường Long Thành".
TYPE_PREFIX: dict[str, str] = {
    AdministrativeUnit.UnitType.PROVINCE: "Tỉnh",
    AdministrativeUnit.UnitType.CITY: "Thành phố",
    AdministrativeUnit.UnitType.COMMUNE: "Xã",
    AdministrativeUnit.UnitType.WARD: "Phường",
    AdministrativeUnit.UnitType.SPECIAL_ZONE: "Đặc khu",
}

_UNIT_FIELDS = ["code", "name", "short_name", "level", "unit_type", "parent", "effective_from"]


def _unit_state(unit: AdministrativeUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "unit_type": unit.unit_type,
        "effective_from": unit.effective_from.isoformat(),
        "effective_to": unit.effective_to.isoformat() if unit.effective_to else None,
        "legal_basis": unit.legal_basis,
    }


def _renamed(text: str, old_phrase: str, new_phrase: str) -> str:
    """``text`` with the unit phrase replaced, if it ends with it (derived names only)."""
    if old_phrase != new_phrase and text.endswith(old_phrase):
        return text[: len(text) - len(old_phrase)] + new_phrase
    return text


@transaction.atomic
def admin_unit_change(
    *,
    code: str,
    effective_from: dt.date,
    legal_basis: str,
    name: str | None = None,
    unit_type: str | None = None,
    actor: Any,
) -> AdministrativeUnit:
    """Record a change of name and/or type of unit ``code`` from ``effective_from``.

    If only the type changes, the name follows it ("Xã A" → "Phường A"). Bodies and agencies that
    point at the unit move to the new row, and names derived from the unit ("Hội đồng nhân dân
    xã A") follow the new name. Changes must be recorded in date order.
    """
    require_reference_admin(actor)
    basis = nfc(legal_basis or "")
    if not basis:
        raise ApplicationError(
            "Cần nêu căn cứ pháp lý / A legal basis is required", code="required"
        )
    current = (
        AdministrativeUnit.objects.select_for_update()
        .filter(code=code, effective_to__isnull=True)
        .first()
    )
    if current is None:
        raise NotFoundError("Không tìm thấy đơn vị hành chính / Administrative unit not found")
    if effective_from <= current.effective_from:
        raise ConflictError(
            "Ngày hiệu lực phải sau phiên bản hiện hành / The change must start after the current "
            f"version ({current.effective_from.isoformat()})",
            code="not_after_current",
        )
    new_type = unit_type or current.unit_type
    if new_type not in TYPES_BY_LEVEL[current.level]:
        raise ApplicationError(
            "Loại đơn vị không hợp lệ cho cấp này / Unit type not valid for this level",
            code="invalid_type",
            detail=new_type,
        )
    if name is not None:
        new_name = clean_name(name)
    elif new_type != current.unit_type:
        new_name = f"{TYPE_PREFIX[new_type]} {current.short_name}"
    else:
        new_name = current.name
    if new_name == current.name and new_type == current.unit_type:
        raise ApplicationError("Không có thay đổi nào / Nothing changes", code="no_change")
    short_name = current.short_name
    prefix = TYPE_PREFIX[new_type] + " "
    if new_name.startswith(prefix):
        short_name = new_name[len(prefix) :]
    before = _unit_state(current)
    current.effective_to = effective_from - dt.timedelta(days=1)
    current.save(update_fields=["effective_to"])
    new = AdministrativeUnit.objects.create(
        code=current.code,
        name=new_name,
        short_name=short_name,
        search_key=fold(new_name),
        level=current.level,
        unit_type=new_type,
        parent=current.parent,
        effective_from=effective_from,
        legal_basis=basis[:200],
    )
    # Children in force and living entities (councils, their boards, delegations, agencies) follow
    # the unit to its new row.
    AdministrativeUnit.objects.filter(parent=current, effective_to__isnull=True).update(parent=new)
    old_phrase, new_phrase = unit_phrase(current.name), unit_phrase(new.name)
    renamed: list[str] = []
    for body in ElectedBody.objects.filter(admin_unit=current):
        body.admin_unit = new
        body.name = _renamed(body.name, old_phrase, new_phrase)
        body.short_name = _renamed(body.short_name, old_phrase, new_phrase)[:60]
        body.save(update_fields=["admin_unit", "name", "short_name", "updated_at"])
        renamed.append(body.code)
    for agency in Agency.objects.filter(admin_unit=current):
        agency.admin_unit = new
        agency.name = _renamed(agency.name, old_phrase, new_phrase)
        agency.save(update_fields=["admin_unit", "name", "updated_at"])
        renamed.append(agency.code)
    audit_record(
        actor=actor,
        action="admin_unit.change",
        obj=new,
        before=before,
        after={**_unit_state(new), "renamed": sorted(renamed)},
    )
    return new
