"""Writes of the search index (derived data): index units, re-index works, drop works.

Every function is idempotent: re-indexing a unit replaces it, and document frequencies and
collection statistics are kept exact by subtracting what a replaced unit contributed.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from nghitruong.core.text import fold_syllable, search_syllables
from nghitruong.search.backends import get_backend
from nghitruong.search.models import SearchStats, SearchTerm, SearchUnit
from nghitruong.search.ranking import SEPARATOR, grams, split_parts, unit_document, unit_terms


@dataclass
class UnitInput:
    """One provision to index (what the documents app or a test hands over)."""

    key: str
    document_key: str
    document_title: str
    heading: str
    text: str
    number: str = ""
    label: str = ""
    order: int = 0
    work_id: int | None = None
    provision_id: int | None = None
    document_number: str = ""
    doc_type: str = ""
    issuer: str = ""
    year: int | None = None
    status: str = ""
    fields: tuple[str, ...] = ()
    body_id: int | None = None
    confidentiality: str = "public"


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _tokens(unit: UnitInput) -> str:
    parts = [unit.document_title, unit.heading, *paragraphs_of(unit.text)]
    return f" {SEPARATOR} ".join(" ".join(search_syllables(p)) for p in parts)


def _fulltext_terms(parts: list[list[str]]) -> list[str]:
    out: list[str] = []
    for seq in unit_document(parts):
        out.extend(grams([fold_syllable(t) for t in seq]))
    return out


def _apply_df(delta: Counter[str]) -> None:
    rows = [(term[:200], n) for term, n in delta.items() if n]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_searchterm (term, df) VALUES (%s, %s) "
            "ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df + excluded.df",
            rows,
        )
        if any(n < 0 for _t, n in rows):
            cursor.execute("DELETE FROM search_searchterm WHERE df <= 0")


def _stats() -> SearchStats:
    stats, _created = SearchStats.objects.select_for_update().get_or_create(pk=1)
    return stats


def _remove(units: Iterable[SearchUnit], delta: Counter[str], stats: SearchStats) -> list[int]:
    ids = []
    for unit in units:
        parts = split_parts(unit.tokens)
        terms, length = unit_terms(parts)
        delta.subtract(terms)
        stats.units -= 1
        stats.total_length -= length
        stats.paragraphs -= len(parts[2:])
        stats.paragraph_length -= sum(len(p) for p in parts[2:])
        ids.append(unit.pk)
    return ids


def _replace(old: list[SearchUnit], new: list[UnitInput]) -> list[SearchUnit]:
    backend = get_backend()
    delta: Counter[str] = Counter()
    with transaction.atomic():
        stats = _stats()
        old_ids = _remove(old, delta, stats)
        if old_ids:
            backend.delete(old_ids)
            SearchUnit.objects.filter(pk__in=old_ids).delete()
        rows = []
        parsed = []
        for unit in new:
            tokens = _tokens(unit)
            parts = split_parts(tokens)
            terms, length = unit_terms(parts)
            delta.update(terms)
            stats.units += 1
            stats.total_length += length
            stats.paragraphs += len(parts[2:])
            stats.paragraph_length += sum(len(p) for p in parts[2:])
            folded = " ".join(fold_syllable(t) for p in parts for t in p)
            parsed.append(parts)
            rows.append(
                SearchUnit(
                    key=unit.key,
                    work_id=unit.work_id,
                    provision_id=unit.provision_id,
                    document_key=unit.document_key,
                    document_title=unit.document_title[:500],
                    document_number=unit.document_number,
                    doc_type=unit.doc_type,
                    issuer=unit.issuer[:255],
                    year=unit.year,
                    status=unit.status,
                    fields="".join(f"|{f}" for f in unit.fields) + ("|" if unit.fields else ""),
                    number=unit.number,
                    label=unit.label,
                    heading=unit.heading[:1000],
                    text=unit.text,
                    order=unit.order,
                    body_id=unit.body_id,
                    confidentiality=unit.confidentiality,
                    tokens=tokens,
                    folded=f" {folded} ",
                    length=length,
                )
            )
        created = SearchUnit.objects.bulk_create(rows, batch_size=500)
        backend.write([(u.pk, _fulltext_terms(p)) for u, p in zip(created, parsed, strict=True)])
        _apply_df(delta)
        stats.save()
    return created


def index_units(*, units: list[UnitInput]) -> list[SearchUnit]:
    """Index (or re-index) units by key."""
    keys = [u.key for u in units]
    old = list(SearchUnit.objects.filter(key__in=keys).only("pk", "tokens"))
    return _replace(old, units)


def unindex_keys(*, keys: list[str]) -> int:
    old = list(SearchUnit.objects.filter(key__in=keys).only("pk", "tokens"))
    _replace(old, [])
    return len(old)


def unindex_works(*, work_ids: list[int]) -> int:
    old = list(SearchUnit.objects.filter(work_id__in=work_ids).only("pk", "tokens"))
    _replace(old, [])
    return len(old)


def index_works(*, work_ids: list[int]) -> int:
    """(Re)index the current version of each work, one unit per article. Returns units written."""
    from nghitruong.search.documents import units_for_works

    old = list(SearchUnit.objects.filter(work_id__in=work_ids).only("pk", "tokens"))
    new = units_for_works(work_ids)
    _replace(old, new)
    return len(new)


def on_document_changed(*, work_ids: list[int], **_payload: Any) -> None:
    """Subscriber of the ``document.changed`` hook."""
    index_works(work_ids=list(work_ids))


def on_document_deleted(*, work_ids: list[int], **_payload: Any) -> None:
    """Subscriber of the ``document.deleted`` hook."""
    unindex_works(work_ids=list(work_ids))


def search_index_clear() -> None:
    """Drop the whole index (a full rebuild follows with ``index_works``)."""
    with transaction.atomic():
        get_backend().clear()
        SearchUnit.objects.all().delete()
        SearchTerm.objects.all().delete()
        SearchStats.objects.all().delete()
