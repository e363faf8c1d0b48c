"""Electronic voting in a real browser, live: the chair opens and closes, a deputy votes on a tablet.

pytest-django's ``live_server`` is WSGI and cannot stream Server-Sent Events, so this test runs the
real ASGI server (uvicorn serving the ballot lane in front of Django: ``LaneASGIServer``) in a thread of the test
process against the test database (``transactional_db``: the server sees committed rows). Sessions
are created with ``accounts.testing.login_verified`` and handed to the browser as cookies; the
login pages themselves are covered by the accounts browser tests.

Run: ``.venv/bin/pytest -m browser tests/browser/test_voting_browser.py``.
"""

import os
from pathlib import Path

import pytest
from django.test import Client

from nghitruong.accounts.models import Role
from nghitruong.accounts.testing import login_verified
from nghitruong.voting import services
from nghitruong.voting.models import PollResult
from nghitruong.voting.tests.conftest import add_members, make_body
from nghitruong.voting.tests.test_lane_http import LaneASGIServer

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
TABLET = {"width": 800, "height": 1280}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def session_cookie(user) -> str:
    client = Client()
    login_verified(client, user)
    return client.cookies["sessionid"].value


def test_deputy_votes_on_a_tablet_and_every_screen_updates_live():
    from playwright.sync_api import expect, sync_playwright

    body = make_body("hdnd-tinh-x", kind="provincial_council", level="provincial")
    chair = add_members(body, 1, role=Role.CHAIR, prefix="ct")[0]
    deputies = add_members(body, 2)  # with the chair: 3 voting members
    poll = services.poll_create(
        actor=chair, body=body, title="Nghị quyết về dự toán ngân sách năm 2027", kind="named"
    )
    csp_errors: list[str] = []

    with LaneASGIServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )

        def page_for(user, viewport):
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            context.add_cookies(
                [{"name": "sessionid", "value": session_cookie(user), "url": server.url}]
            )
            page = context.new_page()
            page.on(
                "console",
                lambda m: (
                    csp_errors.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )
            return page

        console = page_for(chair, DESKTOP)
        hall = page_for(chair, DESKTOP)
        tablet = page_for(deputies[0], TABLET)
        console.goto(f"{server.url}/voting/bodies/{body.pk}/console/")
        hall.goto(f"{server.url}/voting/polls/{poll.pk}/hall/")
        tablet.goto(f"{server.url}/voting/bodies/{body.pk}/")
        for page in (console, hall, tablet):
            expect(page.locator("[data-live-status]")).to_have_attribute("data-live-status", "open")
            page.evaluate("window.__sameDocument = true")
        expect(tablet.locator("[data-empty]")).to_be_visible()
        expect(hall.locator(".hall-progress")).to_have_text("Chưa bắt đầu biểu quyết.")

        console.click(f"#poll-{poll.pk} [data-action=start]")
        # The deputy's tablet shows the ballot without a reload: big buttons with the options.
        yes = tablet.locator(f"#poll-{poll.pk} button.vote-for")
        expect(yes).to_have_text("Đồng ý")
        assert yes.bounding_box()["height"] >= 60
        assert tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        expect(hall.locator(f'[data-live-voted="{poll.pk}"]')).to_have_text("0")

        # The tablet casts through the ballot lane (JSON + ballot ticket), not the form post.
        with tablet.expect_response(lambda r: r.url.endswith(f"/polls/{poll.pk}/ballots")) as cast:
            yes.click()
        assert cast.value.status == 201  # (its body is the lane's {"ok": true}: test_lane.py)
        expect(tablet.locator(f"#poll-{poll.pk} [data-voted]")).to_have_text("✓ Đã biểu quyết")
        expect(tablet.locator(f"#poll-{poll.pk} button.vote-for")).to_have_count(0)
        expect(hall.locator(f'[data-live-voted="{poll.pk}"]')).to_have_text("1")
        RESULTS.mkdir(exist_ok=True)
        tablet.screenshot(path=str(RESULTS / "voting-deputy-tablet.png"), full_page=True)

        phone = page_for(deputies[1], PHONE)  # a second deputy, on a phone
        phone.goto(f"{server.url}/voting/bodies/{body.pk}/")
        # A ticket the lane refuses (here: tampered; in life: expired) falls back to the form.
        # (First let the live panel refresh itself on connect, which re-issues the ticket.)
        expect(phone.locator("[data-live-refreshed]")).to_have_count(1)
        phone.locator(f"#poll-{poll.pk} form").evaluate(
            "f => f.setAttribute('data-ballot-ticket', 'gia-mao')"
        )
        with phone.expect_response(lambda r: r.url.endswith(f"/polls/{poll.pk}/cast/")) as form:
            phone.click(f"#poll-{poll.pk} button.vote-for")
        assert form.value.status == 200
        expect(phone.locator(f"#poll-{poll.pk} [data-voted]")).to_have_text("✓ Đã biểu quyết")
        expect(hall.locator(f'[data-live-voted="{poll.pk}"]')).to_have_text("2")
        expect(console.locator(f'[data-live-voted="{poll.pk}"]')).to_have_text("2")

        console.click(f"#poll-{poll.pk} [data-action=stop]")
        expect(hall.locator("[data-verdict]")).to_have_text("Thông qua")
        expect(tablet.locator(f"#poll-{poll.pk}")).to_contain_text("Kết quả chưa được công bố.")
        console.click(f"#poll-{poll.pk} [data-action=publish]")
        board = tablet.locator(f"#poll-{poll.pk} [data-board]")
        expect(board.locator("[data-verdict]")).to_have_text("Thông qua")
        expect(board.locator("tr[data-key=for] td").first).to_have_text("2")
        expect(board.locator("tr[data-key=for] td").nth(1)).to_have_text("66,67%")
        expect(hall.locator(".state-published")).to_be_visible()
        hall.screenshot(path=str(RESULTS / "voting-hall-screen.png"), full_page=True)
        tablet.screenshot(path=str(RESULTS / "voting-deputy-result.png"), full_page=True)
        for page in (hall, tablet):
            assert page.evaluate("window.__sameDocument === true")  # never reloaded
        browser.close()

    result = PollResult.objects.get(poll=poll)
    assert (result.participants, result.votes_for, result.passed) == (2, 2, True)
    assert csp_errors == []
