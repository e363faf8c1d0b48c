"""core.hooks: after-commit delivery, coalescing of id-list hooks, nothing on rollback."""

from typing import Any

import pytest
from django.db import transaction

from nghitruong.core import hooks


@pytest.fixture
def calls() -> Any:
    received: list[list[int]] = []

    def on_changed(*, work_ids: list[int]) -> None:
        received.append(list(work_ids))

    hooks.subscribe("document.changed", on_changed)
    yield received
    hooks._subscribers["document.changed"].remove(on_changed)


@pytest.mark.django_db(transaction=True)
def test_calls_in_one_transaction_are_delivered_once_after_commit(calls: Any) -> None:
    with transaction.atomic():
        hooks.fire_on_commit("document.changed", work_ids=[3, 1])
        hooks.fire_on_commit("document.changed", work_ids=[1, 7])
        assert calls == []
    assert calls == [[3, 1, 7]]


@pytest.mark.django_db(transaction=True)
def test_rollback_delivers_nothing_and_leaves_nothing_behind(calls: Any) -> None:
    def failing_write() -> None:
        with transaction.atomic():
            hooks.fire_on_commit("document.changed", work_ids=[5])
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_write()
    with transaction.atomic():
        hooks.fire_on_commit("document.changed", work_ids=[6])
    assert calls == [[6]]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_delivery_is_immediate(calls: Any) -> None:
    hooks.fire_on_commit("document.changed", work_ids=[9])
    assert calls == [[9]]


def test_unknown_hook_is_refused() -> None:
    with pytest.raises(KeyError):
        hooks.fire_on_commit("document.renamed", work_ids=[1])
