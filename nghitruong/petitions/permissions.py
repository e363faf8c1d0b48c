"""Who sees and who acts on which petitions (issue 5 §7, PET-3).

- Staff and members of a body see the petitions that body (or a body below it) collected:
  a delegation its province's, a council its own (``accounts.permissions.accessible_body_ids``).
- Members of the NA Committee on People's Aspirations and Supervision see every NA-level petition
  (collected by the NA or a delegation).
- Agency officers (``AgencyMembership``) see the petitions currently assigned to their agency, as
  lead or co-agency, once assigned; only lead-agency officers answer.
- Intake, classification, routing and closing belong to staff of the owning body.
- The petitioner's personal data is visible to staff of the owning body only.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership
from nghitruong.accounts.permissions import accessible_body_ids, current_memberships, is_staff_of
from nghitruong.core.exceptions import PermissionDeniedError
from nghitruong.petitions.models import Petition

SUPERVISION_BODY_CODE = "qh-uy-ban-dan-nguyen-va-giam-sat"
NA_KINDS = ("na", "na_standing", "na_ethnic_council", "na_committee", "na_delegation")
AGENCY_VISIBLE = (
    Petition.Status.ASSIGNED,
    Petition.Status.ANSWERED,
    Petition.Status.BEING_RESOLVED,
    Petition.Status.RESOLVED,
    Petition.Status.FORWARDED,
    Petition.Status.CLOSED,
)

DENIED = "Bạn không có quyền thực hiện thao tác này / You may not perform this action"


def agency_ids_of(user: object, *, on: dt.date | None = None) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    day = on or timezone.localdate()
    return set(
        AgencyMembership.objects.filter(user=user, start_date__lte=day)  # type: ignore[misc]
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("agency_id", flat=True)
    )


def is_supervisor(user: object) -> bool:
    return current_memberships(user).filter(body__code=SUPERVISION_BODY_CODE).exists()


def petition_scope(user: object) -> Q:
    """The petitions ``user`` may read, as a filter (an empty match for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if getattr(user, "is_superuser", False):
        return Q()
    scope = Q(body_id__in=accessible_body_ids(user))
    if is_supervisor(user):
        scope |= Q(body__kind__in=NA_KINDS)
    agencies = agency_ids_of(user)
    if agencies:
        co = Petition.co_agencies.through.objects.filter(agency_id__in=agencies).values(
            "petition_id"
        )
        scope |= (Q(agency_id__in=agencies) | Q(pk__in=co)) & Q(status__in=AGENCY_VISIBLE)
    return scope


def can_manage(user: object, petition: Petition) -> bool:
    return is_staff_of(user, petition.body)


def require_manage(user: object, petition: Petition) -> None:
    if not can_manage(user, petition):
        raise PermissionDeniedError(DENIED)


def require_answer(user: object, petition: Petition) -> None:
    if getattr(user, "is_superuser", False):
        return
    if petition.agency_id is None or petition.agency_id not in agency_ids_of(user):
        raise PermissionDeniedError(
            "Chỉ cán bộ cơ quan được giao mới trả lời được / Only the assigned agency may answer",
            code="not_assigned_agency",
        )


def can_see_petitioner(user: object, petition: Petition) -> bool:
    return is_staff_of(user, petition.body)
