"""Field and agency suggestions for voter petitions: keyword rules plus a trained model (issue 5 §3).

Pure Python, offline, no database access: the services train it on confirmed classifications and
store its parameters as JSON (``ClassifierModel``); the selectors load them and ask for suggestions.

- **Features.** ``similarity.features``: the folded text (lower case, no diacritics, đ→d, so
  "bao hiem y te" = "bảo hiểm y tế"), the report preamble ("Cử tri tỉnh X kiến nghị") dropped,
  syllables and syllable bigrams minus function syllables. Counted once per petition (binarised),
  which suits short texts.
- **Rules** (``data/classifier_rules.json``, maintained as data): per field a list of keywords,
  matched on whole folded syllables; per field the agencies that manage it. A field's rule score is
  its share of the keywords found.
- **Model**: multinomial naive Bayes over the binarised features with Laplace smoothing
  (``ALPHA``), trained on petitions whose field staff confirmed. Its reason names how many
  confirmed petitions of the field share the text's most telling term.
- **Combination**: with a model, ``(1 - RULE_WEIGHT) × model + RULE_WEIGHT × rules`` (rules only
  count when a keyword was found); without one, the rules alone.
- **Agencies**: for each likely field, the agencies its confirmed petitions went to (the same
  body's history counts ``BODY_WEIGHT`` times), plus one pseudo-count per rule agency; weighted by
  the field's score and summed.
"""

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nghitruong.core.text import fold, fold_syllable, has_diacritics, nfc, search_syllables
from nghitruong.petitions import similarity

RULES_PATH = Path(__file__).parent / "data" / "classifier_rules.json"
FORMAT = 1
ALPHA = 0.1  # Laplace smoothing of the term likelihoods
RULE_WEIGHT = 0.3  # share of the keyword rules when a model exists and a keyword matched
BODY_WEIGHT = 2  # the body's own routing history counts twice the history of other bodies
TOP = 3
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Suggestion:
    """One suggested field or agency: its key (field or agency code), score 0–1, reasons."""

    key: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Sample:
    """A confirmed classification: the text, its field, its agency code (if routed), its body."""

    text: str
    field: str
    agency: str = ""
    body: str = ""


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    keywords: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # field → ((syllables, text), …)
    agencies: dict[str, tuple[str, ...]]  # field → agency codes


def rules_from(data: Mapping[str, Any]) -> Rules:
    keywords: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
    agencies: dict[str, tuple[str, ...]] = {}
    for code, row in data["fields"].items():
        words = [nfc(w) for w in row.get("keywords", [])]
        keywords[code] = tuple((tuple(search_syllables(w)), w) for w in words if w)
        agencies[code] = tuple(row.get("agencies", []))
    return Rules(keywords=keywords, agencies=agencies)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return rules_from(json.loads(RULES_PATH.read_text(encoding="utf-8")))


def _contains(text: Sequence[str], at: Mapping[str, list[int]], keyword: Sequence[str]) -> bool:
    n = len(keyword)
    return any(
        tuple(text[i : i + n]) == tuple(keyword)
        for i in at.get(keyword[0], ())
        if i + n <= len(text)
    )


def keyword_hits(rules: Rules, text: str) -> dict[str, list[str]]:
    """``{field: [keywords found, as written]}``; a keyword inside a longer one found for the same
    field is dropped ("bảo hiểm y tế" found: "y tế" is not listed again)."""
    written = search_syllables(text)
    # A text typed with diacritics is matched as spelled (tone marks normalised), so "cho" (for)
    # never finds the keyword "chợ" (market); a text typed without any is matched folded, so
    # "bao hiem y te" finds "bảo hiểm y tế" — there only keywords of two syllables or more count,
    # since one folded syllable stands for too many words ("cho" is "cho", "chó", "chợ", "chờ").
    accented = has_diacritics(text)
    if not accented:
        written = [fold_syllable(w) for w in written]
    at: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(written):
        at[w].append(i)
    hits: dict[str, list[str]] = {}
    for code, words in rules.keywords.items():
        found = [
            (" ".join(k), w)
            for k, w in words
            if (accented or len(k) > 1)
            and _contains(written, at, k if accented else tuple(fold_syllable(x) for x in k))
        ]
        kept = [w for f, w in found if not any(f != g and f" {f} " in f" {g} " for g, _ in found)]
        if kept:
            hits[code] = kept
    return hits


