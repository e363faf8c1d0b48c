"""Loading the shipped reference data: administrative units, the body tree, terms, agencies.

Idempotent and fast: existing rows (by unit code + date, body code, term number, agency code) are
left untouched and only missing rows are inserted with ``bulk_create``. A load that creates
nothing writes nothing, not even an audit entry. The data files live in ``nghitruong/core/data/``
(see PROVENANCE.md there).
"""

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody, Term
from nghitruong.core.services._common import require_reference_admin, unit_phrase
from nghitruong.core.text import fold, nfc

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
UNITS_CSV = DATA_DIR / "admin_units_2025.csv"
NA_JSON = DATA_DIR / "na_structure.json"
AGENCIES_JSON = DATA_DIR / "agencies.json"

Progress = Callable[[str], None]
Spec = dict[str, Any]  # model fields + "parent_code"


def _noop(_message: str) -> None:
    return None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _load_units() -> int:
    with UNITS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    existing = set(AdministrativeUnit.objects.values_list("code", "effective_from"))
    created = 0
    for level in (AdministrativeUnit.Level.PROVINCE, AdministrativeUnit.Level.COMMUNE):
        parents = dict(
            AdministrativeUnit.objects.filter(
                level=AdministrativeUnit.Level.PROVINCE, effective_to__isnull=True
            ).values_list("code", "id")
        )
        new: list[AdministrativeUnit] = []
        for row in rows:
            if row["level"] != level:
                continue
            start = dt.date.fromisoformat(row["effective_from"])
            if (row["code"], start) in existing:
                continue
            name = nfc(row["name"])
            new.append(
                AdministrativeUnit(
                    code=row["code"],
                    name=name,
                    short_name=nfc(row["short_name"]),
                    search_key=fold(name),
                    level=level,
                    unit_type=row["unit_type"],
                    parent_id=parents[row["parent_code"]] if row["parent_code"] else None,
                    effective_from=start,
                    legal_basis=nfc(row["legal_basis"]),
                )
            )
        AdministrativeUnit.objects.bulk_create(new, batch_size=1000)
        created += len(new)
    return created


def _bulk_tree(model: type[ElectedBody] | type[Agency], specs: list[Spec]) -> int:
    """Insert the specs whose code is missing, parents before children (one bulk per depth)."""
    ids: dict[str, int] = dict(model.objects.values_list("code", "id"))
    pending = [s for s in specs if s["code"] not in ids]
    created = 0
    while pending:
        ready = [s for s in pending if s["parent_code"] is None or s["parent_code"] in ids]
        if not ready:
            missing = sorted({s["parent_code"] for s in pending})
            raise ValueError(f"reference data: unknown parent codes {missing[:5]}")
        objs = [
            model(
                **{k: v for k, v in s.items() if k != "parent_code"},
                parent_id=ids.get(s["parent_code"]) if s["parent_code"] else None,
            )
            for s in ready
        ]
        model._default_manager.bulk_create(objs, batch_size=1000)  # type: ignore[arg-type]
        created += len(objs)
        codes = {s["code"] for s in ready}
        ids.update(model.objects.filter(code__in=codes).values_list("code", "id"))
        pending = [s for s in pending if s["code"] not in codes]
    return created


def _current_units(level: str) -> list[AdministrativeUnit]:
    return list(
        AdministrativeUnit.objects.filter(level=level, effective_to__isnull=True).order_by("code")
    )


