"""Voter petitions in a real browser (Playwright driving Debian's chromium) against a live server.

The issue's acceptance: a voter meeting is recorded, its petitions imported from Excel, two
near-duplicates from two provinces merged, the group routed to an agency, the agency answers
"being resolved" with a committed date, the date passes and the petition shows as overdue; a
citizen submits online on a phone and follows the tracking code.

Everyone logs in through the real login and TOTP pages. Run:
``.venv/bin/pytest -m browser tests/browser/test_petitions_browser.py``. Screenshots go to
``test-results/``.
"""

import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.services import totp_device_confirm, totp_device_create
from nghitruong.petitions import services, tracking
from nghitruong.petitions.models import Petition, PetitionField, VoterMeeting
from nghitruong.petitions.tests.conftest import World, build_world
from tests.conftest import PASSWORD, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 800, "height": 1280}
DESKTOP = {"width": 1280, "height": 900}

# Two near-duplicates from two provinces (the second typed without diacritics), two others.
DUP_HN = "Cử tri tỉnh Hà Nội kiến nghị sớm nâng mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ 70 tuổi"
DUP_HCM = "Cu tri TP Ho Chi Minh de nghi som nang muc ho tro dong bao hiem y te cho nguoi cao tuoi tu 70 tuoi"
ROAD = "Cử tri đề nghị bố trí vốn sửa chữa quốc lộ xuống cấp, nhiều ổ gà gây mất an toàn giao thông"
SCHOOL = "Cử tri đề nghị xây thêm phòng học cho trường tiểu học phường Ba Đình đang quá tải sĩ số"
ONLINE = "Đề nghị sửa chữa cầu treo bản Nà Khoang đã xuống cấp, học sinh đi lại nguy hiểm"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def pworld(transactional_db: None) -> World:
    """The petitions test world, its staff given a password and a confirmed authenticator."""
    cache.clear()  # submission rate-limit windows live in the cache
    world = build_world()
    for user in world.users.values():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        device = totp_device_create(user=user, actor=None)
        totp_device_confirm(device=device, token=totp_now(device), actor=None)
    # Confirming used the current code; a login in the same 30-second step would be a replay.
    TOTPDevice.objects.update(last_t=-1)
    return world


@pytest.fixture
def page_factory(browser):
    contexts = []
    csp_errors: list[str] = []

    def make(viewport: dict[str, int]):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: (
                csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_errors == []


def shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, world: World, key: str, path: str) -> None:
    """Open a staff page, get sent to the login page, pass password and TOTP, land on ``path``."""
    page.goto(f"{base}{path}")
    assert "/accounts/login/" in page.url
    page.fill("#login-form [name=username]", key)
    page.fill("#login-form [name=password]", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_selector("#otp-form")
    device = TOTPDevice.objects.get(user=world.users[key])
    page.fill("#otp-form [name=otp_token]", totp_now(device))
    page.click("#otp-form [type=submit]")
    page.wait_for_url(f"{base}{path}")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(services.COLUMNS.values()))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _messages(page) -> str:
    return page.locator(".messages").inner_text().strip()


