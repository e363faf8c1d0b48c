"""SQLite with a per-process pool of open connections, reused from one request to the next.

Under ASGI Django runs each request's synchronous code in a thread of its own with a connection of
its own, closed when the request ends (``DB_CONN_MAX_AGE=0``; a persistent connection would die with
its thread). A new SQLite connection is not free: its first statement parses the whole schema (≈ 350
tables and indexes, ≈ 2 ms), every statement is prepared anew (the statement cache is per
connection), and the last connection to close checkpoints the WAL and deletes it. Measured on the
public submission path under ASGI this was ≈ 7 ms of CPU per request (docs/benchmarks.md).

This backend keeps a closed connection open in a small per-process pool and gives it to the next
wrapper that connects (Django's PostgreSQL backend does the same with ``OPTIONS["pool"]``):

- a connection goes back only when no atomic block is open, after rolling back any transaction, so
  the next request starts exactly as on a fresh connection (autocommit, no locks held); per-connection
  settings (``PRAGMA foreign_keys``, the init command, Django's SQL functions) stay as set on opening;
- an in-memory database is never pooled (closing it would destroy it; Django keeps one open);
- at most ``OPTIONS["pool_size"]`` (default 8, ``0`` disables) idle connections per database file;
  the pool belongs to the process that opened them (keyed by pid, so a fork starts empty).

Connections are shared between threads one at a time: Django opens SQLite connections with
``check_same_thread=False`` and a connection is owned by one wrapper between take and return.
"""

import os
import sqlite3
import threading
from typing import Any

from django.db.backends.sqlite3 import base

DEFAULT_POOL_SIZE = 8

_lock = threading.Lock()
_idle: dict[tuple[Any, ...], list[sqlite3.Connection]] = {}


def idle_count(name: str) -> int:
    """Idle pooled connections of this process to the database file ``name`` (for tests)."""
    with _lock:
        return sum(len(v) for k, v in _idle.items() if k[0] == os.getpid() and k[1] == str(name))


class DatabaseWrapper(base.DatabaseWrapper):
    pool_size = DEFAULT_POOL_SIZE

    def get_connection_params(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_connection_params()
        self.pool_size = int(kwargs.pop("pool_size", DEFAULT_POOL_SIZE))
        return kwargs

    def _pool_key(self) -> tuple[Any, ...]:
        commands = tuple(getattr(self, "init_commands", ()))
        return (os.getpid(), str(self.settings_dict["NAME"]), commands)

    def _pooling(self) -> bool:
        return self.pool_size > 0 and not self.is_in_memory_db()

    def get_new_connection(self, conn_params: dict[str, Any]) -> sqlite3.Connection:
        if self._pooling():
            with _lock:
                idle = _idle.get(self._pool_key())
                if idle:
                    return idle.pop()  # the most recently used: its pages are warm
        conn: sqlite3.Connection = super().get_new_connection(conn_params)
        return conn

    def _close(self) -> None:
        conn = self.connection
        if conn is None:
            return
        if self.in_atomic_block or not self._pooling():
            self._really_close(conn)
            return
        try:
            if conn.in_transaction:
                conn.rollback()
        except sqlite3.Error:
            self._really_close(conn)  # unusable: do not hand it on
            return
        with _lock:
            idle = _idle.setdefault(self._pool_key(), [])
            if len(idle) < self.pool_size:
                idle.append(conn)
                return
        self._really_close(conn)

    def _really_close(self, conn: sqlite3.Connection) -> None:
        with self.wrap_database_errors:
            conn.close()