def rule_scores(rules: Rules, text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    hits = keyword_hits(rules, text)
    total = sum(len(v) for v in hits.values())
    return ({code: len(v) / total for code, v in hits.items()} if total else {}), hits


# --- model -----------------------------------------------------------------------------------


@dataclass
class Model:
    """Naive Bayes parameters plus the routing history, JSON-serialisable (``as_json``)."""

    docs: dict[str, int] = field(default_factory=dict)  # field → confirmed petitions
    terms: dict[str, dict[str, int]] = field(default_factory=dict)  # field → term → petitions
    agencies: dict[str, dict[str, int]] = field(default_factory=dict)  # field → agency → count
    body_agencies: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    _totals: dict[str, int] = field(default_factory=dict, repr=False)
    _vocab: int = 0

    def __post_init__(self) -> None:
        self._totals = {f: sum(t.values()) for f, t in self.terms.items()}
        self._vocab = len({t for terms in self.terms.values() for t in terms})

    @property
    def samples(self) -> int:
        return sum(self.docs.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "docs": self.docs,
            "terms": self.terms,
            "agencies": self.agencies,
            "body_agencies": self.body_agencies,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Model":
        if data.get("format") != FORMAT:
            return cls()
        return cls(
            docs=dict(data["docs"]),
            terms={f: dict(t) for f, t in data["terms"].items()},
            agencies={f: dict(a) for f, a in data["agencies"].items()},
            body_agencies={
                b: {f: dict(a) for f, a in fs.items()} for b, fs in data["body_agencies"].items()
            },
        )

    def log_likelihood(self, code: str, term: str) -> float:
        count = self.terms[code].get(term, 0)
        return math.log((count + ALPHA) / (self._totals[code] + ALPHA * self._vocab))

    def known(self, terms: Iterable[str]) -> list[str]:
        return sorted({t for t in terms if any(t in tf for tf in self.terms.values())})


def terms_of(text: str) -> list[str]:
    """The features the model sees: distinct folded syllables and bigrams."""
    return sorted(similarity.features(text))


def train(samples: Iterable[Sample]) -> Model:
    docs: Counter[str] = Counter()
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    agencies: dict[str, Counter[str]] = defaultdict(Counter)
    body_agencies: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for s in samples:
        docs[s.field] += 1
        terms[s.field].update(terms_of(s.text))
        if s.agency:
            agencies[s.field][s.agency] += 1
            if s.body:
                body_agencies[s.body][s.field][s.agency] += 1
    return Model(
        docs=dict(sorted(docs.items())),
        terms={f: dict(sorted(t.items())) for f, t in sorted(terms.items())},
        agencies={f: dict(sorted(a.items())) for f, a in sorted(agencies.items())},
        body_agencies={
            b: {f: dict(sorted(a.items())) for f, a in sorted(fs.items())}
            for b, fs in sorted(body_agencies.items())
        },
    )


def model_scores(model: Model, text: str) -> tuple[dict[str, float], dict[str, tuple[int, str]]]:
    """(posterior per field, per field the (confirmed petitions, term) that best explains it)."""
    if not model.samples:
        return {}, {}
    known = model.known(terms_of(text))
    if not known:
        return {}, {}
    total = model.samples
    # Per-term mean log-likelihood: naive Bayes's sum over dozens of correlated syllables and
    # bigrams makes it certain of one field; the mean keeps the ranking and a usable score.
    logs = {
        code: (math.log(n / total) + sum(model.log_likelihood(code, t) for t in known)) / len(known)
        for code, n in model.docs.items()
    }
    top = max(logs.values())
    weights = {code: math.exp(v - top) for code, v in logs.items()}
    norm = sum(weights.values())
    posterior = {code: w / norm for code, w in weights.items()}
    evidence: dict[str, tuple[int, str]] = {}
    for code in model.docs:
        best: tuple[float, int, str] | None = None
        for t in known:
            count = model.terms[code].get(t, 0)
            if not count:
                continue
            others = [c for c in model.docs if c != code]
            rest = max((model.log_likelihood(c, t) for c in others), default=-30.0)
            # Bigrams name the subject better than syllables: prefer them on a tie.
            key = (model.log_likelihood(code, t) - rest, count, t)
            if best is None or (key[0], key[1], " " in key[2]) > (best[0], best[1], " " in best[2]):
                best = key
        if best is not None:
            evidence[code] = (best[1], best[2])
    return posterior, evidence


def surface(text: str, term: str) -> str:
    """How ``term`` (folded syllables) is written in ``text``: "bao hiem" → "bảo hiểm"."""
    words = _WORD.findall(nfc(text))
    folded = [fold(w) for w in words]
    wanted = term.split()
    for i in range(len(words) - len(wanted) + 1):
        if folded[i : i + len(wanted)] == wanted:
            return " ".join(words[i : i + len(wanted)]).lower()
    return term


def suggest_fields(
    text: str, *, model: Model | None = None, rules: Rules | None = None, top: int = TOP
) -> list[Suggestion]:
    """The ``top`` likeliest fields, best first (ties by code), each with its reasons."""
    rules = rules or default_rules()
    by_rules, hits = rule_scores(rules, text)
    by_model, evidence = model_scores(model, text) if model is not None else ({}, {})
    if by_model:
        weight = RULE_WEIGHT if by_rules else 0.0
        scores = {
            code: (1 - weight) * by_model.get(code, 0.0) + weight * by_rules.get(code, 0.0)
            for code in set(by_model) | set(by_rules)
        }
    else:
        scores = dict(by_rules)
    ranked = sorted(((s, c) for c, s in scores.items() if s > 0), key=lambda sc: (-sc[0], sc[1]))
    out = []
    for score, code in ranked[:top]:
        reasons: list[str] = []
        if code in hits:
            reasons.append("từ khóa: " + ", ".join(hits[code]))
        if code in evidence and by_model.get(code, 0.0) >= 0.01:
            n, term = evidence[code]
            reasons.append(f"giống {n} kiến nghị đã phân loại (“{surface(text, term)}”)")
        out.append(Suggestion(code, round(score, 4), tuple(reasons)))
    return out


def suggest_agencies(
    fields: Sequence[Suggestion],
    *,
    model: Model | None = None,
    rule_agencies: Callable[[str], Sequence[str]] = lambda code: (),
    body: str = "",
    field_names: Mapping[str, str] | None = None,
    agency_names: Mapping[str, str] | None = None,
    top: int = TOP,
) -> list[Suggestion]:
    """Agencies for the suggested ``fields``: routing history of confirmed petitions of each field
    (this body's counted ``BODY_WEIGHT`` times) plus one pseudo-count per rule agency, weighted by
    the field's score. ``rule_agencies(field)`` gives the rule's agency codes for this body."""
    names = field_names or {}
    scores: dict[str, float] = defaultdict(float)
    history: dict[str, list[tuple[int, str]]] = defaultdict(list)
    ruled: dict[str, list[str]] = defaultdict(list)
    own = (model.body_agencies.get(body, {}) if model else {}) if body else {}
    for f in fields:
        counts: Counter[str] = Counter()
        if model is not None:
            counts.update(model.agencies.get(f.key, {}))
            for code, n in own.get(f.key, {}).items():
                counts[code] += (BODY_WEIGHT - 1) * n
        seen = set(counts)
        for code in rule_agencies(f.key):
            counts[code] += 1
            ruled[code].append(names.get(f.key, f.key))
        total = sum(counts.values())
        if not total:
            continue
        for code, n in counts.items():
            scores[code] += f.score * n / total
        for code in sorted(seen):
            past = (model.agencies.get(f.key, {}).get(code, 0)) if model else 0
            if past:
                history[code].append((past, names.get(f.key, f.key)))
    ranked = sorted(scores.items(), key=lambda cs: (-cs[1], cs[0]))[:top]
    out = []
    for code, score in ranked:
        reasons = [
            f"giống {n} kiến nghị đã phân loại lĩnh vực “{name}” đã chuyển "
            f"{(agency_names or {}).get(code, 'cơ quan này')}"
            for n, name in sorted(history[code], key=lambda x: (-x[0], x[1]))
        ]
        if ruled[code]:
            reasons.append("cơ quan quản lý lĩnh vực " + ", ".join(f"“{n}”" for n in ruled[code]))
        out.append(Suggestion(code, round(score, 4), tuple(reasons)))
    return out


# --- evaluation --------------------------------------------------------------------------------


def held_out(group: str, *, every: int = 5) -> bool:
    """Deterministic split: a group (a petition, a subject, a topic) is held out when a stable hash
    of its key falls in 1/``every`` of the range."""
    value = 0
    for ch in group.encode("utf-8"):
        value = (value * 131 + ch) % 1_000_003
    return value % every == 0


def evaluate(
    train_set: Sequence[Sample], test_set: Sequence[Sample], *, rules: Rules | None = None
) -> dict[str, float | int]:
    """Top-1 / top-3 field accuracy on ``test_set`` of a model trained on ``train_set`` (and of the
    keyword rules alone, for comparison)."""
    model = train(train_set)
    hits1 = hits3 = rules1 = 0
    for s in test_set:
        ranked = [x.key for x in suggest_fields(s.text, model=model, rules=rules)]
        hits1 += bool(ranked[:1] == [s.field])
        hits3 += s.field in ranked[:3]
        by_rules = [x.key for x in suggest_fields(s.text, rules=rules)]
        rules1 += bool(by_rules[:1] == [s.field])
    n = len(test_set) or 1
    return {
        "train": len(train_set),
        "test": len(test_set),
        "top1": round(hits1 / n, 4),
        "top3": round(hits3 / n, 4),
        "rules_top1": round(rules1 / n, 4),
    }
