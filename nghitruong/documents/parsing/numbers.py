"""Số ký hiệu (document numbers) and document types of Vietnamese legal documents.

A số ký hiệu is printed in many spellings ("Số: 59/2020/QH14", "59/2020/qh14", "15/2020/NĐ–CP" with an
en dash, "Ð" (U+00D0) instead of "Đ"). :func:`parse_document_number` turns any of them into a
:class:`DocumentNumber` whose ``key`` is the canonical spelling used for matching (upper case, NFC,
ASCII hyphens, no spaces, "TTg" kept in its official mixed case) and whose parts are split out:

========================  ======  ====  =====  ========  ====
printed                   number  year  type   issuer    term
========================  ======  ====  =====  ========  ====
59/2020/QH14              59      2020  —      QH        14
27/2022/UBTVQH15          27      2022  —      UBTVQH    15
1170/2016/NQ-UBTVQH13     1170    2016  NQ     UBTVQH    13
15/2020/NĐ-CP             15      2020  NĐ     CP        —
88/NQ-HĐND                88      —     NQ     HĐND      —
31/VBHN-VPQH              31      —     VBHN   VPQH      —
========================  ======  ====  =====  ========  ====
"""

import enum
import re
import unicodedata
from dataclasses import dataclass

from nghitruong.core.text import fold


class DocumentType(enum.StrEnum):
    """Loại văn bản. Values are the English identifiers; see :data:`DOCUMENT_TYPE_NAMES`."""

    CONSTITUTION = "constitution"
    CODE = "code"
    LAW = "law"
    RESOLUTION = "resolution"
    ORDINANCE = "ordinance"
    ORDER = "order"
    DECREE = "decree"
    DECISION = "decision"
    CIRCULAR = "circular"
    JOINT_CIRCULAR = "joint_circular"
    JOINT_RESOLUTION = "joint_resolution"
    DIRECTIVE = "directive"
    CONSOLIDATED_TEXT = "consolidated_text"
    OFFICIAL_LETTER = "official_letter"
    PLAN = "plan"
    REPORT = "report"
    NOTICE = "notice"
    SUBMISSION = "submission"
    CONCLUSION = "conclusion"
    OFFICIAL_TELEGRAM = "official_telegram"


#: Vietnamese name of each type (sentence case, as written inside running text).
DOCUMENT_TYPE_NAMES: dict[DocumentType, str] = {
    DocumentType.CONSTITUTION: "Hiến pháp",
    DocumentType.CODE: "Bộ luật",
    DocumentType.LAW: "Luật",
    DocumentType.RESOLUTION: "Nghị quyết",
    DocumentType.ORDINANCE: "Pháp lệnh",
    DocumentType.ORDER: "Lệnh",
    DocumentType.DECREE: "Nghị định",
    DocumentType.DECISION: "Quyết định",
    DocumentType.CIRCULAR: "Thông tư",
    DocumentType.JOINT_CIRCULAR: "Thông tư liên tịch",
    DocumentType.JOINT_RESOLUTION: "Nghị quyết liên tịch",
    DocumentType.DIRECTIVE: "Chỉ thị",
    DocumentType.CONSOLIDATED_TEXT: "Văn bản hợp nhất",
    DocumentType.OFFICIAL_LETTER: "Công văn",
    DocumentType.PLAN: "Kế hoạch",
    DocumentType.REPORT: "Báo cáo",
    DocumentType.NOTICE: "Thông báo",
    DocumentType.SUBMISSION: "Tờ trình",
    DocumentType.CONCLUSION: "Kết luận",
    DocumentType.OFFICIAL_TELEGRAM: "Công điện",
}

#: AKN FRBR subtype slug of each type (legislation-opendata.md §5.1).
AKN_SUBTYPES: dict[DocumentType, str] = {
    t: fold(name).replace(" ", "-") for t, name in DOCUMENT_TYPE_NAMES.items()
}

#: Type code printed in the số ký hiệu (the part before the issuer) → type.
TYPE_CODES: dict[str, DocumentType] = {
    "NQ": DocumentType.RESOLUTION,
    "NĐ": DocumentType.DECREE,
    "QĐ": DocumentType.DECISION,
    "TT": DocumentType.CIRCULAR,
    "TTLT": DocumentType.JOINT_CIRCULAR,
    "NQLT": DocumentType.JOINT_RESOLUTION,
    "CT": DocumentType.DIRECTIVE,
    "L": DocumentType.ORDER,
    "PL": DocumentType.ORDINANCE,
    "VBHN": DocumentType.CONSOLIDATED_TEXT,
    "KH": DocumentType.PLAN,
    "BC": DocumentType.REPORT,
    "TB": DocumentType.NOTICE,
    "TTR": DocumentType.SUBMISSION,
    "KL": DocumentType.CONCLUSION,
    "CĐ": DocumentType.OFFICIAL_TELEGRAM,
}

