"""Reads of the search index: ``search`` (hits grouped by document, facets, snippets, jumps)."""

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from nghitruong.accounts.permissions import accessible_body_ids
from nghitruong.core.text import fold
from nghitruong.documents.permissions import staff_body_ids
from nghitruong.search.backends import UnitPredicate, get_backend
from nghitruong.search.backends.base import in_list
from nghitruong.search.models import SearchStats, SearchUnit
from nghitruong.search.query import SearchQuery, parse_query
from nghitruong.search.ranking import (
    FOLDED,
    CollectionStats,
    ParsedQuery,
    UnitVector,
    bigrams,
    score_units,
    unit_vector,
)
from nghitruong.search.services import paragraphs_of
from nghitruong.search.snippets import highlight

CANDIDATES = 30
PAGE_SIZE = 10
SNIPPETS_PER_DOCUMENT = 2
MARK_MIN_IDF = 0.5  # syllables in more than ~60% of units (và, của) are not highlighted
POSTINGS_BUDGET = 0.2
MIN_TERMS = 6
FILTERS = ("doc_type", "issuer", "year", "status", "field")
_UNIT_FIELDS = (
    "id",
    "key",
    "work_id",
    "provision_id",
    "document_key",
    "document_title",
    "document_number",
    "doc_type",
    "issuer",
    "year",
    "status",
    "fields",
    "number",
    "label",
    "heading",
    "text",
    "tokens",
)


@dataclass
class Hit:
    unit_id: int
    key: str
    work_id: int | None
    provision_id: int | None
    document_key: str
    document_title: str
    number: str
    label: str
    heading: str
    score: float
    snippet: str = ""


@dataclass
class DocumentGroup:
    document_key: str
    document_title: str
    work_id: int | None
    hits: list[Hit]


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]  # every ranked hit (at most CANDIDATES), best first
    groups: list[DocumentGroup]  # the requested page of documents, each with its hits
    total_documents: int
    page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    jump: Hit | None = None  # a citation / số ký hiệu the user may read


def access_predicate(user: object) -> UnitPredicate:
    """What ``user`` may read (documents.permissions rule, on the denormalised unit columns)."""
    pred = UnitPredicate()
    clauses = ["u.confidentiality = 'public'"]
    params: list[Any] = []
    internal = sorted(accessible_body_ids(user))
    if internal:
        sql, p = in_list("u.body_id", internal)
        clauses.append(f"(u.confidentiality = 'internal' AND {sql})")
        params += p
    staff = sorted(staff_body_ids(user))
    if staff:
        sql, p = in_list("u.body_id", staff)
        clauses.append(f"(u.confidentiality = 'confidential' AND {sql})")
        params += p
    pred.add(" OR ".join(clauses), *params)
    return pred


def _filter_predicate(pred: UnitPredicate, filters: dict[str, Any]) -> None:
    for name in ("doc_type", "issuer", "status"):
        if filters.get(name):
            pred.add(f"u.{name} = %s", str(filters[name]))
    if filters.get("year"):
        pred.add("u.year = %s", int(filters["year"]))
    if filters.get("field"):
        pred.add("u.fields LIKE %s", f"%|{filters['field']}|%")


@functools.lru_cache(maxsize=8192)
def _vector(tokens: str) -> UnitVector:
    return unit_vector(tokens)


def _document_frequencies(terms: set[str]) -> dict[str, int]:
    if not terms:
        return {}
    listed = sorted(terms)
    sql = (
        f"SELECT term, df FROM search_searchterm WHERE term IN ({', '.join(['%s'] * len(listed))})"  # noqa: S608 - placeholders only
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, listed)
        return dict(cursor.fetchall())


def _stats(terms: set[str]) -> CollectionStats:
    row = SearchStats.objects.filter(pk=1).first()
    units = row.units if row else 0
    df = _document_frequencies(terms)
    return CollectionStats(
        units=units,
        avg_length=(row.total_length / units) if row and units else 1.0,
        avg_paragraph=(row.paragraph_length / row.paragraphs) if row and row.paragraphs else 1.0,
        df=df,
    )


def _candidate_terms(parsed: ParsedQuery, stats: CollectionStats) -> list[str]:
    """The most selective query terms (folded syllables and bigrams) within a postings budget.

    Candidate generation cost grows with the postings it reads; the final scoring still uses
    every query term. Terms are taken rarest first until their summed document frequency reaches
    ``POSTINGS_BUDGET`` × the number of units (at least ``MIN_TERMS`` terms when present)."""
    present = [(stats.df.get(FOLDED + t, 0), t) for t in dict.fromkeys(parsed.folded_grams())]
    present = sorted(p for p in present if p[0] > 0)
    budget = POSTINGS_BUDGET * max(stats.units, 1)
    chosen: list[str] = []
    used = 0
    for df, term in present:
        if len(chosen) >= MIN_TERMS and used + df > budget:
            break
        chosen.append(term)
        used += df
    return chosen


def _hit(row: dict[str, Any], score: float) -> Hit:
    return Hit(
        unit_id=row["id"],
        key=row["key"],
        work_id=row["work_id"],
        provision_id=row["provision_id"],
        document_key=row["document_key"],
        document_title=row["document_title"],
        number=row["number"],
        label=row["label"] or (f"Điều {row['number']}" if row["number"] else ""),
        heading=row["heading"],
        score=round(score, 6),
    )


