"""Build citation candidates from the retrieval corpus for hand-labelling (see README.md).

Run once, by hand, from the repository root:

    .venv/bin/python -m nghitruong.documents.tests.parsing.data.build_citation_candidates \
        /work/shared/bench/legal-retrieval/corpus.jsonl > /tmp/candidates.jsonl

Each output line is one sentence (a line of an article: a clause, a point or a paragraph) with the
article / clause / point it stands in and the parser's proposal. The proposals were then checked one
by one against the sentence; the corrections are in ``CORRECTIONS`` of ``label_citations.py``.
"""

import json
import random
import re
import sys
from collections import defaultdict
from typing import Any

from nghitruong.documents.parsing.citations import find_citations
from nghitruong.documents.parsing.refs import CitationContext
from nghitruong.documents.parsing.structure import _CLAUSE, _POINT

HEADING_ONLY = re.compile(r"^(?:Tiểu mục|Mục|Chương|Phần)\s+\S+$", re.IGNORECASE)
CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("external", re.compile(r"\d+/\d{4}/")),
    ("list", re.compile(r"(?i)\b(các điểm|các khoản|các điều|đến Điều|đến khoản|đến điểm)\b")),
    ("structure", re.compile(r"(?i)\b(chương|mục|phần|phụ lục)\s+(?:[IVX\d]|này|thứ)")),
    ("title", re.compile(r"\b(Bộ luật|Luật) [A-ZĐ]")),
    (
        "plain",
        re.compile(r"(?i)(?<!\w)(điểm|khoản|điều)\s+(\d+\w*|[a-zđ](?=[\s,;.])|này)"),
    ),
    (
        "negative",
        re.compile(
            r"(?i)điều kiện|điều chỉnh|khoản tiền|khoản nợ|thời điểm|địa điểm|đặc điểm|quyết định|"
            r"điểm yếu|các khoản|điều lệ|điều ước|luật khác"
        ),
    ),
]
DEV_QUOTA = {"external": 40, "list": 45, "structure": 20, "title": 15, "plain": 110, "negative": 45}
EXTRA_QUOTA = {"list": 30, "structure": 15, "plain": 20, "negative": 25}
HELDOUT_QUOTA = {"external": 5, "list": 15, "structure": 5, "title": 5, "plain": 50, "negative": 20}


def sentences(corpus_path: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with open(corpus_path, encoding="utf-8") as handle:
        for raw in handle:
            row = json.loads(raw)
            lines = [line.strip() for line in row["text"].split("\n") if line.strip()]
            clause: str | None = None
            for line in lines[1:]:
                clause_match, point_match = _CLAUSE.match(line), _POINT.match(line)
                point: str | None = None
                if clause_match:
                    clause = clause_match.group(1)
                elif point_match:
                    point = point_match.group(1) + point_match.group(2)
                if "“" in line or "”" in line or HEADING_ONLY.match(line) or len(line) > 400:
                    continue
                out.append(
                    {
                        "law": row["law_id"],
                        "article": row["article_id"],
                        "clause": clause,
                        "point": point,
                        "sentence": line,
                    }
                )
    return out


def category(sentence: str) -> str | None:
    return next((name for name, pattern in CATEGORIES if pattern.search(sentence)), None)


def sample(
    items: list[dict[str, Any]], quota: dict[str, int], seed: int, taken: set[str]
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        name = category(item["sentence"])
        if name and item["sentence"] not in taken:
            by_category[name].append(item)
    chosen: list[dict[str, Any]] = []
    for name, count in quota.items():
        pool = by_category[name]
        rng.shuffle(pool)
        for item in pool[:count]:
            chosen.append({**item, "category": name})
            taken.add(item["sentence"])
    return chosen


def propose(item: dict[str, Any]) -> list[dict[str, Any]]:
    context = CitationContext(article=item["article"], clause=item["clause"], point=item["point"])
    return [
        {
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "targets": [t.as_dict() for t in c.targets],
        }
        for c in find_citations(item["sentence"], context)
    ]


def main(corpus_path: str) -> None:
    items = sentences(corpus_path)
    taken: set[str] = set()
    splits = [
        ("dev", sample(items, DEV_QUOTA, 20261123, taken)),
        ("dev", sample(items, EXTRA_QUOTA, 20261124, taken)),
        ("heldout", sample(items, HELDOUT_QUOTA, 20261125, taken)),
    ]
    number = 0
    for split, chosen in splits:
        for item in chosen:
            number += 1
            record = {"id": f"{split}-{number:04d}", "split": split, **item}
            record["citations"] = propose(item)
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
