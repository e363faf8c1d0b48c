"""Reminders before and at a deadline, escalation after it (issue 5 §6): boundaries, idempotency,
exact recipients, mail only after commit, the staff timeline (never the public one)."""

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from nghitruong.accounts.models import AgencyMembership, Role, User
from nghitruong.accounts.testing import make_user
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import rules, selectors, services
from nghitruong.petitions.models import Petition, PetitionReminder
from nghitruong.petitions.tests.conftest import START, World

DUE = dt.date(2026, 1, 29)  # assigned 20/12/2025 + 40 days (see test_deadlines)


def remind(on: dt.date) -> dict[str, int]:
    out = io.StringIO()
    call_command("petitions", "send-reminders", "--date", on.isoformat(), stdout=out)
    result: dict[str, int] = json.loads(out.getvalue())
    return result


def check(on: dt.date) -> None:
    call_command("petitions", "check-deadlines", "--date", on.isoformat(), stdout=io.StringIO())


def _email(user: User, address: str) -> User:
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def people(world: World) -> dict[str, User]:
    """Addresses: two current BTC officers, one former, one without an address; the committee's
    secretariat (the supervisor of NA-level petitions) and a committee member; the delegation's and
    the council's secretariat."""
    _email(world.users["officer_btc"], "btc1@btc.gov.vn")
    second = _email(make_user("officer_btc2"), "btc2@btc.gov.vn")
    AgencyMembership.objects.create(user=second, agency=world.agencies["btc"], start_date=START)
    former = _email(make_user("officer_btc_old"), "old@btc.gov.vn")
    AgencyMembership.objects.create(
        user=former, agency=world.agencies["btc"], start_date=START, end_date=dt.date(2025, 1, 1)
    )
    AgencyMembership.objects.create(
        user=make_user("officer_btc_nomail"), agency=world.agencies["btc"], start_date=START
    )
    _email(world.users["officer_byt"], "byt@byt.gov.vn")
    _email(world.users["officer_ubnd"], "ubnd@hanoi.gov.vn")
    committee_sec = _email(
        make_user("committee_sec", world.bodies["committee"], Role.SECRETARIAT),
        "vp@uydannguyen.qh.vn",
    )
    _email(world.users["supervisor"], "member@uydannguyen.qh.vn")  # a member, not secretariat
    _email(world.users["staff01"], "vp@doan01.qh.vn")
    _email(world.users["council01"], "vp@hdnd.hanoi.gov.vn")
    return {"committee_sec": committee_sec}


def _sent(outbox_from: int = 0) -> list[tuple[str, list[str]]]:
    return [(m.subject, sorted(m.to)) for m in mail.outbox[outbox_from:]]


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_before", "stage"),
    [(8, None), (7, 7), (6, 7), (2, 7), (1, 1), (0, 0), (-1, -1), (-30, -1)],
)
def test_reminder_stage_boundaries(days_before: int, stage: int | None) -> None:
    assert rules.reminder_stage(DUE, DUE - dt.timedelta(days=days_before)) == stage


def test_reminder_kinds() -> None:
    answer, commitment = rules.ReminderTarget.ANSWER, rules.ReminderTarget.COMMITMENT
    assert [rules.reminder_kind(answer, s) for s in (7, 1, 0, -1)] == [
        "answer.d7",
        "answer.d1",
        "answer.d0",
        "answer.overdue",
    ]
    assert rules.reminder_kind(commitment, -1) == "commitment.broken"
    assert rules.REMINDER_OFFSETS == (7, 1, 0)


# --- the daily run ------------------------------------------------------------------------------


