"""Public consultations through the pages and the API: the public list and page, feedback from the
form and the API (idempotent), the staff pages of the owning body only, CSV/Excel exports."""

import csv
import datetime as dt
import io
import json
from typing import Any

import openpyxl
import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.petitions import tracking
from nghitruong.petitions.models import ConsultationFeedback, DraftConsultation
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_consultations.support import (
    CLOSES,
    OPENS,
    TEXT,
    Upload,
    docx_bytes,
    noon,
    stored,
    submit,
)

pytestmark = pytest.mark.django_db


PUBLIC = "/kien-nghi/gop-y-du-thao/"
STAFF = "/kien-nghi/quan-ly/gop-y-du-thao/"
API = "/api/v1/petitions/public/consultations"
KEY = "khoa-trang-gop-y-0123456789"
NAME, EMAIL, PHONE = "Lê Văn Riêng Tư", "rieng.tu@example.vn", "0987654321"


def _client(world: World, key: str) -> Client:
    client = Client()
    login_verified(client, world.users[key])
    return client


def _form(world: World, **extra: str) -> dict[str, str]:
    return {
        "idempotency_key": KEY,
        "article": "Điều 4",
        "province": str(world.units["79"].pk),
        "content": TEXT,
        "full_name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "consent": "on",
    } | extra


def test_public_list_shows_open_and_recent_with_days_left(
    world: World, make_consultation, clock: Any
) -> None:
    make_consultation(title="Dự thảo nghị quyết còn trong ngăn kéo")  # a draft: never public
    open_ = make_consultation("open", title="Dự thảo Nghị quyết về phí tham quan di tích")
    closed = make_consultation(
        "closed",
        title="Dự thảo Nghị quyết về chợ đêm",
        opens_on=dt.date(2026, 1, 5),
        closes_on=dt.date(2026, 3, 12),
    )
    clock.move_to(noon(dt.date(2025, 11, 15)), tick=False)
    old = make_consultation(
        "reported",
        title="Dự thảo Nghị quyết năm trước",
        opens_on=dt.date(2025, 11, 1),
        closes_on=dt.date(2025, 12, 1),
    )
    clock.move_to(noon(dt.date(2026, 3, 12)), tick=False)
    assert old.state == "reported"
    html = Client().get(PUBLIC).content.decode()
    assert "Dự thảo nghị quyết còn trong ngăn kéo" not in html
    assert "Dự thảo Nghị quyết năm trước" not in html  # closed more than 90 days ago
    assert html.index(open_.title) < html.index(closed.title)
    assert "Còn 9 ngày" in html  # 12/03 → 20/03, both days included
    api = Client().get(API).json()
    assert [(c["id"], c["accepting"], c["days_left"]) for c in api] == [
        (open_.pk, True, 9),
        (closed.pk, False, None),
    ]
    assert api[0]["report_text"] == ""


