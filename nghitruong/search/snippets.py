"""Highlighted snippets: the best paragraph of a hit, query syllables wrapped in <mark>."""

import re

from django.utils.html import escape

from nghitruong.core.text import fold_syllable

_WORD = re.compile(r"[^\W_]+")
WINDOW = 40  # syllables shown around the first match


def highlight(paragraph: str, folded_terms: set[str], *, window: int = WINDOW) -> str:
    """HTML-safe ``paragraph`` with every syllable whose folded form is in ``folded_terms`` marked;
    a long paragraph is cut to ``window`` syllables around the first match ("…" at the cuts)."""
    words = list(_WORD.finditer(paragraph))
    hits = [i for i, m in enumerate(words) if fold_syllable(m.group(0)) in folded_terms]
    start_char, end_char = 0, len(paragraph)
    prefix = suffix = ""
    if len(words) > window:
        first = hits[0] if hits else 0
        lo = max(0, first - window // 4)
        hi = min(len(words), lo + window)
        start_char = words[lo].start() if lo > 0 else 0
        end_char = words[hi - 1].end() if hi < len(words) else len(paragraph)
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(words) else ""
    out = [prefix]
    pos = start_char
    for i in hits:
        m = words[i]
        if m.start() < start_char or m.end() > end_char:
            continue
        out.append(escape(paragraph[pos : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(escape(paragraph[pos:end_char]))
    out.append(suffix)
    return "".join(out)
