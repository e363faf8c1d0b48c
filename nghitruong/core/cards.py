"""The dashboard cards the core provides, one per kind of user (issue 2 §6).

- every member: the bodies they belong to, with their roles and the current term;
- a deputy: the terms they serve and the size of the body;
- a secretariat officer: the bodies they serve, including those below them;
- a body administrator: member counts by role and people without a login;
- an agency officer: the agencies they act for;
- a system administrator: counts of reference data and the audit chain, with a link to the admin;
- someone with no role yet: what to do next.

Later modules add their own cards with ``nghitruong.core.dashboard.register_card``.
"""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.core.dashboard import DashboardCard, register_card
from nghitruong.core.models import AdministrativeUnit, Agency, AuditChainHead, ElectedBody
from nghitruong.core.selectors import term_current
from nghitruong.core.shell import Viewer

DEPUTY_ROLES = (
    Role.DEPUTY,
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.STANDING_MEMBER,
    Role.COMMITTEE_MEMBER,
)


def _current_members(body_ids: list[int]) -> Any:
    today = timezone.localdate()
    return Membership.objects.filter(body_id__in=body_ids, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def my_bodies_card(viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.memberships:
        return None
    rows: dict[int, dict[str, Any]] = {}
    for m in viewer.memberships:
        row = rows.setdefault(
            m.body.pk,
            {"body": m.body, "roles": [], "term": term_current(body=m.body)},
        )
        row["roles"].append(m.role_label)
    return {"rows": list(rows.values())}


def deputy_card(viewer: Viewer) -> dict[str, Any] | None:
    mine = viewer.memberships_with(*DEPUTY_ROLES)
    if not mine:
        return None
    body_ids = sorted({m.body.pk for m in mine})
    sizes = dict(
        _current_members(body_ids)
        .filter(role__in=DEPUTY_ROLES)
        .values("body_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("body_id", "n")
    )
    rows = []
    for m in mine:
        term = m.term or term_current(body=m.body)
        rows.append(
            {"body": m.body, "role": m.role_label, "term": term, "members": sizes.get(m.body.pk, 0)}
        )
    return {"rows": rows}


def secretariat_card(viewer: Viewer) -> dict[str, Any] | None:
    mine = viewer.memberships_with(Role.SECRETARIAT)
    if not mine:
        return None
    roots = sorted({m.body.pk for m in mine})
    rows = []
    for body in ElectedBody.objects.filter(pk__in=roots).order_by("level", "name"):
        below = list(body.children.filter(is_active=True).order_by("code")[:12])
        rows.append(
            {
                "body": body,
                "below": below,
                "below_total": body.children.filter(is_active=True).count(),
            }
        )
    return {"rows": rows}


def body_admin_card(viewer: Viewer) -> dict[str, Any] | None:
    mine = viewer.memberships_with(Role.BODY_ADMIN)
    if not mine:
        return None
    labels = dict(Role.choices)
    rows = []
    for body in ElectedBody.objects.filter(pk__in={m.body.pk for m in mine}).order_by("name"):
        members = _current_members([body.pk])
        by_role = [
            {"label": labels[role], "count": n}
            for role, n in members.values_list("role").annotate(n=Count("id")).order_by("role")
        ]
        without_login = (
            Person.objects.filter(pk__in=members.values("person_id"), user__isnull=True)
            .distinct()
            .count()
        )
        rows.append({"body": body, "by_role": by_role, "without_login": without_login})
    return {"rows": rows}


def agency_card(viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.agencies:
        return None
    return {"agencies": viewer.agencies}


def system_admin_card(viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.is_system_admin:
        return None
    today = timezone.localdate()
    head = AuditChainHead.objects.filter(id=1).first()
    return {
        "stats": [
            (_("Cơ quan dân cử"), ElectedBody.objects.filter(is_active=True).count()),
            (
                _("Đơn vị hành chính đang hiệu lực"),
                AdministrativeUnit.objects.filter(effective_from__lte=today)
                .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
                .count(),
            ),
            (_("Cơ quan nhà nước"), Agency.objects.filter(is_active=True).count()),
            (_("Tài khoản hoạt động"), User.objects.filter(is_active=True).count()),
            (_("Bản ghi nhật ký"), head.last_seq if head else 0),
        ],
        "show_admin_link": bool(getattr(viewer.user, "is_staff", False)),
    }


def no_role_card(viewer: Viewer) -> dict[str, Any] | None:
    if viewer.memberships or viewer.agencies or viewer.is_system_admin:
        return None
    return {}


def register_core_cards() -> None:
    for card in (
        DashboardCard(
            "core.no_role", _("Chưa được phân công"), "core/cards/no_role.html", no_role_card, 0
        ),
        DashboardCard(
            "core.my_bodies", _("Cơ quan của tôi"), "core/cards/my_bodies.html", my_bodies_card, 10
        ),
        DashboardCard(
            "core.deputy", _("Nhiệm vụ đại biểu"), "core/cards/deputy.html", deputy_card, 20
        ),
        DashboardCard(
            "core.secretariat",
            _("Cơ quan tôi phục vụ"),
            "core/cards/secretariat.html",
            secretariat_card,
            20,
        ),
        DashboardCard(
            "core.body_admin",
            _("Quản trị đơn vị"),
            "core/cards/body_admin.html",
            body_admin_card,
            25,
        ),
        DashboardCard(
            "core.agency",
            _("Cơ quan nhà nước tôi đại diện"),
            "core/cards/agency.html",
            agency_card,
            20,
        ),
        DashboardCard(
            "core.system_admin",
            _("Quản trị hệ thống"),
            "core/cards/system_admin.html",
            system_admin_card,
            90,
        ),
    ):
        register_card(card)
