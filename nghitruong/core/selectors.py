"""Reads of the shared kernel: administrative units (by date), elected bodies, terms, agencies.

Units are versioned rows (``effective_from`` / ``effective_to``); every unit read takes ``on`` (a
date, default today) and returns the rows in force that day. Body reads take the user and return
only bodies the user may reach (``accounts.permissions``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from nghitruong.accounts.models import Membership
from nghitruong.accounts.permissions import accessible_body_ids
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody, Term
from nghitruong.core.text import fold, nfc


def _day(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """Rows in force on ``on``: ``effective_from <= on`` and open-ended or ``effective_to >= on``."""
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


# --- administrative units ------------------------------------------------------------------


def unit_list(
    *,
    level: str | None = None,
    parent_code: str | None = None,
    on: dt.date | None = None,
    q: str | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Units in force on ``on``; ``q`` matches the name without diacritics (``"hoa"`` ~ ``"Hòa"``).

    Ordered by code; when ``q`` is given: names containing ``q`` exactly (with its accents) first,
    then whole-syllable matches without accents ("hoa" ~ "Hòa"), then other substrings ("Hoàn").
    """
    day = _day(on)
    qs = AdministrativeUnit.objects.filter(in_force_q(day)).select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    if q and nfc(q):
        term = nfc(q)
        key = fold(term)
        whole_words = (
            Q(search_key=key)
            | Q(search_key__startswith=f"{key} ")
            | Q(search_key__endswith=f" {key}")
            | Q(search_key__contains=f" {key} ")
        )
        return (
            qs.filter(Q(search_key__contains=key) | Q(code=term))
            .annotate(
                _rank=Case(
                    When(Q(name__contains=term) | Q(code=term), then=Value(0)),
                    When(whole_words, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("_rank", "code")
        )
    return qs.order_by("code")


def unit_get(*, code: str, on: dt.date | None = None) -> AdministrativeUnit:
    """The version of unit ``code`` in force on ``on``; NotFoundError if none."""
    unit = (
        AdministrativeUnit.objects.filter(in_force_q(_day(on)), code=code)
        .select_related("parent")
        .first()
    )
    if unit is None:
        raise NotFoundError("Không tìm thấy đơn vị hành chính / Administrative unit not found")
    return unit


def unit_history(*, code: str) -> list[AdministrativeUnit]:
    """Every version of unit ``code``, oldest first."""
    return list(AdministrativeUnit.objects.filter(code=code).order_by("effective_from"))


def unit_counts(*, on: dt.date | None = None) -> dict[str, int]:
    """Units in force by type, e.g. ``{"tinh": 28, "thanh_pho": 6, "xa": 2621, ...}``."""
    counts: dict[str, int] = {}
    for unit_type in AdministrativeUnit.objects.filter(in_force_q(_day(on))).values_list(
        "unit_type", flat=True
    ):
        counts[unit_type] = counts.get(unit_type, 0) + 1
    return counts


# --- elected bodies ------------------------------------------------------------------------


def body_list_for_user(*, user: object) -> QuerySet[ElectedBody]:
    """Bodies whose non-public data ``user`` may read (memberships, staff inheritance)."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_authenticated", False):
        return ElectedBody.objects.all().order_by("level", "code")
    return ElectedBody.objects.filter(id__in=accessible_body_ids(user)).order_by("level", "code")


def body_get_by_code(*, code: str) -> ElectedBody:
    """A body by its stable code, for commands and fixtures (no access check: not for views)."""
    try:
        return ElectedBody.objects.get(code=code)
    except ElectedBody.DoesNotExist as exc:
        raise NotFoundError("Không tìm thấy cơ quan / Body not found") from exc


def body_public_list(
    *, kind: str | None = None, parent: ElectedBody | None = None, active_only: bool = True
) -> QuerySet[ElectedBody]:
    """The public directory of bodies (names and structure are public information)."""
    qs = ElectedBody.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.select_related("admin_unit").order_by("level", "code")


def body_children(*, body: ElectedBody, user: object) -> QuerySet[ElectedBody]:
    """Direct sub-bodies of ``body`` that ``user`` may reach (empty if the body is not reachable)."""
    ids = accessible_body_ids(user)
    if body.pk not in ids:
        return ElectedBody.objects.none()
    return ElectedBody.objects.filter(parent=body, id__in=ids).order_by("code")


def body_members(
    *,
    body: ElectedBody,
    user: object,
    on: dt.date | None = None,
    role: str | None = None,
) -> QuerySet[Membership]:
    """Memberships of ``body`` current on ``on``. The caller obtained ``body`` via ``access_body``;
    an unreachable body still yields NotFoundError here (defence in depth)."""
    if body.pk not in accessible_body_ids(user):
        raise NotFoundError("Không tìm thấy cơ quan / Body not found")
    day = _day(on)
    qs = Membership.objects.filter(body=body, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    if role:
        qs = qs.filter(role=role)
    return qs.select_related("person", "term").order_by("role", "person__full_name")


def term_current(*, body: ElectedBody, on: dt.date | None = None) -> Term | None:
    """The term in force on ``on`` for ``body``; organs without terms of their own (committees,
    delegations, boards) use the term of the nearest ancestor that has terms (the NA, the council)."""
    day = _day(on)
    node: ElectedBody | None = body
    while node is not None:
        terms = Term.objects.filter(body=node)
        if terms.exists():
            return (
                terms.filter(start_date__lte=day)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
                .order_by("-number")
                .first()
            )
        node = node.parent
    return None


def term_list(*, body: ElectedBody) -> QuerySet[Term]:
    return Term.objects.filter(body=body).order_by("-number")


# --- agencies ------------------------------------------------------------------------------


@dataclass
class AgencyNode:
    agency: Agency
    children: list["AgencyNode"] = field(default_factory=list)


def agency_tree(*, root: Agency | None = None, active_only: bool = True) -> list[AgencyNode]:
    """The agency tree in one query: the roots (or ``root``'s subtree as a one-element list)."""
    qs = Agency.objects.select_related("admin_unit").order_by("code")
    if active_only:
        qs = qs.filter(is_active=True)
    nodes = {a.pk: AgencyNode(a) for a in qs}
    roots: list[AgencyNode] = []
    for node in nodes.values():
        parent = nodes.get(node.agency.parent_id) if node.agency.parent_id else None
        if parent is not None:
            parent.children.append(node)
        elif node.agency.parent_id is None or node.agency.parent_id not in nodes:
            roots.append(node)
    if root is not None:
        found = nodes.get(root.pk)
        return [found] if found is not None else []
    return roots


def agency_descendant_ids(*, agency: Agency) -> set[int]:
    """Ids of every agency below ``agency`` (not including it)."""
    found: set[int] = set()
    frontier = {agency.pk}
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - found
        found |= frontier
    return found


def agency_list(
    *,
    q: str | None = None,
    kind: str | None = None,
    province_code: str | None = None,
    active_only: bool = True,
) -> list[Agency]:
    """Agencies filtered by kind, province (``admin_unit`` code) and a diacritic-insensitive query."""
    qs = Agency.objects.select_related("parent", "admin_unit").order_by("code")
    if active_only:
        qs = qs.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if province_code:
        qs = qs.filter(admin_unit__code=province_code)
    agencies = list(qs)
    if q and nfc(q):
        term = nfc(q)
        key = fold(term)
        agencies = [
            a
            for a in agencies
            if key in fold(a.name) or key in fold(a.short_name) or a.code == term
        ]
        agencies.sort(key=lambda a: (term.lower() not in a.name.lower(), a.code))
    return agencies


def agency_get(*, code: str) -> Agency:
    try:
        return Agency.objects.select_related("parent", "admin_unit").get(code=code)
    except Agency.DoesNotExist as exc:
        raise NotFoundError("Không tìm thấy cơ quan / Agency not found") from exc
