"""Metadata from the first page of a Vietnamese legal document, and the state-secret stamp check.

The first page (Nghị định 30/2020/NĐ-CP layout) carries, in two columns that plain-text extraction
often interleaves on one line: the issuing body ("QUỐC HỘI", "BỘ TƯ PHÁP", "ỦY BAN NHÂN DÂN / TỈNH
BẮC NINH"), the national title and motto, "Số: 59/2020/QH14", "Hà Nội, ngày 17 tháng 6 năm 2020", the
document type in capitals ("LUẬT", "NGHỊ ĐỊNH") and its title / trích yếu.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from nghitruong.documents.parsing.numbers import (
    DOCUMENT_TYPE_NAMES,
    DocumentNumber,
    DocumentType,
    document_type_from_name,
    try_parse_document_number,
)

_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
_NUMBER_LINE = re.compile(r"(?:^|\s)(?:Số|SỐ|số)(?:\s+ký\s+hiệu)?\s*[:.]")
_RULE = re.compile(r"^[-–—_=*.\s]+$")
_NUMBER = re.compile(
    r"\b(?:Số|SỐ|số)(?:\s+ký\s+hiệu)?\s*[:.]?\s*(\d+[A-Za-zĐđ]?(?:/[0-9A-Za-zĐđÐ&\-–]+)+)"
)
_PLACE_DATE = re.compile(
    r"(?:^|\s{2,}|[\s,;]|(?<=\d))([A-ZĐÂÁÀẢÃẠ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,4})\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
_DATE_ONLY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_TYPE_LINE = re.compile(
    r"^(HIẾN PHÁP|BỘ LUẬT|LUẬT|PHÁP LỆNH|NGHỊ QUYẾT LIÊN TỊCH|NGHỊ QUYẾT|NGHỊ ĐỊNH|QUYẾT ĐỊNH|"
    r"THÔNG TƯ LIÊN TỊCH|THÔNG TƯ|CHỈ THỊ|LỆNH|KẾ HOẠCH|BÁO CÁO|TỜ TRÌNH|THÔNG BÁO|KẾT LUẬN|CÔNG ĐIỆN)"
    r"(?:\s+(.*))?$"
)
_BODY_START = re.compile(
    r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Chương|CHƯƠNG|Điều\s+\d|Phần|PHẦN|QUYẾT ĐỊNH:)"
)

_GRADES = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
_DECOR = "[\\s\\[\\]()*\"“”'«»<>|_=~-]*"
_STAMP_LINE = re.compile(rf"^{_DECOR}(TUYỆT MẬT|TỐI MẬT|MẬT){_DECOR}$")
_STAMP_FIELD = re.compile(
    r"^\s*Độ\s+mật\s*:\s*(Tuyệt\s+mật|Tối\s+mật|Mật)\s*[.;]?\s*$", re.IGNORECASE
)
_STAMP_INLINE = re.compile(r"(?:^|\s{2,})(TUYỆT MẬT|TỐI MẬT|MẬT)(?:\s{2,}|$)")
_HEADER_LINES = 15


@dataclass(frozen=True, slots=True)
class HeaderMetadata:
    """What the first page says. ``subject`` is the title / trích yếu as printed (lines joined)."""

    issuer: str | None
    number: DocumentNumber | None
    place: str | None
    date: datetime.date | None
    doc_type: DocumentType | None
    subject: str | None
    state_secret: str | None

    @property
    def title(self) -> str | None:
        """Running-text title: ``"LUẬT" + "DOANH NGHIỆP"`` → ``"Luật Doanh nghiệp"``.

        A subject printed in capitals is put in sentence case, which lower-cases proper nouns
        ("Việt Nam"); the printed ``subject`` is kept for display.
        """
        if self.doc_type is None:
            return self.subject
        name = DOCUMENT_TYPE_NAMES[self.doc_type]
        if not self.subject:
            return name
        subject = self.subject
        if subject.isupper():
            subject = subject[:1] + subject[1:].lower()
        return f"{name} {subject}"


def _date(day: str, month: str, year: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def extract_header(text: str) -> HeaderMetadata:
    """Extract issuer, number, place, date, type and subject from a document's first page."""
    lines = [
        re.sub(r"[ \t\u00a0]{2,}", "  ", line).strip()
        for line in unicodedata.normalize("NFC", text).splitlines()
    ]
    lines = [line for line in lines if line]
    type_index = next(
        (
            i
            for i, line in enumerate(lines[:40])
            if _TYPE_LINE.match(line) and not _NUMBER.search(line)
        ),
        None,
    )
    top = lines[: type_index if type_index is not None else _HEADER_LINES]
    number_match = next((m for m in map(_NUMBER.search, top) if m), None)
    number = try_parse_document_number(number_match.group(1)) if number_match else None
    place: str | None = None
    date: datetime.date | None = None
    for line in top:
        match = _PLACE_DATE.search(line)
        if match:
            place = match.group(1).strip()
            date = _date(*match.group(2, 3, 4))
            break
    if date is None:
        match = next((m for m in map(_DATE_ONLY.search, top) if m), None)
        if match:
            date = _date(*match.groups())
    issuer_parts: list[str] = []
    for line in top:
        if _NUMBER_LINE.search(line) or _DATE_ONLY.search(line) or _TYPE_LINE.match(line):
            break
        if issuer_parts and _MOTTO.fullmatch(line.strip()):
            break  # the issuer column is over once a motto line stands alone
        rest = _MOTTO.sub("  ", line)
        rest = re.sub(r"\s{2,}.*$", "", rest.strip()) if rest.strip() else ""
        if rest and not _RULE.match(rest) and rest.isupper():
            issuer_parts.append(rest)
    doc_type: DocumentType | None = None
    subject_lines: list[str] = []
    for idx, line in enumerate(lines[:40]):
        match = _TYPE_LINE.match(line)
        if match is None or _NUMBER.search(line):
            continue
        doc_type = document_type_from_name(match.group(1))
        if match.group(2):
            subject_lines.append(match.group(2).strip())
        for nxt in lines[idx + 1 : idx + 6]:
            if _BODY_START.match(nxt) or _RULE.match(nxt) or nxt.startswith("("):
                break
            if subject_lines and nxt.isupper() != subject_lines[0].isupper():
                break  # "ỦY BAN NHÂN DÂN TỈNH …" repeated above the căn cứ lines
            subject_lines.append(nxt)
        break
    if doc_type is None and number is not None:
        doc_type = number.document_type
    return HeaderMetadata(
        issuer=" ".join(issuer_parts) or None,
        number=number,
        place=place,
        date=date,
        doc_type=doc_type,
        subject=" ".join(subject_lines) or None,
        state_secret=detect_state_secret(text),
    )


