"""Vietnamese legal text parsing — pure Python, no Django imports (used by documents, search, tracking).

Public API:

Structure (``structure``)
    ``parse_structure(text) -> ParsedDocument`` — whole document → header, preamble, Phần/Chương/Mục/
    Tiểu mục/Điều/Khoản/Điểm tree, signature, appendices; every ``Provision`` has ``kind``, ``number``,
    ``label`` ("Điều 10a"), ``heading``, ``text``, ``children`` and a stable AKN-style ``eid``
    (``chp_IV__art_10a__cls_2__pnt_dd`` — "đ" is spelled ``dd``).
    ``parse_article_text(number, text) -> Provision`` — one article, heading on the first line.

Citations (``citations``, ``refs``)
    ``find_citations(text, context=None) -> list[Citation]`` — spans + resolved ``Target``s
    (``DocumentRef`` + path such as ``(("article", "8"), ("clause", "2"), ("point", "c"))``);
    ``CitationContext`` resolves "Điều này", "khoản này", "Luật này", bare "khoản 2".
    ``parse_citation_query(query, context=None) -> Target | None`` — typed queries, accents optional.

Numbers and types (``numbers``)
    ``parse_document_number(text) -> DocumentNumber`` (``key``, ``number``, ``year``, ``type_code``,
    ``issuer_code``, ``term``, ``document_type``, ``slug``); ``normalize_document_number(text) -> str``;
    ``DocumentType`` with ``DOCUMENT_TYPE_NAMES`` / ``AKN_SUBTYPES``; ``document_type_from_name(name)``.

Header (``header``)
    ``extract_header(text) -> HeaderMetadata`` — issuer, number, place, date, type, subject, title;
    ``detect_state_secret(text) -> "MẬT" | "TỐI MẬT" | "TUYỆT MẬT" | None``.

Identifiers (``akn``)
    ``build_work_uri(...)``, ``build_expression_uri(work, ...)``, ``parse_frbr_uri(uri) -> FrbrUri``.

Relations (``relations``)
    ``extract_relations(text, context=None, amended=None) -> list[Relation]`` (based_on, amends,
    replaces, repeals, partially_repeals); ``extract_delegations(text, context=None) ->
    list[Delegation]`` (who must issue what, for which provision).

Benchmark (``evaluation``)
    ``evaluate_citations(path=DEFAULT_SET, split=None) -> CitationScores``.
"""

from nghitruong.documents.parsing.akn import (
    FrbrUri,
    FrbrUriError,
    build_expression_uri,
    build_work_uri,
    parse_frbr_uri,
)
from nghitruong.documents.parsing.citations import find_citations, parse_citation_query
from nghitruong.documents.parsing.header import HeaderMetadata, detect_state_secret, extract_header
from nghitruong.documents.parsing.numbers import (
    AKN_SUBTYPES,
    DOCUMENT_TYPE_NAMES,
    DocumentNumber,
    DocumentNumberError,
    DocumentType,
    document_type_from_name,
    normalize_document_number,
    parse_document_number,
    try_parse_document_number,
)
from nghitruong.documents.parsing.refs import (
    THIS,
    Citation,
    CitationContext,
    DocumentRef,
    Target,
)
from nghitruong.documents.parsing.relations import (
    Delegation,
    Relation,
    extract_delegations,
    extract_relations,
)
from nghitruong.documents.parsing.structure import (
    ParsedDocument,
    Provision,
    parse_article_text,
    parse_structure,
)

__all__ = [
    "AKN_SUBTYPES",
    "DOCUMENT_TYPE_NAMES",
    "THIS",
    "Citation",
    "CitationContext",
    "Delegation",
    "DocumentNumber",
    "DocumentNumberError",
    "DocumentRef",
    "DocumentType",
    "FrbrUri",
    "FrbrUriError",
    "HeaderMetadata",
    "ParsedDocument",
    "Provision",
    "Relation",
    "Target",
    "build_expression_uri",
    "build_work_uri",
    "detect_state_secret",
    "document_type_from_name",
    "extract_delegations",
    "extract_header",
    "extract_relations",
    "find_citations",
    "normalize_document_number",
    "parse_article_text",
    "parse_citation_query",
    "parse_document_number",
    "parse_frbr_uri",
    "parse_structure",
    "try_parse_document_number",
]
