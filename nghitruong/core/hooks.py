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

# Hooks whose payload is one list of ids: calls within one transaction are merged into a single
# call after commit (importing 17 laws re-indexes each work once, not once per service call).
COALESCED: dict[str, str] = {"document.changed": "work_ids", "document.deleted": "work_ids"}

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


class _Coalesced:
    """One after-commit delivery of a coalesced hook, gathering the ids of every call before it."""

    def __init__(self, name: str, key: str) -> None:
        self.name = name
        self.key = key
        self.ids: list[Any] = []
        self.delivered = False  # test helpers may run a callback and leave it in Django's list

    def __call__(self) -> None:
        self.delivered = True
        fire(self.name, **{self.key: list(dict.fromkeys(self.ids))})


def fire_on_commit(name: str, **payload: Any) -> None:
    """Call every subscriber after the current transaction commits (house rule 5).

    For a hook in ``COALESCED`` the ids of every call within one transaction join the callback
    already registered for it, so subscribers run once with all ids (in first-seen order). The
    pending callback lives in Django's own list, so a rollback discards it with its ids; ids added
    inside a savepoint that is later rolled back may still be delivered, which is harmless because
    subscribers refresh derived data idempotently and skip ids that no longer exist.
    """
    if name not in HOOKS:
        raise KeyError(f"unknown hook {name!r}")
    key = COALESCED.get(name)
    connection = transaction.get_connection()
    if key is None or set(payload) != {key} or not connection.in_atomic_block:
        transaction.on_commit(lambda: fire(name, **payload))
        return
    for _savepoints, func, _robust in connection.run_on_commit:
        if isinstance(func, _Coalesced) and func.name == name and not func.delivered:
            func.ids.extend(payload[key])
            return
    callback = _Coalesced(name, key)
    callback.ids.extend(payload[key])
    transaction.on_commit(callback)
