"""Build ``nghitruong/core/data/admin_units_2025.csv`` from the MIT-licensed ``vietnamadminunits``.

Usage (dev dependency, not needed at run time)::

    .venv/bin/python scripts/build_admin_units.py            # writes the CSV, prints the checks
    .venv/bin/python scripts/build_admin_units.py --check    # exits 1 if the committed CSV differs

The package's ``data/dataset.db`` (SQLite, table ``admin_units``) holds the 34 provincial units and
3,321 commune-level units in force from 1 July 2025 (Decision 19/2025/QĐ-TTg codes). This script
copies code, name, short name, type and parent province, NFC-normalises every string, applies the
documented corrections below and checks the result against independently known facts. Every
correction is listed in ``nghitruong/core/data/PROVENANCE.md``.
"""

import argparse
import csv
import io
import re
import sqlite3
import sys
import unicodedata
from importlib import metadata, resources
from pathlib import Path

PACKAGE = "vietnamadminunits"
PACKAGE_VERSION = "1.0.4"
OUT = (
    Path(__file__).resolve().parent.parent / "nghitruong" / "core" / "data" / "admin_units_2025.csv"
)
EFFECTIVE_FROM = "2025-07-01"
PROVINCE_BASIS = "Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg"
COMMUNE_BASIS = "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025; Quyết định 19/2025/QĐ-TTg"
COLUMNS = [
    "code",
    "name",
    "short_name",
    "level",
    "unit_type",
    "parent_code",
    "effective_from",
    "legal_basis",
]

PREFIX_TYPES = {
    "Tỉnh": "tinh",
    "Thành phố": "thanh_pho",
    "Xã": "xa",
    "Phường": "phuong",
    "Đặc khu": "dac_khu",
}

# Known wrong codes in other datasets, mapped to the official code (QĐ 19/2025/QĐ-TTg). Applied
# if the package ever carries them; 1.0.4 already has the official code (checked below).
CODE_CORRECTIONS: dict[str, str] = {"06978": "06970"}  # Xã Ba Chẽ, Quảng Ninh

# Facts known independently of the package (reference notes §2.1, baochinhphu.vn 2025-07-04).
EXPECTED_PROVINCES = {
    "01": "Hà Nội", "04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu",
    "14": "Sơn La", "15": "Lào Cai", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh",
    "24": "Bắc Ninh", "25": "Phú Thọ", "31": "Hải Phòng", "33": "Hưng Yên", "37": "Ninh Bình",
    "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Trị", "46": "Huế",
    "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Gia Lai", "56": "Khánh Hòa", "66": "Đắk Lắk",
    "68": "Lâm Đồng", "75": "Đồng Nai", "79": "Hồ Chí Minh", "80": "Tây Ninh", "82": "Đồng Tháp",
    "86": "Vĩnh Long", "91": "An Giang", "92": "Cần Thơ", "96": "Cà Mau",
}  # fmt: skip
EXPECTED_SPECIAL_ZONES = {
    "91": {"Kiên Hải", "Phú Quốc", "Thổ Châu"},
    "31": {"Cát Hải", "Bạch Long Vĩ"},
    "22": {"Vân Đồn", "Cô Tô"},
    "79": {"Côn Đảo"},
    "48": {"Hoàng Sa"},
    "56": {"Trường Sa"},
    "68": {"Phú Quý"},
    "51": {"Lý Sơn"},
    "44": {"Cồn Cỏ"},
}
EXPECTED_SAMPLES = {
    "01": "Thành phố Hà Nội",
    "79": "Thành phố Hồ Chí Minh",
    "00004": "Phường Ba Đình",
    "00082": "Phường Cửa Nam",
    "06970": "Xã Ba Chẽ",
}


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def split_type(name: str) -> tuple[str, str]:
    for prefix, unit_type in PREFIX_TYPES.items():
        if name.startswith(prefix + " "):
            return unit_type, name[len(prefix) + 1 :]
    raise ValueError(f"no type prefix in {name!r}")


