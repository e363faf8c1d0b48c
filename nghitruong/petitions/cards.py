"""The petitions card on the staff dashboard: new, awaiting moderation, due soon, overdue."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from nghitruong.core.dashboard import DashboardCard, register_card
from nghitruong.core.shell import Viewer
from nghitruong.petitions.selectors_public import dashboard_counts, has_petition_role


def petitions_card(viewer: Viewer) -> dict[str, Any] | None:
    if not has_petition_role(viewer.user):
        return None
    return dashboard_counts(user=viewer.user)


def register_cards() -> None:
    register_card(
        DashboardCard(
            key="petitions.counts",
            title=_("Kiến nghị cử tri"),
            template="petitions/cards/counts.html",
            build=petitions_card,
            order=40,
        )
    )
