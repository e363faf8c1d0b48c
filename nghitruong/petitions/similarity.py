"""Near-duplicate petitions: diacritic-insensitive TF-IDF cosine with a blocking step (issue 5 §4).

Pure Python, no database access, so it runs the same over 300 or 50,000 texts.

1. Normalise: ``core.text.fold`` (lower case, no tone or vowel marks, đ→d, so "hoá" = "hóa" =
   "hoa"), drop the report preamble ("Cử tri tỉnh Nghệ An kiến nghị …"), which names the province
   and would make two different petitions of one province look alike.
2. Features: syllables and syllable bigrams (Vietnamese words are space-separated syllables, so a
   bigram approximates a two-syllable word: "bảo hiểm", "y tế"), minus a short list of function
   syllables; weight = (1 + log tf) × idf, L2-normalised.
3. Blocking: each text is indexed under its ``BLOCK_KEYS`` highest-weighted bigrams; only texts
   sharing at least one such key are compared, and a key shared by more than ``MAX_POSTING``
   texts is too common to separate anything and is skipped. This keeps the work near-linear.
4. Pairs with cosine ≥ ``threshold`` are joined with union–find into groups.
"""

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from nghitruong.core.text import fold

DEFAULT_THRESHOLD = 0.35
BLOCK_KEYS = 8
MAX_POSTING = 300

_WORD = re.compile(r"[a-z0-9]+")
# "Cử tri (các) tỉnh/thành phố X (…) kiến nghị/đề nghị/phản ánh": everything up to the verb.
_PREAMBLE = re.compile(
    r"^\s*(?:cu tri|nhan dan)[^.;:]{0,80}?\b(?:kien nghi|de nghi|phan anh|de xuat|mong muon)\b"
    r"\s*(?::|,)?\s*"
)
STOP = frozenset(
    [
        "va",
        "cac",
        "cua",
        "co",
        "la",
        "cho",
        "trong",
        "voi",
        "nhung",
        "duoc",
        "theo",
        "tai",
        "tren",
        "den",
        "khi",
        "nay",
        "do",
        "mot",
        "so",
        "vao",
        "ve",
        "tu",
        "de",
        "nghi",
        "kien",
        "can",
        "som",
        "xem",
        "xet",
        "quan",
        "tam",
        "chi",
        "dao",
        "nghien",
        "cuu",
        "bo",
        "sung",
        "hien",
        "nay",
        "viec",
        "tinh",
        "thanh",
        "pho",
        "cu",
        "tri",
        "nhan",
        "dan",
        "nham",
        "tao",
        "dieu",
        "kien",
        "dam",
        "bao",
        "thuc",
        "hien",
        "tiep",
        "tuc",
        "hon",
        "nhat",
        "cung",
        "nhu",
        "the",
    ]
)


def normalise(text: str) -> str:
    folded = fold(text)
    return _PREAMBLE.sub("", folded, count=1)


def features(text: str) -> Counter[str]:
    words = list(_WORD.findall(normalise(text)))
    counts: Counter[str] = Counter(w for w in words if w not in STOP)
    for a, b in itertools.pairwise(words):
        if a in STOP and b in STOP:
            continue
        counts[f"{a} {b}"] += 1
    return counts


@dataclass(frozen=True)
class Group:
    """Indices (into the input) of texts judged to raise the same petition, and the pair scores."""

    members: tuple[int, ...]
    pairs: tuple[tuple[int, int, float], ...]


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    counted = [features(t) for t in texts]
    df: Counter[str] = Counter()
    for c in counted:
        df.update(c.keys())
    n = len(texts)
    idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
    vectors = []
    for c in counted:
        vec = {t: (1.0 + math.log(tf)) * idf[t] for t, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def candidate_pairs(vectors: Sequence[dict[str, float]]) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        bigrams = [(w, t) for t, w in vec.items() if " " in t]
        for _w, term in sorted(bigrams, reverse=True)[:BLOCK_KEYS]:
            postings[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTING:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pairs.add((ids[x], ids[y]))
    return pairs


def cluster(texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[Group]:
    """Groups of two or more near-duplicate texts, largest first (then by first index)."""
    vectors = _vectors(texts)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scored: list[tuple[int, int, float]] = []
    for i, j in candidate_pairs(vectors):
        score = _cosine(vectors[i], vectors[j])
        if score >= threshold:
            scored.append((i, j, round(score, 4)))
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[find(i)].append(i)
    pairs_of: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, s in scored:
        pairs_of[find(i)].append((i, j, s))
    groups = [
        Group(members=tuple(ids), pairs=tuple(sorted(pairs_of[root])))
        for root, ids in members.items()
        if len(ids) > 1
    ]
    return sorted(groups, key=lambda g: (-len(g.members), g.members[0]))


def pair_scores(predicted: Sequence[Group], labels: Sequence[str | None]) -> dict[str, float | int]:
    """Precision and recall over pairs: a predicted pair (same group) is right when both texts
    carry the same non-empty label; recall is over every labelled same-group pair."""
    predicted_pairs = {
        (a, b) for g in predicted for x, a in enumerate(g.members) for b in g.members[x + 1 :]
    }
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        if label:
            by_label[label].append(i)
    true_pairs = {
        (a, b) for ids in by_label.values() for x, a in enumerate(ids) for b in ids[x + 1 :]
    }
    hits = len(predicted_pairs & true_pairs)
    precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return {
        "predicted_pairs": len(predicted_pairs),
        "true_pairs": len(true_pairs),
        "correct_pairs": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
    }
