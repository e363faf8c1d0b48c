"""Ninja schemas for the core API (``core/api.py``). Never shared with other apps."""

import datetime as dt
from typing import Any

from ninja import Field, Schema


class TermOut(Schema):
    id: int
    number: int
    label: str
    start_date: dt.date
    end_date: dt.date | None


class BodyOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    short_name: str
    kind: str
    level: str
    parent_id: int | None
    admin_unit_code: str | None
    total_members: int | None
    is_active: bool

    @staticmethod
    def resolve_admin_unit_code(obj: Any) -> str | None:
        return obj.admin_unit.code if obj.admin_unit_id else None


class BodyDetailOut(Schema):
    body: BodyOut
    current_term: TermOut | None
    children: list[BodyOut] = Field(
        description="Cơ quan trực thuộc người gọi được truy cập / Sub-bodies the caller may reach"
    )


class PersonOut(Schema):
    id: int
    full_name: str
    position: str


class MemberOut(Schema):
    id: int
    person: PersonOut
    role: str
    role_label: str
    term_id: int | None
    start_date: dt.date
    end_date: dt.date | None

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display())


class AdminUnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: str
    unit_type: str
    parent_code: str | None
    effective_from: dt.date
    effective_to: dt.date | None

    @staticmethod
    def resolve_parent_code(obj: Any) -> str | None:
        return obj.parent.code if obj.parent_id else None


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    admin_unit_code: str | None
    is_active: bool

    @staticmethod
    def resolve_admin_unit_code(obj: Any) -> str | None:
        return obj.admin_unit.code if obj.admin_unit_id else None


class ErrorOut(Schema):
    """The one error shape of the API."""

    code: str
    message: str
    detail: object | None = None
