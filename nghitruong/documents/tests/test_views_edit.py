"""Staff editing of metadata, status and relations in the HTML UI (issue 3 §8)."""

import datetime as dt

import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Confidentiality, Relation, Work
from nghitruong.documents.services import relation_create
from nghitruong.documents.services.works import work_snapshot

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def works(make_work, council):
    return {
        "public": make_work("Luật Công khai", "1/2020/QH14"),
        "internal": make_work("Văn bản nội bộ", "2/2020/QH14", Confidentiality.INTERNAL),
        "target": make_work("Luật Sửa đổi", "5/2022/QH15", issued_date=dt.date(2022, 6, 1)),
        "elsewhere": make_work(
            "Nghị quyết nội bộ Hà Nội", "7/2022/NQ-HĐND", Confidentiality.INTERNAL, body=council
        ),
    }


def as_user(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def metadata(work: Work, **changes) -> dict[str, str]:
    """The metadata form as the edit page fills it, with ``changes``."""
    data = {
        "title": work.title,
        "number": work.number,
        "summary": work.summary,
        "issuer": work.issuer,
        "signer": work.signer,
        "issued_date": work.issued_date.isoformat() if work.issued_date else "",
        "effective_date": work.effective_date.isoformat() if work.effective_date else "",
        "expiry_date": work.expiry_date.isoformat() if work.expiry_date else "",
        "field_list": "\n".join(work.fields),
        "confidentiality": work.confidentiality,
    }
    return {**data, **changes}


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def test_staff_edits_metadata_through_work_update_with_audit(works, staff):
    work = works["public"]
    client = as_user(staff)
    page = client.get(f"/documents/{work.pk}/edit/")
    assert page.status_code == 200
    assert 'name="title" value="Luật Công khai"' in page.content.decode()
    before = audit_actions()
    response = client.post(
        f"/documents/{work.pk}/edit/",
        metadata(
            work,
            title="Luật  Công khai thông tin ",
            number="1/2020/QH14-sửa",
            summary="Quy định về công khai.",
            issuer="Quốc hội",
            signer="Nguyễn Văn A",
            expiry_date="2030-12-31",
            field_list="Hành chính\nThông tin; Hành chính",
            confidentiality="internal",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{work.pk}/edit/"
    work.refresh_from_db()
    assert (work.title, work.number, work.summary, work.issuer, work.signer) == (
        "Luật  Công khai thông tin",
        "1/2020/QH14-sửa",
        "Quy định về công khai.",
        "Quốc hội",
        "Nguyễn Văn A",
    )
    assert (work.expiry_date, work.fields, work.confidentiality) == (
        dt.date(2030, 12, 31),
        ["Hành chính", "Thông tin"],
        "internal",
    )
    assert audit_actions() == [*before, "document.work_update"]
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.actor_id, entry.object_id, entry.body_id) == (
        staff.pk,
        str(work.pk),
        work.body_id,
    )
    assert (entry.before["title"], entry.after["title"]) == (
        "Luật Công khai",
        "Luật  Công khai thông tin",
    )
    assert (entry.before["confidentiality"], entry.after["confidentiality"]) == (
        "public",
        "internal",
    )
    followed = client.get(response["Location"]).content.decode()
    assert "Đã lưu thuộc tính văn bản." in followed


def test_saving_unchanged_metadata_writes_nothing(works, staff):
    work = works["public"]
    before = audit_actions()
    response = as_user(staff).post(f"/documents/{work.pk}/edit/", metadata(work), follow=True)
    assert "Không có thay đổi nào để lưu." in response.content.decode()
    assert audit_actions() == before


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"effective_date": "2021-01-01", "expiry_date": "2020-01-01"},
            "Ngày hết hiệu lực trước ngày có hiệu lực / Expiry date is before the effective date",
        ),
        ({"issued_date": "31/02/2020"}, "Ngày không hợp lệ, hãy nhập theo dạng năm-tháng-ngày."),
        ({"title": "   "}, "Trường này là bắt buộc."),
        ({"confidentiality": "mat"}, "Mức truy cập “mat” không có trong danh sách."),
        ({"title": "Đ" * 501}, "Giá trị này chỉ có tối đa 500 kí tự (hiện có 501)"),
    ],
)
def test_bad_metadata_shows_the_error_and_changes_nothing(works, staff, changes, error):
    work = works["public"]
    snapshot, before = work_snapshot(work), audit_actions()
    response = as_user(staff).post(f"/documents/{work.pk}/edit/", metadata(work, **changes))
    assert response.status_code == 400
    assert error in response.content.decode()
    work.refresh_from_db()
    assert work_snapshot(work) == snapshot
    assert audit_actions() == before


