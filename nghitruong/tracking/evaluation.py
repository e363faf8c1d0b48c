"""Precision/recall of delegation-clause detection on the hand-labelled set
``tracking/data/delegation_clauses.json`` (real sentences from 17 laws; see its README).

A sentence counts as detected when ``documents.parsing.extract_delegations`` finds at least one
delegation in it; for true positives the authority is right when it equals the labelled one
(case- and diacritic-insensitive). ``python -m nghitruong.tracking.evaluation`` prints the JSON.
"""

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nghitruong.core.text import fold
from nghitruong.documents.parsing import extract_delegations
from nghitruong.tracking.services.authority import lead_authority

DEFAULT_SET = Path(__file__).resolve().parent / "data" / "delegation_clauses.json"


@dataclass
class DelegationScores:
    items: int = 0
    positives: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    authority_correct: int = 0
    lead_authority_correct: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_authority: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return round(self.true_positives / found, 3) if found else 0.0

    @property
    def recall(self) -> float:
        return round(self.true_positives / self.positives, 3) if self.positives else 0.0

    @property
    def authority_accuracy(self) -> float:
        tp = self.true_positives
        return round(self.authority_correct / tp, 3) if tp else 0.0

    @property
    def lead_authority_accuracy(self) -> float:
        """With tracking's lead-authority correction ("X chủ trì, phối hợp với Y" → X)."""
        tp = self.true_positives
        return round(self.lead_authority_correct / tp, 3) if tp else 0.0

    def summary(self) -> dict[str, object]:
        out = {k: v for k, v in asdict(self).items() if not isinstance(v, list)}
        return out | {
            "precision": self.precision,
            "recall": self.recall,
            "authority_accuracy": self.authority_accuracy,
            "lead_authority_accuracy": self.lead_authority_accuracy,
        }


def _norm(authority: str) -> str:
    return " ".join(fold(authority).replace(",", " ").split())


def evaluate_delegations(path: Path = DEFAULT_SET) -> DelegationScores:
    data = json.loads(path.read_text(encoding="utf-8"))
    scores = DelegationScores()
    for item in data["items"]:
        scores.items += 1
        found = extract_delegations(item["text"])
        if item["delegation"]:
            scores.positives += 1
            if found:
                scores.true_positives += 1
                first = found[0]
                if _norm(first.authority) == _norm(item["authority"]):
                    scores.authority_correct += 1
                lead = lead_authority(item["text"], first.start, first.authority)
                if _norm(lead) == _norm(item["authority"]):
                    scores.lead_authority_correct += 1
                else:
                    scores.wrong_authority.append((item["text"], lead))
            else:
                scores.false_negatives += 1
                scores.misses.append(item["text"])
        elif found:
            scores.false_positives += 1
            scores.false_alarms.append(item["text"])
    return scores


if __name__ == "__main__":  # pragma: no cover
    result = evaluate_delegations()
    lines = [json.dumps(result.summary(), ensure_ascii=False)]
    lines += [f"MISS  {text[:200]}" for text in result.misses]
    lines += [f"FALSE {text[:200]}" for text in result.false_alarms]
    lines += [f"AUTH  {got} | {text[:160]}" for text, got in result.wrong_authority]
    sys.stdout.write("\n".join(lines) + "\n")
