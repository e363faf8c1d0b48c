"""The final scoring shared by every backend (the backends only generate candidates).

Chosen by offline research on the legal-retrieval development set, preferring few parameters on
a flat optimum over a learned model (docs/benchmarks.md "Legal retrieval"): BM25 (k1=1.0, b=0.6)
over canonical syllables and syllable bigrams of "law title + heading ×2 + body", computed twice — on accented forms and on
accent-folded forms — plus two structural signals that generalise beyond the dev questions:

- heading coverage: the idf-weighted share of the article heading's syllables and bigrams that
  the query contains (questions usually restate the heading: "Điều kiện giải quyết tranh chấp
  bằng Trọng tài" ⊂ "Điều kiện để giải quyết tranh chấp bằng trọng tài là gì?");
- best paragraph: the BM25 score of the single best clause, so one clause that answers the
  question beats an article that mentions every word once in different clauses.

Each signal is divided by its maximum over the candidates, then combined with fixed weights.
A typed query scores its accented form first (exact accented matches rank first); an unaccented
query uses the folded forms for both parts.
"""

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

from nghitruong.core.text import fold_syllable, has_diacritics, search_syllables

K1 = 1.0
B = 0.6
W_FOLDED = 0.3
W_HEADING = 0.5
W_PARAGRAPH = 0.3
SEPARATOR = "¦"
ACCENTED = "a:"
FOLDED = "f:"


def bigrams(tokens: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]


def grams(tokens: list[str]) -> list[str]:
    return tokens + bigrams(tokens)


@dataclass
class ParsedQuery:
    accented: list[str]
    folded: list[str]
    typed: bool

    @classmethod
    def from_text(cls, text: str) -> "ParsedQuery":
        accented = search_syllables(text)
        return cls(
            accented=accented,
            folded=[fold_syllable(t) for t in accented],
            typed=has_diacritics(text),
        )

    def folded_grams(self) -> list[str]:
        return grams(self.folded)

    def terms(self) -> set[str]:
        """Every index term whose document frequency the scoring needs."""
        out = {FOLDED + t for t in self.folded_grams()}
        if self.typed:
            out |= {ACCENTED + t for t in grams(self.accented)}
        return out


@dataclass
class UnitVector:
    """What scoring needs from one unit, parsed from its stored ``tokens``."""

    acc_uni: Counter[str]
    acc_bi: Counter[str]
    fold_uni: Counter[str]
    fold_bi: Counter[str]
    length: int
    heading: list[str]
    paragraphs: list[tuple[Counter[str], int]] = field(default_factory=list)


def split_parts(tokens: str) -> list[list[str]]:
    return [part.split() for part in tokens.split(SEPARATOR)]


def unit_document(parts: list[list[str]]) -> list[list[str]]:
    """The scored document: title, heading twice, then each paragraph."""
    title, heading, paragraphs = parts[0], parts[1] if len(parts) > 1 else [], parts[2:]
    return [title, heading, heading, *paragraphs]


def unit_terms(parts: list[list[str]]) -> tuple[set[str], int]:
    """The set of index terms of a unit (for document frequencies) and its length."""
    terms: set[str] = set()
    length = 0
    for seq in unit_document(parts):
        folded = [fold_syllable(t) for t in seq]
        terms.update(ACCENTED + t for t in grams(seq))
        terms.update(FOLDED + t for t in grams(folded))
        length += len(seq)
    return terms, length


def unit_vector(tokens: str) -> UnitVector:
    parts = split_parts(tokens)
    acc_uni: Counter[str] = Counter()
    acc_bi: Counter[str] = Counter()
    fold_uni: Counter[str] = Counter()
    fold_bi: Counter[str] = Counter()
    length = 0
    for seq in unit_document(parts):
        folded = [fold_syllable(t) for t in seq]
        acc_uni.update(seq)
        acc_bi.update(bigrams(seq))
        fold_uni.update(folded)
        fold_bi.update(bigrams(folded))
        length += len(seq)
    heading = [fold_syllable(t) for t in parts[1]] if len(parts) > 1 else []
    paragraphs = []
    for seq in parts[2:]:
        folded = [fold_syllable(t) for t in seq]
        counts = Counter(folded)
        counts.update(bigrams(folded))
        paragraphs.append((counts, len(folded)))
    return UnitVector(acc_uni, acc_bi, fold_uni, fold_bi, length, grams(heading), paragraphs)


@dataclass
class CollectionStats:
    units: int
    avg_length: float
    avg_paragraph: float
    df: dict[str, int]
    _idf: dict[str, float] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            df = self.df.get(term, 0)
            value = self._idf[term] = math.log(1 + (self.units - df + 0.5) / (df + 0.5))
        return value


def _weights(query: list[str], stats: CollectionStats, prefix: str) -> dict[str, float]:
    """term → idf × occurrences in the query (a repeated query term counts again)."""
    out: dict[str, float] = {}
    for term, n in Counter(query).items():
        out[term] = stats.idf(prefix + term) * n
    return out


def _bm25(weights: dict[str, float], counts: Counter[str], ratio: float) -> float:
    norm = K1 * (1 - B + B * ratio)
    score = 0.0
    for term in weights.keys() & counts.keys():
        tf = counts[term]
        score += weights[term] * tf * (K1 + 1) / (tf + norm)
    return score


def _normalised(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0 for _ in values]


def score_units(
    query: ParsedQuery, vectors: list[UnitVector], stats: CollectionStats
) -> list[float]:
    """The final score of each candidate (same order as ``vectors``)."""
    w_fold_uni = _weights(query.folded, stats, FOLDED)
    w_fold_bi = _weights(bigrams(query.folded), stats, FOLDED)
    w_acc_uni = _weights(query.accented, stats, ACCENTED) if query.typed else {}
    w_acc_bi = _weights(bigrams(query.accented), stats, ACCENTED) if query.typed else {}
    w_par = {**w_fold_uni, **w_fold_bi}
    q_set = set(w_par)
    feats: list[list[float]] = [[], [], [], [], [], []]
    avg = stats.avg_length or 1.0
    avg_par = stats.avg_paragraph or 1.0
    for v in vectors:
        ratio = v.length / avg
        fu = _bm25(w_fold_uni, v.fold_uni, ratio)
        fb = _bm25(w_fold_bi, v.fold_bi, ratio)
        if query.typed:
            au = _bm25(w_acc_uni, v.acc_uni, ratio)
            ab = _bm25(w_acc_bi, v.acc_bi, ratio)
        else:
            au, ab = fu, fb
        total = covered = 0.0
        for g in v.heading:
            idf = stats.idf(FOLDED + g)
            total += idf
            if g in q_set:
                covered += idf
        best_par = 0.0
        for counts, n in v.paragraphs:
            if q_set.isdisjoint(counts):
                continue
            best_par = max(best_par, _bm25(w_par, counts, n / avg_par))
        for i, value in enumerate((au, ab, fu, fb, covered / total if total else 0.0, best_par)):
            feats[i].append(value)
    au_n, ab_n, fu_n, fb_n, par_n = (
        _normalised(feats[0]),
        _normalised(feats[1]),
        _normalised(feats[2]),
        _normalised(feats[3]),
        _normalised(feats[5]),
    )
    return [
        au_n[i]
        + ab_n[i]
        + W_FOLDED * (fu_n[i] + fb_n[i])
        + W_HEADING * feats[4][i]
        + W_PARAGRAPH * par_n[i]
        for i in range(len(vectors))
    ]
