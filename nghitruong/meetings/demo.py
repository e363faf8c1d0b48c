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

from nghitruong.accounts.models import Membership, Person, Role
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


# -- votes in the demo sitting -----------------------------------------------------------------
# Every deputy of the demo National Assembly gets an account that cannot log in (unusable password,
# no second factor), as every deputy has one in a real deployment: electronic votes are cast by
# accounts. ``demo-data`` treats these names as demo accounts (``nghitruong.demo.selectors``).
DEPUTY_ACCOUNT_PREFIX = "demo.daibieu."
PUBLISHED_POLL = (
    f"Biểu quyết thông qua Nghị quyết về Kế hoạch phát triển kinh tế - xã hội năm 2027 {MARK}"
)
OPEN_POLL = f"Biểu quyết thông qua Luật Thủ đô (sửa đổi) {MARK}"
# (for, against, not voting) — of the 500 members; the open poll leaves the demo deputy and others
# still to vote.
PUBLISHED_VOTES = (455, 9, 8)
OPEN_VOTES = (298, 6, 8)


def demo_polls_load() -> dict[str, int]:
    """Two polls on the demo sitting's agenda, through the voting services: one stopped and
    published (the result board), one open for the demo deputy ``daibieu.qh`` to vote on from the
    tablet panel (the chair closes it from the console). Idempotent: nothing is written when the
    published poll exists; skipped without the demo sitting."""
    from nghitruong.accounts.models import User
    from nghitruong.accounts.services import person_update, user_create
    from nghitruong.voting import services as voting
    from nghitruong.voting.services.ballots import BallotRequest

    counts = {"accounts": 0, "polls": 0, "votes": 0}
    body = ElectedBody.objects.filter(code="qh").first()
    sitting = Sitting.objects.filter(session__body=body, title__endswith=MARK).first()
    if body is None or sitting is None:
        return counts
    if sitting.items.filter(title=PUBLISHED_POLL).exists():
        return counts
    staff = _staff_user(body)
    if staff is None:
        return counts
    deputies = list(
        Person.objects.filter(
            pk__in=member_person_ids(body),
            memberships__body=body,
            memberships__role=Role.DEPUTY,
        )
        .distinct()
        .select_related("user")
        .order_by("pk")
    )
    with transaction.atomic():
        for number, person in enumerate(deputies, start=1):
            if person.user_id is None:
                user = user_create(
                    username=f"{DEPUTY_ACCOUNT_PREFIX}{number:03d}",
                    password=None,
                    actor=None,
                    full_name=person.full_name,
                )
                person_update(person=person, actor=None, user=user)
                counts["accounts"] += 1
        users = {
            u.person.pk: u
            for u in User.objects.filter(person__in=deputies).select_related("person")
        }
        demo_deputy = User.objects.filter(username="daibieu.qh").first()
        for title, votes, publish in (
            (PUBLISHED_POLL, PUBLISHED_VOTES, True),
            (OPEN_POLL, OPEN_VOTES, False),
        ):
            item = services.agenda_item_create(
                actor=staff, sitting=sitting, title=title, kind=AgendaItem.Kind.VOTE
            )
            poll = voting.poll_create(
                actor=staff,
                body=body,
                title=title,
                kind="electronic_aggregate",
                subject=item,
                subject_label=item.title,
            )
            voting.poll_start(actor=staff, poll=poll)
            options = {o.meaning: o.pk for o in poll.options.all()}
            voters = [
                users[p.pk]
                for p in deputies
                if p.pk in users and (publish or users[p.pk] != demo_deputy)
            ]
            choices = ["for"] * votes[0] + ["against"] * votes[1] + ["abstain"] * votes[2]
            outcomes = voting.ballots_record(
                poll_id=poll.pk,
                ballots=[
                    BallotRequest(option_id=options[choice], user=user)
                    for user, choice in zip(voters, choices, strict=False)
                ],
            )
            counts["votes"] += sum(o.accepted for o in outcomes)
            if publish:
                voting.poll_stop(actor=staff, poll=poll)
                voting.poll_publish(actor=staff, poll=poll)
            counts["polls"] += 1
    return counts