def read_package() -> tuple[list[dict[str, str]], list[str]]:
    version = metadata.version(PACKAGE)
    if version != PACKAGE_VERSION:
        raise SystemExit(f"need {PACKAGE}=={PACKAGE_VERSION}, found {version}")
    db_path = resources.files(PACKAGE).joinpath("data/dataset.db")
    notes: list[str] = []
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT provinceCode, province, provinceShort, wardCode, ward, wardShort, wardType"
            " FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
    provinces: dict[str, dict[str, str]] = {}
    communes: list[dict[str, str]] = []
    for p_code, p_name, p_short, w_code, w_name, w_short, w_type in rows:
        p_code, p_name, w_code, w_name = nfc(p_code), nfc(p_name), nfc(w_code), nfc(w_name)
        p_type, p_rest = split_type(p_name)
        provinces.setdefault(
            p_code,
            {
                "code": p_code,
                "name": p_name,
                "short_name": nfc(p_short) or p_rest,
                "level": "province",
                "unit_type": p_type,
                "parent_code": "",
                "effective_from": EFFECTIVE_FROM,
                "legal_basis": PROVINCE_BASIS,
            },
        )
        if w_code in CODE_CORRECTIONS:
            notes.append(f"code {w_code} ({w_name}) corrected to {CODE_CORRECTIONS[w_code]}")
            w_code = CODE_CORRECTIONS[w_code]
        name_type, rest = split_type(w_name)
        declared = PREFIX_TYPES.get(nfc(w_type), "")
        if declared != name_type:
            # The official name carries the type ("Phường …", "Xã …"); trust the name.
            notes.append(
                f"{w_code} {w_name}: wardType {w_type!r} contradicts the name; type set to {name_type}"
            )
        communes.append(
            {
                "code": w_code,
                "name": w_name,
                "short_name": nfc(w_short) or rest,
                "level": "commune",
                "unit_type": name_type,
                "parent_code": p_code,
                "effective_from": EFFECTIVE_FROM,
                "legal_basis": COMMUNE_BASIS,
            }
        )
    return [provinces[c] for c in sorted(provinces)] + communes, notes


def check(rows: list[dict[str, str]]) -> list[str]:
    """Return the failed checks (empty when everything holds)."""
    failures: list[str] = []
    provinces = [r for r in rows if r["level"] == "province"]
    communes = [r for r in rows if r["level"] == "commune"]
    by_code = {r["code"]: r for r in rows}
    if len(provinces) != 34 or len(communes) != 3321:
        failures.append(f"counts {len(provinces)}/{len(communes)}, expected 34/3321")
    if len(by_code) != len(rows):
        failures.append("duplicate codes")
    if {r["code"]: r["short_name"] for r in provinces} != EXPECTED_PROVINCES:
        failures.append("province codes/names differ from the official list")
    types = [r["unit_type"] for r in communes]
    counts = (types.count("xa"), types.count("phuong"), types.count("dac_khu"))
    if counts != (2621, 687, 13):
        failures.append(f"xã/phường/đặc khu = {counts}, expected (2621, 687, 13)")
    cities = sorted(r["code"] for r in provinces if r["unit_type"] == "thanh_pho")
    if cities != ["01", "31", "46", "48", "79", "92"]:
        failures.append(f"centrally-run cities {cities}")
    zones: dict[str, set[str]] = {}
    for r in communes:
        if r["unit_type"] == "dac_khu":
            zones.setdefault(r["parent_code"], set()).add(r["short_name"])
    if zones != EXPECTED_SPECIAL_ZONES:
        failures.append(f"special zones {zones}")
    for code, name in EXPECTED_SAMPLES.items():
        if by_code.get(code, {}).get("name") != name:
            failures.append(f"sample {code} is {by_code.get(code, {}).get('name')!r}")
    for r in rows:
        pattern = r"^\d{2}$" if r["level"] == "province" else r"^\d{5}$"
        if not re.fullmatch(pattern, r["code"]):
            failures.append(f"bad code {r['code']!r}")
        if r["level"] == "commune" and r["parent_code"] not in EXPECTED_PROVINCES:
            failures.append(f"{r['code']} has no province parent")
    return failures


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _say(text: str, *, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(text + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed CSV")
    args = parser.parse_args()
    rows, notes = read_package()
    for note in notes:
        _say(f"correction: {note}")
    failures = check(rows)
    for failure in failures:
        _say(f"FAILED: {failure}", err=True)
    if failures:
        return 1
    text = render(rows)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        _say("up to date" if same else f"{OUT} differs from the package build")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    _say(f"wrote {len(rows)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
