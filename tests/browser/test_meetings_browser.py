"""The paperless sitting in a real browser: a deputy on a tablet checks in and registers to speak,
the secretariat gives the floor from the chair's console, the deputy's page refreshes its fragments
on the ``meetings-refresh`` event (what the real-time layer fires) and shows the timer.

Run: ``.venv/bin/pytest -m browser tests/browser/test_meetings_browser.py``.
"""

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, Attendance, Sitting, SpeakerRequest
from nghitruong.meetings.tests.conftest import build_hall
from nghitruong.realtime.testing import LiveASGIServer
from tests.browser.test_shell_browser import (  # noqa: F401 - fixtures
    PHONE,
    TABLET,
    browser,
    live_world,
    log_in,
    no_horizontal_overflow,
    page_factory,
    shot,
)
from tests.conftest import World

pytestmark = pytest.mark.browser
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def _sitting(world: World) -> Sitting:
    staff = world.users["secretary_a"]
    session = services.session_create(
        actor=staff,
        body=world.body_a,
        number=12,
        title="Kỳ họp thứ mười hai",
        start_date=dt.date(2026, 11, 20),
    )
    services.session_open(actor=staff, session=session)
    sitting = services.sitting_create(
        actor=staff,
        session=session,
        kind=Sitting.Kind.HALL_DISCUSSION,
        title="Thảo luận dự thảo Nghị quyết về ngân sách năm 2027",
        date=dt.date(2026, 11, 23),
        location="Hội trường Ủy ban",
    )
    item = services.agenda_item_create(
        actor=staff,
        sitting=sitting,
        title="Thảo luận dự toán ngân sách địa phương năm 2027",
        kind=AgendaItem.Kind.DISCUSSION,
        presenters=["Giám đốc Sở Tài chính"],
    )
    services.sitting_open(actor=staff, sitting=sitting)
    services.current_item_set(actor=staff, sitting=sitting, item=item)
    return sitting


