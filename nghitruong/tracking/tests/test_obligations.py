"""Obligations from documents, end to end with the documents services: importing a law proposes
its obligations (``document.changed`` hook), staff confirm or cancel them, and a guiding decree
with a ``guides`` relation closes the matching one — and only it."""

import datetime as dt
from typing import Any

import pytest

from nghitruong.core.exceptions import ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Work
from nghitruong.documents.services import expression_create, relation_create, work_create
from nghitruong.tracking import services
from nghitruong.tracking.models import Obligation
from nghitruong.tracking.services.authority import resolve_authority
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db

# Sentences from real laws (Luật Cư trú 2020 Art. 24, Luật Du lịch 2017 Art. 60, Luật Giáo dục 2019
# Art. 99), arranged as a short illustrative law.
LAW_TEXT = """Chương I
QUY ĐỊNH CHUNG
Điều 1. Xóa đăng ký thường trú
1. Cơ quan đăng ký cư trú xóa đăng ký thường trú trong các trường hợp luật định.
2. Chính phủ quy định chi tiết hồ sơ, thủ tục xóa đăng ký thường trú.
Điều 2. Hồ sơ cấp thẻ hướng dẫn viên
Hồ sơ gồm:
a) Đơn đề nghị cấp thẻ hướng dẫn viên du lịch theo mẫu do Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch quy định;
b) Bản sao có chứng thực văn bằng.
Điều 3. Học phí
1. Học sinh trung học cơ sở được miễn học phí theo lộ trình do Chính phủ quy định.
2. Việc hòa giải được thực hiện theo quy định của pháp luật về hòa giải ở cơ sở.
Điều 4. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2027."""


def _law(world: World, capture: Any) -> Work:
    with capture(execute=True):
        law = work_create(
            actor=None,
            body=world.bodies["qh"],
            doc_type="law",
            title="Luật minh họa theo dõi",
            number="99/2026/QH15",
            issuer="Quốc hội",
            issued_date=dt.date(2026, 11, 1),
            effective_date=dt.date(2027, 7, 1),
        )
        expression_create(actor=None, work=law, version_date=dt.date(2026, 11, 1), text=LAW_TEXT)
    return law


def _decree(world: World, capture: Any, law: Work, eid: str, issuer: str = "Chính phủ") -> Work:
    with capture(execute=True):
        decree = work_create(
            actor=None,
            body=world.bodies["qh"],
            doc_type="decree",
            title="Nghị định quy định chi tiết Luật minh họa",
            number="12/2027/NĐ-CP",
            issuer=issuer,
            issued_date=dt.date(2027, 6, 20),
            effective_date=dt.date(2027, 7, 1),
        )
        relation_create(
            actor=None, kind="guides", source_work=decree, target_work=law, target_eid=eid
        )
    return decree


def _rows(law: Work) -> list[tuple[str, str, str, str | None, str]]:
    return [
        (
            o.provision_eid,
            o.authority_text,
            o.action,
            o.authority_agency.code if o.authority_agency else None,
            o.status,
        )
        for o in Obligation.objects.filter(work=law).order_by("provision_eid")
    ]


def test_import_proposes_obligations(world: World, django_capture_on_commit_callbacks: Any) -> None:
    law = _law(world, django_capture_on_commit_callbacks)
    assert _rows(law) == [
        ("chp_I__art_1__cls_2", "Chính phủ", "quy định chi tiết", "chinh-phu", "proposed"),
        (
            "chp_I__art_2__pnt_a",
            "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch",
            "quy định",
            None,
            "proposed",
        ),
        ("chp_I__art_3__cls_1", "Chính phủ", "quy định", "chinh-phu", "proposed"),
    ]
    ob = Obligation.objects.get(work=law, provision_eid="chp_I__art_1__cls_2")
    assert (ob.due_date, ob.source_eid, ob.provision_label) == (
        dt.date(2027, 7, 1),
        "chp_I__art_1__cls_2",
        "Khoản 2 Điều 1",
    )
    # Idempotent: running again proposes nothing new.
    assert services.obligations_propose(work=law) == []
    assert Obligation.objects.filter(work=law).count() == 3


