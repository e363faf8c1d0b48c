"""The demo loaders: a live sitting, then votes on its agenda — once; nothing on a second run."""

import datetime as dt

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.core.models import AuditEntry
from nghitruong.meetings.demo import (
    DEPUTY_ACCOUNT_PREFIX,
    OPEN_POLL,
    PUBLISHED_POLL,
    demo_meetings_load,
    demo_polls_load,
)
from nghitruong.meetings.models import Attendance, Sitting, SpeakerRequest
from nghitruong.meetings.selectors import attendance_summary
from nghitruong.meetings.tests.conftest import build_hall
from nghitruong.voting.models import Poll, Vote


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


def test_demo_polls_load_once_with_accounts_for_deputies_who_had_none(db: None) -> None:
    hall = build_hall("qh", open_sitting=False, total_members=7)
    for name in ["Vũ Thị Hạnh", "Hoàng Văn Khải"]:
        person = Person.objects.create(full_name=name)
        Membership.objects.create(
            person=person, body=hall.body, role=Role.DEPUTY, start_date=dt.date(2021, 7, 20)
        )
    demo_meetings_load(today=dt.date(2026, 11, 23))
    assert demo_polls_load() == {"accounts": 2, "polls": 2, "votes": 14}
    created = User.objects.filter(username__startswith=DEPUTY_ACCOUNT_PREFIX).order_by("username")
    assert [(u.username, u.full_name, u.has_usable_password()) for u in created] == [
        ("demo.daibieu.006", "Vũ Thị Hạnh", False),
        ("demo.daibieu.007", "Hoàng Văn Khải", False),
    ]
    sitting = Sitting.objects.get(title__endswith="(minh họa)")
    assert list(sitting.items.filter(kind="vote").values_list("title", flat=True)) == [
        PUBLISHED_POLL,
        OPEN_POLL,
    ]
    published = Poll.objects.get(title=PUBLISHED_POLL)
    result = published.result
    assert (published.state, result.participants, result.votes_for, result.passed) == (
        "published",
        7,
        7,
        True,
    )
    assert published.subject_label == PUBLISHED_POLL
    still_open = Poll.objects.get(title=OPEN_POLL)
    assert still_open.state == "started"
    assert Vote.objects.filter(poll=still_open).count() == 7
    entries = AuditEntry.objects.count()
    assert demo_polls_load() == {"accounts": 0, "polls": 0, "votes": 0}
    assert AuditEntry.objects.count() == entries
    assert User.objects.filter(username__startswith=DEPUTY_ACCOUNT_PREFIX).count() == 2


def test_demo_polls_need_the_demo_sitting(db: None) -> None:
    build_hall("qh", open_sitting=False)
    assert demo_polls_load() == {"accounts": 0, "polls": 0, "votes": 0}
    assert Poll.objects.count() == 0
