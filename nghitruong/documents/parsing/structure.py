"""Plain text of a Vietnamese legal document → provision tree with stable AKN-style eIds.

Levels (legislation-opendata.md §4.1): Phần → Chương → Mục → Tiểu mục → Điều → Khoản → Điểm
(→ sub-point "a1)"), plus the preamble (căn cứ lines), the signature block and appendices (Phụ lục).

eIds follow AKN naming (``{prefix}_{num}`` joined by ``__`` from the outermost container):
``part_2``, ``chp_IV``, ``sec_1``, ``subsec_1``, ``art_10a``, ``cls_2``, ``pnt_dd``, ``para_1``,
``qstr_1``, ``att_I``, ``preamble``, ``signature``. Numbers keep their printed form except that
"đ" is spelled ``dd`` so eIds and FRBR URIs stay ASCII (``pnt_dd``, ``art_10dd``); "Phần thứ hai" is
``part_2``. Unnumbered paragraphs, quotations and unnumbered appendices count from 1 within their
parent. The same text always gives the same eIds; a clash (a malformed text repeating "Điều 5") gets
``-2``, ``-3`` … appended so eIds stay unique.

Rules for unnumbered lines inside an article: lines before the first clause/point are the node's own
``text``; later lines become ``paragraph`` children of the innermost clause (or of the article), and
dash/plus items ("- …", "+ …") become paragraph children of the innermost point/clause/article.
Text inside quotation marks (“…”) — the amended text of an amending law — never starts a new
provision: it is kept whole as a ``quotation`` child.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from nghitruong.documents.parsing.lexicon import POINT_LETTERS, ordinal_value

_PART = re.compile(
    r"^(?:PHẦN|Phần)\s+((?:THỨ|thứ|Thứ)\s+\S+(?:\s+(?:MỘT|một|HAI|hai|BA|ba|TƯ|tư|NĂM|năm|LĂM|lăm))?|[IVXLC]+|\d+)\b[.:]?\s*(.*)$"
)
_CHAPTER = re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\b[.:]?\s*(.*)$")
_SUBSECTION = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+([IVXLC]+|\d+)\b[.:]?\s*(.*)$")
_SECTION = re.compile(r"^(?:MỤC|Mục)\s+([IVXLC]+|\d+)\b[.:]?\s*(.*)$")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$")
_APPENDIX = re.compile(
    r"^(PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+|SỐ\s+)?([IVXLC]+|\d+[a-zA-Z]?))?\b[.:]?\s*(.*)$"
)
_CLAUSE = re.compile(r"^(\d+[a-zđ]?)\.\s+(.*)$")
_POINT = re.compile(r"^([a-zđ])(\d*)\)\s*(.*)$")
_DASH = re.compile(r"^[-–—+•]\s*\S")
_PREAMBLE_START = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b")
_ENACTING = re.compile(
    r"^(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp)\s+này\s+(?:đã\s+)?được\s.*thông qua"
)
_SIGNATURE_START = re.compile(r"^(?:Nơi nhận\b|(?:TM|KT|TL|TUQ|PP|Q)\.\s)")
_LEVEL = {
    "part": 6,
    "chapter": 5,
    "section": 4,
    "subsection": 3,
    "article": 2,
    "clause": 1,
    "point": 0,
}
_EID_PREFIX = {
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "article": "art",
    "clause": "cls",
    "point": "pnt",
    "paragraph": "para",
    "quotation": "qstr",
    "appendix": "att",
    "preamble": "preamble",
    "signature": "signature",
}
_LABEL_WORD = {
    "part": "Phần",
    "chapter": "Chương",
    "section": "Mục",
    "subsection": "Tiểu mục",
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
    "appendix": "Phụ lục",
}


@dataclass(slots=True)
class Provision:
    """One node of the tree. ``text`` is the node's own text (NFC), without its children's."""

    kind: str
    number: str = ""
    heading: str = ""
    text: str = ""
    children: list["Provision"] = field(default_factory=list)
    eid: str = ""
    printed_number: str = ""

    @property
    def label(self) -> str:
        """Vietnamese label: ``"Điều 10a"``, ``"Khoản 2"``, ``"Điểm đ"``, ``"Phần thứ hai"``."""
        word = _LABEL_WORD.get(self.kind)
        if word is None:
            return ""
        shown = self.printed_number or self.number
        return f"{word} {shown}".strip()

    def walk(self) -> Iterator["Provision"]:
        """This node and every descendant, document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Heading, own text and all descendants' text, one line each."""
        parts = [p for p in (self.heading, self.text) if p]
        for child in self.children:
            prefix = (
                f"{child.printed_number or child.number}"
                if child.kind in ("clause", "point")
                else ""
            )
            body = child.full_text()
            if child.kind == "clause":
                body = f"{prefix}. {body}"
            elif child.kind == "point":
                body = f"{prefix}) {body}"
            parts.append(body)
        return "\n".join(parts)


