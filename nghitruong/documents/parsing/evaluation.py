"""Precision and recall of :func:`find_citations` on a hand-labelled set (docs/benchmarks.md).

A prediction counts at the level of resolved targets: (sentence, document, path) must equal a
labelled target exactly — document by số ký hiệu when one was given, else by title (compared without
accents and case), else "this document"; the path down to the point. Spans are scored separately
(a predicted citation whose character span equals a labelled one).

    .venv/bin/python -m nghitruong.documents.parsing.evaluation [path.jsonl] [split]
"""

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nghitruong.core.text import fold
from nghitruong.documents.parsing.citations import find_citations
from nghitruong.documents.parsing.refs import CitationContext

DEFAULT_SET = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "parsing"
    / "data"
    / "citations_labelled.jsonl"
)


@dataclass(frozen=True, slots=True)
class CitationScores:
    """Counts and ratios (rounded to 4 places) for one labelled set or split."""

    sentences: int
    gold_citations: int
    gold_targets: int
    predicted_targets: int
    matched_targets: int
    precision: float
    recall: float
    f1: float
    predicted_citations: int
    exact_spans: int
    span_precision: float
    span_recall: float


def _doc_key(doc: dict[str, Any]) -> tuple[str, ...]:
    if doc.get("number"):
        return ("number", str(doc["number"]))
    if doc.get("title"):
        return ("title", fold(str(doc["title"])))
    return ("this",)


def _target_keys(sentence_id: str, citations: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {
        (sentence_id, _doc_key(t["doc"]), tuple(tuple(p) for p in t["path"]))
        for c in citations
        for t in c["targets"]
    }


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def load_labelled(path: Path = DEFAULT_SET, split: str | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split is None or r["split"] == split]


def evaluate_citations(path: Path = DEFAULT_SET, split: str | None = None) -> CitationScores:
    """Run the parser over every labelled sentence (with its article/clause/point as context)."""
    gold: set[tuple[Any, ...]] = set()
    predicted: set[tuple[Any, ...]] = set()
    gold_spans: set[tuple[str, int, int]] = set()
    predicted_spans: set[tuple[str, int, int]] = set()
    records = load_labelled(path, split)
    for record in records:
        context = CitationContext(
            article=record["article"], clause=record["clause"], point=record["point"]
        )
        citations = find_citations(record["sentence"], context)
        found: list[dict[str, Any]] = [
            {"targets": [t.as_dict() for t in c.targets]} for c in citations
        ]
        gold |= _target_keys(record["id"], record["citations"])
        predicted |= _target_keys(record["id"], found)
        gold_spans |= {(record["id"], int(c["start"]), int(c["end"])) for c in record["citations"]}
        predicted_spans |= {(record["id"], c.start, c.end) for c in citations}
    matched = len(gold & predicted)
    precision = _ratio(matched, len(predicted))
    recall = _ratio(matched, len(gold))
    exact = len(gold_spans & predicted_spans)
    return CitationScores(
        sentences=len(records),
        gold_citations=len(gold_spans),
        gold_targets=len(gold),
        predicted_targets=len(predicted),
        matched_targets=matched,
        precision=precision,
        recall=recall,
        f1=round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        predicted_citations=len(predicted_spans),
        exact_spans=exact,
        span_precision=_ratio(exact, len(predicted_spans)),
        span_recall=_ratio(exact, len(gold_spans)),
    )


def citation_errors(path: Path = DEFAULT_SET, split: str | None = None) -> list[str]:
    """One line per missed or spurious target, to read when a figure moves."""
    lines: list[str] = []
    for record in load_labelled(path, split):
        context = CitationContext(
            article=record["article"], clause=record["clause"], point=record["point"]
        )
        found = [
            {"targets": [t.as_dict() for t in c.targets]}
            for c in find_citations(record["sentence"], context)
        ]
        gold = _target_keys(record["id"], record["citations"])
        predicted = _target_keys(record["id"], found)
        lines += [f"missed   {key}" for key in sorted(gold - predicted, key=repr)]
        lines += [f"spurious {key}" for key in sorted(predicted - gold, key=repr)]
    return lines


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_SET
    split = argv[1] if len(argv) > 1 else None
    out = {"set": str(path), "split": split or "all", **asdict(evaluate_citations(path, split))}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
