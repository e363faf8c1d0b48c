"""``nghitruong bench petitions-cluster --n 50000``: time to cluster N synthetic petitions.

The texts come from ``synthetic_local.corpus``: national topics each raised by 1–34 provinces and
local subjects (a template × made-up commune, hamlet and project names) each sent by 1–10
petitions in different words. Prints one JSON object with the time, peak RSS, the groups found
and their pair precision/recall against the subject labels.
"""

import argparse
import resource
import time
from typing import Any

from nghitruong.petitions import similarity, synthetic_local


def run(options: dict[str, Any]) -> dict[str, Any]:
    n = int(options.get("n") or 50_000)
    texts, labels = synthetic_local.corpus(n)
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
        "subjects": len(set(labels)),
        **similarity.pair_scores(groups, labels),
        "threshold": similarity.DEFAULT_THRESHOLD,
        "max_df": similarity.MAX_DF,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=50_000, help="number of synthetic petitions")