def detect_state_secret(text: str) -> str | None:
    """``"MẬT"``, ``"TỐI MẬT"`` or ``"TUYỆT MẬT"`` when the document carries a secrecy stamp.

    Counted: a line that is only the stamp (upper case, possibly boxed: ``[MẬT]``, ``*** TỐI MẬT ***``)
    anywhere (page headers repeat it); a field "Độ mật: Tối mật"; and, in the first lines, the stamp
    set apart by wide spacing on a header line ("BỘ QUỐC PHÒNG        MẬT"). Not counted: the word in
    running text or titles ("bí mật nhà nước", "LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC", "độ Tối mật", "MẬT MÃ").
    Returns the highest grade found, or ``None``.
    """
    found: set[str] = set()
    lines = unicodedata.normalize("NFC", text).splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        match = _STAMP_LINE.match(line)
        if match:
            found.add(match.group(1))
            continue
        field = _STAMP_FIELD.search(line) if index < _HEADER_LINES * 2 else None
        if field:
            found.add(re.sub(r"\s+", " ", field.group(1)).upper())
            continue
        if index < _HEADER_LINES:
            for inline in _STAMP_INLINE.finditer(raw.replace("\t", "  ")):
                found.add(inline.group(1))
    return next((grade for grade in _GRADES if grade in found), None)


def is_state_secret(text: str) -> bool:
    """True when :func:`detect_state_secret` finds a stamp (such files are refused by the platform)."""
    return detect_state_secret(text) is not None


__all__ = ["HeaderMetadata", "detect_state_secret", "extract_header", "is_state_secret"]
