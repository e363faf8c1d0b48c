"""Implementation tracking in a real browser: a Vice-Chairman's directive becomes a task, the
agency reports progress (HTMX, no page reload), the dashboard updates.

Run: ``.venv/bin/pytest -m browser tests/browser/test_tracking_browser.py``.
"""

import os

import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.tracking.models import Directive, ProgressReport, Task
from nghitruong.tracking.tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def _cookie(user) -> str:
    client = Client()
    login_verified(client, user)
    return client.cookies["sessionid"].value


def test_directive_becomes_task_agency_reports_dashboard_updates(live_server):
    from playwright.sync_api import expect, sync_playwright

    world = build_world()
    qh = world.bodies["qh"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )

        def page_for(user, viewport):
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            context.add_cookies(
                [{"name": "sessionid", "value": _cookie(user), "url": live_server.url}]
            )
            return context.new_page()

        leader = page_for(world.users["vice_chair"], {"width": 1280, "height": 800})
        leader.goto(f"{live_server.url}/tracking/directives/new?body={qh.pk}")
        leader.select_option("#id_source_kind", "directive")
        leader.fill("#id_title", "Chỉ đạo rà soát văn bản quy định chi tiết Luật Cư trú")
        leader.fill("#id_text", "Bộ Tài chính rà soát, báo cáo trước ngày 31/12/2026.")
        leader.fill("#id_issued_on", "2026-11-23")
        leader.get_by_role("button", name="Lưu").click()
        expect(leader.locator("h1")).to_have_text("Giao nhiệm vụ")
        leader.select_option("#id_owner_agency", label="Bộ Tài chính")
        leader.fill("#id_deliverable", "Báo cáo rà soát")
        leader.fill("#id_deadline", "2026-12-31")
        leader.get_by_role("button", name="Lưu").click()
        expect(leader.locator("h1")).to_have_text(
            "Chỉ đạo rà soát văn bản quy định chi tiết Luật Cư trú"
        )
        task = Task.objects.get()
        assert task.directive_id == Directive.objects.get().pk

        # The agency officer reports progress on a phone; the fragment swaps in place.
        officer = page_for(world.users["officer_btc"], {"width": 390, "height": 844})
        officer.goto(f"{live_server.url}/tracking/tasks/{task.pk}/")
        officer.fill("#report_percent", "60")
        officer.fill("#report_text", "Đã rà soát 18/30 văn bản")
        officer.get_by_role("button", name="Gửi báo cáo").click()
        expect(officer.locator('[data-field="progress"]')).to_have_text("60%")
        expect(officer.locator("#reports")).to_contain_text("Đã rà soát 18/30 văn bản")
        assert ProgressReport.objects.get().percent == 60

        leader.goto(f"{live_server.url}/tracking/?body={qh.pk}")
        expect(leader.locator('[data-stat="total"]')).to_have_text("1")
        expect(leader.locator('[data-stat="done_on_time"]')).to_have_text("0")

        officer.fill("#complete_result", "Đã gửi báo cáo rà soát")
        officer.get_by_role("button", name="Báo cáo hoàn thành").click()
        expect(officer.locator('[data-field="status"]')).to_have_text("Hoàn thành")

        # The dashboard's figures refresh by HTMX (every 30 s); trigger one refresh now.
        leader.evaluate("htmx.ajax('GET', window.location.href, '#figures')")
        expect(leader.locator('[data-stat="done_on_time"]')).to_have_text("1")
        expect(leader.locator('[data-stat="completion_rate"]')).to_have_text("100,0%")
        browser.close()