def test_staff_records_status_with_note(works, staff):
    work = works["public"]
    client = as_user(staff)
    response = client.post(
        f"/documents/{work.pk}/status/",
        {"status": "no_longer_applicable", "note": "Thông báo số 12/TB-VPQH"},
    )
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.status == "no_longer_applicable"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.before, entry.after) == (
        "document.work_set_status",
        {"status": ""},
        {"status": "no_longer_applicable", "note": "Thông báo số 12/TB-VPQH"},
    )
    before = audit_actions()
    bad = client.post(f"/documents/{work.pk}/status/", {"status": "het-han"})
    assert bad.status_code == 400
    assert "Tình trạng “het-han” không có trong danh sách." in bad.content.decode()
    work.refresh_from_db()
    assert work.status == "no_longer_applicable"
    assert audit_actions() == before


def test_staff_adds_relation_by_number_with_provisions(works, staff):
    work, target = works["target"], works["public"]
    before = audit_actions()
    response = as_user(staff).post(
        f"/documents/{work.pk}/relations/add/",
        {
            "kind": "amends",
            "target": " 1/2020/qh14 ",
            "source_eid": "art_1",
            "target_eid": "cls_1",
            "effective_date": "2023-01-01",
            "note": "Sửa Điều 2",
        },
    )
    assert response.status_code == 302
    rel = Relation.objects.get()
    assert (rel.kind, rel.source_work, rel.target_work, rel.source_eid, rel.target_eid) == (
        "amends",
        work,
        target,
        "art_1",
        "art_1__cls_1",
    )
    assert (rel.effective_date, rel.note, rel.origin, rel.created_by) == (
        dt.date(2023, 1, 1),
        "Sửa Điều 2",
        "staff",
        staff,
    )
    assert audit_actions() == [*before, "document.relation_create"]
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.actor_id, entry.object_id, entry.after["target_eid"]) == (
        staff.pk,
        str(rel.pk),
        "art_1__cls_1",
    )


