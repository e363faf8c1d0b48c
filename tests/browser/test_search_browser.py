"""Search in a real browser (Playwright driving Debian's chromium) against a live server, on the
17 demo laws: an unaccented question, the hit opens the article, a citation link leads to the
provision it names.

Run: ``.venv/bin/pytest -m browser tests/browser/test_search_browser.py``. Screenshots go to
``test-results/``.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Work
from nghitruong.documents.services import demo_documents_load

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


@pytest.fixture
def demo_laws(transactional_db: None) -> Work:
    """The demo laws, committed (so the on-commit hook indexes them for search)."""
    na = ElectedBody.objects.create(code="quoc-hoi", name="Quốc hội", kind="na", level="central")
    demo_documents_load(body=na)
    return Work.objects.get(number="104/2016/QH13")


@pytest.fixture
def page(demo_laws: Work) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    csp_errors: list[str] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        context = chromium.new_context(viewport=PHONE, locale="vi-VN")
        tab = context.new_page()
        tab.on(
            "console",
            lambda msg: (
                csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )
        yield tab
        context.close()
        chromium.close()
    assert csp_errors == []


def shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_unaccented_search_opens_the_article_and_follows_a_citation(live_server, demo_laws, page):
    base = live_server.url
    page.goto(f"{base}/search/")
    page.fill("#search-q", "quyen tiep can thong tin cua cong dan")
    page.press("#search-q", "Enter")  # HTMX: the results are swapped in place
    first_doc = page.locator(".search-group").first.locator(".search-doc a")
    first_doc.wait_for()
    assert first_doc.inner_text() == "Luật Tiếp cận thông tin"
    assert "q=quyen%20tiep%20can%20thong%20tin%20cua%20cong%20dan" in page.url  # hx-push-url
    top = page.locator(".search-hit-title").first
    assert top.inner_text().startswith("Điều ")
    assert page.locator(".snippet mark").first.is_visible()
    assert no_horizontal_overflow(page)
    shot(page, "search-phone")

    href = top.get_attribute("href")
    assert href.startswith(f"/documents/{demo_laws.pk}/#art_")
    top.click()
    page.wait_for_url(f"{base}{href}")
    assert page.evaluate("document.querySelector(':target').id") == href.split("#")[1]

    # Điều 14 khoản 1 cites "Điều 9 của Luật này": the link lands on Điều 9.
    cite = page.locator("#art_14__cls_1 a.cite")
    assert cite.inner_text() == "Điều 9 của Luật này"
    cite.click()
    page.wait_for_url(f"{base}/documents/{demo_laws.pk}/#art_9")
    assert page.evaluate("document.querySelector(':target').id") == "art_9"
    assert page.locator("#art_9 .prov-heading").is_visible()
    assert no_horizontal_overflow(page)
    shot(page, "reader-citation-phone")


def test_document_number_jumps_to_the_document(live_server, demo_laws, page):
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "104/2016/qh13")
    page.press("#search-q", "Enter")  # HTMX answers with HX-Redirect: a full navigation
    page.wait_for_url(f"{live_server.url}/documents/{demo_laws.pk}/")
    assert page.locator("h1").inner_text() == "Luật Tiếp cận thông tin"