def _body_specs(na: dict[str, Any]) -> list[Spec]:
    central = ElectedBody.Level.CENTRAL
    provincial = ElectedBody.Level.PROVINCIAL
    specs: list[Spec] = [
        {
            "code": b["code"],
            "name": b["name"],
            "name_en": b["name_en"],
            "short_name": b["short_name"],
            "kind": b["kind"],
            "level": central,
            "total_members": b["total_members"],
            "parent_code": b["parent"],
        }
        for b in na["bodies"]
    ]
    ethnic = set(na["ethnic_board_provinces"]["codes"])
    provinces = _current_units(AdministrativeUnit.Level.PROVINCE)
    for p in provinces:
        phrase = unit_phrase(p.name)
        council = f"hdnd-{p.code}"
        specs.append(
            {
                "code": f"doan-dbqh-{p.code}",
                "name": f"Đoàn đại biểu Quốc hội {phrase}",
                "name_en": f"National Assembly Delegation of {p.short_name}",
                "short_name": f"Đoàn ĐBQH {p.short_name}",
                "kind": ElectedBody.Kind.NA_DELEGATION,
                "level": provincial,
                "admin_unit_id": p.pk,
                "parent_code": "qh",
            }
        )
        specs.append(
            {
                "code": council,
                "name": f"Hội đồng nhân dân {phrase}",
                "name_en": f"People's Council of {p.short_name}",
                "short_name": f"HĐND {phrase}"[:60],
                "kind": ElectedBody.Kind.PROVINCIAL_COUNCIL,
                "level": provincial,
                "admin_unit_id": p.pk,
                "parent_code": None,
            }
        )
        for board in na["provincial_boards"]:
            applies = board["applies"]
            if applies == "city" and p.unit_type != AdministrativeUnit.UnitType.CITY:
                continue
            if applies == "ethnic" and p.code not in ethnic:
                continue
            specs.append(
                {
                    "code": f"{council}-{board['slug']}",
                    "name": f"{board['name']} Hội đồng nhân dân {phrase}",
                    "name_en": f"{board['name_en']}, People's Council of {p.short_name}",
                    "short_name": board["name"],
                    "kind": ElectedBody.Kind.PROVINCIAL_COUNCIL_BOARD,
                    "level": provincial,
                    "admin_unit_id": p.pk,
                    "parent_code": council,
                }
            )
    province_codes = {p.pk: p.code for p in provinces}
    for c in _current_units(AdministrativeUnit.Level.COMMUNE):
        specs.append(
            {
                "code": f"hdnd-{c.code}",
                "name": f"Hội đồng nhân dân {unit_phrase(c.name)}",
                "name_en": f"People's Council of {c.short_name}",
                "short_name": f"HĐND {unit_phrase(c.name)}"[:60],
                "kind": ElectedBody.Kind.COMMUNE_COUNCIL,
                "level": ElectedBody.Level.COMMUNE,
                "admin_unit_id": c.pk,
                "parent_code": f"hdnd-{province_codes[c.parent_id]}" if c.parent_id else None,
            }
        )
    return specs


def _load_terms(na: dict[str, Any]) -> int:
    existing = set(Term.objects.values_list("body_id", "number"))
    bodies = ElectedBody.objects.filter(
        kind__in=[
            ElectedBody.Kind.NATIONAL_ASSEMBLY,
            ElectedBody.Kind.PROVINCIAL_COUNCIL,
            ElectedBody.Kind.COMMUNE_COUNCIL,
        ]
    ).values_list("id", "kind")
    plans = {
        ElectedBody.Kind.NATIONAL_ASSEMBLY: na["na_terms"],
        ElectedBody.Kind.PROVINCIAL_COUNCIL: na["council_terms"]["provincial"],
        ElectedBody.Kind.COMMUNE_COUNCIL: na["council_terms"]["commune"],
    }
    new = [
        Term(
            body_id=body_id,
            number=t["number"],
            label=t["label"],
            start_date=dt.date.fromisoformat(t["start_date"]),
            end_date=_date(t["end_date"]),
        )
        for body_id, kind in bodies
        for t in plans[ElectedBody.Kind(kind)]
        if (body_id, t["number"]) not in existing
    ]
    Term.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _agency_specs(data: dict[str, Any]) -> list[Spec]:
    specs: list[Spec] = [
        {
            "code": a["code"],
            "name": a["name"],
            "short_name": a["short_name"],
            "kind": a["kind"],
            "parent_code": a["parent"],
        }
        for a in data["agencies"]
    ]
    for p in _current_units(AdministrativeUnit.Level.PROVINCE):
        phrase = unit_phrase(p.name)
        for tpl in data["per_province"]:
            specs.append(
                {
                    "code": f"{tpl['prefix']}-{p.code}",
                    "name": f"{tpl['name']} {phrase}",
                    "short_name": f"{tpl['short_name']} {phrase}"[:60],
                    "kind": tpl["kind"],
                    "admin_unit_id": p.pk,
                    "parent_code": tpl["parent"],
                }
            )
    return specs


def reference_data_load(*, actor: Any = None, progress: Progress | None = None) -> dict[str, int]:
    """Insert every missing reference row; return the number created per kind of row."""
    require_reference_admin(actor)
    say = progress or _noop
    na = _read_json(NA_JSON)
    agencies = _read_json(AGENCIES_JSON)
    counts: dict[str, int] = {}
    with transaction.atomic():
        say("Đơn vị hành chính / administrative units …")
        counts["units"] = _load_units()
        say("Cơ quan dân cử / elected bodies …")
        counts["bodies"] = _bulk_tree(ElectedBody, _body_specs(na))
        say("Nhiệm kỳ / terms …")
        counts["terms"] = _load_terms(na)
        say("Cơ quan nhà nước / agencies …")
        counts["agencies"] = _bulk_tree(Agency, _agency_specs(agencies))
        if any(counts.values()):
            audit_record(
                actor=actor,
                action="reference_data.load",
                object_type="core.referencedata",
                object_id=UNITS_CSV.name,
                after=counts,
            )
    return counts
