"""Find and resolve references to legal provisions in Vietnamese text.

Vietnamese citations run smallest unit first: "điểm c khoản 2 Điều 8 Luật số 101/2015/QH13". The
grammar recognised here (keywords case-insensitive, accented in running text; accents optional in
:func:`parse_citation_query`)::

    citation  := chain (("," | "và" | "hoặc") chain)*
    chain     := group+ [["của"] document]        (groups in rising order: point < clause < article …)
    group     := ["các" | "từ"] KEYWORD item ((sep [KEYWORD] item) | ("đến" ["hết"] [KEYWORD] item))*
    KEYWORD   := điểm | khoản | Điều | Tiểu mục | Mục | Chương | Phần | Phụ lục
    item      := "này" | a b c d đ e g h i k l m n o p q r s t u v x y (+digit) | 10a | IV | thứ hai
    document  := TYPE ("này" | "số" NUMBER | NUMBER | TITLE ["số" NUMBER]) ["năm" YYYY]

A chain that names only a point or a clause is completed from the :class:`CitationContext` ("khoản 2"
inside Điều 8 means khoản 2 Điều 8); so are "Điều này", "khoản này". Lists distribute: "điểm a khoản 1
và khoản 2 Điều 5" → (5, 1, a), (5, 2). Ranges expand: "Điều 10 đến Điều 15" → six articles. A
document named alone ("Nghị định số 15/2020/NĐ-CP", "Bộ luật Hình sự") is a citation with an empty
path; a bare self-reference ("Luật này quy định…") is not.
"""

import functools
import itertools
import re
from dataclasses import dataclass, replace

from nghitruong.core.text import fold
from nghitruong.documents.parsing.lexicon import (
    POINT_LETTERS,
    TITLE_STOP_WORDS,
    Keywords,
    ordinal_value,
)
from nghitruong.documents.parsing.numbers import DocumentType, try_parse_document_number
from nghitruong.documents.parsing.refs import (
    LEVELS,
    THIS,
    THIS_DOCUMENT,
    Citation,
    CitationContext,
    DocumentRef,
    Target,
)
from nghitruong.documents.parsing.titles import CODE_TITLES, LAW_TITLES

