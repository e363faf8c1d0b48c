"""``nghitruong bench petitions-cluster --n 50000``: time to cluster N synthetic petitions.

The texts come from ``synthetic.py``: a constructed topic wording, varied as another delegation
would send it, plus a made-up local detail (a project, a commune, a hamlet) shared by the group,
so there are many distinct petitions in groups of 1–10. Prints one JSON object.
"""

import argparse
import random
import resource
import time
from typing import Any

from nghitruong.petitions import similarity, synthetic

SYLLABLES = [
    "an",
    "bình",
    "minh",
    "phú",
    "thạnh",
    "hòa",
    "đông",
    "tây",
    "nam",
    "bắc",
    "tân",
    "long",
    "hưng",
    "thuận",
    "lợi",
    "quang",
    "trung",
    "sơn",
    "hải",
    "thủy",
    "lâm",
    "cát",
    "vĩnh",
    "mỹ",
    "phước",
    "khánh",
    "thịnh",
    "tiến",
    "đức",
    "tài",
    "nghĩa",
    "hiệp",
    "lộc",
    "kim",
    "ngọc",
    "xuân",
]


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(3))


def synthetic_texts(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """``n`` texts in groups of 1–10 that raise the same local issue in different words."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    texts: list[str] = []
    labels: list[str] = []
    group = 0
    while len(texts) < n:
        _key, _field, wordings = rng.choice(synthetic.TOPICS)
        where = f"tại công trình {_name(rng)} thuộc xã {_name(rng)}, thôn {_name(rng)}"
        size = rng.choice([1, 1, 1, 2, 2, 3, 4, 6, 10])
        for _ in range(min(size, n - len(texts))):
            _province, text = synthetic.variant(rng, rng.choice(wordings))
            texts.append(f"{text}, cụ thể {where}.")
            labels.append(f"g{group}")
        group += 1
    return texts, labels


def run(options: dict[str, Any]) -> dict[str, Any]:
    n = int(options.get("n") or 50_000)
    texts, _labels = synthetic_texts(n)
    start = time.perf_counter()
    groups = similarity.cluster(texts)
    seconds = time.perf_counter() - start
    sizes = sorted(len(g.members) for g in groups)
    return {
        "benchmark": "petitions-cluster",
        "n": n,
        "seconds": round(seconds, 2),
        "groups": len(groups),
        "largest_group": sizes[-1] if sizes else 0,
        "grouped_texts": sum(sizes),
        "threshold": similarity.DEFAULT_THRESHOLD,
        "block_keys": similarity.BLOCK_KEYS,
        "max_posting": similarity.MAX_POSTING,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=50_000, help="number of synthetic petitions")
