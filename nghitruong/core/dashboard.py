"""The dashboard: a page composed of cards from a small registry that any app may add to.

An app registers its cards once, in its ``AppConfig.ready``::

    from nghitruong.core.dashboard import DashboardCard, register_card

    register_card(DashboardCard(
        key="meetings.upcoming",
        title=_("Kỳ họp sắp tới"),
        template="meetings/cards/upcoming.html",
        order=30,
        build=upcoming_meetings_card,   # (viewer: Viewer) -> dict | None
    ))

``build`` is a read-only selector: it returns the template context for the card, or ``None`` when the
card does not apply to this viewer (e.g. a deputy card for a secretariat officer). Cards are shown in
``order``, then ``key``. The card template receives ``card`` (the DashboardCard), ``viewer`` and the
dict returned by ``build``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from nghitruong.core.shell import Viewer, viewer_for


@dataclass(frozen=True)
class DashboardCard:
    key: str
    title: str | Promise
    template: str
    build: Callable[[Viewer], dict[str, Any] | None]
    order: int = 100

    @property
    def dom_id(self) -> str:
        """The card's HTML id: ``core.my_bodies`` → ``card-core-my-bodies``."""
        return "card-" + self.key.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class BuiltCard:
    card: DashboardCard
    context: dict[str, Any] = field(default_factory=dict)


_registry: dict[str, DashboardCard] = {}


def register_card(card: DashboardCard) -> None:
    """Add (or replace, by ``key``) a card. Idempotent, so ``ready()`` may run twice."""
    _registry[card.key] = card


def registered_cards() -> list[DashboardCard]:
    _load_core_cards()
    return sorted(_registry.values(), key=lambda c: (c.order, c.key))


def dashboard_build(*, user: Any) -> tuple[Viewer, list[BuiltCard]]:
    """The viewer summary and the cards that apply to them, in display order."""
    viewer = viewer_for(user=user)
    built: list[BuiltCard] = []
    for card in registered_cards():
        context = card.build(viewer)
        if context is not None:
            built.append(BuiltCard(card=card, context=context))
    return viewer, built


_core_loaded = False


def _load_core_cards() -> None:
    """Register the core's own cards on first use (core.cards imports this module)."""
    global _core_loaded
    if not _core_loaded:
        from nghitruong.core.cards import register_core_cards

        register_core_cards()
        _core_loaded = True
