"""PostgreSQL candidate generation: a tsvector of folded syllables and bigrams, GIN-indexed.

Lexemes are written as tsvector/tsquery literals (no text-search parser), so the bigram tokens
("dat_dai") and Vietnamese letters are kept exactly as the ranking expects.
"""

from collections import defaultdict

from django.db import connection

from nghitruong.search.backends.base import UNIT_TABLE, Backend, UnitPredicate

MAX_POSITION = 16383


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(terms: list[str]) -> str:
    positions: dict[str, list[int]] = defaultdict(list)
    for i, term in enumerate(terms, start=1):
        if len(positions[term]) < 256:
            positions[term].append(min(i, MAX_POSITION))
    return " ".join(
        f"{_lexeme(t)}:{','.join(str(p) for p in sorted(set(ps)))}" for t, ps in positions.items()
    )


class PostgresBackend(Backend):
    vendor = "postgresql"

    def write(self, rows: list[tuple[int, list[str]]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                # Upsert: a row left behind by a flush of search_searchunit must not block reuse of its id.
                "INSERT INTO search_unit_tsv (unit_id, vec) VALUES (%s, %s::tsvector) "
                "ON CONFLICT (unit_id) DO UPDATE SET vec = EXCLUDED.vec",
                [(unit_id, tsvector_literal(terms)) for unit_id, terms in rows],
            )

    def delete(self, unit_ids: list[int]) -> None:
        if not unit_ids:
            return
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_unit_tsv WHERE unit_id = ANY(%s)", [unit_ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_unit_tsv")

    def candidates(
        self, *, any_terms: list[str], all_terms: list[str], predicate: UnitPredicate, limit: int
    ) -> list[int]:
        if not any_terms and not all_terms:
            return []
        parts = []
        if any_terms:
            parts.append("(" + " | ".join(_lexeme(t) for t in any_terms) + ")")
        parts.extend(_lexeme(t) for t in all_terms)
        query = " & ".join(parts)
        sql = (
            f"SELECT u.id FROM search_unit_tsv t JOIN {UNIT_TABLE} u ON u.id = t.unit_id, "  # noqa: S608 - constant SQL, values are %s parameters
            "CAST(%s AS tsquery) q "
            f"WHERE t.vec @@ q AND {predicate.where()} "
            "ORDER BY ts_rank(t.vec, q, 1) DESC, u.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, *predicate.params, limit])
            return [row[0] for row in cursor.fetchall()]
