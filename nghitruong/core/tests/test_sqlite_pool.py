"""The pooled SQLite backend: a closed connection is reused, clean, and only when safe."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction

from nghitruong.core.backends.sqlite3.base import idle_count

ALIAS = "pool_test"


@pytest.fixture
def unblocked(django_db_blocker: Any) -> Iterator[None]:
    """These tests open their own database files, outside the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def pooled(tmp_path: Path, unblocked: None) -> Iterator[tuple[Any, str]]:
    """A second database alias on a file of its own, with the pooled backend (pool of 2)."""
    name = str(tmp_path / "pool.sqlite3")
    connections.settings[ALIAS] = {
        "ENGINE": "nghitruong.core.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {"pool_size": 2, "transaction_mode": "IMMEDIATE"},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("CREATE TABLE t (v INTEGER)")
    connections[ALIAS].close()
    yield connections[ALIAS], name
    for _ in range(3):  # empty this file's pool: take every idle connection and really close it
        wrapper = connections[ALIAS]
        wrapper.ensure_connection()
        wrapper._really_close(wrapper.connection)
        wrapper.connection = None
    del connections[ALIAS]
    del connections.settings[ALIAS]


def _raw_in_thread() -> Any:
    """Connect from another thread (as the next ASGI request does) and return its raw connection."""
    got: list[Any] = []

    def work() -> None:
        wrapper = connections[ALIAS]
        wrapper.ensure_connection()
        got.append(wrapper.connection)
        wrapper.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return got[0]


def test_a_closed_connection_is_reused_by_the_next_thread(pooled: tuple[Any, str]) -> None:
    wrapper, name = pooled
    assert idle_count(name) == 1  # the fixture's own connection
    wrapper.ensure_connection()
    raw = wrapper.connection
    assert idle_count(name) == 0
    wrapper.close()
    assert (wrapper.connection, idle_count(name)) == (None, 1)
    assert _raw_in_thread() is raw
    assert idle_count(name) == 1
    with wrapper.cursor() as cursor:  # still in autocommit and usable
        cursor.execute("INSERT INTO t VALUES (1)")
    assert wrapper.get_autocommit() is True


def test_an_open_transaction_is_rolled_back_before_reuse(pooled: tuple[Any, str]) -> None:
    wrapper, name = pooled
    wrapper.ensure_connection()
    raw = wrapper.connection
    raw.execute("BEGIN")
    raw.execute("INSERT INTO t VALUES (7)")
    wrapper.close()
    assert (raw.in_transaction, idle_count(name)) == (False, 1)
    assert _raw_in_thread() is raw
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone() == (0,)


def test_closing_inside_an_atomic_block_really_closes(pooled: tuple[Any, str]) -> None:
    wrapper, name = pooled
    with transaction.atomic(using=ALIAS):
        wrapper.cursor().execute("INSERT INTO t VALUES (3)")
        raw = wrapper.connection
        wrapper.close()
        assert idle_count(name) == 0  # it took the idle one and did not give it back
    with pytest.raises(Exception, match="closed"):
        raw.execute("SELECT 1")
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone() == (0,)  # the insert died with its transaction


def test_the_pool_keeps_at_most_pool_size_idle_connections(pooled: tuple[Any, str]) -> None:
    _, name = pooled
    opened: list[Any] = []
    barrier = threading.Barrier(3)

    def work() -> None:
        wrapper = connections[ALIAS]
        wrapper.ensure_connection()
        opened.append(wrapper.connection)
        barrier.wait(timeout=10)  # all three hold a connection at once
        wrapper.close()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(c) for c in opened}) == 3
    assert idle_count(name) == 2


def test_in_memory_databases_are_never_pooled(unblocked: None) -> None:
    connections.settings["pool_mem"] = {
        "ENGINE": "nghitruong.core.backends.sqlite3",
        "NAME": ":memory:",
        "OPTIONS": {},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    try:
        wrapper = connections["pool_mem"]
        wrapper.ensure_connection()
        wrapper.close()  # Django keeps an in-memory connection open; nothing enters the pool
        assert idle_count(":memory:") == 0
        assert wrapper.connection is not None
    finally:
        connections["pool_mem"]._really_close(connections["pool_mem"].connection)
        del connections["pool_mem"]
        del connections.settings["pool_mem"]
