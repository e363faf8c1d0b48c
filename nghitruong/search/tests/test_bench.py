"""`nghitruong bench retrieval`: metrics, corpus replication and one end-to-end run."""

import json
from io import StringIO

from django.core.management import call_command

from nghitruong.core.bench import benchmarks
from nghitruong.search.bench import metrics, replicate_corpus


def test_metrics_exact_values():
    ranked = [["a", "b", "c"], ["x", "y", "z"], ["q", "p"]]
    relevant = [{"a"}, {"y", "z"}, {"nothing"}]
    m = metrics(ranked, relevant)
    # q1: rel at 1 → ndcg 1; q2: rel at 2 and 3 → (1/log2 3 + 1/2) / (1 + 1/log2 3); q3: 0.
    q2 = (1 / 1.5849625007211563 + 0.5) / (1 + 1 / 1.5849625007211563)
    assert m["ndcg_at_10"] == round((1 + q2) / 3, 4)
    assert m["recall_at_1"] == round(1 / 3, 4)
    assert m["recall_at_5"] == round(2 / 3, 4)
    assert m["mrr_at_10"] == round((1 + 0.5) / 3, 4)


def test_replicate_corpus_suffixes_ids_and_varies_text(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "Luật A#1",
                "law_id": "Luật A",
                "article_id": "1",
                "text": "Tiêu đề\n\nNội dung",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    replicate_corpus(src, 2, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["Luật A#1", "Luật A (2)#1"]
    assert rows[0]["text"] == "Tiêu đề\n\nNội dung"
    assert rows[1]["text"] == "Tiêu đề\n\nNội dung\n\nBản sao 2."


def test_bench_command_runs_end_to_end_on_a_fresh_sqlite_database(tmp_path):
    assert "retrieval" in benchmarks()
    corpus = tmp_path / "corpus.jsonl"
    articles = [
        ("Luật Đất đai", "1", "Phạm vi điều chỉnh\n\nLuật này quy định về chế độ sở hữu đất đai."),
        ("Luật Đất đai", "2", "Người sử dụng đất\n\nHộ gia đình, cá nhân được giao đất."),
        ("Luật Thủy lợi", "1", "Phạm vi điều chỉnh\n\nLuật này quy định về hoạt động thủy lợi."),
    ]
    corpus.write_text(
        "".join(
            json.dumps(
                {"id": f"{law}#{n}", "law_id": law, "article_id": n, "text": text},
                ensure_ascii=False,
            )
            + "\n"
            for law, n, text in articles
        ),
        encoding="utf-8",
    )
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps(
            {"qid": "1", "text": "Ai là người sử dụng đất?", "relevant": ["Luật Đất đai#2"]},
            ensure_ascii=False,
        )
        + "\n"
        + json.dumps({"qid": "2", "text": "thuy loi", "relevant": ["Luật Thủy lợi#1"]})
        + "\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command(
        "bench", "retrieval", "--corpus", str(corpus), "--queries", str(queries), stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["n_docs"] == 3
    assert result["n_queries"] == 2
    assert result["works_imported"] == 2
    assert result["ndcg_at_10"] == 1.0
    assert result["recall_at_1"] == 1.0
    assert result["database"] == "sqlite"
    assert set(result) >= {"index_seconds", "p50_ms", "p95_ms", "qps"}
