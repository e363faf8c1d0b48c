"""Illustrative demo data for paperless sittings (every title says "minh họa").

``demo_meetings_load()`` is idempotent (nothing is written when its session exists) and writes only
through the services, acting as a secretariat member of the National Assembly (body ``qh``). It
creates a session, an open hall-discussion sitting for today with an agenda, a presentation already
given, a queue of deputies registered to speak, and check-ins for just over half of the deputies
(so the quorum indicator reads "đủ"). The demo app's step calls it; a missing body is skipped.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import Membership, Person
from nghitruong.accounts.permissions import STAFF_ROLES
from nghitruong.core.models import ElectedBody
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, Session, Sitting
from nghitruong.meetings.services._common import member_person_ids

MARK = "(minh họa)"
SESSION_TITLE = f"Kỳ họp thứ nhất, Quốc hội khóa XVI {MARK}"


def _staff_user(body: ElectedBody) -> Any:
    membership = (
        Membership.objects.filter(body=body, role__in=STAFF_ROLES, person__user__isnull=False)
        .select_related("person__user")
        .order_by("role", "pk")
        .first()
    )
    return membership.person.user if membership else None


def demo_meetings_load(
    *, today: dt.date | None = None, check_in: int | None = None
) -> dict[str, int]:
    day = today or timezone.localdate()
    counts = {"sessions": 0, "sittings": 0, "items": 0, "speakers": 0, "check_ins": 0}
    body = ElectedBody.objects.filter(code="qh").first()
    if body is None or Session.objects.filter(body=body, title=SESSION_TITLE).exists():
        return counts
    staff = _staff_user(body)
    if staff is None:
        return counts
    people = list(Person.objects.filter(pk__in=member_person_ids(body)).order_by("full_name", "pk"))
    total = body.total_members or len(people)
    with transaction.atomic():
        session = services.session_create(
            actor=staff, body=body, number=1, title=SESSION_TITLE, start_date=day
        )
        services.session_open(actor=staff, session=session)
        sitting = services.sitting_create(
            actor=staff,
            session=session,
            kind=Sitting.Kind.HALL_DISCUSSION,
            title=f"Thảo luận ở hội trường về dự án Luật Thủ đô (sửa đổi) {MARK}",
            date=day,
            location="Nhà Quốc hội, Hà Nội",
        )
        services.agenda_item_create(
            actor=staff,
            sitting=sitting,
            title="Tờ trình và Báo cáo thẩm tra dự án Luật Thủ đô (sửa đổi)",
            kind=AgendaItem.Kind.PRESENTATION,
            presenters=["Bộ trưởng Bộ Tư pháp", "Chủ nhiệm Ủy ban Pháp luật"],
        )
        debate = services.agenda_item_create(
            actor=staff,
            sitting=sitting,
            title="Thảo luận về dự án Luật Thủ đô (sửa đổi)",
            kind=AgendaItem.Kind.DISCUSSION,
        )
        counts.update(sessions=1, sittings=1, items=2)
        services.sitting_open(actor=staff, sitting=sitting)
        services.current_item_set(actor=staff, sitting=sitting, item=debate)
        present = people[: check_in if check_in is not None else min(len(people), total // 2 + 10)]
        for index, person in enumerate(present):
            services.attendance_check_in(
                actor=staff,
                sitting=sitting,
                person=person,
                mode="remote" if index % 10 == 9 else "hall",
            )
        counts["check_ins"] = len(present)
        for person in present[:6]:
            services.speaker_register(actor=staff, item=debate, kind="first", person=person)
            counts["speakers"] += 1
    return counts
