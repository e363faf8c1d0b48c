"""Constructed voter petitions for the duplicate-suggestion set and the clustering benchmark.

Every text here was WRITTEN FOR THIS PROJECT to resemble the wording of the NA Committee on
People's Aspirations and Supervision's published summaries of voter petitions ("Cử tri tỉnh …
kiến nghị …"); none is copied from a real report. ``TOPICS`` holds one subject each, with one or
two independently written wordings; ``variants`` turns a wording into what another delegation
would send (its own preamble, synonyms, new-style tone marks, text typed without accents, a
clause dropped or added). Deterministic for a given seed.
"""

import random
from dataclasses import dataclass

from nghitruong.core.text import strip_diacritics
from nghitruong.petitions.synthetic_topics import PROVINCES, TOPICS

PREAMBLES = [
    "Cử tri tỉnh {p} kiến nghị {rest}.",
    "Cử tri thành phố {p} đề nghị {rest}.",
    "Cử tri {p} kiến nghị: {rest}.",
    "Cử tri các tỉnh {p}, {q} đề nghị {rest}.",
    "Cử tri tỉnh {p} phản ánh và kiến nghị {rest}.",
]
SYNONYMS = [
    ("Chính phủ", "Chính phủ, Thủ tướng Chính phủ"),
    ("sớm", "khẩn trương"),
    ("có giải pháp", "có biện pháp"),
    ("người dân", "nhân dân"),
    ("tình trạng", "thực trạng"),
    ("đề nghị", "kiến nghị"),
    ("hỗ trợ", "giúp đỡ, hỗ trợ"),
]
NEW_STYLE = [("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("ủy", "uỷ"), ("ùy", "uỳ"), ("ọa", "oạ")]
ADDITIONS = [
    ", vì đây là vấn đề cử tri đã nhiều lần kiến nghị nhưng chưa được giải quyết",
    ", bảo đảm quyền lợi chính đáng của người dân",
    " trong thời gian sớm nhất",
]


@dataclass(frozen=True)
class ConstructedPetition:
    id: str
    topic: str
    field: str
    province: str
    content: str


def variant(rng: random.Random, wording: str) -> tuple[str, str]:
    """One delegation's version of ``wording``: (province, text)."""
    text = wording
    for old, new in SYNONYMS:
        if old in text and rng.random() < 0.3:
            text = text.replace(old, new, 1)
    if rng.random() < 0.2 and text.count(",") >= 2:
        text = text[: text.rfind(",")]
    if rng.random() < 0.2:
        text += rng.choice(ADDITIONS)
    province, other = rng.sample(PROVINCES, 2)
    full = rng.choice(PREAMBLES).format(p=province, q=other, rest=text)
    roll = rng.random()
    if roll < 0.15:
        for old, new in NEW_STYLE:
            full = full.replace(old, new)
    elif roll < 0.25:
        full = strip_diacritics(full)
    return province, full


def labelled_set(seed: int = 20261123) -> list[ConstructedPetition]:
    """The labelled set: each topic raised by 1–10 delegations (wordings alternate)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    sizes = [1, 2, 3, 4, 5, 6, 7, 8, 10]
    rows: list[ConstructedPetition] = []
    for key, field, wordings in TOPICS:
        for k in range(rng.choice(sizes)):
            province, text = variant(rng, wordings[k % len(wordings)])
            rows.append(ConstructedPetition(f"{key}#{k + 1}", key, field, province, text))
    rng.shuffle(rows)
    return rows
