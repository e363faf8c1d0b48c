"""Read-only queries for the UI shell: who is looking (``Viewer``), the navigation, the body page.

Selectors only (house rule 2): nothing here writes. Access is decided by
``nghitruong.accounts.permissions``; callers pass a body they already reached via ``access_body``.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership, Membership, Role
from nghitruong.accounts.permissions import (
    access_body,
    accessible_body_ids,
    current_memberships,
)
from nghitruong.core.models import Agency, ElectedBody, Term
from nghitruong.core.selectors import (
    body_children,
    body_members,
    body_public_list,
    term_current,
)
from nghitruong.core.text import fold

MEMBERS_PER_PAGE = 50
MEMBER_QUERY_MAX_LENGTH = 100

# Display order of roles on a body page: leadership first, then deputies, then staff.
ROLE_ORDER: list[str] = [
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.STANDING_MEMBER,
    Role.COMMITTEE_MEMBER,
    Role.DEPUTY,
    Role.SECRETARIAT,
    Role.BODY_ADMIN,
    Role.OBSERVER,
]


@dataclass(frozen=True)
class ViewerMembership:
    body: ElectedBody
    role: str
    role_label: str
    term: Term | None


@dataclass
class Viewer:
    """Everything the shell and the dashboard need to know about the signed-in user, loaded once."""

    user: Any
    memberships: list[ViewerMembership] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    is_system_admin: bool = False

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.memberships}

    @property
    def bodies(self) -> list[ElectedBody]:
        seen: dict[int, ElectedBody] = {}
        for m in self.memberships:
            seen.setdefault(m.body.pk, m.body)
        return list(seen.values())

    def memberships_with(self, *roles: str) -> list[ViewerMembership]:
        return [m for m in self.memberships if m.role in roles]


def _today() -> dt.date:
    return timezone.localdate()


def _current(qs: QuerySet[Any], day: dt.date) -> QuerySet[Any]:
    return qs.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


def viewer_for(*, user: Any) -> Viewer:
    if not getattr(user, "is_authenticated", False):
        return Viewer(user=user)
    rows = (
        current_memberships(user)
        .select_related("body", "body__parent", "term")
        .order_by("body__level", "body__name", "role")
    )
    memberships = [
        ViewerMembership(body=m.body, role=m.role, role_label=m.get_role_display(), term=m.term)
        for m in rows
    ]
    agencies = [
        am.agency
        for am in _current(AgencyMembership.objects.filter(user=user), _today())
        .select_related("agency", "agency__parent")
        .order_by("agency__name")
    ]
    return Viewer(
        user=user,
        memberships=memberships,
        agencies=agencies,
        is_system_admin=bool(
            getattr(user, "is_superuser", False) or getattr(user, "is_system_admin", False)
        ),
    )


def nav_bodies_for_user(*, user: Any) -> list[ElectedBody]:
    """The bodies shown in the main navigation: those the user belongs to directly."""
    if not getattr(user, "is_authenticated", False):
        return []
    body_ids = current_memberships(user).values_list("body_id", flat=True)
    return list(ElectedBody.objects.filter(pk__in=body_ids).order_by("level", "name"))


@dataclass(frozen=True)
class ChildBody:
    body: ElectedBody
    reachable: bool


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    count: int


@dataclass(frozen=True)
class BodyOverview:
    body: ElectedBody
    parent: ElectedBody | None
    parent_reachable: bool
    children: list[ChildBody]
    term: Term | None
    role_counts: list[RoleCount]
    member_total: int


def body_overview(*, body: ElectedBody, user: Any) -> BodyOverview:
    """What the body page shows above the member list. ``body`` was reached via ``access_body``."""
    reachable = accessible_body_ids(user)
    children = [
        ChildBody(body=child, reachable=child.pk in reachable)
        for child in body_public_list(parent=body)
    ]
    members = body_members(body=body, user=user).order_by()
    counts = dict(members.values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    labels = dict(Role.choices)
    role_counts = [
        RoleCount(role=role, label=str(labels[role]), count=counts[role])
        for role in ROLE_ORDER
        if counts.get(role)
    ]
    return BodyOverview(
        body=body,
        parent=body.parent,
        parent_reachable=body.parent_id is not None and body.parent_id in reachable,
        children=children,
        term=term_current(body=body),
        role_counts=role_counts,
        member_total=members.values("person_id").distinct().count(),
    )


def _role_rank() -> Case:
    return Case(
        *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )


def body_member_page(
    *, body: ElectedBody, user: Any, role: str = "", q: str = "", page: int = 1
) -> Page[Membership]:
    """Current members of ``body`` by role, optionally filtered by role and by name.

    The name filter ignores diacritics ("nguyen" finds "Nguyễn"); a body has at most a few hundred
    current members, so it is applied in Python over the role-filtered rows.
    """
    qs = (
        body_members(body=body, user=user, role=role or None)
        .annotate(role_rank=_role_rank())
        .order_by("role_rank", "person__full_name", "id")
    )
    rows: QuerySet[Membership] | list[Membership] = qs
    needle = fold(q)
    if needle:
        rows = [m for m in qs if needle in fold(m.person.full_name)]
    return Paginator(rows, MEMBERS_PER_PAGE).get_page(page)


@dataclass(frozen=True)
class BodyDetail:
    body: ElectedBody
    current_term: Term | None
    children: list[ElectedBody]


def body_api_detail(*, user: Any, body_id: int) -> BodyDetail:
    """A body for the API: NotFoundError unless ``user`` may reach it."""
    body = access_body(user, body_id)
    return BodyDetail(
        body=body,
        current_term=term_current(body=body),
        children=list(body_children(body=body, user=user).select_related("admin_unit")),
    )


def body_api_members(*, user: Any, body_id: int, role: str = "") -> QuerySet[Membership]:
    """Current members of a body the user may reach, leadership first (NotFoundError otherwise)."""
    body = access_body(user, body_id)
    return (
        body_members(body=body, user=user, role=role or None)
        .annotate(role_rank=_role_rank())
        .order_by("role_rank", "person__full_name", "id")
    )