def _readable_rows(user: object, where: str, params: list[Any]) -> list[dict[str, Any]]:
    pred = access_predicate(user)
    sql = f"SELECT u.id FROM search_searchunit u WHERE {pred.where()} AND {where} ORDER BY u.id"  # noqa: S608 - constant SQL with %s parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pred.params, *params])
        ids = [row[0] for row in cursor.fetchall()]
    return list(SearchUnit.objects.filter(pk__in=ids).order_by("id").values(*_UNIT_FIELDS))


def _jump(query: SearchQuery, user: object) -> Hit | None:
    """The unit a citation or số ký hiệu names, if ``user`` may read it."""
    if query.document_number:
        prefix = query.document_number.split("/")[0] + "/%"
        rows = [
            r
            for r in _readable_rows(user, "u.document_number LIKE %s", [prefix])
            if fold(r["document_number"]) == query.document_number
        ]
        if rows:
            wanted = query.article_number
            chosen = next((r for r in rows if wanted and r["number"] == wanted), None)
            return _hit(chosen or min(rows, key=lambda r: r["id"]), 1.0)
    if query.article_number and query.article_document:
        for row in _readable_rows(user, "u.number = %s", [query.article_number]):
            if fold(row["document_title"]) == query.article_document:
                return _hit(row, 1.0)
    return None


def search(
    *,
    user: object,
    query: str,
    filters: dict[str, Any] | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    snippets: bool = True,
) -> SearchResult:
    """Rank the units ``user`` may read for ``query``; never returns an unreadable unit."""
    filters = {k: v for k, v in (filters or {}).items() if k in FILTERS and v not in (None, "")}
    parsed_query = parse_query(query)
    jump = _jump(parsed_query, user)
    parsed = ParsedQuery.from_text(query)
    empty = SearchResult(query=query, hits=[], groups=[], total_documents=0, page=page, jump=jump)
    if not parsed.folded:
        return empty
    terms = parsed.terms()
    stats = _stats(terms)
    any_terms = _candidate_terms(parsed, stats)
    all_terms: list[str] = []
    pred = access_predicate(user)
    _filter_predicate(pred, filters)
    for phrase in parsed_query.phrases:
        all_terms.extend(bigrams(phrase) or phrase)
        pred.add("u.folded LIKE %s", f"% {' '.join(phrase)} %")
    ids = get_backend().candidates(
        any_terms=any_terms, all_terms=all_terms, predicate=pred, limit=CANDIDATES
    )
    if not ids:
        return empty
    rows = {r["id"]: r for r in SearchUnit.objects.filter(pk__in=ids).values(*_UNIT_FIELDS)}
    ordered = [rows[i] for i in ids if i in rows]
    vectors = [_vector(r["tokens"]) for r in ordered]
    missing = {FOLDED + g for v in vectors for g in v.heading} - set(stats.df)
    if missing:
        stats.df.update(_document_frequencies(missing))
    scores = score_units(parsed, vectors, stats)
    ranked = sorted(zip(ordered, scores, strict=True), key=lambda rs: (-rs[1], rs[0]["id"]))
    hits = [_hit(r, s) for r, s in ranked]
    facets = _facets([r for r, _s in ranked])
    groups: dict[str, DocumentGroup] = {}
    for hit in hits:
        group = groups.setdefault(
            hit.document_key,
            DocumentGroup(hit.document_key, hit.document_title, hit.work_id, []),
        )
        group.hits.append(hit)
    all_groups = list(groups.values())
    page = max(1, page)
    shown = all_groups[(page - 1) * page_size : page * page_size]
    if snippets:
        marks = {t for t in parsed.folded if stats.idf(FOLDED + t) > MARK_MIN_IDF}
        row_of = {r["id"]: r for r, _s in ranked}
        for group in shown:
            for hit in group.hits[:SNIPPETS_PER_DOCUMENT]:
                row = row_of[hit.unit_id]
                hit.snippet = _snippet(row["text"], _vector(row["tokens"]), marks)
    return SearchResult(
        query=query,
        hits=hits,
        groups=shown,
        total_documents=len(all_groups),
        page=page,
        facets=facets,
        jump=jump,
    )


def _snippet(text: str, vector: UnitVector, marks: set[str]) -> str:
    """The paragraph with the most distinct query syllables, highlighted."""
    paragraphs = paragraphs_of(text)
    if not paragraphs:
        return ""
    best = 0
    if len(paragraphs) == len(vector.paragraphs):
        overlaps = [len(marks.intersection(counts)) for counts, _n in vector.paragraphs]
        best = max(range(len(overlaps)), key=lambda i: (overlaps[i], -i))
    return highlight(paragraphs[best], marks)


def _facets(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """Counts of ranked hits by type, issuer, year, status and field (most frequent first)."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FILTERS}
    for r in rows:
        for name in ("doc_type", "issuer", "status"):
            if r[name]:
                counters[name][r[name]] += 1
        if r["year"]:
            counters["year"][str(r["year"])] += 1
        for f in r["fields"].strip("|").split("|"):
            if f:
                counters["field"][f] += 1
    return {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for name, c in counters.items()}
