"""Test data for the meetings app: a body with deputies (logins), staff, a session and a sitting."""

import datetime as dt
from dataclasses import dataclass, field

import pytest

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.core.models import AuditEntry, ElectedBody
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, Session, Sitting


@dataclass
class Hall:
    body: ElectedBody
    staff: User
    deputies: list[User]
    session: Session
    sitting: Sitting
    items: list[AgendaItem] = field(default_factory=list)

    def person(self, user: User) -> Person:
        return Person.objects.get(user=user)


def make_people(
    body: ElectedBody, names: list[str], *, role: str = Role.DEPUTY, prefix: str = "db"
) -> list[User]:
    users = []
    for index, name in enumerate(names, start=1):
        user = User.objects.create(username=f"{prefix}-{body.code}-{index}", full_name=name)
        person = Person.objects.create(full_name=name, user=user)
        Membership.objects.create(
            person=person, body=body, role=role, start_date=dt.date(2021, 7, 20)
        )
        users.append(user)
    return users


DEPUTY_NAMES = [
    "Nguyễn Thị Ánh",
    "Trần Văn Bình",
    "Lê Hoàng Cường",
    "Phạm Thị Duyên",
    "Đỗ Quốc Hưng",
]


def build_hall(
    code: str = "qh", *, kind: str = "na", total_members: int | None = 5, open_sitting: bool = True
) -> Hall:
    body = ElectedBody.objects.create(
        code=code,
        name="Quốc hội" if kind == "na" else f"Hội đồng nhân dân {code}",
        kind=kind,
        level="central" if kind == "na" else "provincial",
        total_members=total_members,
    )
    staff = make_people(body, ["Thư ký Kỳ họp"], role=Role.SECRETARIAT, prefix="vp")[0]
    deputies = make_people(body, DEPUTY_NAMES)
    session = services.session_create(
        actor=staff,
        body=body,
        number=10,
        title="Kỳ họp thứ mười, Quốc hội khóa XV",
        start_date=dt.date(2026, 10, 20),
    )
    sitting = services.sitting_create(
        actor=staff,
        session=session,
        kind=Sitting.Kind.HALL_DISCUSSION,
        title="Thảo luận dự án Luật Thủ đô (sửa đổi)",
        date=dt.date(2026, 11, 23),
        location="Hà Nội",
    )
    items = [
        services.agenda_item_create(
            actor=staff,
            sitting=sitting,
            title="Tờ trình dự án Luật Thủ đô (sửa đổi)",
            kind=AgendaItem.Kind.PRESENTATION,
            presenters=["Bộ trưởng Bộ Tư pháp"],
        ),
        services.agenda_item_create(
            actor=staff,
            sitting=sitting,
            title="Thảo luận về dự án Luật Thủ đô (sửa đổi)",
            kind=AgendaItem.Kind.DISCUSSION,
        ),
    ]
    if open_sitting:
        services.session_open(actor=staff, session=session)
        services.sitting_open(actor=staff, sitting=sitting)
    return Hall(body, staff, deputies, session, sitting, items)


@pytest.fixture
def hall(db: None) -> Hall:
    return build_hall()


@pytest.fixture
def planned_hall(db: None) -> Hall:
    return build_hall(open_sitting=False)


def audit_count() -> int:
    return AuditEntry.objects.count()
