"""Detection of delegation clauses on real law texts: the labelled set of 224 sentences (116
delegations). Figures are recorded in docs/benchmarks.md ("Delegation clauses")."""

import json

from nghitruong.tracking.evaluation import DEFAULT_SET, evaluate_delegations


def test_labelled_set_is_large_enough_and_sourced() -> None:
    data = json.loads(DEFAULT_SET.read_text(encoding="utf-8"))
    assert "public domain" in data["_provenance"]
    assert len(data["items"]) == 224
    assert sum(1 for i in data["items"] if i["delegation"]) == 116
    assert all(i["authority"] for i in data["items"] if i["delegation"])
    assert len({i["law"] for i in data["items"]}) == 17


def test_precision_and_recall_exact() -> None:
    scores = evaluate_delegations()
    assert scores.summary() == {
        "items": 224,
        "positives": 116,
        "true_positives": 109,
        "false_positives": 3,
        "false_negatives": 7,
        "authority_correct": 102,
        "lead_authority_correct": 106,
        "precision": 0.973,
        "recall": 0.94,
        "authority_accuracy": 0.936,
        "lead_authority_accuracy": 0.972,
    }