def test_feedback_from_the_page_then_follow_by_code(world: World, make_consultation) -> None:
    c = make_consultation("open", questions=["Mức phí có phù hợp không?"])
    page = Client().get(f"{PUBLIC}{c.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="feedback-form"' in html
    assert "Mức phí có phù hợp không?" in html
    assert '<dd id="feedback-count">0</dd>' in html
    sent = Client().post(f"{PUBLIC}{c.pk}/", _form(world, question="1"), REMOTE_ADDR="203.0.113.5")
    assert sent.status_code == 201
    feedback = ConsultationFeedback.objects.get()
    code = tracking.display(feedback.petition.tracking_code)
    assert code in sent.content.decode()
    assert (feedback.article, feedback.question, feedback.petition.province_id) == (
        "Điều 4",
        1,
        world.units["79"].pk,
    )
    assert feedback.petition.petitioner.full_name == NAME
    again = Client().post(f"{PUBLIC}{c.pk}/", _form(world, question="1"), REMOTE_ADDR="203.0.113.5")
    assert again.status_code == 200
    assert code in again.content.decode()
    assert stored() == (1, 1, 1)
    follow = Client().get(f"/kien-nghi/theo-doi/{code}/").content.decode()
    assert f'Góp ý dự thảo: <a href="{PUBLIC}{c.pk}/">{c.title}</a>' in follow
    public = Client().get(f"{PUBLIC}{c.pk}/").content.decode()
    assert '<dd id="feedback-count">1</dd>' in public
    for private in (NAME, EMAIL, PHONE, TEXT):
        assert private not in public
        assert private not in follow
        assert private not in Client().get(PUBLIC).content.decode()
        assert private not in json.dumps(Client().get(API).json(), ensure_ascii=False)


def test_page_feedback_after_closing_day_is_refused(
    world: World, make_consultation, clock: Any
) -> None:
    c = make_consultation("open")
    clock.move_to(noon(CLOSES + dt.timedelta(days=1)), tick=False)
    page = Client().get(f"{PUBLIC}{c.pk}/").content.decode()
    assert 'id="feedback-form"' not in page
    assert "Đã hết thời gian nhận góp ý (kết thúc ngày 20/03/2026)" in page
    refused = Client().post(f"{PUBLIC}{c.pk}/", _form(world))
    assert refused.status_code == 409
    assert "Comments closed on 20/03/2026" in refused.content.decode()
    assert stored() == (0, 0, 0)


def test_draft_page_and_file_are_not_public(make_consultation) -> None:
    data = docx_bytes("DỰ THẢO", "Điều 1. Phạm vi")
    c = make_consultation(draft_file=Upload(data, "du-thao.docx"))
    assert Client().get(f"{PUBLIC}{c.pk}/").status_code == 404
    assert Client().get(f"{PUBLIC}{c.pk}/tep-du-thao/").status_code == 404
    assert Client().post(f"{PUBLIC}{c.pk}/", {"content": TEXT}).status_code == 404
    assert stored() == (0, 0, 0)


def test_report_is_published_and_file_downloadable(world: World, make_consultation) -> None:
    data = docx_bytes("DỰ THẢO", "Điều 1. Phạm vi")
    c = make_consultation("reported", draft_file=Upload(data, "du-thao.docx"))
    html = Client().get(f"{PUBLIC}{c.pk}/").content.decode()
    assert 'id="report"' in html
    assert "Đã tiếp thu 3 ý kiến về mức miễn phí." in html
    assert 'id="feedback-form"' not in html
    file = Client().get(f"{PUBLIC}{c.pk}/tep-du-thao/")
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == data
    api = Client().get(API).json()
    assert api[0]["report_text"] == "Đã tiếp thu 3 ý kiến về mức miễn phí."


# --- API ---------------------------------------------------------------------------------------


def _api_post(c: DraftConsultation, **extra: Any) -> Any:
    payload = {"idempotency_key": KEY, "content": TEXT, "article": "5", "province_code": "01"}
    return Client().post(
        f"{API}/{c.pk}/feedback",
        json.dumps(payload | extra),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.8",
    )


def test_api_feedback_is_idempotent(make_consultation) -> None:
    c = make_consultation("open")
    first = _api_post(c)
    second = _api_post(c)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["tracking_code"] == second.json()["tracking_code"]
    assert (first.json()["created"], second.json()["created"], first.json()["consultation_id"]) == (
        True,
        False,
        c.pk,
    )
    assert ConsultationFeedback.objects.get().article == "Điều 5"
    assert stored() == (1, 1, 0)


def test_api_refusals_store_nothing(make_consultation, clock: Any) -> None:
    c = make_consultation("open")
    draft = make_consultation()
    assert _api_post(draft).status_code == 404
    clock.move_to(noon(OPENS - dt.timedelta(days=1)), tick=False)
    early = _api_post(c)
    assert early.status_code == 409
    assert early.json()["code"] == "consultation_not_started"
    assert early.json()["message"] == (
        "Chưa đến thời gian nhận góp ý (bắt đầu từ ngày 10/03/2026) / Comments open on 10/03/2026"
    )
    clock.move_to(noon(OPENS), tick=False)
    no_consent = _api_post(c, petitioner={"full_name": NAME})
    assert (no_consent.status_code, no_consent.json()["code"]) == (400, "consent_required")
    assert stored() == (0, 0, 0)


# --- staff -------------------------------------------------------------------------------------


def test_staff_create_open_close_report_through_the_pages(world: World, clock: Any) -> None:
    staff = _client(world, "council01")
    assert staff.get(STAFF).status_code == 200
    form = {
        "body": str(world.bodies["c01"].pk),
        "title": "Dự thảo Nghị quyết quy định chính sách hỗ trợ nhà ở xã hội",
        "summary": "Dự thảo quy định đối tượng, mức hỗ trợ nhà ở xã hội trên địa bàn.",
        "questions": "Đối tượng hỗ trợ đã phù hợp chưa?\nMức hỗ trợ?",
        "opens_on": "2026-03-12",
        "closes_on": "2026-04-11",
        "draft_file": Upload(docx_bytes("DỰ THẢO", "Điều 1. Phạm vi"), "nq-nha-o.docx"),
    }
    created = staff.post(f"{STAFF}tao/", form)
    assert created.status_code == 302
    c = DraftConsultation.objects.get()
    assert (c.state, c.questions, c.draft_file_name) == (
        "draft",
        ["Đối tượng hỗ trợ đã phù hợp chưa?", "Mức hỗ trợ?"],
        "nq-nha-o.docx",
    )
    assert staff.post(f"{STAFF}{c.pk}/open/").status_code == 302
    c.refresh_from_db()
    assert c.state == "open"
    assert Client().get(f"{PUBLIC}{c.pk}/").status_code == 200
    assert staff.post(f"{STAFF}{c.pk}/close/").status_code == 302
    refused = staff.post(f"{STAFF}{c.pk}/report/", {"report_text": ""})
    assert refused.status_code == 400
    c.refresh_from_db()
    assert c.state == "closed"
    staff.post(f"{STAFF}{c.pk}/report/", {"report_text": "Tiếp thu: bổ sung đối tượng hỗ trợ."})
    c.refresh_from_db()
    assert (c.state, c.report_text) == ("reported", "Tiếp thu: bổ sung đối tượng hỗ trợ.")
    # A wrong transition from the page is an error message, the state stays.
    staff.post(f"{STAFF}{c.pk}/open/")
    c.refresh_from_db()
    assert c.state == "reported"


def test_secret_marked_upload_is_refused_on_the_page(world: World, clock: Any) -> None:
    staff = _client(world, "council01")
    response = staff.post(
        f"{STAFF}tao/",
        {
            "body": str(world.bodies["c01"].pk),
            "title": "Dự thảo Nghị quyết về quốc phòng địa phương",
            "summary": "Dự thảo có nội dung cần bảo vệ.",
            "opens_on": "2026-03-12",
            "closes_on": "2026-04-11",
            "draft_file": Upload(docx_bytes("TỐI MẬT", "DỰ THẢO", "Điều 1. Phạm vi"), "x.docx"),
        },
    )
    assert response.status_code == 400
    assert "The document is marked as a state secret: refused" in response.content.decode()
    assert DraftConsultation.objects.count() == 0


def test_other_body_staff_cannot_manage_or_see_feedback(world: World, make_consultation) -> None:
    c = make_consultation("open")
    submit(c, content=TEXT)
    other = _client(world, "council79")
    for url in (
        f"{STAFF}{c.pk}/",
        f"{STAFF}{c.pk}/y-kien/",
        f"{STAFF}{c.pk}/y-kien.xlsx",
        f"{STAFF}{c.pk}/y-kien.csv",
    ):
        response = other.get(url)
        assert response.status_code == 404, url
        assert TEXT not in response.content.decode("utf-8", "replace")
    assert other.post(f"{STAFF}{c.pk}/close/").status_code == 404
    assert other.post(f"{STAFF}{c.pk}/", {"title": "Bị sửa trái phép"}).status_code == 404
    c.refresh_from_db()
    assert (c.state, c.title) == ("open", "Dự thảo Nghị quyết quy định mức thu phí tham quan")
    assert c.title not in other.get(STAFF).content.decode()


def test_feedback_list_and_exports_equal_the_counts(world: World, make_consultation) -> None:
    c = make_consultation("open")
    for n, (province, article) in enumerate(
        [("01", "Điều 3"), ("01", "3"), ("79", "Điều 3"), ("79", ""), ("79", "=1+1")]
    ):
        submit(
            c,
            key=f"khoa-xuat-{n}-0123456789",
            client_ip=f"203.0.113.{20 + n}",
            content=f"{TEXT} ({n})",
            province=world.units[province],
            article=article,
        )
    staff = _client(world, "council01")
    page = staff.get(f"{STAFF}{c.pk}/y-kien/")
    assert page.status_code == 200
    assert page.context["counts"].by_province == [
        ("Thành phố Hồ Chí Minh", 3),
        ("Thành phố Hà Nội", 2),
    ]
    book = openpyxl.load_workbook(io.BytesIO(staff.get(f"{STAFF}{c.pk}/y-kien.xlsx").content))
    assert book.sheetnames == ["Theo tỉnh", "Theo điều", "Ý kiến"]
    assert [list(r) for r in book["Theo tỉnh"].iter_rows(values_only=True)] == [
        ["Tỉnh, thành phố", "Số ý kiến"],
        ["Thành phố Hồ Chí Minh", 3],
        ["Thành phố Hà Nội", 2],
    ]
    assert [list(r) for r in book["Theo điều"].iter_rows(values_only=True)] == [
        ["Điều", "Số ý kiến"],
        ["Điều 3", 3],
        ["'=1+1", 1],  # a citizen's text never becomes a formula
        ["Góp ý chung (không nêu điều)", 1],
    ]
    assert book["Ý kiến"].max_row == 6
    raw = staff.get(f"{STAFF}{c.pk}/y-kien.csv", {"bang": "dieu"}).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(raw))) == [
        ["Điều", "Số ý kiến"],
        ["Điều 3", "3"],
        ["'=1+1", "1"],
        ["Góp ý chung (không nêu điều)", "1"],
    ]
    listing = staff.get(f"{STAFF}{c.pk}/y-kien.csv", {"bang": "y-kien"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(listing)))
    assert len(rows) == 5
    assert {r["tinh"] for r in rows} == {"Thành phố Hà Nội", "Thành phố Hồ Chí Minh"}
    bad = staff.get(f"{STAFF}{c.pk}/y-kien.csv", {"bang": "khac"})
    assert bad.status_code == 400
