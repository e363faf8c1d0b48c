"""Near-duplicate petitions: diacritic-insensitive TF-IDF cosine, found near-linearly (issue 5 §4).

Pure Python, no database access, so it runs the same over 300 or 50,000 texts.

1. Normalise: fold (lower case, no tone or vowel marks, đ→d, so "hoá" = "hóa" = "hoa"), drop the
   report preamble ("Cử tri tỉnh Nghệ An kiến nghị …"), which names the province and would make
   two different petitions of one province look alike.
2. Features: syllables and syllable bigrams (Vietnamese words are space-separated syllables, so a
   bigram approximates a two-syllable word: "bảo hiểm", "y tế"), minus a short list of function
   syllables; weight = (1 + log tf) × idf, L2-normalised.
3. Places: the names after "xã", "phường", "thị trấn", "thôn", "ấp", "tổ dân phố", "đặc khu"
   ("xã Tân Lập", "thôn 3"). Two petitions that both name places but share none are about
   different places, so never the same petition however alike the rest of the wording ("sửa
   đường ĐT.741 qua xã A" ≠ "sửa đường ĐT.752 qua xã B").
4. Candidates by prefix filtering (Bayardo et al., "Scaling up all pairs similarity search",
   WWW 2007): terms are ordered rarest first; each text is indexed only under the prefix of its
   terms whose remaining suffix still has norm ≥ ``threshold``. If two texts' prefixes share no
   term, every shared term lies in one text's suffix, so their cosine is < ``threshold``: the
   candidate set misses no pair above the threshold, and the rare terms that form prefixes have
   short posting lists, so the work grows near-linearly. Terms found in more than
   ``MAX_DF`` texts are never indexed (a pair that shares only such common words is not
   proposed: template wording alone does not make two petitions one).
5. Candidate pairs with cosine ≥ ``threshold`` and no place conflict are joined with union–find.
"""

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from nghitruong.core.text import nfc, strip_diacritics

DEFAULT_THRESHOLD = 0.35
MAX_DF = 200

_WORD = re.compile(r"[a-z0-9]+")
# "Cử tri (các) tỉnh/thành phố X (…) kiến nghị/đề nghị/phản ánh": everything up to the verb.
_PREAMBLE = re.compile(
    r"^\s*(?:cu tri|nhan dan)[^.;:]{0,80}?\b(?:kien nghi|de nghi|phan anh|de xuat|mong muon)\b"
    r"\s*(?::|,)?\s*"
)
# A place marker (any case) then a name: capitalised syllables and/or numbers ("Tân Lập 2").
_PLACE = re.compile(
    r"\b(?i:(xa|(?<!dia )phuong|thi tran|thon|ap|to dan pho|dac khu))\s+"
    r"((?:[A-Z][a-z]*|[0-9]+)(?:[ ](?:[A-Z][a-z]*|[0-9]+))*)"
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
    return _split(text)[1]


def _split(text: str) -> tuple[str, str]:
    """(accent-free text with its case, folded text), both without the preamble."""
    plain = strip_diacritics(nfc(text))
    folded = plain.lower()
    match = _PREAMBLE.match(folded)
    cut = match.end() if match and len(folded) == len(plain) else 0
    return plain[cut:], folded[cut:]


def places(text: str) -> frozenset[str]:
    """Places the text names, folded: "… xã Tân Lập, thôn 3" → {"xa tan lap", "thon 3"}."""
    return _places(_split(text)[0])


def _places(plain: str) -> frozenset[str]:
    return frozenset(
        f"{m.group(1).lower().replace(' ', '')} {m.group(2).lower()}"
        for m in _PLACE.finditer(plain)
    )


def _features(folded: str) -> Counter[str]:
    words = _WORD.findall(folded)
    counts: Counter[str] = Counter(w for w in words if w not in STOP)
    for a, b in itertools.pairwise(words):
        if a in STOP and b in STOP:
            continue
        counts[f"{a} {b}"] += 1
    return counts


def features(text: str) -> Counter[str]:
    return _features(_split(text)[1])


@dataclass(frozen=True)
class Group:
    """Indices (into the input) of texts judged to raise the same petition, and the pair scores."""

    members: tuple[int, ...]
    pairs: tuple[tuple[int, int, float], ...]


@dataclass
class _Corpus:
    vectors: list[dict[int, float]]  # term id → weight; ids ordered rarest term first
    df: list[int]  # by term id
    places: list[frozenset[str]]


def _corpus(texts: Sequence[str]) -> _Corpus:
    counted: list[Counter[str]] = []
    named: list[frozenset[str]] = []
    for text in texts:
        plain, folded = _split(text)
        counted.append(_features(folded))
        named.append(_places(plain))
    df: Counter[str] = Counter()
    for c in counted:
        df.update(c.keys())
    order = sorted(df, key=lambda term: (df[term], term))
    ids = {term: k for k, term in enumerate(order)}
    n = len(texts)
    idf = [math.log((1 + n) / (1 + df[term])) + 1.0 for term in order]
    vectors = []
    for c in counted:
        vec = {ids[t]: (1.0 + math.log(tf)) * idf[ids[t]] for t, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in sorted(vec.items())})
    return _Corpus(vectors, [df[term] for term in order], named)


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _prefix(vec: dict[int, float], df: list[int], threshold: float) -> list[int]:
    """The rarest terms of ``vec`` until what is left has norm < threshold (ids are rare-first)."""
    left = sum(v * v for v in vec.values())
    prefix: list[int] = []
    bound = threshold * threshold
    for term, weight in vec.items():
        if left < bound or df[term] > MAX_DF:
            break
        prefix.append(term)
        left -= weight * weight
    return prefix


