"""Administrative units: the shipped 2025 list and versioned changes (issue 2 §2)."""

import datetime as dt
import re
import unicodedata

import pytest

from nghitruong.accounts.models import User
from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import AdministrativeUnit, Agency, AuditEntry, ElectedBody
from nghitruong.core.selectors import unit_counts, unit_get, unit_history, unit_list
from nghitruong.core.services import admin_unit_change, reference_data_load
from nghitruong.core.tests.reference_fixture import reference_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
__all__ = ["reference_data"]

JULY_2025 = dt.date(2025, 7, 1)


def test_first_load_creates_every_row(reference_data: dict[str, int]) -> None:
    assert reference_data == {"units": 3355, "bodies": 3532, "terms": 6712, "agencies": 128}


def test_counts_34_provinces_3321_communes_by_type() -> None:
    assert unit_list(level="province", on=JULY_2025).count() == 34
    assert unit_list(level="commune", on=JULY_2025).count() == 3321
    assert unit_counts(on=JULY_2025) == {
        "tinh": 28,
        "thanh_pho": 6,
        "xa": 2621,
        "phuong": 687,
        "dac_khu": 13,
    }
    cities = list(
        unit_list(level="province").filter(unit_type="thanh_pho").values_list("code", flat=True)
    )
    assert cities == ["01", "31", "46", "48", "79", "92"]


