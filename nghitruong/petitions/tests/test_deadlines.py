"""Overdue answers and broken commitments are flagged the next day, once (the daily command)."""

import datetime as dt
import io
import json
from collections.abc import Callable

import pytest
from django.core.management import call_command

from nghitruong.core.models import AuditEntry
from nghitruong.petitions import services
from nghitruong.petitions.models import Petition, PetitionEvent
from nghitruong.petitions.tests.conftest import World


def check(on: dt.date) -> dict[str, int]:
    out = io.StringIO()
    call_command("petitions", "check-deadlines", "--date", on.isoformat(), stdout=out)
    result: dict[str, int] = json.loads(out.getvalue())
    assert result.pop("consultations_closed") == 0  # no consultation in these tests
    return result


def test_overdue_from_the_day_after_the_due_date_and_idempotent(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    late = make_petition(assign_to="btc")  # due 29/01/2026
    paused = make_petition(assign_to="btc")
    services.petition_clock_pause(
        actor=world.users["staff01"],
        petition=paused,
        reason="Chờ bổ sung hồ sơ",
        on=dt.date(2026, 1, 20),
    )
    answered = make_petition(assign_to="btc")
    services.petition_answer(
        actor=world.users["officer_btc"],
        petition=answered,
        outcome="explanation_only",
        text="Giải trình",
        document_number="1/BTC",
        document_date=dt.date(2026, 1, 29),
        signer="Vụ trưởng",
        on=dt.date(2026, 1, 29),
    )
    assert check(dt.date(2026, 1, 29)) == {"overdue": 0, "broken_commitments": 0}
    assert Petition.objects.get(pk=late.pk).overdue_since is None
    audits = AuditEntry.objects.count()
    assert check(dt.date(2026, 1, 30)) == {"overdue": 1, "broken_commitments": 0}
    assert Petition.objects.get(pk=late.pk).overdue_since == dt.date(2026, 1, 30)
    assert Petition.objects.get(pk=paused.pk).overdue_since is None
    assert AuditEntry.objects.count() == audits + 1
    events = PetitionEvent.objects.count()
    assert check(dt.date(2026, 1, 31)) == {"overdue": 0, "broken_commitments": 0}
    assert (AuditEntry.objects.count(), PetitionEvent.objects.count()) == (audits + 1, events)
    assert Petition.objects.get(pk=late.pk).events.last().note == (  # type: ignore[union-attr]
        "Quá hạn trả lời (hạn 29/01/2026)"
    )


def test_a_broken_commitment_is_flagged_the_next_day(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition(assign_to="btc")
    services.petition_answer(
        actor=world.users["officer_btc"],
        petition=petition,
        outcome="being_resolved",
        text="Đang bố trí vốn",
        document_number="2/BTC",
        document_date=dt.date(2026, 1, 10),
        signer="Thứ trưởng",
        committed_date=dt.date(2026, 6, 30),
        on=dt.date(2026, 1, 10),
    )
    assert check(dt.date(2026, 6, 30)) == {"overdue": 0, "broken_commitments": 0}
    assert check(dt.date(2026, 7, 1)) == {"overdue": 0, "broken_commitments": 1}
    assert check(dt.date(2026, 7, 2)) == {"overdue": 0, "broken_commitments": 0}
    assert Petition.objects.get(pk=petition.pk).commitment_broken_since == dt.date(2026, 7, 1)
    # a later "resolved" answer clears the broken flag
    services.petition_answer(
        actor=world.users["officer_btc"],
        petition=petition,
        outcome="resolved",
        text="Đã hoàn thành",
        document_number="3/BTC",
        document_date=dt.date(2026, 7, 5),
        signer="Thứ trưởng",
        on=dt.date(2026, 7, 5),
    )
    petition.refresh_from_db()
    assert (petition.status, petition.commitment_broken_since) == ("resolved", None)


def test_bad_date_is_refused(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("petitions", "check-deadlines", "--date", "30/01/2026")
