"""FRBR URIs of works and expressions (legislation-opendata.md §5.1), from parsed numbers.

Pure helpers (no database writes), outside `services` so selectors can use them too."""

import datetime as dt

from nghitruong.core.text import fold, slugify_vi
from nghitruong.documents.models import DocType
from nghitruong.documents.parsing.numbers import (
    AKN_SUBTYPES,
    DocumentType,
    try_parse_document_number,
)

# Loại văn bản that are VBQPPL (AKN doctype "act"); everything else is "doc".
_NORMATIVE = frozenset(
    {
        DocType.CONSTITUTION,
        DocType.CODE,
        DocType.LAW,
        DocType.RESOLUTION,
        DocType.ORDINANCE,
        DocType.ORDER,
        DocType.DECISION,
        DocType.DECREE,
        DocType.CIRCULAR,
        DocType.JOINT_CIRCULAR,
        DocType.JOINT_RESOLUTION,
        DocType.CONSOLIDATED_TEXT,
    }
)


# Issuer (cơ quan ban hành) → AKN actor, for documents whose number does not say it.
_ISSUER_ACTORS = {
    "quoc hoi": "qh",
    "uy ban thuong vu quoc hoi": "ubtvqh",
    "chu tich nuoc": "ctn",
    "chinh phu": "cp",
    "thu tuong chinh phu": "ttg",
}


def number_key(number: str) -> str:
    """The matching key of a printed số ký hiệu ("" when it is not a recognisable number)."""
    if not number.strip():
        return ""
    parsed = try_parse_document_number(number)
    return parsed.key if parsed else number.strip().upper()


def work_frbr_uri(
    *,
    doc_type: str,
    number: str,
    title: str,
    issued_date: dt.date | None,
    issuer: str = "",
    actor: str = "",
) -> str:
    """``/akn/vn/act/luat/qh/2016-04-06/104-2016-qh13``; unknown date → ``undated``, no number →
    the title's slug (e.g. ``hien-phap``)."""
    parsed = try_parse_document_number(number) if number else None
    try:
        subtype = AKN_SUBTYPES[DocumentType(doc_type)]
    except ValueError:
        subtype = slugify_vi(doc_type) or "khac"
    doctype = "act" if doc_type in _NORMATIVE else "doc"
    actor = (
        actor
        or (parsed.issuer_family if parsed and parsed.issuer_family else "")
        or _ISSUER_ACTORS.get(fold(issuer), "")
        or "vn"
    )
    date = issued_date.isoformat() if issued_date else "undated"
    name = (
        parsed.slug
        if parsed
        else (slugify_vi(number) or slugify_vi(title)[:120].strip("-") or "khong-so")
    )
    return f"/akn/vn/{doctype}/{subtype}/{actor}/{date}/{name}"


def expression_frbr_uri(work_uri: str, *, language: str, version_date: dt.date) -> str:
    return f"{work_uri}/{language}@{version_date.isoformat()}"