@dataclass(slots=True)
class ParsedDocument:
    """A parsed document: the raw header lines and the top-level provisions in order."""

    header: str
    children: list[Provision]

    def walk(self) -> Iterator[Provision]:
        for child in self.children:
            yield from child.walk()

    def find(self, eid: str) -> Provision | None:
        return next((p for p in self.walk() if p.eid == eid), None)

    def articles(self) -> list[Provision]:
        """Top-level articles (articles quoted inside an amending article are not included)."""
        return [p for p in self.walk() if p.kind == "article"]

    def of_kind(self, kind: str) -> list[Provision]:
        return [p for p in self.walk() if p.kind == kind]

    @property
    def preamble(self) -> Provision | None:
        return next((p for p in self.children if p.kind == "preamble"), None)

    @property
    def signature(self) -> Provision | None:
        return next((p for p in self.children if p.kind == "signature"), None)


def _eid_number(number: str) -> str:
    return number.replace("đ", "dd").replace("Đ", "DD")


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _quote_delta(line: str) -> int:
    delta = line.count("“") - line.count("”")
    if line.count('"') % 2 == 1:
        delta += 1 if line.lstrip().startswith('"') else -1
    return delta


class _Builder:
    def __init__(self) -> None:
        self.header: list[str] = []
        self.top: list[Provision] = []
        self.stack: list[Provision] = []
        self.preamble: Provision | None = None
        self.signature: Provision | None = None
        self.appendix: Provision | None = None
        self.quote: Provision | None = None
        self.depth = 0
        self.pending_heading: Provision | None = None
        self.body_started = False

    def _attach(self, node: Provision) -> None:
        self.body_started = True
        level = _LEVEL[node.kind]
        while self.stack and _LEVEL[self.stack[-1].kind] <= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.top).append(node)
        self.stack.append(node)

    def _current(self, kinds: tuple[str, ...]) -> Provision | None:
        return next((n for n in reversed(self.stack) if n.kind in kinds), None)

    def _in_body(self) -> bool:
        return any(n.kind == "article" for n in self.stack)

    def feed(self, line: str) -> None:
        if self.depth > 0 or (line.startswith(("“", '"')) and self._in_body()):
            self._quoted(line)
            return
        if self.pending_heading is not None:
            node, self.pending_heading = self.pending_heading, None
            if not self._structural(line) and len(line) <= 250:
                node.heading = line
                return
        if self.signature is not None and self.appendix is None:
            if not self._appendix(line):
                self.signature.text = _join(self.signature.text, line)
            return
        if self.appendix is not None:
            if not self._appendix(line):
                self.appendix.text = _join(self.appendix.text, line)
            return
        if self._structure(line):
            return
        if not self.body_started:
            self._before_body(line)
            return
        if self._signature(line) or self._appendix(line):
            return
        self._body(line)
        self.depth = max(0, _quote_delta(line))

    def _structural(self, line: str) -> bool:
        return any(p.match(line) for p in (_PART, _CHAPTER, _SECTION, _SUBSECTION, _ARTICLE))

    def _before_body(self, line: str) -> None:
        if self.preamble is None and _PREAMBLE_START.match(line):
            self.preamble = Provision(kind="preamble")
            self.top.append(self.preamble)
        if self.preamble is not None:
            self.preamble.text = _join(self.preamble.text, line)
        else:
            self.header.append(line)

    def _structure(self, line: str) -> bool:
        for kind, pattern in (
            ("part", _PART),
            ("chapter", _CHAPTER),
            ("subsection", _SUBSECTION),
            ("section", _SECTION),
            ("article", _ARTICLE),
        ):
            match = pattern.match(line)
            if match is None:
                continue
            printed, rest = match.group(1), match.group(2).strip()
            number = printed
            if kind == "part" and printed.lower().startswith("thứ"):
                value = ordinal_value(printed.split(None, 1)[1])
                number = str(value) if value is not None else printed
                printed = printed.lower()
            node = Provision(
                kind=kind, number=number, printed_number=printed if printed != number else ""
            )
            if kind == "article" and rest and rest[-1] in ".:;":
                node.text = rest
            elif rest:
                node.heading = rest
            else:
                self.pending_heading = node
            self._attach(node)
            return True
        article = self._current(("article",))
        if article is None:
            return False
        match = _CLAUSE.match(line)
        if match:
            self._attach(
                Provision(kind="clause", number=match.group(1), text=match.group(2).strip())
            )
            return True
        match = _POINT.match(line)
        if match and match.group(1) in POINT_LETTERS:
            letter, digits, rest = match.groups()
            point = self._current(("point",))
            node = Provision(kind="point", number=letter + digits, text=rest.strip())
            if digits and point is not None and point.number == letter:
                point.children.append(node)
                return True
            while self.stack and self.stack[-1].kind == "point":
                self.stack.pop()
            self._attach(node)
            return True
        return False

    def _signature(self, line: str) -> bool:
        if not (
            _ENACTING.match(line)
            or _SIGNATURE_START.match(line)
            or (_is_upper(line) and len(line.split()) <= 8)
        ):
            return False
        self.signature = Provision(kind="signature", text=line)
        self.top.append(self.signature)
        self.stack = []
        return True

    def _appendix(self, line: str) -> bool:
        match = _APPENDIX.match(line)
        if match is None:
            return False
        rest = match.group(3).strip()
        if rest and not (_is_upper(rest) or rest.startswith("(") or match.group(1).isupper()):
            return False
        self.appendix = Provision(kind="appendix", number=match.group(2) or "", heading=rest)
        if not rest:
            self.pending_heading = self.appendix
        self.top.append(self.appendix)
        self.stack = []
        return True

    def _body(self, line: str) -> None:
        if _DASH.match(line):
            parent = self._current(("point", "clause", "article"))
        else:
            parent = self._current(("clause", "article"))
            if parent is not None and not parent.children:
                parent.text = _join(parent.text, line)
                return
        if parent is None:
            # Text between a heading and the first article (a chapter's introduction): kept as a
            # paragraph of the innermost container so that no line is ever dropped.
            parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.header.append(line)
            return
        parent.children.append(Provision(kind="paragraph", text=line))

    def _quoted(self, line: str) -> None:
        if self.quote is None:
            owner = self._current(("point", "clause", "article")) or self.appendix
            self.quote = Provision(kind="quotation", text=line)
            if owner is not None:
                owner.children.append(self.quote)
        else:
            self.quote.text = _join(self.quote.text, line)
        self.depth += _quote_delta(line)
        if self.depth <= 0:
            self.depth = 0
            self.quote = None


