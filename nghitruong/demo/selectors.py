"""Reads used by the demo seeders and commands (house rule 2: reads are selectors)."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Q
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import AgencyMembership, Membership, Person, Role, User
from nghitruong.accounts.permissions import STAFF_ROLES
from nghitruong.core.models import AdministrativeUnit, Agency, AuditEntry, ElectedBody, Term
from nghitruong.core.selectors import body_get_by_code, term_list, unit_list
from nghitruong.demo.accounts import DEMO_USERNAMES
from nghitruong.demo.common import NA_TERM_NUMBER
from nghitruong.demo.names import KINH
from nghitruong.meetings.demo import DEPUTY_ACCOUNT_PREFIX


def body(code: str) -> ElectedBody:
    return body_get_by_code(code=code)


def term_of(body: ElectedBody, number: int) -> Term:
    term = term_list(body=body).filter(number=number).first()
    if term is None:
        raise RuntimeError(
            f"{body.code}: term {number} missing — run the reference data load first"
        )
    return term


def communes_by_province(on: dt.date) -> dict[str, list[AdministrativeUnit]]:
    """Commune-level units in force on ``on``, grouped by province code (one query)."""
    grouped: dict[str, list[AdministrativeUnit]] = {}
    for unit in unit_list(level=AdministrativeUnit.Level.COMMUNE, on=on):
        if unit.parent is not None:
            grouped.setdefault(unit.parent.code, []).append(unit)
    return grouped


def member_count(body: ElectedBody, *, role: str | None = None, term: Term | None = None) -> int:
    """Memberships of demo people in ``body`` (used to tell whether a step already ran)."""
    qs = Membership.objects.filter(body=body, person__is_demo=True)
    if role:
        qs = qs.filter(role=role)
    if term is not None:
        qs = qs.filter(Q(term=term) | Q(term__isnull=True))
    return qs.count()


def first_plain_member(body: ElectedBody, role: str) -> Person | None:
    """The first demo person (by name) holding ``role`` in ``body`` who has no login yet and, for
    ``deputy``, holds no leading role anywhere (a plain deputy to show a deputy's view)."""
    qs = Membership.objects.filter(
        body=body, role=role, person__is_demo=True, person__user__isnull=True
    )
    if role == Role.DEPUTY:
        leaders = Membership.objects.filter(role__in=STAFF_ROLES).values("person_id")
        qs = qs.exclude(person_id__in=leaders)
    row = qs.select_related("person").order_by("person__full_name", "person_id").first()
    return row.person if row is not None else None


def account_user(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("person").first()


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes(user: User) -> list[str]:
    """The unused recovery codes of a demo account, oldest first (django-otp keeps them readable)."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("id")
        .values_list("token", flat=True)
    )


def agency_officer_exists(user: User, agency: Agency) -> bool:
    return AgencyMembership.objects.filter(user=user, agency=agency).exists()


def na_start() -> dt.date:
    """The first day of NA XVI (the start date of NA memberships, staff and officers)."""
    return term_of(body("qh"), NA_TERM_NUMBER).start_date


def document_count() -> int:
    from nghitruong.documents.models import Work  # the documents app may still be taking shape

    return Work.objects.count()


def audit_entry_count() -> int:
    return AuditEntry.objects.count()


def non_demo_usernames(limit: int = 5) -> list[str]:
    """Accounts that are not demo logins (nor the demo deputies' accounts, which cannot log in):
    their presence means this is not a demo database."""
    return list(
        User.objects.exclude(username__in=DEMO_USERNAMES)
        .exclude(
            username__startswith=DEPUTY_ACCOUNT_PREFIX,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )
        .order_by("username")
        .values_list("username", flat=True)[:limit]
    )


@dataclass(frozen=True)
class NaSummary:
    deputies: int
    women: int
    minorities: int
    delegations: int
    seats_min: int
    seats_max: int


def na_summary() -> NaSummary:
    """Head-counts of the NA XVI demo deputies (for the printed summary and the tests)."""
    na = body("qh")
    deputies = Person.objects.filter(
        is_demo=True, memberships__body=na, memberships__role=Role.DEPUTY
    ).distinct()
    per_delegation = list(
        Membership.objects.filter(
            body__kind=ElectedBody.Kind.NA_DELEGATION, body__parent=na, person__is_demo=True
        )
        .values("body_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("n", flat=True)
    )
    return NaSummary(
        deputies=deputies.count(),
        women=deputies.filter(gender=Person.Gender.FEMALE).count(),
        minorities=deputies.exclude(ethnicity=KINH).count(),
        delegations=len(per_delegation),
        seats_min=min(per_delegation, default=0),
        seats_max=max(per_delegation, default=0),
    )


def demo_person_names() -> set[str]:
    """Names of the demo people already stored (new demo people get other names)."""
    return set(Person.objects.filter(is_demo=True).values_list("full_name", flat=True))
