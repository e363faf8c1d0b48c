"""The illustrative demo data loads through the services and is idempotent."""

import datetime as dt

import pytest

from nghitruong.accounts.models import AgencyMembership
from nghitruong.core.models import AuditEntry
from nghitruong.tracking.demo import demo_tracking_load
from nghitruong.tracking.models import Directive, Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_demo_tracking_load_idempotent(world: World) -> None:
    from nghitruong.core.models import Agency

    gov = world.agencies["gov"]
    for code, name in (("bo-tu-phap", "Bộ Tư pháp"), ("bo-noi-vu", "Bộ Nội vụ")):
        Agency.objects.create(code=code, name=name, kind="ministry", parent=gov)
    AgencyMembership.objects.create(
        user=world.users["outsider"],
        agency=Agency.objects.get(code="bo-tu-phap"),
        start_date=dt.date(2026, 1, 1),
    )
    counts = demo_tracking_load(today=dt.date(2026, 11, 23))
    # 3 NA tasks + 1 council task + 3 quarterly reports (Q1–Q3 2026 due; Q4 due 10 Jan 2027).
    assert counts == {"directives": 1, "tasks": 7, "obligations_confirmed": 0, "recurrences": 1}
    assert Directive.objects.count() == 2
    assert sorted(Task.objects.values_list("title", "status", "progress")) == [
        ("Báo cáo quý về chuyển đổi số (minh họa) — kỳ 2026-Q1", "overdue", 0),
        ("Báo cáo quý về chuyển đổi số (minh họa) — kỳ 2026-Q2", "overdue", 0),
        ("Báo cáo quý về chuyển đổi số (minh họa) — kỳ 2026-Q3", "overdue", 0),
        ("Báo cáo tình hình ban hành thông tư hướng dẫn (minh họa)", "assigned", 0),
        ("Rà soát văn bản quy định chi tiết còn thiếu (minh họa)", "overdue", 40),
        ("Số hóa hồ sơ kỳ họp và kết nối cơ sở dữ liệu (minh họa)", "assigned", 0),
        ("Tổng hợp kiến nghị về tổ chức bộ máy (minh họa)", "done", 100),
    ]
    audits = AuditEntry.objects.count()
    assert demo_tracking_load(today=dt.date(2026, 11, 23)) == {
        "directives": 0,
        "tasks": 0,
        "obligations_confirmed": 0,
        "recurrences": 0,
    }
    assert AuditEntry.objects.count() == audits
