"""Precision/recall of the citation parser on the hand-labelled set (docs/benchmarks.md).

The figures are asserted exactly so that any change to the parser or the set shows up here and in
docs/benchmarks.md together; the floor the product needs is 0.95 for each.
"""

from nghitruong.documents.parsing.evaluation import (
    DEFAULT_SET,
    citation_errors,
    evaluate_citations,
    load_labelled,
)


def test_labelled_set_size_and_shape():
    records = load_labelled(DEFAULT_SET)
    citations = [c for r in records for c in r["citations"]]
    assert len(records) == 447
    assert len(citations) == 374
    assert sum(1 for r in records if not r["citations"]) == 147
    assert len({r["source"].split(",")[0] for r in records}) == 17
    for record in records:
        for citation in record["citations"]:
            assert record["sentence"][citation["start"] : citation["end"]] == citation["text"]
            assert citation["targets"]


def test_whole_set_scores():
    scores = evaluate_citations()
    assert (scores.gold_targets, scores.predicted_targets, scores.matched_targets) == (
        557,
        560,
        553,
    )
    assert (scores.precision, scores.recall, scores.f1) == (0.9875, 0.9928, 0.9901)
    assert (scores.gold_citations, scores.predicted_citations, scores.exact_spans) == (
        374,
        377,
        371,
    )
    assert (scores.span_precision, scores.span_recall) == (0.9841, 0.992)
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95


def test_heldout_split_scores():
    scores = evaluate_citations(split="heldout")
    assert (scores.sentences, scores.gold_targets, scores.matched_targets) == (94, 92, 92)
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_known_errors_are_the_annex_references_only():
    assert [line.split("'")[1] for line in citation_errors()] == [
        "dev-0006",
        "dev-0006",
        "dev-0006",
        "dev-0019",
        "dev-0019",
        "dev-0019",
        "dev-0027",
        "dev-0027",
        "dev-0027",
        "dev-0027",
        "dev-0027",
    ]
