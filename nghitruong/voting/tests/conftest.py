"""Test data for the voting app: bodies, deputies with logins, staff. Created in bulk for speed."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.core.models import ElectedBody
from nghitruong.voting import services
from nghitruong.voting.models import Poll, PollOption


@dataclass
class Chamber:
    body: ElectedBody
    staff: User
    deputies: list[User] = field(default_factory=list)

    def option(self, poll: Poll, meaning: str) -> PollOption:
        return poll.options.get(meaning=meaning)


def make_body(code: str, kind: str = "na", level: str = "central", **extra: object) -> ElectedBody:
    return ElectedBody.objects.create(
        code=code, name=f"Cơ quan {code}", kind=kind, level=level, **extra
    )


def add_members(
    body: ElectedBody,
    count: int,
    *,
    role: str = Role.DEPUTY,
    prefix: str = "db",
    start: dt.date | None = None,
    id_base: int | None = None,
) -> list[User]:
    """``count`` people holding ``role`` in ``body``, each with a login; returns the users."""
    start = start or dt.date(2021, 7, 20)
    users: list[User] = User.objects.bulk_create(
        [
            User(
                **({"id": id_base + 100_000 + i} if id_base else {}),
                username=f"{prefix}-{body.code}-{i}",
                full_name=f"Đại biểu {prefix} {i}",
            )
            for i in range(1, count + 1)
        ]
    )
    people: list[Person] = Person.objects.bulk_create(
        [
            Person(
                **({"id": id_base + i} if id_base else {}),
                full_name=user.full_name,
                user=user,
            )
            for i, user in enumerate(users, start=1)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(person=p, body=body, role=role, start_date=start) for p in people]
    )
    return users


@pytest.fixture
def chamber_factory(db: None) -> Callable[..., Chamber]:
    def make(
        code: str = "qh", deputies: int = 3, kind: str = "na", level: str = "central"
    ) -> Chamber:
        body = make_body(code, kind=kind, level=level)
        staff = add_members(body, 1, role=Role.SECRETARIAT, prefix="vp")[0]
        return Chamber(body=body, staff=staff, deputies=add_members(body, deputies))

    return make


@pytest.fixture
def chamber(chamber_factory: Callable[..., Chamber]) -> Chamber:
    return chamber_factory()


@pytest.fixture
def make_poll(chamber: Chamber) -> Callable[..., Poll]:
    def make(kind: str = Poll.Kind.ELECTRONIC_AGGREGATE, start: bool = True, **kw: object) -> Poll:
        poll = services.poll_create(
            actor=chamber.staff, body=chamber.body, title="Thông qua Luật Thủ đô", kind=kind, **kw
        )
        if start:
            services.poll_start(actor=chamber.staff, poll=poll)
        return poll

    return make


def today() -> dt.date:
    return timezone.localdate()