_TOKEN = re.compile(
    r"\d+[a-zA-ZđĐ]?(?:/[0-9A-Za-zĐđÐ&\-\u2013]+)+|\d+(?:\.\d+)+(?![\w/])|[^\W_]+|[,;:.()]"
)
_DOTTED = re.compile(r"^\d+(?:\.\d+)+$")
_ARABIC = re.compile(r"^0*(\d+)([a-zđ]?)$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_PARTIAL_NUMBER = re.compile(r"^\d+/(?:19|20)\d\d$")
_RANK = {level: i for i, level in enumerate(LEVELS)}
_MAX_RANGE = 500


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    key: str


@dataclass(slots=True)
class _Group:
    level: str
    values: list[str]
    start: int
    end: int  # token index after the group


@dataclass(slots=True)
class _Chain:
    groups: dict[str, list[str]]
    document: DocumentRef | None
    start: int
    end: int


def _key_of(word: str, folded: bool) -> str:
    return fold(word) if folded else word.lower()


_TitleIndex = list[tuple[tuple[str, ...], str, DocumentType]]


@functools.lru_cache(maxsize=2)
def _tables(folded: bool) -> tuple[Keywords, _TitleIndex, frozenset[str]]:
    """Keyword table, title index (longest first) and the set of words that can start either."""
    keywords = Keywords(folded=folded)
    entries = [(t, DocumentType.CODE, "Bộ luật ") for t in CODE_TITLES]
    entries += [(t, DocumentType.LAW, "Luật ") for t in LAW_TITLES]
    titles = sorted(
        (
            (
                tuple(_key_of(w.group(0), folded) for w in _TOKEN.finditer(title)),
                prefix + title,
                kind,
            )
            for title, kind, prefix in entries
        ),
        key=lambda e: -len(e[0]),
    )
    starts = frozenset(
        [words[0] for words, _ in keywords.units]
        + [words[0] for words, _ in keywords.doc_types]
        + [keywords.plural, keywords.from_word]
    )
    return keywords, titles, starts


class _Parser:
    def __init__(self, text: str, *, folded: bool) -> None:
        self.text = text
        self.folded = folded
        self.kw, self.titles, self.starts = _tables(folded)
        self.tokens = [
            _Token(m.group(0), m.start(), m.end(), _key_of(m.group(0), folded))
            for m in _TOKEN.finditer(text)
        ]

    def key(self, i: int) -> str:
        return self.tokens[i].key if 0 <= i < len(self.tokens) else ""

    def seq(self, i: int, words: tuple[str, ...]) -> bool:
        return all(self.key(i + n) == w for n, w in enumerate(words))

    # --- items and groups -------------------------------------------------------------------
    def item(self, level: str, i: int) -> tuple[str, int] | None:
        word, raw = self.key(i), self.tokens[i].text if i < len(self.tokens) else ""
        if word == self.kw.this:
            return THIS, i + 1
        if _DOTTED.match(word) and level in ("point", "subsection", "section"):
            return word, i + 1
        if level == "point":
            letter = "đ" if self.folded and word == "dd" else word
            if letter in POINT_LETTERS or (
                len(letter) >= 2 and letter[0] in POINT_LETTERS and letter[1:].isdigit()
            ):
                return letter, i + 1
            return None
        if level in ("clause", "article"):
            match = _ARABIC.match(word)
            return (match.group(1) + match.group(2), i + 1) if match else None
        if level == "part" and word == self.kw.ordinal_prefix:
            for width in (2, 1):
                if i + 1 + width > len(self.tokens):
                    continue
                value = ordinal_value(" ".join(self.key(i + 1 + n) for n in range(width)))
                if value is not None:
                    return str(value), i + 1 + width
            return None
        if level == "appendix" and word == self.kw.number_word:
            return self.item(level, i + 1)
        if _ROMAN.match(raw) or (self.folded and _ROMAN.match(raw.upper()) and len(raw) <= 4):
            return raw.upper(), i + 1
        match = _ARABIC.match(word)
        if match and not match.group(2):
            return match.group(1), i + 1
        return None

    def unit(self, i: int) -> tuple[str, int] | None:
        for words, level in self.kw.units:
            if self.seq(i, words):
                return level, i + len(words)
        return None

    def group(self, i: int, *, repeat_keyword: bool = True) -> _Group | None:
        start = i
        ranged = False
        if self.key(i) in (self.kw.plural, self.kw.from_word):
            ranged = self.key(i) == self.kw.from_word
            i += 1
        found = self.unit(i)
        if found is None:
            return None
        level, j = found
        if level == "point" and self.key(i - 1) in self.kw.not_point_before:
            return None
        if level == "clause" and self.key(i - 1) in self.kw.not_clause_before:
            return None
        first = self.item(level, j)
        if first is None:
            return None
        values = [first[0]]
        j = first[1]
        while True:
            if self.key(j) == self.kw.to_word:
                k = j + 1 + (self.key(j + 1) == self.kw.end_word)
                again = self.unit(k)
                if again is not None and again[0] == level:
                    k = again[1]
                upper = self.item(level, k)
                if upper is not None and values[-1] != THIS:
                    values[-1] = f"{values[-1]}..{upper[0]}"
                    j = upper[1]
                    continue
                break
            if self.key(j) in self.kw.separators:
                k = j + 1
                if self.key(j) == "," and self.key(k) in self.kw.separators:
                    k += 1
                again = self.unit(k)
                if again is not None:
                    if again[0] != level or not repeat_keyword:
                        break
                    k = again[1]
                nxt = self.item(level, k)
                if nxt is None or nxt[0] == THIS or self.key(nxt[1]) in self.kw.measures:
                    break
                values.append(nxt[0])
                j = nxt[1]
                continue
            break
        if ranged and not any(".." in v for v in values):
            return None
        return _Group(level, values, start, j)

    # --- documents ----------------------------------------------------------------------------
    def document(self, i: int, *, after_chain: bool) -> tuple[DocumentRef, int] | None:
        match = next(((w, t) for w, t in self.kw.doc_types if self.seq(i, w)), None)
        if match is None:
            return None
        words, doc_type = match
        if (
            doc_type in (DocumentType.LAW, DocumentType.CODE)
            and self.key(i - 1) in self.kw.not_document_before
        ):
            return None  # "kỷ luật", "pháp luật"
        j = i + len(words)
        type_cased = self.folded or self.tokens[i].text[:1].isupper()
        if self.key(j) == self.kw.this:
            return DocumentRef(kind="this", doc_type=doc_type), j + 1
        title: str | None = None
        if doc_type in (DocumentType.LAW, DocumentType.CODE):
            for words_t, canonical, kind in self.titles:
                if kind == doc_type and self.seq(j, words_t):
                    end = self._title_end(j + len(words_t))
                    if end == j + len(words_t):
                        title, j = canonical, end
                    else:  # a longer title than the listed one: "Luật Căn cước công dân"
                        title = (
                            f"{canonical.split(' ')[0] if kind is DocumentType.LAW else 'Bộ luật'} "
                        )
                        title += self.text[self.tokens[j].start : self.tokens[end - 1].end]
                        j = end
                    break
            if title is None and type_cased and not self.folded:
                title, j = self._fallback_title(doc_type, j)
        elif doc_type is DocumentType.ORDINANCE and type_cased and not self.folded:
            title, j = self._fallback_title(doc_type, j)
        number: str | None = None
        k = j + (self.key(j) == self.kw.number_word)
        if k < len(self.tokens):
            parsed = try_parse_document_number(self.tokens[k].text)
            if parsed is not None:
                number, j = parsed.key, k + 1
            elif self.folded and _PARTIAL_NUMBER.match(self.key(k)):
                number, j = self.key(k), k + 1
        year: int | None = None
        if doc_type is DocumentType.CONSTITUTION:
            title = "Hiến pháp"
            if all(fold(self.key(j + n)) == w for n, w in enumerate(self.kw.country)):
                j += len(self.kw.country)
                year = -1
        k = j
        if self.key(k) == self.kw.day_word and self.key(k + 2) == self.kw.month_word:
            k += 4
        if self.key(k) == self.kw.year_word and re.fullmatch(r"(?:19|20)\d\d", self.key(k + 1)):
            year, j = int(self.key(k + 1)), k + 2
        if number is None and title is None:
            return None
        if doc_type is DocumentType.CONSTITUTION and not after_chain and year is None:
            return None
        ref = DocumentRef(
            kind="number" if number else "title",
            number=number,
            title=title,
            doc_type=doc_type,
            year=year if year and year > 0 else None,
        )
        return ref, j

    def _fallback_title(self, doc_type: DocumentType, j: int) -> tuple[str | None, int]:
        if j >= len(self.tokens):
            return None, j
        first = self.tokens[j].text
        if not (first[:1].isupper() and first.isalpha()) or self.key(j) in TITLE_STOP_WORDS:
            return None, j
        k = self._title_end(j)
        prefix = (
            "Bộ luật"
            if doc_type is DocumentType.CODE
            else ("Pháp lệnh" if doc_type is DocumentType.ORDINANCE else "Luật")
        )
        return f"{prefix} {self.text[self.tokens[j].start : self.tokens[k - 1].end]}", k

    def _title_end(self, k: int, limit: int = 8) -> int:
        start = k
        while k < len(self.tokens) and k - start < limit:
            if not self.tokens[k].text.isalpha() or self.key(k) in TITLE_STOP_WORDS:
                break
            k += 1
        return k

    # --- chains -------------------------------------------------------------------------------
    def chain(self, i: int) -> _Chain | None:
        first = self.group(i)
        if first is None:
            return None
        groups = [first]
        j = first.end
        while True:
            k = j + (self.key(j) == self.kw.of_word)
            nxt = self.group(k, repeat_keyword=False)
            if nxt is None or _RANK[nxt.level] <= _RANK[groups[-1].level]:
                break
            if groups[-1].level == "point" and nxt.level not in ("clause", "article"):
                break
            groups.append(nxt)
            j = nxt.end
        document: DocumentRef | None = None
        k = j + (self.key(j) == self.kw.of_word)
        found = self.document(k, after_chain=True)
        if found is not None:
            document, j = found
        levels = [g.level for g in groups]
        if levels == ["point"] and document is None and groups[0].values != [THIS]:
            before = self.key(groups[0].start - 1)
            if before not in self.kw.point_lead_ins:
                return None
        return _Chain({g.level: g.values for g in groups}, document, groups[0].start, j)

    def citations(self, context: CitationContext) -> list[Citation]:
        out: list[Citation] = []
        i = 0
        while i < len(self.tokens):
            if self.tokens[i].key not in self.starts:
                i += 1
                continue
            chain = self.chain(i)
            if chain is None:
                found = self.document(i, after_chain=False)
                if found is not None and found[0].kind != "this":
                    ref, end = found
                    out.append(self._citation([_Chain({}, ref, i, end)], context))
                    i = end
                else:
                    i += 1
                continue
            chains = [chain]
            j = chain.end
            while self.key(j) in self.kw.separators:
                k = j + 1 + (self.key(j) == "," and self.key(j + 1) in self.kw.separators)
                nxt = self.chain(k)
                if nxt is None:
                    break
                chains.append(nxt)
                j = nxt.end
            out.append(self._citation(chains, context))
            i = j
        return out

    def _citation(self, chains: list[_Chain], context: CitationContext) -> Citation:
        for idx in range(len(chains) - 2, -1, -1):
            cur, nxt = chains[idx], chains[idx + 1]
            if not cur.groups or not nxt.groups:
                continue
            top = max(_RANK[lv] for lv in cur.groups)
            for level, values in nxt.groups.items():
                if _RANK[level] > top and _RANK[level] <= _RANK["article"]:
                    cur.groups.setdefault(level, values)
            if cur.document is None and cur.groups.get("article") != [THIS]:
                cur.document = nxt.document
        targets: list[Target] = []
        for chain in chains:
            for target in _resolve(chain, context):
                if target not in targets:
                    targets.append(target)
        start = self.tokens[chains[0].start].start
        end = self.tokens[chains[-1].end - 1].end
        return Citation(start, end, self.text[start:end], tuple(targets))


def _expand(level: str, value: str) -> list[str]:
    if ".." not in value:
        return [value]
    low, high = value.split("..")
    if level == "point":
        letters = list(POINT_LETTERS)
        if low in letters and high in letters and letters.index(low) <= letters.index(high):
            return letters[letters.index(low) : letters.index(high) + 1]
        return [low, high]
    if low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) <= _MAX_RANGE:
        return [str(n) for n in range(int(low), int(high) + 1)]
    if _ROMAN.match(low) and _ROMAN.match(high):
        return [low, high]
    return [low, high]


