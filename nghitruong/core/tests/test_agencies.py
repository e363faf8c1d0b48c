"""The agency tree: shipped structure, maintenance services, no cycles (issue 2 §3)."""

import pytest

from nghitruong.accounts.models import User
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import Agency, AuditEntry
from nghitruong.core.selectors import agency_get, agency_list, agency_tree
from nghitruong.core.services import (
    agency_create,
    agency_deactivate,
    agency_move,
    agency_update,
)
from nghitruong.core.tests.reference_fixture import reference_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
__all__ = ["reference_data"]

A = Agency.Kind


def _names(kind: str) -> list[str]:
    return sorted(
        Agency.objects.filter(kind=kind, parent__code="chinh-phu").values_list("name", flat=True)
    )


def test_government_after_2025_restructuring() -> None:
    assert _names(A.MINISTRY) == sorted(
        [
            "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp",
            "Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng",
            "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
            "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo",
        ]
    )  # fmt: skip
    assert _names(A.MINISTERIAL_AGENCY) == [
        "Ngân hàng Nhà nước Việt Nam",
        "Thanh tra Chính phủ",
        "Văn phòng Chính phủ",
    ]
    assert len(_names(A.GOVERNMENT_AGENCY)) == 5
    roots = [node.agency.code for node in agency_tree()]
    assert roots == ["chinh-phu", "kiem-toan-nha-nuoc", "tandtc", "vksndtc"]
    government = agency_tree(root=agency_get(code="chinh-phu"))[0]
    assert len(government.children) == 14 + 3 + 5 + 34


def test_per_province_agencies() -> None:
    for prefix, parent, kind in (
        ("ubnd", "chinh-phu", A.PEOPLES_COMMITTEE),
        ("tand", "tandtc", A.COURT),
        ("vksnd", "vksndtc", A.PROCURACY),
    ):
        rows = Agency.objects.filter(code__startswith=f"{prefix}-", kind=kind)
        assert rows.count() == 34
        assert set(rows.values_list("parent__code", flat=True)) == {parent}
    hcm = agency_list(province_code="79")
    assert [a.name for a in hcm] == [
        "Tòa án nhân dân thành phố Hồ Chí Minh",
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "Viện kiểm sát nhân dân thành phố Hồ Chí Minh",
    ]


def test_agency_list_search_ignores_diacritics() -> None:
    assert [a.code for a in agency_list(q="bo tai chinh")] == ["bo-tai-chinh"]
    assert [a.code for a in agency_list(q="UBND tỉnh Gia Lai")] == ["ubnd-52"]
    assert [a.code for a in agency_list(q="ngan hang", kind=A.MINISTERIAL_AGENCY)] == [
        "ngan-hang-nha-nuoc-viet-nam"
    ]


def test_move_refuses_a_cycle_and_changes_nothing() -> None:
    government = agency_get(code="chinh-phu")
    finance = agency_get(code="bo-tai-chinh")
    entries = AuditEntry.objects.count()
    with pytest.raises(ConflictError) as excinfo:
        agency_move(agency=government, new_parent=finance, actor=None)
    assert excinfo.value.code == "cycle"
    with pytest.raises(ConflictError):
        agency_move(agency=government, new_parent=government, actor=None)
    sub = agency_create(
        code="cuc-thu-nghiem", name="Cục Thử nghiệm", kind=A.DEPARTMENT, parent=finance, actor=None
    )
    with pytest.raises(ConflictError):  # two levels down
        agency_move(agency=government, new_parent=sub, actor=None)
    government.refresh_from_db()
    finance.refresh_from_db()
    assert (government.parent_id, finance.parent_id) == (None, government.pk)
    assert AuditEntry.objects.count() == entries + 1  # only the create


def test_move_update_deactivate_with_audit() -> None:
    finance = agency_get(code="bo-tai-chinh")
    justice = agency_get(code="bo-tu-phap")
    sub = agency_create(
        code="cuc-a", name="Cục A", short_name="CA", kind=A.DEPARTMENT, parent=finance, actor=None
    )
    agency_move(agency=sub, new_parent=justice, actor=None)
    agency_update(agency=sub, name="Cục Bổ trợ tư pháp", actor=None)
    with pytest.raises(ConflictError) as excinfo:
        agency_deactivate(agency=justice, actor=None)
    assert excinfo.value.code == "has_active_children"
    agency_deactivate(agency=sub, actor=None)
    sub.refresh_from_db()
    assert (sub.parent_id, sub.name, sub.is_active) == (justice.pk, "Cục Bổ trợ tư pháp", False)
    entries = AuditEntry.objects.filter(object_type="core.agency", object_id=str(sub.pk))
    assert list(entries.order_by("seq").values_list("action", "before", "after")) == [
        (
            "agency.create",
            None,
            {
                "code": "cuc-a",
                "name": "Cục A",
                "short_name": "CA",
                "kind": "department",
                "parent": finance.pk,
                "admin_unit": None,
                "is_active": True,
            },
        ),
        ("agency.move", {"parent": finance.pk}, {"parent": justice.pk}),
        (
            "agency.update",
            {
                "code": "cuc-a", "name": "Cục A", "short_name": "CA", "kind": "department",
                "parent": justice.pk, "admin_unit": None, "is_active": True,
            },
            {
                "code": "cuc-a", "name": "Cục Bổ trợ tư pháp", "short_name": "CA",
                "kind": "department", "parent": justice.pk, "admin_unit": None, "is_active": True,
            },
        ),
        ("agency.deactivate", {"is_active": True}, {"is_active": False}),
    ]  # fmt: skip
    assert sub.pk not in {a.pk for a in agency_list()}
    assert sub.pk in {a.pk for a in agency_list(active_only=False)}


def test_bad_input_and_non_admins_change_nothing() -> None:
    clerk = User.objects.create_user(username="clerk", password="x")
    finance = agency_get(code="bo-tai-chinh")
    count = Agency.objects.count()
    with pytest.raises(PermissionDeniedError):
        agency_create(code="cuc-b", name="Cục B", kind=A.DEPARTMENT, actor=clerk)
    with pytest.raises(PermissionDeniedError):
        agency_move(agency=finance, new_parent=None, actor=clerk)
    with pytest.raises(ConflictError):
        agency_create(code="bo-tai-chinh", name="Trùng", kind=A.MINISTRY, actor=None)
    with pytest.raises(ApplicationError) as excinfo:
        agency_create(code="cuc-c", name="Cục C", kind="khong-co", actor=None)
    assert excinfo.value.code == "invalid_kind"
    with pytest.raises(ApplicationError) as excinfo:
        agency_create(code="cuc-d", name="   ", kind=A.DEPARTMENT, actor=None)
    assert excinfo.value.code == "required"
    finance.refresh_from_db()
    assert (Agency.objects.count(), finance.parent.code if finance.parent else None) == (
        count,
        "chinh-phu",
    )