def candidate_pairs(corpus: _Corpus, threshold: float) -> list[tuple[int, int]]:
    """Pairs (i < j) that may reach ``threshold`` and name no conflicting places.

    A text naming no place is paired with every earlier text sharing a prefix term; a text naming
    places is paired with earlier place-less texts sharing a prefix term and with earlier texts
    naming one of its places (a short list; past ``MAX_DF`` texts for a place, with those of them
    sharing a prefix term)."""
    open_postings: dict[int, list[int]] = defaultdict(list)  # texts naming no place
    placed_postings: dict[int, list[int]] = defaultdict(list)
    at_place: dict[str, list[int]] = defaultdict(list)
    named = corpus.places
    pairs: list[tuple[int, int]] = []
    for j, vec in enumerate(corpus.vectors):
        prefix = _prefix(vec, corpus.df, threshold)
        mine = named[j]
        seen: set[int] = set()
        for term in prefix:
            seen.update(open_postings[term])
        if not mine:
            for term in prefix:
                seen.update(placed_postings[term])
                open_postings[term].append(j)
        else:
            crowded = False
            for place in mine:
                docs = at_place[place]
                if len(docs) > MAX_DF:
                    crowded = True
                else:
                    seen.update(docs)
                docs.append(j)
            for term in prefix:
                if crowded:
                    seen.update(i for i in placed_postings[term] if not mine.isdisjoint(named[i]))
                placed_postings[term].append(j)
        pairs.extend((i, j) for i in seen)
    return pairs


def cluster(texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[Group]:
    """Groups of two or more near-duplicate texts, largest first (then by first index)."""
    corpus = _corpus(texts)
    vectors, named = corpus.vectors, corpus.places
    scored: list[tuple[int, int, float]] = []
    for i, j in candidate_pairs(corpus, threshold):
        score = _cosine(vectors[i], vectors[j])
        if score >= threshold:
            scored.append((i, j, round(score, 4)))
    # Strongest pairs first; two groups whose texts name places but no common one stay apart,
    # so a general text without a place cannot chain local petitions of many places together.
    scored.sort(key=lambda p: (-p[2], p[0], p[1]))
    parent = list(range(len(texts)))
    group_places: dict[int, frozenset[str]] = dict(enumerate(named))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    kept: list[tuple[int, int, float]] = []
    for i, j, score in scored:
        ri, rj = find(i), find(j)
        if ri != rj:
            a, b = group_places[ri], group_places[rj]
            if a and b and a.isdisjoint(b):
                continue
            root, child = min(ri, rj), max(ri, rj)
            parent[child] = root
            group_places[root] = a | b
            del group_places[child]
        kept.append((i, j, score))
    scored = kept
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
