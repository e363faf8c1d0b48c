"""A tiny, explicit publish/subscribe for cross-app *derived data* (not business logic).

Used where a lower app must let a higher app refresh what it derives, without importing it (the
dependency direction is core ← accounts ← documents ← search ...). Example: the documents app fires
``document.changed`` after commit; the search app, in its ``AppConfig.ready``, subscribes and
re-indexes. Subscribers must be idempotent. Every hook name is listed in ``HOOKS`` with its payload.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

HOOKS: dict[str, str] = {
    "document.changed": "work_ids: list[int] — works created, edited or re-versioned",
    "document.deleted": "work_ids: list[int] — works removed",
    "tracking.reminder": "task_id: int, deadline: date, days_before: int — a task deadline is near",
}

_subscribers: dict[str, list[Callable[..., Any]]] = defaultdict(list)


def subscribe(name: str, fn: Callable[..., Any]) -> None:
    if name not in HOOKS:
        raise KeyError(f"unknown hook {name!r}; declare it in core.hooks.HOOKS")
    if fn not in _subscribers[name]:
        _subscribers[name].append(fn)


def fire(name: str, **payload: Any) -> None:
    """Call every subscriber now (use inside tasks or commands that manage their own commit)."""
    if name not in HOOKS:
        raise KeyError(f"unknown hook {name!r}")
    for fn in list(_subscribers[name]):
        fn(**payload)


def fire_on_commit(name: str, **payload: Any) -> None:
    """Call every subscriber after the current transaction commits (house rule 5)."""
    transaction.on_commit(lambda: fire(name, **payload))