def test_staff_adds_relation_by_suggestion_or_exact_title(works, staff):
    work, target = works["target"], works["internal"]
    client = as_user(staff)
    response = client.post(
        f"/documents/{work.pk}/relations/add/", {"kind": "cites", "target_id": target.pk}
    )
    assert response.status_code == 302
    response = client.post(
        f"/documents/{work.pk}/relations/add/", {"kind": "based_on", "target": "luat cong khai"}
    )
    assert response.status_code == 302
    assert sorted(Relation.objects.values_list("kind", "target_work__title")) == [
        ("based_on", "Luật Công khai"),
        ("cites", "Văn bản nội bộ"),
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "amends"}, "Hãy nhập số ký hiệu hoặc tên văn bản đích."),
        (
            {"kind": "amends", "target": "99/2099/QH99"},
            "Không tìm thấy văn bản đích theo số ký hiệu hoặc tên đã nhập / "
            "No document matches that number or title",
        ),
        ({"kind": "sua", "target": "1/2020/QH14"}, "Loại quan hệ “sua” không có trong danh sách."),
        (
            {"kind": "amends", "target": "5/2022/QH15"},
            "Văn bản không thể có quan hệ với chính nó / A document cannot relate to itself",
        ),
        (
            {"kind": "amends", "target": "1/2020/QH14", "target_eid": "art_99"},
            "Không có điều khoản art_99 trong văn bản đích / target / "
            "No provision art_99 in the đích / target document",
        ),
        (
            {"kind": "amends", "target": "1/2020/QH14", "target_eid": "Điều 8"},
            "Mã điều khoản chỉ gồm chữ không dấu, chữ số và dấu gạch dưới",
        ),
        (
            {"kind": "amends", "target": "1/2020/QH14", "effective_date": "2023-13-01"},
            "Ngày không hợp lệ, hãy nhập theo dạng năm-tháng-ngày.",
        ),
        (
            {"kind": "amends", "target": "1/2020/QH14", "note": "x" * 501},
            "Giá trị này chỉ có tối đa 500 kí tự (hiện có 501)",
        ),
        (
            {"kind": "amends", "target": "1/2020/QH14", "target_id": "abc"},
            "Văn bản đích đã chọn không hợp lệ.",
        ),
    ],
)
def test_bad_relation_input_changes_nothing(works, staff, data, error):
    work = works["target"]
    before = audit_actions()
    response = as_user(staff).post(f"/documents/{work.pk}/relations/add/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Relation.objects.count() == 0
    assert audit_actions() == before


def test_relation_target_must_be_readable_and_unique(works, staff, make_work):
    work = works["target"]
    client = as_user(staff)
    hidden = client.post(
        f"/documents/{work.pk}/relations/add/",
        {"kind": "cites", "target_id": works["elsewhere"].pk},
    )
    assert hidden.status_code == 400
    assert "Không tìm thấy văn bản đích" in hidden.content.decode()
    assert "Nghị quyết nội bộ Hà Nội" not in hidden.content.decode()
    by_number = client.post(
        f"/documents/{work.pk}/relations/add/", {"kind": "cites", "target": "7/2022/NQ-HĐND"}
    )
    assert by_number.status_code == 400
    make_work("Luật Công khai", "9/2020/QH14")  # a second work with the same title
    twice = client.post(
        f"/documents/{work.pk}/relations/add/", {"kind": "cites", "target": "Luật Công khai"}
    )
    assert twice.status_code == 400
    html = twice.content.decode()
    assert "Có nhiều văn bản khớp, hãy chọn một trong danh sách gợi ý" in html
    assert html.count('name="target_id"') == 2  # the suggestions to choose from
    client.post(f"/documents/{work.pk}/relations/add/", {"kind": "cites", "target": "1/2020/QH14"})
    duplicate = client.post(
        f"/documents/{work.pk}/relations/add/", {"kind": "cites", "target": "1/2020/QH14"}
    )
    assert duplicate.status_code == 400
    assert "Quan hệ này đã có / This relation exists" in duplicate.content.decode()
    assert Relation.objects.count() == 1


def test_staff_deletes_relation_with_audit(works, staff):
    rel = relation_create(
        actor=staff, kind="cites", source_work=works["target"], target_work=works["public"]
    )
    client = as_user(staff)
    page = client.get(f"/documents/{works['target'].pk}/edit/").content.decode()
    assert f'action="/documents/relations/{rel.pk}/delete/"' in page
    response = client.post(f"/documents/relations/{rel.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{works['target'].pk}/edit/"
    assert not Relation.objects.exists()
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.before["kind"], entry.actor_id) == (
        "document.relation_delete",
        str(rel.pk),
        "cites",
        staff.pk,
    )


def test_non_staff_cannot_edit_and_nothing_changes(works, staff, member, outsider):
    public, internal = works["public"], works["internal"]
    rel = relation_create(actor=staff, kind="cites", source_work=internal, target_work=public)
    snapshots = {k: work_snapshot(w) for k, w in works.items()}
    before = audit_actions()
    post = {
        "kind": "cites",
        "target": "5/2022/QH15",
        "status": "expired",
        **metadata(public, title="Bị sửa trái phép"),
    }
    # A deputy reads both works but is not staff: 403. The other council's staff cannot read
    # the internal work (404) and may not edit the public one (403).
    cases = [(member, public, 403), (member, internal, 403)]
    cases += [(outsider, public, 403), (outsider, internal, 404)]
    for user, work, expected in cases:
        client = as_user(user)
        assert client.get(f"/documents/{work.pk}/edit/").status_code == expected
        for url in ("edit/", "status/", "relations/add/"):
            assert client.post(f"/documents/{work.pk}/{url}", post).status_code == expected
    assert as_user(member).post(f"/documents/relations/{rel.pk}/delete/").status_code == 403
    assert as_user(outsider).post(f"/documents/relations/{rel.pk}/delete/").status_code == 404
    anonymous = Client()
    response = anonymous.post(f"/documents/{public.pk}/edit/", post)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert anonymous.get("/documents/works/search", {"target": "Luật"}).status_code == 302
    assert {k: work_snapshot(Work.objects.get(pk=w.pk)) for k, w in works.items()} == snapshots
    assert list(Relation.objects.values_list("pk", flat=True)) == [rel.pk]
    assert audit_actions() == before


def test_target_autocomplete_lists_readable_works_only(works, staff):
    client = as_user(staff)
    response = client.get(
        "/documents/works/search", {"target": "2022", "exclude": works["target"].pk}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="target-options"' in html
    assert "Luật Sửa đổi" not in html  # the work being edited is excluded
    assert "Nghị quyết nội bộ Hà Nội" not in html  # another council's internal work
    assert "Không có văn bản nào khớp với “2022”." in html
    html = client.get("/documents/works/search", {"target": "1/2020/QH14"}).content.decode()
    assert f'value="{works["public"].pk}" checked' in html
    assert "<strong>1/2020/QH14</strong> — Luật Công khai" in html
    html = client.get("/documents/works/search", {"target": "Luật"}).content.decode()
    assert html.count('name="target_id"') == 2
    assert "Văn bản nội bộ" not in html


def test_reader_links_staff_to_the_edit_page(client, works, staff, member):
    url = f"/documents/{works['public'].pk}/"
    link = f'href="/documents/{works["public"].pk}/edit/"'
    assert link not in client.get(url).content.decode()
    assert link not in as_user(member).get(url).content.decode()
    assert link in as_user(staff).get(url).content.decode()
