"""Candidate generation behind one interface, chosen by the database vendor.

- ``sqlite``: an FTS5 virtual table ``search_unit_fts`` (rowid = unit id) over folded syllables and
  bigrams, ranked by FTS5's own BM25 (the embedded default);
- ``postgresql``: a ``tsvector`` table ``search_unit_tsv`` with a GIN index, ranked by ``ts_rank``.

Both return the ids of the best candidates that pass the access and filter predicate; the final
order comes from ``search.ranking`` so results are the same whichever backend runs.
"""

from django.db import connection

from nghitruong.search.backends.base import Backend, UnitPredicate
from nghitruong.search.backends.postgres import PostgresBackend
from nghitruong.search.backends.sqlite import SqliteBackend

__all__ = ["Backend", "UnitPredicate", "get_backend"]


def get_backend() -> Backend:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"search: no backend for database vendor {vendor!r}")