@pytest.fixture
def asgi_server(live_world: World) -> Iterator[LiveASGIServer]:  # noqa: F811
    """The sitting pages hold a live stream (SSE): serve them with the real ASGI server, as
    production does; Django's WSGI ``live_server`` would block a thread on each stream."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    with LiveASGIServer() as server:
        yield server


def test_deputy_tablet_and_chair_console(asgi_server, live_world, page_factory):  # noqa: F811
    live_server = asgi_server
    sitting = _sitting(live_world)
    deputy = page_factory(TABLET)
    log_in(deputy, live_server.url, live_world, "deputy_a")
    deputy.wait_for_selector("h1:has-text('Xin chào')")
    deputy.goto(f"{live_server.url}/meetings/sittings/{sitting.pk}/")
    deputy.wait_for_selector("h1:has-text('Thảo luận dự thảo Nghị quyết về ngân sách năm 2027')")
    assert (
        deputy.locator(".mt-current")
        .inner_text()
        .startswith("1. Thảo luận dự toán ngân sách địa phương năm 2027")
    )
    assert no_horizontal_overflow(deputy)

    deputy.click("#mt-attendance button:has-text('Điểm danh tại hội trường')")
    deputy.wait_for_selector("#mt-attendance button:has-text('Tạm ra ngoài')")
    assert Attendance.objects.get(sitting=sitting).status == "present_hall"

    deputy.select_option("#mt-kind", "first")
    deputy.click("#mt-speakers button:has-text('Đăng ký phát biểu')")
    deputy.locator(".mt-queue li", has_text="Nguyễn Văn Đại Biểu").wait_for()
    shot(deputy, "meetings-sitting-tablet")

    chair = page_factory(TABLET)
    log_in(chair, live_server.url, live_world, "secretary_a")
    chair.wait_for_selector("h1:has-text('Xin chào')")
    chair.goto(f"{live_server.url}/meetings/sittings/{sitting.pk}/console/")
    chair.click("#mt-speakers button:has-text('Mời phát biểu')")
    chair.wait_for_selector("#mt-speakers button:has-text('Kết thúc phát biểu')")
    assert SpeakerRequest.objects.get().state == "speaking"
    shot(chair, "meetings-console-tablet")

    # The real-time layer fires this event; the fragments re-fetch themselves in place.
    deputy.evaluate("document.body.dispatchEvent(new Event('meetings-refresh'))")
    deputy.locator("#mt-speakers", has_text="Đang phát biểu: Nguyễn Văn Đại Biểu").wait_for()
    timer = deputy.locator(".mt-timer").inner_text()
    assert timer in {"07:00", "06:59", "06:58", "06:57"}, timer
    shot(deputy, "meetings-sitting-speaking")

    # The same page on a phone-sized screen (a second login within one TOTP step would be a replay).
    deputy.set_viewport_size(PHONE)
    deputy.reload()
    deputy.wait_for_selector("#mt-speakers")
    assert no_horizontal_overflow(deputy)
    shot(deputy, "meetings-sitting-phone")


def test_other_council_cannot_open_the_sitting(asgi_server, live_world, page_factory):  # noqa: F811
    live_server = asgi_server
    sitting = _sitting(live_world)
    page = page_factory(TABLET)
    log_in(page, live_server.url, live_world, "deputy_b")
    page.wait_for_selector("h1:has-text('Xin chào')")
    page.goto(f"{live_server.url}/meetings/sittings/{sitting.pk}/")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"


@pytest.mark.django_db(transaction=True)
def test_hall_screen_and_deputy_tablet_follow_the_chair_live(page_factory):  # noqa: F811
    """Real ASGI server (SSE): the chair moves the agenda pointer and gives the floor on the
    console; the hall screen and a deputy's tablet update in place, without a reload."""
    from playwright.sync_api import expect

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    hall = build_hall("hdnd-live", kind="provincial_council")
    deputy = hall.deputies[0]
    services.speaker_register(actor=deputy, item=hall.items[1], kind="first")
    sitting = hall.sitting

    def cookie(user) -> str:
        client = Client()
        login_verified(client, user)
        return client.cookies["sessionid"].value

    with LiveASGIServer() as server:

        def page_for(user, viewport):
            page = page_factory(viewport)
            page.context.add_cookies(
                [{"name": "sessionid", "value": cookie(user), "url": server.url}]
            )
            return page

        console = page_for(hall.staff, {"width": 1280, "height": 800})
        screen = page_for(hall.staff, {"width": 1280, "height": 720})
        tablet = page_for(deputy, TABLET)
        console.goto(f"{server.url}/meetings/sittings/{sitting.pk}/console/")
        screen.goto(f"{server.url}/meetings/sittings/{sitting.pk}/hall/")
        tablet.goto(f"{server.url}/meetings/sittings/{sitting.pk}/")
        for page in (console, screen, tablet):
            expect(page.locator("[data-live-status]")).to_have_attribute("data-live-status", "open")
            page.evaluate("window.__sameDocument = true")
        expect(screen.locator("[data-current-item]")).to_have_text("Chưa chuyển sang nội dung nào.")

        # The chair moves the pointer to item 2 (a form post: the console itself reloads).
        console.locator("#mt-agenda li").nth(1).locator("button").click()
        expect(screen.locator("[data-current-item]")).to_have_text(
            "2. Thảo luận về dự án Luật Thủ đô (sửa đổi)"
        )
        expect(tablet.locator(".mt-current")).to_contain_text(
            "2. Thảo luận về dự án Luật Thủ đô (sửa đổi)"
        )
        expect(screen.locator("[data-queue-entry]")).to_have_text(
            ["Nguyễn Thị Ánh — Phát biểu lần thứ nhất"]
        )

        # The chair gives the floor: the hall screen shows the speaker and the running timer.
        console.click("#mt-speakers button:has-text('Mời phát biểu')")
        expect(screen.locator("[data-speaker]")).to_have_text("Nguyễn Thị Ánh")
        timer = screen.locator(".mb-timer")
        expect(timer).to_have_text(re.compile(r"^0[67]:[0-5]\d$"))
        first = timer.inner_text()
        screen.wait_for_timeout(2100)
        assert timer.inner_text() != first  # counting down locally
        expect(screen.locator("[data-queue-empty]")).to_have_text("Chưa có đăng ký.")
        expect(tablet.locator("#mt-speakers")).to_contain_text("Đang phát biểu: Nguyễn Thị Ánh")
        expect(tablet.locator(".mt-timer")).to_have_text(re.compile(r"^0[67]:[0-5]\d$"))

        # Neither screen reloaded; the tablet fits its width.
        assert screen.evaluate("window.__sameDocument") is True
        assert tablet.evaluate("window.__sameDocument") is True
        assert tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        RESULTS.mkdir(exist_ok=True)
        screen.screenshot(path=str(RESULTS / "meetings-hall-screen.png"), full_page=True)
        tablet.screenshot(path=str(RESULTS / "meetings-sitting-live-tablet.png"), full_page=True)