def _resolve(chain: _Chain, context: CitationContext) -> list[Target]:
    document = chain.document or THIS_DOCUMENT
    if document.kind == "this" and context.document is not None:
        document = replace(
            context.document, doc_type=context.document.doc_type or document.doc_type
        )
    groups = dict(chain.groups)
    local = chain.document is None or chain.document.kind == "this"
    if groups and local:
        top = max(_RANK[lv] for lv in groups)
        schedule_item = all(_DOTTED.match(v) for v in groups[LEVELS[top]])
        if top < _RANK["article"] and not schedule_item:
            for level in ("clause", "article"):
                if _RANK[level] > top:
                    groups[level] = [context.level(level) or THIS]
    levels = sorted(groups, key=lambda lv: -_RANK[lv])
    axes: list[list[str]] = []
    for level in levels:
        values: list[str] = []
        for value in groups[level]:
            if value == THIS:
                values.append(context.level(level) or THIS)
            else:
                values.extend(_expand(level, value))
        axes.append(values)
    return [
        Target(document, tuple(zip(levels, combo, strict=True)))
        for combo in itertools.product(*axes)
    ]


def find_citations(text: str, context: CitationContext | None = None) -> list[Citation]:
    """All citations in ``text`` (NFC expected), in order, with character spans and resolved targets."""
    return _Parser(text, folded=False).citations(context or CitationContext())


def parse_citation_query(query: str, context: CitationContext | None = None) -> Target | None:
    """The provision a typed query names, accents optional: ``"dieu 8 luat 101/2015"``.

    Returns the first target of the first citation, or ``None`` when the query names no provision
    or document (free-text questions fall through to full-text search).
    """
    for folded in (False, True):
        found = _Parser(query, folded=folded).citations(context or CitationContext())
        for citation in found:
            if citation.targets:
                return citation.targets[0]
    return None