def test_thirteen_special_zones() -> None:
    zones = {
        (u.parent.code, u.short_name)
        for u in unit_list(level="commune", on=JULY_2025).filter(unit_type="dac_khu")
    }
    assert zones == {
        ("91", "Kiên Hải"), ("91", "Phú Quốc"), ("91", "Thổ Châu"),
        ("31", "Cát Hải"), ("31", "Bạch Long Vĩ"),
        ("22", "Vân Đồn"), ("22", "Cô Tô"),
        ("79", "Côn Đảo"), ("48", "Hoàng Sa"), ("56", "Trường Sa"),
        ("68", "Phú Quý"), ("51", "Lý Sơn"), ("44", "Cồn Cỏ"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("code", "name", "unit_type", "parent_code"),
    [
        ("01", "Thành phố Hà Nội", "thanh_pho", None),
        ("79", "Thành phố Hồ Chí Minh", "thanh_pho", None),
        ("00004", "Phường Ba Đình", "phuong", "01"),
        ("00082", "Phường Cửa Nam", "phuong", "01"),
        ("06970", "Xã Ba Chẽ", "xa", "22"),
        ("10543", "Phường Việt Hòa", "phuong", "31"),  # type corrected from the package
        ("31299", "Xã Phong Điền", "xa", "92"),  # type corrected from the package
    ],
)
def test_sample_codes(code: str, name: str, unit_type: str, parent_code: str | None) -> None:
    unit = unit_get(code=code, on=JULY_2025)
    assert (unit.name, unit.unit_type, unit.effective_from, unit.effective_to) == (
        name,
        unit_type,
        JULY_2025,
        None,
    )
    assert (unit.parent.code if unit.parent else None) == parent_code


def test_known_wrong_code_is_absent() -> None:
    with pytest.raises(NotFoundError):
        unit_get(code="06978", on=JULY_2025)


def test_codes_parents_and_text_are_well_formed() -> None:
    provinces = {u.pk: u.code for u in AdministrativeUnit.objects.filter(level="province")}
    communes = list(AdministrativeUnit.objects.filter(level="commune"))
    assert all(re.fullmatch(r"\d{2}", code) for code in provinces.values())
    assert all(re.fullmatch(r"\d{5}", c.code) for c in communes)
    assert all(c.parent_id in provinces for c in communes)
    assert len({c.code for c in communes}) == 3321
    everything = AdministrativeUnit.objects.values_list("name", "short_name", "legal_basis")
    assert all(unicodedata.normalize("NFC", s) == s for row in everything for s in row)
    assert unit_get(code="79").legal_basis == "Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg"


def test_second_load_creates_nothing() -> None:
    before = (
        AdministrativeUnit.objects.count(),
        ElectedBody.objects.count(),
        Agency.objects.count(),
        AuditEntry.objects.count(),
    )
    assert reference_data_load(actor=None) == {"units": 0, "bodies": 0, "terms": 0, "agencies": 0}
    after = (
        AdministrativeUnit.objects.count(),
        ElectedBody.objects.count(),
        Agency.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before == (3355, 3532, 128, 1)


def test_search_ignores_diacritics_and_ranks_exact_first() -> None:
    assert [u.code for u in unit_list(q="ba che")] == ["06970"]
    assert [u.code for u in unit_list(q="Xã Ba Chẽ")] == ["06970"]
    whole = ["00175", "09856", "09988", "10096", "10180", "10402", "10417"]  # "… Hòa …"
    partial = ["00070", "00331", "00337", "09832"]  # Hoàn Kiếm, Hoàng Mai, Hoàng Liệt, Hoài Đức
    for query in ("Hòa", "hoa", "HOA"):
        hits = [u.code for u in unit_list(level="commune", parent_code="01", q=query)]
        assert hits == whole + partial, query
    assert unit_get(code="10417").name == "Xã Hòa Xá"
    assert [u.code for u in unit_list(q="79")] == ["79"]


def test_reclassify_commune_as_ward_is_versioned() -> None:
    change_day = dt.date(2026, 5, 1)
    entries = AuditEntry.objects.count()
    new = admin_unit_change(
        code="26368",
        effective_from=change_day,
        legal_basis="Nghị quyết của UBTVQH16 về thành lập phường (ví dụ kiểm thử)",
        unit_type="phuong",
        actor=None,
    )
    assert (new.name, new.short_name, new.unit_type, new.parent.code) == (
        "Phường Long Thành",
        "Long Thành",
        "phuong",
        "75",
    )
    history = unit_history(code="26368")
    assert [(u.name, u.effective_from, u.effective_to) for u in history] == [
        ("Xã Long Thành", JULY_2025, dt.date(2026, 4, 30)),
        ("Phường Long Thành", change_day, None),
    ]
    assert unit_get(code="26368", on=dt.date(2026, 4, 30)).unit_type == "xa"
    assert unit_get(code="26368", on=change_day).unit_type == "phuong"
    assert unit_list(level="commune", on=dt.date(2026, 4, 30)).count() == 3321
    assert unit_list(level="commune", on=change_day).count() == 3321
    assert unit_counts(on=change_day)["xa"] == 2620
    assert unit_counts(on=change_day)["phuong"] == 688
    council = ElectedBody.objects.get(code="hdnd-26368")
    assert (council.name, council.admin_unit_id) == ("Hội đồng nhân dân phường Long Thành", new.pk)
    assert AuditEntry.objects.count() == entries + 1
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.object_id) == ("admin_unit.change", str(new.pk))
    assert entry.before["name"] == "Xã Long Thành"
    assert entry.after["name"] == "Phường Long Thành"
    assert entry.after["renamed"] == ["hdnd-26368"]


def test_province_becomes_city_and_everything_follows() -> None:
    new = admin_unit_change(
        code="75",
        effective_from=dt.date(2026, 4, 24),
        legal_basis="Nghị quyết 30/2026/QH16",
        unit_type="thanh_pho",
        actor=None,
    )
    assert new.name == "Thành phố Đồng Nai"
    assert (
        unit_list(level="commune", parent_code="75").count()
        == unit_list(level="commune", parent_code="75", on=JULY_2025).count()
    )
    assert AdministrativeUnit.objects.filter(parent=new, effective_to__isnull=True).count() == (
        AdministrativeUnit.objects.filter(parent__code="75", level="commune").count()
    )
    assert ElectedBody.objects.get(code="doan-dbqh-75").name == (
        "Đoàn đại biểu Quốc hội thành phố Đồng Nai"
    )
    assert ElectedBody.objects.get(code="hdnd-75-ban-phap-che").name == (
        "Ban Pháp chế Hội đồng nhân dân thành phố Đồng Nai"
    )
    assert Agency.objects.get(code="ubnd-75").name == "Ủy ban nhân dân thành phố Đồng Nai"
    assert unit_get(code="75", on=dt.date(2026, 4, 23)).name == "Tỉnh Đồng Nai"


def test_invalid_changes_are_refused_and_change_nothing() -> None:
    clerk = User.objects.create_user(username="clerk", password="x")
    state = list(AdministrativeUnit.objects.filter(code="26368").values())
    entries = AuditEntry.objects.count()
    with pytest.raises(ConflictError):  # not after the current version
        admin_unit_change(
            code="26368", effective_from=JULY_2025, legal_basis="x", unit_type="phuong", actor=None
        )
    with pytest.raises(ApplicationError) as excinfo:  # a province type for a commune
        admin_unit_change(
            code="26368",
            effective_from=dt.date(2026, 5, 1),
            legal_basis="x",
            unit_type="tinh",
            actor=None,
        )
    assert excinfo.value.code == "invalid_type"
    with pytest.raises(ApplicationError) as excinfo:
        admin_unit_change(
            code="26368", effective_from=dt.date(2026, 5, 1), legal_basis=" ", unit_type="phuong",
            actor=None,
        )  # fmt: skip
    assert excinfo.value.code == "required"
    with pytest.raises(ApplicationError) as excinfo:
        admin_unit_change(
            code="26368", effective_from=dt.date(2026, 5, 1), legal_basis="x", actor=None
        )
    assert excinfo.value.code == "no_change"
    with pytest.raises(PermissionDeniedError):
        admin_unit_change(
            code="26368",
            effective_from=dt.date(2026, 5, 1),
            legal_basis="x",
            unit_type="phuong",
            actor=clerk,
        )
    with pytest.raises(NotFoundError):
        admin_unit_change(
            code="99999", effective_from=dt.date(2026, 5, 1), legal_basis="x", actor=None
        )
    assert list(AdministrativeUnit.objects.filter(code="26368").values()) == state
    assert AuditEntry.objects.count() == entries
