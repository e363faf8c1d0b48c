"""Parse what the user typed: quoted phrases, and citations that jump straight to their target.

- ``"đất đai"`` (straight or curly quotes) is a phrase: hits must contain those syllables in
  that order (diacritic-insensitive);
- ``Điều 5 Luật Du lịch`` / ``dieu 5 luat du lich`` is a citation of an article of a document;
- ``59/2020/QH14`` (a số ký hiệu) names a document.
"""

import re
from dataclasses import dataclass, field

from nghitruong.core.text import fold, fold_syllable, search_syllables

_PHRASE = re.compile(r"[\"“”„](.+?)[\"“”]")
_ARTICLE = re.compile(r"^\s*(?:dieu|d\.)\s*(\d+[a-z]?)\b[\s,.:-]*(.*)$")
# "59/2020/QH14", "12/KH-VPQH", "01/2021/NĐ-CP" (folded: "nd-cp"), "05/2019/TTLT-BTC-BTP".
_DOC_NUMBER = re.compile(r"(?<![\w/])(\d{1,4}/(?:\d{4}/)?[a-z][a-z0-9-]*(?:/[a-z0-9-]+)?)(?![\w/])")


@dataclass
class SearchQuery:
    text: str
    phrases: list[list[str]] = field(default_factory=list)  # folded syllables of each phrase
    article_number: str = ""
    article_document: str = ""  # folded remainder after "Điều N", e.g. "luat du lich"
    document_number: str = ""  # folded số ký hiệu


def parse_query(text: str) -> SearchQuery:
    query = SearchQuery(text=text)
    for match in _PHRASE.finditer(text):
        syllables = [fold_syllable(t) for t in search_syllables(match.group(1))]
        if syllables:
            query.phrases.append(syllables)
    folded = fold(text)
    number = _DOC_NUMBER.search(folded)
    if number:
        query.document_number = number.group(1)
    article = _ARTICLE.match(folded)
    if article:
        rest = " ".join(fold_syllable(t) for t in search_syllables(article.group(2)))
        query.article_number = article.group(1)
        query.article_document = rest
    return query
