"""The core API (mounted under /api/v1/): elected bodies, administrative units, agencies.

Bodies need a verified session or a personal token and return only what the caller may reach (a body
out of reach is a 404, as if it did not exist). Administrative units and agencies are public
reference data. Thin functions: parse, one selector, return.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import api_auth
from nghitruong.accounts.models import Role
from nghitruong.core.models import Agency
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import (
    AdminUnitOut,
    AgencyOut,
    BodyDetailOut,
    BodyOut,
    ErrorOut,
    MemberOut,
)
from nghitruong.core.selectors import agency_list, body_list_for_user, unit_list
from nghitruong.core.shell import body_api_detail, body_api_members

router = Router(tags=["core"])

AUTH_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
PUBLIC_ERRORS: dict[int, Any] = {422: ErrorOut}


@router.get(
    "/bodies", response={200: list[BodyOut], **AUTH_ERRORS}, auth=api_auth, url_name="list_bodies"
)
@paginate(BoundedPagination)
def list_bodies(request: HttpRequest) -> Any:
    """Các cơ quan dân cử người gọi được truy cập / Elected bodies the caller may reach."""
    return body_list_for_user(user=request.user).select_related("admin_unit")


@router.get(
    "/bodies/{body_id}",
    response={200: BodyDetailOut, **AUTH_ERRORS},
    auth=api_auth,
    url_name="get_body",
)
def get_body(request: HttpRequest, body_id: int) -> Any:
    """Một cơ quan dân cử, nhiệm kỳ hiện tại và các cơ quan trực thuộc / One body."""
    return body_api_detail(user=request.user, body_id=body_id)


class MemberFilter(Schema):
    role: Role | None = Field(None, description="Vai trò / Role")


@router.get(
    "/bodies/{body_id}/members",
    response={200: list[MemberOut], **AUTH_ERRORS},
    auth=api_auth,
    url_name="list_body_members",
)
@paginate(BoundedPagination)
def list_body_members(request: HttpRequest, body_id: int, filters: Query[MemberFilter]) -> Any:
    """Thành viên đương nhiệm của một cơ quan / Current members of a body."""
    return body_api_members(user=request.user, body_id=body_id, role=filters.role or "")


class UnitFilter(Schema):
    level: Literal["province", "commune"] | None = Field(None, description="Cấp / Level")
    parent: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="Mã tỉnh cha / Parent province code"
    )
    q: str | None = Field(None, max_length=100, description="Tìm theo tên / Name search")
    on: dt.date | None = Field(None, description="Hiệu lực vào ngày / In force on")


@router.get(
    "/admin-units",
    response={200: list[AdminUnitOut], **PUBLIC_ERRORS},
    auth=None,
    url_name="list_admin_units",
)
@paginate(BoundedPagination)
def list_admin_units(request: HttpRequest, filters: Query[UnitFilter]) -> Any:
    """Đơn vị hành chính đang hiệu lực (công khai) / Administrative units in force (public)."""
    return unit_list(level=filters.level, parent_code=filters.parent, on=filters.on, q=filters.q)


class AgencyFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Tìm theo tên / Name search")
    kind: Agency.Kind | None = Field(None, description="Loại cơ quan / Kind")
    province: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Mã tỉnh / Province code")


@router.get(
    "/agencies",
    response={200: list[AgencyOut], **PUBLIC_ERRORS},
    auth=None,
    url_name="list_agencies",
)
@paginate(BoundedPagination)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilter]) -> Any:
    """Cơ quan nhà nước (công khai) / State agencies (public)."""
    return agency_list(q=filters.q, kind=filters.kind, province_code=filters.province)
