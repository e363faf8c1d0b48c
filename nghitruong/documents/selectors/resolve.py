"""Turn a citation or a số ký hiệu typed by a person into (work, eid) — the resolver."""

from typing import Any

from nghitruong.documents.models import Work
from nghitruong.documents.parsing.citations import parse_citation_query
from nghitruong.documents.parsing.numbers import try_parse_document_number
from nghitruong.documents.selectors.works import (
    find_work_by_ref,
    provision_by_eid,
    readable_works,
    work_current_expression,
)

_PREFIX = {
    "article": "art",
    "clause": "cls",
    "point": "pnt",
    "chapter": "chp",
    "part": "part",
    "section": "sec",
    "subsection": "subsec",
    "appendix": "att",
}


def path_eid(path: tuple[tuple[str, str], ...]) -> str:
    """``(("article","8"),("clause","2"))`` → ``art_8__cls_2`` (đ spelled dd, as eIds are)."""
    parts = []
    for level, number in path:
        prefix = _PREFIX.get(level)
        if prefix is None or number == "this":
            return ""
        parts.append(f"{prefix}_{number.replace('đ', 'dd').replace('Đ', 'DD')}")
    return "__".join(parts)


def resolve_citation(user: Any, query: str) -> tuple[Work, str] | None:
    """The readable work and the stored eid a query points to (eid "" for the whole work)."""
    target = parse_citation_query(query)
    if target is None:
        number = try_parse_document_number(query)
        if number is None:
            return None
        work = readable_works(user).filter(number_key=number.key).order_by("pk").first()
        return (work, "") if work else None
    if target.document.kind == "this":
        return None
    work = find_work_by_ref(target.document, user)
    if work is None:
        return None
    eid = path_eid(target.path)
    if not eid:
        return work, ""
    expression = work_current_expression(work)
    provision = provision_by_eid(expression, eid) if expression else None
    return (work, provision.eid) if provision else (work, "")