def test_meeting_import_merge_route_answer_overdue(live_server, pworld, page_factory):
    from playwright.sync_api import expect

    base = live_server.url
    today = timezone.localdate()
    held = today - dt.timedelta(days=3)
    committed = today + dt.timedelta(days=30)
    health = PetitionField.objects.get(code="y-te")

    # --- The delegation's secretariat records the meeting (verified TOTP login). -------------
    staff = page_factory(DESKTOP)
    log_in(staff, base, pworld, "staff01", "/kien-nghi/quan-ly/tiep-xuc/")
    expect(staff.locator("h1")).to_have_text("Tiếp xúc cử tri")
    staff.select_option("#id_body", label="Cơ quan doan-dbqh-01")
    staff.select_option("#id_kind", "periodic")
    staff.fill("#id_held_on", held.isoformat())
    staff.fill("#id_venue", "Nhà văn hóa phường Ba Đình")
    staff.fill("#id_attendance", "180")
    staff.get_by_role("button", name="Lưu").click()
    meeting = VoterMeeting.objects.get()
    staff.wait_for_url(f"{base}/kien-nghi/quan-ly/tiep-xuc/{meeting.pk}/")
    assert _messages(staff) == "Đã ghi nhận cuộc tiếp xúc cử tri."
    expect(staff.locator("h1")).to_have_text(f"{held:%d/%m/%Y} — Nhà văn hóa phường Ba Đình")
    assert (meeting.body.code, meeting.attendance) == ("doan-dbqh-01", 180)

    # --- Its petitions come from an Excel file; one bad row is reported, the rest imported. ---
    received = f"{held:%d/%m/%Y}"
    upload = _xlsx(
        [
            [1, DUP_HN, "y-te", "", "", "01", "TXCT", received],
            [2, DUP_HCM, "y-te", "", "", "79", "TXCT", received],
            [3, ROAD, "", "", "", "01", "TXCT", received],
            [4, SCHOOL, "", "", "", "00004", "TXCT", received],
            [
                5,
                "Đề nghị lắp đèn chiếu sáng ngõ 12 phố Đội Cấn",
                "",
                "",
                "",
                "99",
                "TXCT",
                received,
            ],
        ]
    )
    staff.set_input_files(
        "#id_file",
        files=[
            {
                "name": "kien-nghi-tiep-xuc.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": upload,
            }
        ],
    )
    staff.get_by_role("button", name="Nhập", exact=True).click()
    report = staff.locator("#import-report")
    expect(report.locator("p")).to_have_text("Đã nhập 4/5 dòng.")
    assert report.locator("tbody tr").all_inner_texts() == [
        "6\tĐịa phương (mã tỉnh/xã)\tKhông có mã địa phương “99” / Unknown province/commune code"
    ]
    expect(staff.locator("#meeting-petitions li")).to_have_count(4)
    shot(staff, "petitions-meeting-import-desktop")
    imported = list(Petition.objects.filter(meeting=meeting).order_by("id"))
    assert [(p.content, p.province.code, p.source) for p in imported] == [
        (DUP_HN, "01", "meeting"),
        (DUP_HCM, "79", "meeting"),
        (ROAD, "01", "meeting"),
        (SCHOOL, "01", "meeting"),
    ]
    hn, hcm = imported[0], imported[1]

    # --- The suggestions page offers exactly the two near-duplicates; merge into Hà Nội's. ---
    staff.get_by_role("link", name="Gợi ý gộp").click()
    expect(staff.locator("h1")).to_have_text("Gợi ý gộp kiến nghị trùng nội dung")
    suggestion = staff.locator("form.pet-suggestion")
    expect(suggestion).to_have_count(1)
    expect(suggestion.locator(".pet-merge-row")).to_have_count(2)
    suggestion.locator(f"input[name=primary][value='{hn.pk}']").check()
    suggestion.locator(f"input[name=others][value='{hn.pk}']").uncheck()
    suggestion.locator(f"input[name=others][value='{hcm.pk}']").check()
    suggestion.get_by_role("button", name="Gộp").click()
    staff.wait_for_url(f"{base}/kien-nghi/quan-ly/{hn.pk}/")
    assert _messages(staff) == "Đã gộp kiến nghị."
    expect(staff.locator("#group h2")).to_have_text("Cử tri 2 tỉnh, thành phố kiến nghị")
    expect(staff.locator("#group li")).to_have_count(2)
    hcm.refresh_from_db()
    assert hcm.duplicate_of_id == hn.pk

    # --- Classify and route the group's primary to the Ministry of Health. -----------------
    expect(staff.locator("h1#status")).to_have_text("Đã tiếp nhận")
    staff.select_option("#form-classify [name=field]", label=health.name)
    staff.select_option("#form-classify [name=level]", "central")
    staff.locator("#form-classify").get_by_role("button", name="Phân loại").click()
    expect(staff.locator(".messages")).to_have_text("Đã phân loại kiến nghị.")
    expect(staff.locator("h1#status")).to_have_text("Đã phân loại")
    staff.select_option("#form-assign [name=agency]", label="Bộ Y tế")
    staff.locator("#form-assign").get_by_role("button", name="Chuyển").click()
    expect(staff.locator(".messages")).to_have_text("Đã chuyển cơ quan có thẩm quyền.")
    expect(staff.locator("h1#status")).to_have_text("Đã chuyển cơ quan có thẩm quyền")
    hn.refresh_from_db()
    assert (hn.status, hn.agency.code, hn.field.code) == ("assigned", "bo-y-te", "y-te")
    assert hn.due_date is not None
    expect(staff.locator("#due")).to_contain_text(f"{hn.due_date:%d/%m/%Y}")

    # --- The Ministry's officer finds it in the inbox and answers "being resolved". ---------
    officer = page_factory(TABLET)
    log_in(officer, base, pworld, "officer_byt", "/kien-nghi/quan-ly/hop-thu/")
    expect(officer.locator("h1")).to_have_text("Kiến nghị được giao cho cơ quan")
    rows = officer.locator("tbody tr")
    expect(rows).to_have_count(1)
    assert rows.locator("td").all_inner_texts()[1:] == ["Bộ Y tế", f"{hn.due_date:%d/%m/%Y}"]
    rows.locator("a").click()
    officer.wait_for_url(f"{base}/kien-nghi/quan-ly/{hn.pk}/")
    form = officer.locator("#form-answer")
    form.locator("[name=outcome]").select_option("being_resolved")
    form.locator("[name=text]").fill(
        "Bộ Y tế đang trình Chính phủ sửa đổi Nghị định về mức hỗ trợ đóng bảo hiểm y tế."
    )
    form.locator("[name=document_number]").fill("123/BYT-BH")
    form.locator("[name=document_date]").fill(today.isoformat())
    form.locator("[name=signer]").fill("Thứ trưởng Trần Văn B")
    # Without a committed date the answer is refused and nothing changes.
    form.get_by_role("button", name="Gửi trả lời").click()
    expect(officer.locator("#form-answer [role=alert]")).to_have_text(
        "“Đang giải quyết” phải có thời hạn cam kết sau ngày trả lời / “Being resolved” needs "
        "a commitment date after the answer date"
    )
    hn.refresh_from_db()
    assert (hn.status, hn.answers.count()) == ("assigned", 0)
    shot(officer, "petitions-answer-refused-tablet")
    # The re-rendered form kept what was typed; add the date and send again.
    form = officer.locator("#form-answer")
    assert form.locator("[name=document_number]").input_value() == "123/BYT-BH"
    form.locator("[name=committed_date]").fill(committed.isoformat())
    form.get_by_role("button", name="Gửi trả lời").click()
    expect(officer.locator(".messages")).to_have_text("Đã ghi nhận văn bản trả lời.")
    expect(officer.locator("h1#status")).to_have_text("Đang giải quyết")
    assert no_horizontal_overflow(officer)
    hn.refresh_from_db()
    assert (hn.status, hn.committed_date) == ("being_resolved", committed)
    expect(officer.locator("#overdue")).to_have_count(0)

    # --- The committed date passes: the daily check (the real command) flags it. -----------
    out = io.StringIO()
    call_command("petitions", "check-deadlines", "--date", committed.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {
        "overdue": 0,
        "broken_commitments": 0,
        "consultations_closed": 0,
    }
    after = committed + dt.timedelta(days=1)
    out = io.StringIO()
    call_command("petitions", "check-deadlines", "--date", after.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {
        "overdue": 0,
        "broken_commitments": 1,
        "consultations_closed": 0,
    }

    staff.reload()
    expect(staff.locator("#overdue")).to_have_text(f"Quá thời hạn cam kết {committed:%d/%m/%Y}")
    expect(staff.locator("h1#status")).to_have_text("Đang giải quyết")
    shot(staff, "petitions-overdue-desktop")
    # The list's "overdue only" filter finds exactly this one.
    staff.goto(f"{base}/kien-nghi/quan-ly/?overdue=on")
    expect(staff.locator(f"a[href='/kien-nghi/quan-ly/{hn.pk}/']")).to_have_count(1)
    expect(staff.locator("tbody a[href^='/kien-nghi/quan-ly/']")).to_have_count(1)

    # A voter of the merged Hồ Chí Minh petition follows its code (phone): answered through
    # the group's primary, and shown overdue.
    citizen = page_factory(PHONE)
    code = tracking.display(hcm.tracking_code)
    citizen.goto(f"{base}/kien-nghi/theo-doi/{code}/")
    expect(citizen.locator("h1#status")).to_have_text("Đang giải quyết")
    expect(citizen.locator(".pet-overdue")).to_have_text("Quá hạn")
    facts = citizen.locator("dl.facts")
    expect(facts).to_contain_text("Bộ Y tế")
    expect(facts).to_contain_text(
        "Kiến nghị được tổng hợp chung với kiến nghị cùng nội dung của cử tri nơi khác."
    )
    assert no_horizontal_overflow(citizen)
    shot(citizen, "petitions-follow-merged-overdue-phone")


def test_citizen_submits_on_phone_and_follows_the_code(live_server, pworld, page_factory):
    from playwright.sync_api import expect

    base = live_server.url
    citizen = page_factory(PHONE)
    citizen.goto(f"{base}/kien-nghi/gui/")
    expect(citizen.locator("h1")).to_have_text("Gửi kiến nghị")
    key = citizen.locator("#submit-form [name=idempotency_key]")
    assert key.get_attribute("type") == "hidden"
    assert len(key.input_value()) == 32
    citizen.select_option("#id_body", label="Cơ quan doan-dbqh-01")
    citizen.select_option("#id_province", label="Thành phố Hà Nội")
    citizen.fill("#id_content", ONLINE)
    citizen.fill("#id_full_name", "Nguyễn Văn Dân")
    citizen.fill("#id_phone", "0912345678")
    # Personal data without consent is refused and nothing is stored.
    citizen.get_by_role("button", name="Gửi kiến nghị").click()
    expect(citizen.locator("#submit-form")).to_contain_text("Cần có sự đồng ý")
    assert Petition.objects.count() == 0
    assert citizen.locator("#id_content").input_value() == ONLINE
    citizen.check("#id_consent")
    assert no_horizontal_overflow(citizen)
    shot(citizen, "petitions-submit-phone")
    citizen.get_by_role("button", name="Gửi kiến nghị").click()
    expect(citizen.locator("h1")).to_have_text("Đã gửi kiến nghị")
    code = citizen.locator("#tracking-code").inner_text().strip()
    petition = Petition.objects.get()
    assert code == tracking.display(petition.tracking_code)
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}", code)
    assert (petition.source, petition.moderation, petition.content) == ("online", "pending", ONLINE)
    assert citizen.locator(".pet-qr svg").count() == 1
    assert no_horizontal_overflow(citizen)
    shot(citizen, "petitions-submitted-phone")

    citizen.get_by_role("link", name="Theo dõi kiến nghị").click()
    citizen.wait_for_url(f"{base}/kien-nghi/theo-doi/{code}/")
    expect(citizen.locator("h1#status")).to_have_text("Chờ kiểm duyệt")
    expect(citizen.locator(".eyebrow")).to_have_text(f"Mã tra cứu {code}")
    html = citizen.content()
    assert "Nguyễn Văn Dân" not in html
    assert "0912345678" not in html
    assert ONLINE not in html

    # A moderator approves it on the staff page (verified TOTP login).
    staff = page_factory(TABLET)
    log_in(staff, base, pworld, "staff01", "/kien-nghi/quan-ly/?status=pending_moderation")
    staff.locator(f"a[href='/kien-nghi/quan-ly/{petition.pk}/']").click()
    staff.wait_for_url(f"{base}/kien-nghi/quan-ly/{petition.pk}/")
    expect(staff.locator("#moderation")).to_have_text("Chờ kiểm duyệt")
    # Staff see who sent it (with consent); the public never does.
    expect(staff.locator("dl.facts")).to_contain_text("Nguyễn Văn Dân 0912345678")
    staff.select_option("#form-moderate [name=decision]", "approve")
    staff.locator("#form-moderate").get_by_role("button", name="Ghi nhận").click()
    expect(staff.locator(".messages")).to_have_text("Đã ghi nhận kết quả kiểm duyệt.")
    expect(staff.locator("#moderation")).to_have_text("Đã duyệt")
    petition.refresh_from_db()
    assert petition.moderation == "approved"

    # The citizen looks the code up again from the lookup form (typed in lower case).
    citizen.goto(f"{base}/kien-nghi/theo-doi/")
    citizen.fill("#lookup-form [name=code]", code.lower())
    citizen.locator("#lookup-form").get_by_role("button", name="Tra cứu").click()
    citizen.wait_for_url(f"{base}/kien-nghi/theo-doi/{petition.tracking_code}/")
    expect(citizen.locator("h1#status")).to_have_text("Đã tiếp nhận")
    expect(citizen.locator(".eyebrow")).to_have_text(f"Mã tra cứu {code}")
    expect(citizen.locator("dl.facts")).to_contain_text("Cơ quan doan-dbqh-01")
    assert no_horizontal_overflow(citizen)
    shot(citizen, "petitions-follow-phone")