def test_guiding_decree_closes_matching_obligation_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    law = _law(world, django_capture_on_commit_callbacks)
    target = Obligation.objects.get(work=law, provision_eid="chp_I__art_1__cls_2")
    services.obligation_confirm(
        actor=world.users["na_staff"], obligation=target, due_date=dt.date(2027, 6, 30)
    )
    decree = _decree(world, django_capture_on_commit_callbacks, law, "art_1")
    target.refresh_from_db()
    assert (target.status, target.fulfilled_by_id, target.fulfilled_on, target.due_date) == (
        "fulfilled",
        decree.pk,
        dt.date(2027, 6, 20),
        dt.date(2027, 6, 30),
    )
    assert sorted(Obligation.objects.filter(work=law).values_list("status", flat=True)) == [
        "fulfilled",
        "proposed",
        "proposed",
    ]
    assert AuditEntry.objects.filter(action="tracking.obligation_fulfil").count() == 1


def test_guide_from_another_authority_does_not_close(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    law = _law(world, django_capture_on_commit_callbacks)
    _decree(world, django_capture_on_commit_callbacks, law, "art_1", issuer="Bộ Tài chính")
    assert (
        Obligation.objects.get(work=law, provision_eid="chp_I__art_1__cls_2").status == "proposed"
    )


def test_confirm_cancel_transitions_and_permissions(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    law = _law(world, django_capture_on_commit_callbacks)
    ob = Obligation.objects.get(work=law, provision_eid="chp_I__art_3__cls_1")
    audits = AuditEntry.objects.count()
    for user in ("deputy", "officer_btc", "council01", "outsider"):
        with pytest.raises(PermissionDeniedError):
            services.obligation_confirm(actor=world.users[user], obligation=ob)
    ob.refresh_from_db()
    assert (ob.status, AuditEntry.objects.count()) == ("proposed", audits)
    services.obligation_cancel(
        actor=world.users["na_staff"], obligation=ob, reason="Không phải nghĩa vụ ban hành văn bản"
    )
    ob.refresh_from_db()
    assert ob.status == "cancelled"
    with pytest.raises(ConflictError):
        services.obligation_confirm(actor=world.users["na_staff"], obligation=ob)
    # A cancelled obligation is not re-opened by a later guide.
    _decree(world, django_capture_on_commit_callbacks, law, "art_3")
    ob.refresh_from_db()
    assert ob.status == "cancelled"


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Chính phủ", "chinh-phu", "government"),
        ("Thủ tướng Chính phủ", "chinh-phu", "government"),
        ("Bộ trưởng Bộ Y tế", "bo-y-te", "ministry"),
        ("Bộ trưởng Bộ Tài chính", "bo-tai-chinh", "ministry"),
        ("Bộ trưởng Bộ Kế hoạch và Đầu tư", "bo-tai-chinh", "ministry"),  # merged in 2025
        ("Ủy ban nhân dân cấp tỉnh", None, "peoples_committee"),
        ("Hội đồng nhân dân cấp tỉnh", None, "peoples_council"),
        ("Ủy ban Thường vụ Quốc hội", None, "na_standing"),
        ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ", None, "ministry"),
        ("Hội đồng trọng tài", None, ""),
    ],
)
def test_resolve_authority(world: World, text: str, code: str | None, kind: str) -> None:
    resolved = resolve_authority(text)
    assert (resolved.agency.code if resolved.agency else None, resolved.kind) == (code, kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "6. Tòa án nhân dân tối cao chủ trì phối hợp với Viện kiểm sát nhân dân tối cao và "
            "Bộ Tư pháp hướng dẫn Điều này.",
            "Tòa án nhân dân tối cao",
        ),
        (
            "d) Bộ Tài nguyên và Môi trường chủ trì, phối hợp với Bộ Nông nghiệp và Phát triển "
            "nông thôn hướng dẫn triển khai thực hiện",
            "Bộ Tài nguyên và Môi trường",
        ),
        ("3. Chính phủ quy định chi tiết Điều này.", "Chính phủ"),
    ],
)
def test_lead_authority(text: str, expected: str) -> None:
    from nghitruong.documents.parsing import extract_delegations
    from nghitruong.tracking.services.authority import lead_authority

    found = extract_delegations(text)[0]
    assert lead_authority(text, found.start, found.authority) == expected
