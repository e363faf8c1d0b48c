"""`nghitruong bench petitions`: the accounting of one small run against the real server."""

import json
from io import StringIO

from django.core.management import call_command

from nghitruong.core.bench import benchmarks
from nghitruong.petitions.bench_load import payload, percentile, source_address


def test_each_citizen_has_its_own_loopback_address_and_unique_submission() -> None:
    addresses = [source_address(i) for i in range(254 * 254 + 1)]
    assert addresses[:2] == ["127.10.0.1", "127.10.0.2"]
    assert addresses[254] == "127.10.1.1"
    assert addresses[254 * 254] == "127.11.0.1"
    assert len(set(addresses)) == len(addresses)
    first, second = payload("abcd", 0), payload("abcd", 1)
    assert first["idempotency_key"] == "bench-abcd-00000000"
    assert first["petitioner"] == {"full_name": "Cử tri số 0", "email": "cu-tri-0@example.vn"}
    assert first["consent"] is True
    assert "petitioner" not in second
    assert first["content"] != second["content"]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (
        50.0,
        95.0,
        100.0,
    )
    assert percentile([], 95) == 0.0


def test_small_run_on_sqlite_stores_every_submission_once() -> None:
    """120/min for 0.25 min: 30 submissions, retries of #4, #9, …, #29 (every 5th, 20 %)."""
    assert "petitions" in benchmarks()
    out = StringIO()
    call_command(
        "bench",
        "petitions",
        "--per-minute",
        "120",
        "--minutes",
        "0.25",
        "--retry-share",
        "0.2",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["database"] == "sqlite"
    assert (result["submitted"], result["retries"]) == (30, 6)
    assert (result["stored"], result["lost"], result["lost_acknowledged"]) == (30, 0, 0)
    assert (result["duplicates_created"], result["unexpected_rows"]) == (0, 0)
    # Each submission answered once with created = true, its retry with the same tracking code.
    assert (result["answers_created"], result["answers_wrong_code"]) == (30, 0)
    assert result["petitioner_rows_extra"] == 0
    assert (result["errors"], result["error_kinds"]) == (0, {})
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert result["achieved_per_minute"] > 0
