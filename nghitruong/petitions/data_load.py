"""Loaders for the shipped reference data (field list, holiday calendar); idempotent upserts.

They take the model class so the data migration can pass its historical models.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_fields(model: Any) -> int:
    rows = _read("fields.json")["fields"]
    for order, row in enumerate(rows, start=1):
        model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "name_en": row["name_en"], "sort_order": order},
        )
    return len(rows)


def load_calendar(model: Any) -> int:
    rows = _read("holidays_vn.json")["days"]
    for row in rows:
        model.objects.update_or_create(
            date=dt.date.fromisoformat(row["date"]),
            defaults={
                "is_day_off": row["off"],
                "name": row["name"],
                "source": row["source"],
                "verified": row["verified"],
            },
        )
    return len(rows)
