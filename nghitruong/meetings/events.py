"""Meeting events for the real-time layer: fired after commit, delivered to registered listeners.

The real-time engineer subscribes a relay (SSE). Payloads carry ids and public state only — never a
note, never document content. Every payload names the sitting and ``state_secrets`` so the relay
can refuse to stream a sitting flagged as containing state secrets (security-integration SECRET-2).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

Listener = Callable[[str, dict[str, Any]], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def publish(event: str, payload: dict[str, Any]) -> None:
    """Call every listener; one failing listener neither stops the others nor the caller."""
    for listener in list(_listeners):
        try:
            listener(event, payload)
        except Exception:
            logger.exception("meetings event listener failed for %s", event)


def publish_on_commit(event: str, payload: dict[str, Any]) -> None:
    """Publish once the surrounding transaction commits (nothing is published on rollback)."""
    transaction.on_commit(lambda: publish(event, dict(payload)))