def test_reminders_before_at_and_after_the_deadline(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    petition = make_petition(assign_to="btc")
    assert petition.due_date == DUE
    officers = ["btc1@btc.gov.vn", "btc2@btc.gov.vn"]
    audits = AuditEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=8)) == {
            "reminders": 0,
            "escalations": 0,
            "recipients": 0,
        }
    assert (PetitionReminder.objects.count(), len(mail.outbox)) == (0, 0)

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=7)) == {
            "reminders": 1,
            "escalations": 0,
            "recipients": 2,
        }
    code = petition.tracking_code
    assert _sent() == [
        (f"[Nghị Trường Số] Còn 7 ngày: kiến nghị cử tri {code} — Bộ Tài chính", officers)
    ]
    assert "Hạn trả lời: 29/01/2026 (còn 7 ngày)" in mail.outbox[0].body
    assert AuditEntry.objects.count() == audits + 1

    # the same day again: nothing new
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=7))["reminders"] == 0
    assert (PetitionReminder.objects.count(), len(mail.outbox)) == (1, 1)
    assert AuditEntry.objects.count() == audits + 1

    # between two reminder dates: nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=3))["reminders"] == 0
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=1))["reminders"] == 1
        assert remind(DUE)["reminders"] == 1
    assert _sent(1) == [
        (f"[Nghị Trường Số] Còn 1 ngày: kiến nghị cử tri {code} — Bộ Tài chính", officers),
        (f"[Nghị Trường Số] Đến hạn hôm nay: kiến nghị cử tri {code} — Bộ Tài chính", officers),
    ]
    assert "(hạn cuối là hôm nay)" in mail.outbox[2].body

    # the next day: flagged overdue, and escalated to the committee's secretariat as well
    day_after = DUE + dt.timedelta(days=1)
    check(day_after)
    assert Petition.objects.get(pk=petition.pk).overdue_since == day_after
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(day_after) == {"reminders": 0, "escalations": 1, "recipients": 3}
    assert _sent(3) == [
        (
            f"[Nghị Trường Số] Quá hạn: kiến nghị cử tri {code} — Bộ Tài chính",
            ["btc1@btc.gov.vn", "btc2@btc.gov.vn", "vp@uydannguyen.qh.vn"],
        )
    ]
    assert "đã quá hạn 1 ngày" in mail.outbox[3].body
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(day_after + dt.timedelta(days=1))["escalations"] == 0
    assert len(mail.outbox) == 4
    assert list(
        PetitionReminder.objects.order_by("id").values_list("kind", "due_date", "escalated")
    ) == [
        ("answer.d7", DUE, False),
        ("answer.d1", DUE, False),
        ("answer.d0", DUE, False),
        ("answer.overdue", DUE, True),
    ]
    assert AuditEntry.objects.filter(action="petition.reminder_send").count() == 4


