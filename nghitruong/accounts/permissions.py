"""Who may reach which elected body, and in which role. The security choke point for tenancy.

Rules (issue 2 §4):
- A user reaches a body only through a current membership (or as a superuser).
- Holding a *staff* role (chair, vice-chair, standing member, secretariat, body admin) in a body also
  reaches every body below it (e.g. the NA secretariat reaches the committees and delegations).
- ``access_<entity>(user, id)`` raises ``NotFoundError`` when the object is missing *or* not
  reachable, so existence never leaks; ``require_role`` raises ``PermissionDeniedError``.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from nghitruong.accounts.models import Membership, Role
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody

STAFF_ROLES = frozenset(
    {Role.CHAIR, Role.VICE_CHAIR, Role.STANDING_MEMBER, Role.SECRETARIAT, Role.BODY_ADMIN}
)


def _today() -> dt.date:
    return timezone.localdate()


def current_memberships(user: object, *, on: dt.date | None = None) -> QuerySet[Membership]:
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    day = on or _today()
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    if person is None:
        return Membership.objects.none()
    return Membership.objects.filter(person=person, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def _descendant_ids(root_ids: Iterable[int]) -> set[int]:
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        children = set(
            ElectedBody.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        frontier = children - found
        found |= frontier
    return found


def accessible_body_ids(user: object) -> set[int]:
    """Every body whose non-public data the user may read."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(ElectedBody.objects.values_list("id", flat=True))
    cache = getattr(user, "_nt_body_ids", None)
    if cache is not None:
        return set(cache)
    rows = list(current_memberships(user).values_list("body_id", "role"))
    direct = {body_id for body_id, _role in rows}
    staff_roots = {body_id for body_id, role in rows if role in STAFF_ROLES}
    result = direct | _descendant_ids(staff_roots)
    user._nt_body_ids = frozenset(result)  # type: ignore[attr-defined]
    return result


def roles_in(user: object, body: ElectedBody) -> set[str]:
    """The roles the user holds directly in ``body`` (not inherited)."""
    return set(current_memberships(user).filter(body=body).values_list("role", flat=True))


def has_role(user: object, body: ElectedBody, *roles: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles_in(user, body) & set(roles))


def is_staff_of(user: object, body: ElectedBody) -> bool:
    """Staff of the body itself or of any body above it."""
    if getattr(user, "is_superuser", False):
        return True
    node: ElectedBody | None = body
    while node is not None:
        if roles_in(user, node) & STAFF_ROLES:
            return True
        node = node.parent
    return False


def access_body(user: object, body_id: int) -> ElectedBody:
    """The body, if the user may read its non-public data; otherwise NotFoundError."""
    if body_id not in accessible_body_ids(user):
        raise NotFoundError("Không tìm thấy cơ quan / Body not found")
    try:
        return ElectedBody.objects.get(pk=body_id)
    except ElectedBody.DoesNotExist as exc:
        raise NotFoundError("Không tìm thấy cơ quan / Body not found") from exc


def require_role(user: object, body: ElectedBody, *roles: str) -> None:
    if not has_role(user, body, *roles):
        raise PermissionDeniedError(
            "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
        )


def require_staff(user: object, body: ElectedBody) -> None:
    if not is_staff_of(user, body):
        raise PermissionDeniedError(
            "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
        )