def _join(text: str, line: str) -> str:
    return f"{text}\n{line}" if text else line


def _assign_eids(nodes: list[Provision], prefix: str, seen: set[str]) -> None:
    counters: dict[str, int] = {}
    for node in nodes:
        counters[node.kind] = counters.get(node.kind, 0) + 1
        if node.kind in ("preamble", "signature"):
            own = _EID_PREFIX[node.kind]
        elif node.kind in ("paragraph", "quotation") or not node.number:
            own = f"{_EID_PREFIX[node.kind]}_{counters[node.kind]}"
        else:
            own = f"{_EID_PREFIX[node.kind]}_{_eid_number(node.number)}"
        eid = f"{prefix}__{own}" if prefix else own
        candidate, n = eid, 1
        while candidate in seen:
            n += 1
            candidate = f"{eid}-{n}"
        node.eid = candidate
        seen.add(candidate)
        _assign_eids(node.children, candidate, seen)


def _lines(text: str) -> Iterator[str]:
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", raw).strip()
        if line:
            yield line


def parse_structure(text: str) -> ParsedDocument:
    """Parse a whole document (header, preamble, body, signature, appendices) into a tree."""
    builder = _Builder()
    for line in _lines(text):
        builder.feed(line)
    _assign_eids(builder.top, "", set())
    return ParsedDocument(header="\n".join(builder.header), children=builder.top)


def parse_article_text(number: str, text: str) -> Provision:
    """Parse one article given as in the retrieval corpus: first line the heading, then the body."""
    lines = list(_lines(text))
    heading = lines[0] if lines else ""
    builder = _Builder()
    article = Provision(kind="article", number=number, heading=heading)
    builder._attach(article)
    for line in lines[1:]:
        builder.feed(line)
    _assign_eids([article], "", set())
    return article
