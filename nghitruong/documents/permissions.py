"""Who may read which legal document. The one rule every list, page, API and search result uses.

Reading rule (issue 3 §2):
- ``public``       → everyone, including anonymous visitors.
- ``internal``     → users who reach the owning body (``accounts.permissions.accessible_body_ids``:
  a current member of the body, or staff of a body above it).
- ``confidential`` → only staff of the owning body (``accounts.permissions.is_staff_of``: chair,
  vice-chair, standing member, secretariat, body admin of the body or of a body above it).
  "Confidential" is restricted access, never a state-secret grade (those files are refused).

Writing (creating, editing, relations, versions) needs staff of the owning body.
``access_work`` / ``access_provision`` raise ``NotFoundError`` for a missing *or* unreadable object.
"""

from django.db.models import Q, QuerySet

from nghitruong.accounts.models import Membership
from nghitruong.accounts.permissions import (
    STAFF_ROLES,
    _descendant_ids,
    accessible_body_ids,
    current_memberships,
    is_staff_of,
)
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Confidentiality, Provision, Work

NOT_FOUND_WORK = "Không tìm thấy văn bản / Document not found"
NOT_FOUND_PROVISION = "Không tìm thấy điều khoản / Provision not found"


def staff_body_ids(user: object) -> set[int]:
    """Bodies of which the user is staff (directly, or through a body above): the set form of
    ``is_staff_of`` for filtering querysets."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(ElectedBody.objects.values_list("id", flat=True))
    memberships: QuerySet[Membership] = current_memberships(user)
    roots = set(memberships.filter(role__in=STAFF_ROLES).values_list("body_id", flat=True))
    return _descendant_ids(roots)


def readable_q(user: object, *, prefix: str = "") -> Q:
    """The readable-work predicate, for querysets of Work (or of related rows with ``prefix``,
    e.g. ``readable_q(user, prefix="expression__work__")`` on Provision)."""
    q = Q(**{f"{prefix}confidentiality": Confidentiality.PUBLIC})
    bodies = accessible_body_ids(user)
    if bodies:
        q |= Q(
            **{f"{prefix}confidentiality": Confidentiality.INTERNAL, f"{prefix}body_id__in": bodies}
        )
    staff = staff_body_ids(user)
    if staff:
        q |= Q(
            **{
                f"{prefix}confidentiality": Confidentiality.CONFIDENTIAL,
                f"{prefix}body_id__in": staff,
            }
        )
    return q


def readable_works(user: object) -> QuerySet[Work]:
    """Every work ``user`` may read (the search app filters its hits with this)."""
    return Work.objects.filter(readable_q(user))


def can_read_work(user: object, work: Work) -> bool:
    if work.confidentiality == Confidentiality.PUBLIC:
        return True
    if work.confidentiality == Confidentiality.INTERNAL:
        return work.body_id in accessible_body_ids(user)
    return is_staff_of(user, work.body)


def access_work(user: object, work_id: int) -> Work:
    """The work if ``user`` may read it; otherwise ``NotFoundError`` (existence never leaks)."""
    work = Work.objects.select_related("body").filter(pk=work_id).first()
    if work is None or not can_read_work(user, work):
        raise NotFoundError(NOT_FOUND_WORK)
    return work


def access_work_by_uri(user: object, frbr_uri: str) -> Work:
    work = Work.objects.select_related("body").filter(frbr_uri=frbr_uri).first()
    if work is None or not can_read_work(user, work):
        raise NotFoundError(NOT_FOUND_WORK)
    return work


def access_provision(user: object, provision_id: int) -> Provision:
    provision = (
        Provision.objects.select_related("expression__work__body").filter(pk=provision_id).first()
    )
    if provision is None or not can_read_work(user, provision.expression.work):
        raise NotFoundError(NOT_FOUND_PROVISION)
    return provision


def require_document_staff(user: object, body: ElectedBody) -> None:
    """Editing documents of ``body`` needs staff of it (or ``actor=None`` for system imports)."""
    if user is None:
        return
    if not is_staff_of(user, body):
        raise PermissionDeniedError(
            "Bạn không có quyền chỉnh sửa văn bản của cơ quan này / "
            "You may not edit documents of this body"
        )