# Codes printed in mixed case in official numbers; every other code is upper case.
_MIXED_CASE = {"TTG": "TTg", "TTR": "TTr"}
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D_]")
_PREFIX = re.compile(r"^\s*(?:số\s*(?:ký\s*hiệu)?|so|no\.?)\s*[:.]?\s*", re.IGNORECASE)
_TERM = re.compile(r"^(QH|UBTVQH)(\d{1,2})$")
_NUMBER = re.compile(r"^(\d+[A-ZĐ]?)$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_LOOKS_LIKE = re.compile(r"^\d+[A-ZĐ]?/(?:(?:1[89]|20)\d\d/)?[A-ZĐ][A-ZĐ0-9&-]*$")


class DocumentNumberError(ValueError):
    """Raised for text that is not a số ký hiệu (message in Vietnamese and English)."""


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed số ký hiệu. ``key`` is canonical: two printings of one number give one key."""

    raw: str
    key: str
    number: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    term: int | None

    @property
    def document_type(self) -> DocumentType | None:
        """Type implied by the type code (``None`` for bare ``/QH14`` and ``/UBTVQH15`` numbers,
        which Quốc hội and its Standing Committee use for laws, codes, ordinances *and* resolutions)."""
        return TYPE_CODES.get(self.type_code.upper()) if self.type_code else None

    @property
    def slug(self) -> str:
        """ASCII slug for URIs: ``15/2020/NĐ-CP`` → ``15-2020-nd-cp``."""
        return re.sub(r"[^a-z0-9]+", "-", fold(self.key)).strip("-")

    @property
    def issuer_family(self) -> str | None:
        """Issuer without the NA term, lower-case ASCII (the AKN actor): ``QH14`` → ``qh``."""
        if self.issuer_code is None:
            return None
        base = self.issuer_code.split("-")[0]
        match = _TERM.match(base)
        if match:
            base = match.group(1)
        return re.sub(r"[^a-z0-9]+", "", fold(base))


def _canonical_code(part: str) -> str:
    upper = part.upper().replace("\u00d0", "Đ")
    return _MIXED_CASE.get(upper, upper)


def normalize_document_number(text: str) -> str:
    """Canonical key of a printed số ký hiệu: ``"Số: 15/2020/nđ–cp"`` → ``"15/2020/NĐ-CP"``."""
    return parse_document_number(text).key


def parse_document_number(text: str) -> DocumentNumber:
    """Parse a printed số ký hiệu; raise :class:`DocumentNumberError` for anything else."""
    raw = text
    value = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")
    value = _PREFIX.sub("", value)
    value = _DASHES.sub("-", value)
    value = re.sub(r"\s*([/-])\s*", r"\1", value.strip()).rstrip(".,;:)")
    value = re.sub(r"\s+", "", value).upper()
    if not _LOOKS_LIKE.match(value):
        raise DocumentNumberError(f"Không phải số ký hiệu văn bản / not a document number: {raw!r}")
    segments = value.split("/")
    number = segments[0]
    if not _NUMBER.match(number):
        raise DocumentNumberError(f"Số thứ tự không hợp lệ / invalid serial number: {raw!r}")
    year: int | None = None
    rest = segments[1:]
    if len(rest) == 2 and _YEAR.match(rest[0]):
        year = int(rest[0])
        rest = rest[1:]
    if len(rest) != 1:
        raise DocumentNumberError(f"Không phải số ký hiệu văn bản / not a document number: {raw!r}")
    codes = [_canonical_code(p) for p in rest[0].split("-") if p]
    type_code: str | None = None
    if len(codes) > 1 and codes[0].upper() in TYPE_CODES:
        type_code = codes[0]
        issuer_parts = codes[1:]
    else:
        issuer_parts = codes
    issuer_code = "-".join(issuer_parts) if issuer_parts else None
    term: int | None = None
    if issuer_parts:
        match = _TERM.match(issuer_parts[-1])
        if match:
            term = int(match.group(2))
    tail = "-".join(([type_code] if type_code else []) + issuer_parts)
    key = "/".join([number] + ([str(year)] if year is not None else []) + [tail])
    return DocumentNumber(
        raw=raw,
        key=key,
        number=number.lower() if not number.isdigit() else number,
        year=year,
        type_code=type_code,
        issuer_code=issuer_code,
        term=term,
    )


def try_parse_document_number(text: str) -> DocumentNumber | None:
    """Like :func:`parse_document_number` but ``None`` instead of an error."""
    try:
        return parse_document_number(text)
    except DocumentNumberError:
        return None


_NAME_INDEX: dict[str, DocumentType] = {fold(n): t for t, n in DOCUMENT_TYPE_NAMES.items()}


def document_type_from_name(name: str) -> DocumentType | None:
    """``"Nghị định"`` / ``"NGHỊ ĐỊNH"`` / ``"nghi dinh"`` → :attr:`DocumentType.DECREE`."""
    return _NAME_INDEX.get(fold(name))
