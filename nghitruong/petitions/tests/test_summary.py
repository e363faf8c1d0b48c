"""The supervision summary equals raw aggregates computed independently."""

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from nghitruong.petitions import selectors
from nghitruong.petitions.models import Petition
from nghitruong.petitions.tests.conftest import World

OUTCOMES = ["", "resolved", "being_resolved", "explanation_only"]


def _bulk(
    world: World, n: int, *, body: str = "d01", outcome_of: Callable[[int], str], rng: random.Random
) -> list[Petition]:
    fields = [world.field(c) for c in ("y-te", "giao-duc", "tai-chinh-ngan-sach")]
    agencies = [world.agencies[c] for c in ("btc", "byt", "ubnd")]
    provinces = [world.units["01"], world.units["79"]]
    rows = []
    for i in range(n):
        outcome = outcome_of(i)
        rows.append(
            Petition(
                body=world.bodies[body],
                source="letter",
                content=f"Kiến nghị {i}",
                field=rng.choice(fields),
                agency=rng.choice(agencies),
                province=rng.choice(provinces),
                received_on=dt.date(2025, 10, 1),
                tracking_code=f"T{body}{i:08d}",
                status="assigned"
                if not outcome
                else outcome.replace("explanation_only", "answered"),
                clock_start=dt.date(2025, 12, 20),
                due_date=dt.date(2026, 1, 29),
                latest_outcome=outcome,
                overdue_since=dt.date(2026, 1, 30) if not outcome and i % 2 else None,
            )
        )
    return Petition.objects.bulk_create(rows)


def test_summary_equals_raw_aggregates(world: World) -> None:
    rng = random.Random(7)
    created = _bulk(world, 120, outcome_of=lambda i: rng.choice(OUTCOMES), rng=rng)
    _bulk(world, 5, body="c01", outcome_of=lambda i: "resolved", rng=rng)  # not NA-level
    Petition.objects.create(
        body=world.bodies["d01"],
        source="letter",
        content="Chưa chuyển",
        received_on=dt.date(2025, 10, 1),
        tracking_code="UNSENT",
    )
    summary = selectors.supervision_summary(user=world.users["supervisor"])
    answered = [
        p for p in created if p.latest_outcome in ("resolved", "being_resolved", "explanation_only")
    ]
    resolved = [p for p in created if p.latest_outcome == "resolved"]
    assert summary["total"] == 120
    assert summary["answered"] == len(answered)
    assert summary["resolved"] == len(resolved)
    assert summary["overdue"] == sum(1 for p in created if p.overdue_since)
    assert summary["answered_pct"] == (Decimal(len(answered) * 100) / 120).quantize(Decimal("0.01"))
    for key, attr in (("by_field", "field"), ("by_agency", "agency"), ("by_province", "province")):
        totals = Counter(getattr(p, attr).code for p in created)
        res = Counter(getattr(p, attr).code for p in resolved)
        ans = Counter(getattr(p, attr).code for p in answered)
        assert {r["key"]: (r["total"], r["answered"], r["resolved"]) for r in summary[key]} == {
            code: (totals[code], ans[code], res[code]) for code in totals
        }
        assert sum(r["total"] for r in summary[key]) == 120


def test_answered_is_not_resolved_99_87_vs_8_33(world: World) -> None:
    # 2,293 petitions forwarded, 2,290 answered, 191 fully resolved (NA XIV session 6 figures)
    rng = random.Random(1)
    _bulk(
        world,
        2293,
        outcome_of=lambda i: "resolved" if i < 191 else ("explanation_only" if i < 2290 else ""),
        rng=rng,
    )
    summary = selectors.supervision_summary(user=world.users["supervisor"])
    assert (summary["total"], summary["answered"], summary["resolved"]) == (2293, 2290, 191)
    assert summary["answered_pct"] == Decimal("99.87")
    assert summary["resolved_pct"] == Decimal("8.33")
    assert selectors.supervision_summary(user=world.users["outsider"])["total"] == 0
