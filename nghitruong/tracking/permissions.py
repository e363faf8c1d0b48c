"""Who sees and who acts on which tasks and obligations (issue 6 §2, §4).

- Members of a body see its tasks; staff (chair, vice-chair, standing member, secretariat, body
  admin) manage them — also in the bodies below (NA secretariat → committees, delegations) —
  EXCEPT that staff inheritance never crosses into another People's Council: a provincial council
  does not see the tasks of the commune councils in its province ("each sees only its own").
- An agency officer (``AgencyMembership``) sees the tasks whose owner agency or co-operating
  agency is theirs; officers of the owner agency (and the owner person) report progress, request
  extensions and report completion. Co-operating agencies see and comment.
- Extensions are decided by staff of the body, never by the requester.
- Obligations: readable with their law (``documents.permissions.readable_q``); managed by staff of
  the law's body. ``access_*`` raise ``NotFoundError`` when missing *or* out of reach.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership
from nghitruong.accounts.permissions import STAFF_ROLES, current_memberships, is_staff_of
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.permissions import readable_q
from nghitruong.tracking.models import Obligation, Task

DENIED = "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
NOT_FOUND_TASK = "Không tìm thấy nhiệm vụ / Task not found"
NOT_FOUND_OBLIGATION = "Không tìm thấy nghĩa vụ / Obligation not found"
COUNCIL_KINDS = frozenset({ElectedBody.Kind.PROVINCIAL_COUNCIL, ElectedBody.Kind.COMMUNE_COUNCIL})


def agency_ids_of(user: object, *, on: dt.date | None = None) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    day = on or timezone.localdate()
    return set(
        AgencyMembership.objects.filter(user=user, start_date__lte=day)  # type: ignore[misc]
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("agency_id", flat=True)
    )


def _descendants_within_tenant(roots: set[int]) -> set[int]:
    """Bodies below ``roots``, not entering another People's Council (nor what lies below it)."""
    found = set(roots)
    frontier = set(roots)
    while frontier:
        children = set(
            ElectedBody.objects.filter(parent_id__in=frontier)
            .exclude(kind__in=COUNCIL_KINDS)
            .values_list("id", flat=True)
        )
        frontier = children - found
        found |= frontier
    return found


def tracking_body_ids(user: object) -> set[int]:
    """Bodies whose tasks the user reads as a member or staff."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(ElectedBody.objects.values_list("id", flat=True))
    rows = list(current_memberships(user).values_list("body_id", "role"))
    direct = {body_id for body_id, _role in rows}
    staff_roots = {body_id for body_id, role in rows if role in STAFF_ROLES}
    return direct | _descendants_within_tenant(staff_roots)


def tracking_staff_body_ids(user: object) -> set[int]:
    """Bodies whose tasks the user manages."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(ElectedBody.objects.values_list("id", flat=True))
    roots = set(
        current_memberships(user).filter(role__in=STAFF_ROLES).values_list("body_id", flat=True)
    )
    return _descendants_within_tenant(roots)


def task_scope(user: object) -> Q:
    """The tasks ``user`` may read, as a filter (matches nothing for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if getattr(user, "is_superuser", False):
        return Q()
    scope = Q(body_id__in=tracking_body_ids(user))
    agencies = agency_ids_of(user)
    if agencies:
        co = Task.co_agencies.through.objects.filter(agency_id__in=agencies).values("task_id")
        scope |= Q(owner_agency_id__in=agencies) | Q(pk__in=co)
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    if person is not None:
        scope |= Q(owner_person=person)
    return scope


def access_task(user: object, task_id: int) -> Task:
    task = (
        Task.objects.filter(task_scope(user), pk=task_id)
        .select_related("body", "owner_agency", "owner_person", "directive", "parent")
        .first()
    )
    if task is None:
        raise NotFoundError(NOT_FOUND_TASK)
    return task


def can_manage(user: object, task: Task) -> bool:
    return task.body_id in tracking_staff_body_ids(user)


def can_manage_body(user: object, body: ElectedBody) -> bool:
    return body.pk in tracking_staff_body_ids(user)


def is_owner(user: object, task: Task) -> bool:
    """An officer of the owner agency or the owner person."""
    if task.owner_agency_id is not None and task.owner_agency_id in agency_ids_of(user):
        return True
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    return person is not None and task.owner_person_id == person.pk


def can_report(user: object, task: Task) -> bool:
    return is_owner(user, task) or can_manage(user, task)


def require_manage_body(user: object, body: ElectedBody) -> None:
    if user is not None and not can_manage_body(user, body):
        raise PermissionDeniedError(DENIED)


def require_manage(user: object, task: Task) -> None:
    if user is not None and not can_manage(user, task):
        raise PermissionDeniedError(DENIED)


def require_report(user: object, task: Task) -> None:
    if user is None:  # the system (a guiding document closed the obligation behind the task)
        return
    if not can_report(user, task):
        raise PermissionDeniedError(
            "Chỉ cơ quan, người được giao hoặc cán bộ theo dõi mới báo cáo được / "
            "Only the owner or the body's staff may report",
            code="not_owner",
        )


def obligation_scope(user: object) -> Q:
    return readable_q(user, prefix="work__")


def access_obligation(user: object, obligation_id: int) -> Obligation:
    obligation = (
        Obligation.objects.filter(obligation_scope(user), pk=obligation_id)
        .select_related("work", "body", "authority_agency")
        .first()
    )
    if obligation is None:
        raise NotFoundError(NOT_FOUND_OBLIGATION)
    return obligation


def require_manage_obligation(user: object, obligation: Obligation) -> None:
    if user is not None and not is_staff_of(user, obligation.body):
        raise PermissionDeniedError(DENIED)