def test_mail_waits_for_commit(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_petition(assign_to="btc")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.petition_reminders_send(on=DUE)
    assert (len(callbacks), len(mail.outbox)) == (1, 0)  # queued, not sent inside the transaction
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_missed_run_is_caught_up_once_with_the_current_stage(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_petition(assign_to="btc")
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE - dt.timedelta(days=5))["reminders"] == 1  # the 7-day one, late
        assert remind(DUE - dt.timedelta(days=4))["reminders"] == 0
    assert "(còn 5 ngày)" in mail.outbox[0].body
    assert list(PetitionReminder.objects.values_list("kind", "sent_on")) == [
        ("answer.d7", DUE - dt.timedelta(days=5))
    ]


def test_no_reminder_for_a_paused_answered_or_unassigned_petition(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    paused = make_petition(assign_to="btc")
    services.petition_clock_pause(
        actor=world.users["staff01"], petition=paused, reason="Chờ bổ sung hồ sơ", on=DUE
    )
    answered = make_petition(assign_to="btc")
    services.petition_answer(
        actor=world.users["officer_btc"],
        petition=answered,
        outcome="explanation_only",
        text="Giải trình",
        document_number="1/BTC",
        document_date=dt.date(2026, 1, 20),
        signer="Vụ trưởng",
        on=dt.date(2026, 1, 20),
    )
    make_petition()  # received, not assigned
    with django_capture_on_commit_callbacks(execute=True):
        for day in (DUE - dt.timedelta(days=7), DUE, DUE + dt.timedelta(days=1)):
            assert remind(day) == {"reminders": 0, "escalations": 0, "recipients": 0}
    assert (PetitionReminder.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_broken_commitment_of_a_council_is_escalated_to_the_council_secretariat(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    petition = make_petition("c01", assign_to="ubnd")
    committed = dt.date(2026, 6, 30)
    services.petition_answer(
        actor=world.users["officer_ubnd"],
        petition=petition,
        outcome="being_resolved",
        text="Đang bố trí vốn sửa cầu",
        document_number="12/UBND",
        document_date=dt.date(2026, 1, 10),
        signer="Phó Chủ tịch",
        committed_date=committed,
        on=dt.date(2026, 1, 10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(committed)["reminders"] == 1
        assert remind(committed + dt.timedelta(days=1)) == {
            "reminders": 0,
            "escalations": 1,
            "recipients": 2,
        }
    code = petition.tracking_code
    agency = "Ủy ban nhân dân Thành phố Hà Nội"
    assert _sent() == [
        (
            f"[Nghị Trường Số] Đến hạn hôm nay: kiến nghị cử tri {code} — {agency}",
            ["ubnd@hanoi.gov.vn"],
        ),
        (
            f"[Nghị Trường Số] Quá thời hạn cam kết: kiến nghị cử tri {code} — {agency}",
            ["ubnd@hanoi.gov.vn", "vp@hdnd.hanoi.gov.vn"],
        ),
    ]
    assert "Thời hạn cam kết: 30/06/2026 (quá thời hạn cam kết 1 ngày)" in mail.outbox[1].body
    assert list(PetitionReminder.objects.order_by("id").values_list("kind", flat=True)) == [
        "commitment.d0",
        "commitment.broken",
    ]


def test_an_extension_moves_the_deadline_and_reminds_again(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    petition = make_petition(assign_to="btc")
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(DUE)["reminders"] == 1
    services.petition_clock_extend(
        actor=world.users["staff01"], petition=petition, days=10, reason="Cần khảo sát thực địa"
    )
    petition.refresh_from_db()
    assert petition.due_date == dt.date(2026, 2, 9)  # 29/01 + 10 = 08/02 (Sunday) → Monday
    with django_capture_on_commit_callbacks(execute=True):
        # the old due date has passed, but the deadline moved: no escalation
        assert remind(DUE + dt.timedelta(days=1)) == {
            "reminders": 0,
            "escalations": 0,
            "recipients": 0,
        }
        assert remind(dt.date(2026, 2, 2)) == {"reminders": 1, "escalations": 0, "recipients": 2}
    assert list(PetitionReminder.objects.order_by("id").values_list("kind", "due_date")) == [
        ("answer.d0", DUE),
        ("answer.d7", dt.date(2026, 2, 9)),
    ]


def test_reminders_show_on_the_staff_timeline_not_on_the_public_one(
    world: World,
    people: dict[str, User],
    make_petition: Callable[..., Petition],
    django_capture_on_commit_callbacks: Any,
) -> None:
    petition = make_petition(assign_to="btc")
    with django_capture_on_commit_callbacks(execute=True):
        remind(DUE - dt.timedelta(days=7))
    staff = [
        row for row in selectors.petition_timeline(petition) if row["kind"].startswith("reminder.")
    ]
    assert [(row["kind"], row["label"], row["note"]) for row in staff] == [
        (
            "reminder.answer.d7",
            "Nhắc hạn trả lời: còn 7 ngày",
            "Thời hạn 29/01/2026; đã gửi đến 2 người nhận",
        )
    ]
    public = selectors.petition_follow(code=petition.tracking_code)
    assert [row["kind"] for row in public["timeline"]] == ["received", "classified", "assigned"]


def test_bad_date_is_refused(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("petitions", "send-reminders", "--date", "29/01/2026")
