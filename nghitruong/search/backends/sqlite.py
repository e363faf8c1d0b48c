"""SQLite FTS5 candidate generation (embedded default)."""

from django.db import connection

from nghitruong.search.backends.base import UNIT_TABLE, Backend, UnitPredicate


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SqliteBackend(Backend):
    vendor = "sqlite"

    def write(self, rows: list[tuple[int, list[str]]]) -> None:
        # Drop any row left behind under the same id (e.g. after a flush of search_searchunit).
        self.delete([unit_id for unit_id, _terms in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_unit_fts (rowid, folded) VALUES (%s, %s)",
                [(unit_id, " ".join(terms)) for unit_id, terms in rows],
            )

    def delete(self, unit_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_unit_fts WHERE rowid = %s", [(i,) for i in unit_ids]
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_unit_fts")

    def candidates(
        self, *, any_terms: list[str], all_terms: list[str], predicate: UnitPredicate, limit: int
    ) -> list[int]:
        if not any_terms and not all_terms:
            return []
        parts = []
        if any_terms:
            parts.append("(" + " OR ".join(_quote(t) for t in any_terms) + ")")
        parts.extend(_quote(t) for t in all_terms)
        match = " AND ".join(parts)
        sql = (
            f"SELECT u.id FROM search_unit_fts f JOIN {UNIT_TABLE} u ON u.id = f.rowid "  # noqa: S608 - constant SQL, values are %s parameters
            f"WHERE search_unit_fts MATCH %s AND {predicate.where()} "
            "ORDER BY bm25(search_unit_fts) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *predicate.params, limit])
            return [row[0] for row in cursor.fetchall()]
