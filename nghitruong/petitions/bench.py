"""``nghitruong bench petitions-cluster --n 50000``: time to cluster N synthetic petitions;
``nghitruong bench petitions-classify --n 3000``: field accuracy of the suggestion model.

The texts come from ``synthetic_local.corpus``: national topics each raised by 1–34 provinces and
local subjects (a template × made-up commune, hamlet and project names) each sent by 1–10
petitions in different words. Prints one JSON object with the time, peak RSS, the groups found
and their pair precision/recall against the subject labels.
"""

import argparse
import json
import resource
import time
from typing import Any

from nghitruong.petitions import classifier, similarity, synthetic, synthetic_local


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


# --- ``nghitruong bench petitions-classify`` ------------------------------------------------------


def classify_samples(n: int) -> list[tuple[str, str, classifier.Sample]]:
    """(subject, topic, sample) for ``n`` constructed petitions (``synthetic_local.corpus``), each
    labelled with its subject's field. The topic is the national topic ("-a"/"-b" variants
    together) or the local template a subject was made from."""
    fields = {key: code for key, code, _w in synthetic.TOPICS}
    fields |= {key: code for key, code, _w in synthetic_local.LOCAL}
    texts, labels = synthetic_local.corpus(n)
    out = []
    for text, label in zip(texts, labels, strict=True):
        key = label.split("#", 1)[0]
        topic = key[:-2] if key.endswith(("-a", "-b")) else key
        out.append((label, topic, classifier.Sample(text=text, field=fields[key])))
    return out


def run_classify(options: dict[str, Any]) -> dict[str, Any]:
    """Top-1/top-3 field accuracy of the suggestion model on held-out constructed petitions.

    Two splits: by subject (a held-out subject's template or topic may appear in training under
    other place names: the common case of a recurring issue) and by topic (whole national topics
    and local templates held out: wording the model never saw, where the keyword rules carry it).
    """
    n = int(options.get("n") or 3000)
    rows = classify_samples(n)
    out: dict[str, Any] = {"benchmark": "petitions-classify", "n": n, "data": "constructed"}
    for name, group in (("by_subject", [r[0] for r in rows]), ("by_topic", [r[1] for r in rows])):
        train_set = [r[2] for r, g in zip(rows, group, strict=True) if not classifier.held_out(g)]
        test_set = [r[2] for r, g in zip(rows, group, strict=True) if classifier.held_out(g)]
        out[name] = classifier.evaluate(train_set, test_set)
    start = time.perf_counter()
    model = classifier.train(r[2] for r in rows)
    out["train_seconds"] = round(time.perf_counter() - start, 3)
    out["model_json_kb"] = round(len(json.dumps(model.as_json())) / 1024, 1)
    probe = [r[2].text for r in rows[:500]]
    start = time.perf_counter()
    for text in probe:
        classifier.suggest_fields(text, model=model)
    out["suggest_ms"] = round((time.perf_counter() - start) * 1000 / max(len(probe), 1), 2)
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def add_classify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=3000, help="number of constructed petitions")
