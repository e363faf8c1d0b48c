"""The demo loader: creates a live sitting once, then nothing on a second run."""

import datetime as dt

from nghitruong.core.models import AuditEntry
from nghitruong.meetings.demo import demo_meetings_load
from nghitruong.meetings.models import Attendance, Sitting, SpeakerRequest
from nghitruong.meetings.selectors import attendance_summary
from nghitruong.meetings.tests.conftest import build_hall


def test_demo_loads_once(db: None) -> None:
    build_hall("qh", open_sitting=False)  # the body "qh" with 5 deputies and a secretariat
    counts = demo_meetings_load(today=dt.date(2026, 11, 23))
    assert counts == {"sessions": 1, "sittings": 1, "items": 2, "speakers": 5, "check_ins": 5}
    sitting = Sitting.objects.get(title__endswith="(minh họa)")
    assert sitting.state == "open"
    assert sitting.current_item is not None
    assert sitting.current_item.title == "Thảo luận về dự án Luật Thủ đô (sửa đổi)"
    assert Attendance.objects.filter(sitting=sitting).count() == 5
    assert attendance_summary(sitting=sitting).quorum_met is True
    assert SpeakerRequest.objects.filter(item__sitting=sitting).count() == 5
    entries = AuditEntry.objects.count()
    assert demo_meetings_load(today=dt.date(2026, 11, 23)) == {
        "sessions": 0,
        "sittings": 0,
        "items": 0,
        "speakers": 0,
        "check_ins": 0,
    }
    assert AuditEntry.objects.count() == entries
