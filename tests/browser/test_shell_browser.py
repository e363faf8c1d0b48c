"""The main pages in a real browser (Playwright driving Debian's chromium) against a live server.

Run: ``.venv/bin/pytest -m browser tests/browser``. Screenshots go to ``test-results/``.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import MARKER_A, PASSWORD, World, build_world, totp_now

pytestmark = pytest.mark.browser

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
def live_world(transactional_db: None) -> World:
    world = build_world()
    # The fixture confirmed each device with the current code; a login in the same 30-second step
    # would be refused as a replay, so the confirmation is moved into the past.
    TOTPDevice.objects.update(last_t=-1)
    return world


@pytest.fixture
def page_factory(browser):
    contexts = []
    csp_errors: list[str] = []
    missing_assets: list[str] = []  # the page's own files (static, the icon) that failed to load

    def make(viewport: dict[str, int] = TABLET):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: (
                csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )
        page.on(
            "response",
            lambda response: (
                missing_assets.append(f"{response.status} {response.url}")
                if response.status >= 400
                and ("/static/" in response.url or "favicon" in response.url)
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_errors == []
    assert missing_assets == []


def shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, world: World, key: str, code: str | None = None) -> None:
    page.goto(f"{base}/")
    assert "/accounts/login/" in page.url
    page.fill("#login-form [name=username]", key)
    page.fill("#login-form [name=password]", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_selector("#otp-form")
    page.fill("#otp-form [name=otp_token]", code or totp_now(world.devices[key]))
    page.click("#otp-form [type=submit]")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_login_dashboard_and_language_switch(live_server, live_world, page_factory):
    page = page_factory(TABLET)
    log_in(page, live_server.url, live_world, "deputy_a")
    page.wait_for_selector("h1:has-text('Xin chào, Nguyễn Văn Đại Biểu')")
    assert page.url == f"{live_server.url}/"
    assert page.locator("#card-core-my-bodies").is_visible()
    assert page.locator("#card-core-deputy").is_visible()
    shot(page, "dashboard-tablet-vi")

    page.click(".lang-switch button")
    page.wait_for_selector("h1:has-text('Hello, Nguyễn Văn Đại Biểu')")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("#card-core-my-bodies h2").inner_text() == "My bodies"
    shot(page, "dashboard-tablet-en")

    page.click(".lang-switch button")
    page.wait_for_selector("h1:has-text('Xin chào, Nguyễn Văn Đại Biểu')")
    assert page.get_attribute("html", "lang") == "vi"


def test_wrong_totp_is_refused(live_server, live_world, page_factory):
    page = page_factory(TABLET)
    right = totp_now(live_world.devices["deputy_a"])
    wrong = "000000" if right != "000000" else "111111"
    log_in(page, live_server.url, live_world, "deputy_a", code=wrong)
    alert = page.locator("[role=alert]")
    alert.wait_for()
    assert "không đúng" in alert.inner_text().lower() or "sai" in alert.inner_text().lower()
    assert page.locator("#otp-form").is_visible()
    shot(page, "otp-wrong-code")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login" in page.url


def test_body_page_on_phone(live_server, live_world, page_factory):
    page = page_factory(PHONE)
    log_in(page, live_server.url, live_world, "secretary_a")
    page.wait_for_selector("h1:has-text('Xin chào')")
    assert no_horizontal_overflow(page)
    shot(page, "dashboard-phone")

    # The wide navigation is hidden on a phone; the <details> menu opens without any script.
    assert not page.locator(".nav-wide").is_visible()
    page.click(".nav-narrow > summary")
    link = page.locator(".nav-narrow a", has_text="Hội đồng nhân dân tỉnh An Giang Mẫu")
    assert link.is_visible()
    link.click()
    page.wait_for_selector("h1:has-text('Hội đồng nhân dân tỉnh An Giang Mẫu')")
    assert page.locator("#members").get_by_text(MARKER_A).is_visible()
    assert no_horizontal_overflow(page)
    shot(page, "body-phone")

    # HTMX filter: typing a name without accents narrows the list in place.
    page.fill("#id_q", "tran thu")
    page.locator("#members p.muted", has_text="1 kết quả").wait_for()
    assert page.locator("#members tbody tr").count() == 1
    assert "q=tran%20thu" in page.url  # hx-push-url: the filtered list has its own address
    assert no_horizontal_overflow(page)
    shot(page, "body-phone-filtered")


def test_body_page_on_tablet(live_server, live_world, page_factory):
    page = page_factory(TABLET)
    log_in(page, live_server.url, live_world, "admin_a")
    page.wait_for_selector("h1:has-text('Xin chào')")
    page.goto(f"{live_server.url}/bodies/{live_world.body_a.pk}/")
    assert page.locator(".nav-wide").is_visible()
    assert no_horizontal_overflow(page)
    shot(page, "body-tablet")
    page.goto(f"{live_server.url}/bodies/{live_world.body_b.pk}/")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
