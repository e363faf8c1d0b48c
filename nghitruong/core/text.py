"""Vietnamese text helpers shared by every app.

- ``nfc``: NFC-normalise and collapse whitespace (house rule: store Vietnamese text as NFC).
- ``normalize_tones``: put every tone mark in one canonical place, so that the "new style"
  ``"hoà"``, ``"thuỷ"``, ``"khoẻ"`` and the traditional ``"hòa"``, ``"thủy"``, ``"khỏe"`` compare
  equal. The canonical form is the traditional one (the more frequent in Vietnamese legal texts).
- ``fold``: lower-case, strip tone and vowel marks, đ→d (``"Hoá Đức"`` → ``"hoa duc"``).
- ``syllables`` / ``search_syllables``: split into syllables (Vietnamese words are written as
  space-separated syllables), the latter lower-cased and tone-normalised for indexing.
- ``strip_diacritics``: fold but keep the case (how people type without a Vietnamese keyboard).
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[^\W_]+")

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")


def nfc(text: str) -> str:
    """NFC-normalise and collapse whitespace (house rule: store Vietnamese text as NFC)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ→d: ``"Hoá Đức"`` and ``"hóa duc"`` both → ``"hoa duc"``."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_diacritics(text: str) -> str:
    """Remove every diacritic (đ→d, Đ→D) but keep case and spacing: ``"Luật Đất đai"`` → ``"Luat Dat dai"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def slugify_vi(text: str) -> str:
    """An ASCII slug from Vietnamese text: ``"Ủy ban Pháp luật và Tư pháp"`` → ``"uy-ban-phap-luat-va-tu-phap"``."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def _tone_position(base: str) -> int:
    """Index in ``base`` (a lower-case syllable without tone) of the letter that carries the tone."""
    start = 0
    if base.startswith("qu") or (base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS):
        start = 2
    first = next((i for i in range(start, len(base)) if base[i] in _VOWELS), -1)
    if first < 0:  # "gì", "qu" alone: fall back to the last vowel anywhere
        return max((i for i, ch in enumerate(base) if ch in _VOWELS), default=-1)
    end = first
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    cluster = base[first:end]
    marked = [i for i, ch in enumerate(cluster) if ch in _MARKED_VOWELS]
    if marked:
        return first + marked[-1]  # ươ → ơ, iê → ê, uô → ô
    if len(cluster) == 1:
        return first
    if end < len(base):  # a final consonant follows: toán, hoàng, chuyện
        return end - 1
    if len(cluster) == 3:  # ngoài, khuỷu
        return first + 1
    # An open two-vowel ending: the traditional style marks the first vowel (hòa, thủy, mái, mùa);
    # the "new style" marks the main vowel of oa/oe/uy (hoà, thuỷ) — both map here.
    return first


@functools.lru_cache(maxsize=200_000)
def _normalize_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return unicodedata.normalize("NFC", word)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    pos = _tone_position(bare.lower())
    if pos < 0:
        return unicodedata.normalize("NFC", word)
    return unicodedata.normalize("NFC", bare[: pos + 1] + tones[0] + bare[pos + 1 :])


def normalize_tones(text: str) -> str:
    """NFC, with each syllable's tone mark in its canonical place (``"hoà"`` → ``"hòa"``)."""
    return _WORD.sub(lambda m: _normalize_word(m.group(0)), unicodedata.normalize("NFC", text))


def syllables(text: str) -> list[str]:
    """The syllables (and numbers) of ``text`` in order, as written (NFC)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


@functools.lru_cache(maxsize=200_000)
def search_syllable(word: str) -> str:
    """The index form of one syllable: lower-case, NFC, tone mark in its canonical place."""
    return _normalize_word(word.lower())


@functools.lru_cache(maxsize=200_000)
def fold_syllable(word: str) -> str:
    """The accent-free form of one syllable (``"Đất"`` → ``"dat"``)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_syllables(text: str) -> list[str]:
    """Index form of every syllable of ``text``: ``"Luật Đất đai, hoà giải"`` → ``["luật", "đất", "đai", "hòa", "giải"]``."""
    return [search_syllable(w) for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def has_diacritics(text: str) -> bool:
    """Whether ``text`` has any Vietnamese diacritic (or đ): tells typed from unaccented queries."""
    return fold(text) != nfc(text).lower()
