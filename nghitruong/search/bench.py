"""``nghitruong bench retrieval``: legal article retrieval quality and speed, end to end.

The corpus goes through the product's own ingestion (``documents.ingest.import_jsonl``, whose
``document.changed`` hook makes the search app index it) into a *fresh* database: a temporary
SQLite file by default, or a temporary database ``nt_bench_<random>`` created (and dropped) on the
PostgreSQL server of ``--database``. Each query then runs through ``search.selectors.search`` as an
anonymous visitor would (snippets included). The measuring happens in a child process so that
the fresh database is the only one it ever opens.
"""

import argparse
import json
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from nghitruong.core.text import strip_diacritics

ENV_CHILD = "NGHITRUONG_BENCH_CHILD"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", required=True, help="corpus.jsonl (id, law_id, article_id, text)"
    )
    parser.add_argument("--queries", required=True, help="queries.jsonl (qid, text, relevant)")
    parser.add_argument(
        "--no-diacritics", action="store_true", help="strip diacritics from queries"
    )
    parser.add_argument("--database", default="", help="postgres://… server for a fresh database")
    parser.add_argument("--replicate", type=int, default=1, help="copies of the corpus")


def replicate_corpus(source: Path, copies: int, target: Path) -> None:
    """Write ``copies`` copies of the corpus; copy k>1 has " (k)" appended to its law ids (and ids)
    and a last line "Bản sao k." in each article, since the import refuses identical documents."""
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    with target.open("w", encoding="utf-8") as out:
        for k in range(1, copies + 1):
            suffix = "" if k == 1 else f" ({k})"
            for obj in lines:
                row = dict(obj, law_id=obj["law_id"] + suffix)
                if k > 1:
                    row["text"] = f"{obj['text']}\n\nBản sao {k}."
                row["id"] = f"{row['law_id']}#{obj['article_id']}"
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def metrics(ranked: list[list[str]], relevant: list[set[str]], k: int = 10) -> dict[str, float]:
    ndcg = r1 = r5 = r10 = mrr = 0.0
    for got, rel in zip(ranked, relevant, strict=True):
        top = got[:k]
        gains = [1.0 if d in rel else 0.0 for d in top]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        idcg = sum(1 / math.log2(i + 2) for i in range(min(len(rel), k)))
        ndcg += dcg / idcg if idcg else 0.0
        r1 += sum(gains[:1]) / len(rel)
        r5 += sum(gains[:5]) / len(rel)
        r10 += sum(gains) / len(rel)
        first = next((i for i, g in enumerate(gains) if g), None)
        mrr += 1 / (first + 1) if first is not None else 0.0
    n = len(ranked) or 1
    return {
        "ndcg_at_10": round(ndcg / n, 4),
        "recall_at_1": round(r1 / n, 4),
        "recall_at_5": round(r5 / n, 4),
        "recall_at_10": round(r10 / n, 4),
        "mrr_at_10": round(mrr / n, 4),
    }


def run_retrieval(options: dict[str, Any]) -> dict[str, Any]:
    if os.environ.get(ENV_CHILD):
        return _measure(options)
    return _in_fresh_database(options)


def _child_argv(options: dict[str, Any], corpus: Path) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "nghitruong",
        "bench",
        "retrieval",
        "--corpus",
        str(corpus),
        "--queries",
        str(Path(options["queries"]).resolve()),
    ]
    if options.get("no_diacritics"):
        argv.append("--no-diacritics")
    return argv


def _in_fresh_database(options: dict[str, Any]) -> dict[str, Any]:
    import psycopg

    with tempfile.TemporaryDirectory(prefix="nt_bench_") as tmp:
        corpus = Path(options["corpus"]).resolve()
        copies = int(options.get("replicate") or 1)
        if copies > 1:
            replicated = Path(tmp) / "corpus.jsonl"
            replicate_corpus(corpus, copies, replicated)
            corpus = replicated
        server = options.get("database") or ""
        env = dict(os.environ, **{ENV_CHILD: "1"})
        env.setdefault("DJANGO_SETTINGS_MODULE", "nghitruong.config.settings")
        env.setdefault("NGHITRUONG_ALLOW_INSECURE_KEY", "1")
        name = ""
        if server:
            name = f"nt_bench_{secrets.token_hex(4)}"
            base = server.rsplit("/", 1)[0]
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"{base}/{name}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        try:
            proc = subprocess.run(  # noqa: S603 - our own interpreter and module
                _child_argv(options, corpus), env=env, capture_output=True, text=True, check=False
            )
        finally:
            if server:
                with psycopg.connect(server, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if proc.returncode != 0:
            raise RuntimeError(f"bench child failed:\n{proc.stderr[-4000:]}")
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        result["replicate"] = copies
        result["database"] = "postgresql" if server else "sqlite"
        return result


def _measure(options: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection

    from nghitruong.core.models import ElectedBody
    from nghitruong.documents.ingest import import_jsonl
    from nghitruong.search.models import SearchUnit
    from nghitruong.search.selectors import search

    call_command("migrate", verbosity=0)
    # A throwaway database: the owning body is a fixture of the benchmark itself.
    body = ElectedBody.objects.create(
        code="bench", name="Quốc hội (đo hiệu năng)", kind="na", level="central"
    )
    started = time.perf_counter()
    report = import_jsonl(options["corpus"], body=body)
    index_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    n_docs = SearchUnit.objects.count()
    queries = [
        json.loads(line)
        for line in Path(options["queries"]).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    user = AnonymousUser()
    ranked: list[list[str]] = []
    timings: list[float] = []
    cpu: list[float] = []
    for q in queries:
        text = strip_diacritics(q["text"]) if options.get("no_diacritics") else q["text"]
        c0, t0 = time.process_time(), time.perf_counter()
        result = search(user=user, query=text)
        timings.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        ranked.append([f"{h.document_title}#{h.number}" for h in result.hits[:10]])
    out: dict[str, Any] = {
        "n_docs": n_docs,
        "n_queries": len(queries),
        **metrics(ranked, [set(q["relevant"]) for q in queries]),
        "index_seconds": round(index_seconds, 2),
        "works_imported": len(report.created_work_ids),
    }
    timings_ms = sorted(t * 1000 for t in timings)
    out["p50_ms"] = round(statistics.median(timings_ms), 2)
    out["p95_ms"] = round(timings_ms[max(0, math.ceil(0.95 * len(timings_ms)) - 1)], 2)
    out["qps"] = round(len(timings) / sum(timings), 1) if timings else 0.0
    # CPU time of this process per query (excludes waiting for a busy machine's cores).
    cpu_ms = sorted(t * 1000 for t in cpu)
    out["cpu_p50_ms"] = round(statistics.median(cpu_ms), 2)
    out["cpu_p95_ms"] = round(cpu_ms[max(0, math.ceil(0.95 * len(cpu_ms)) - 1)], 2)
    out["load_average_1m"] = round(os.getloadavg()[0], 1)
    return out
