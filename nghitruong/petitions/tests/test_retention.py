"""Issue 5 §2 / PET-5: petitioners' personal data is anonymised when its retention period ends."""

import datetime as dt
import json
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from nghitruong.core.models import AuditEntry
from nghitruong.petitions import rules, services, tracking
from nghitruong.petitions.models import Petition, Petitioner
from nghitruong.petitions.services.portal import petition_moderate
from nghitruong.petitions.tests.conftest import World

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PERSON = services.PetitionerData(
    full_name="Lê Văn Bình", phone="0987654321", email="binh@example.vn", address="Hoàn Kiếm"
)


def _row(petition: Petition) -> tuple[str, str, str, str]:
    p = Petitioner.objects.get(pk=petition.petitioner_id)
    return (p.full_name, p.phone, p.email, p.address)


def _withdrawn_on(world: World, make_petition: Any, time_machine: Any, day: dt.date) -> Petition:
    time_machine.move_to(dt.datetime.combine(day, dt.time(23, 30), VN), tick=False)
    petition = make_petition(
        received_on=day - dt.timedelta(days=10), petitioner=PERSON, consent=True
    )
    return services.petition_withdraw(
        actor=world.users["staff01"], petition=petition, reason="Cử tri rút kiến nghị"
    )


def test_add_months_clamps_to_the_month_end() -> None:
    assert rules.add_months(dt.date(2024, 2, 29), 24) == dt.date(2026, 2, 28)
    assert rules.add_months(dt.date(2025, 8, 31), 24) == dt.date(2027, 8, 31)
    assert rules.add_months(dt.date(2025, 12, 31), 2) == dt.date(2026, 2, 28)
    assert rules.add_months(dt.date(2025, 11, 30), 1) == dt.date(2025, 12, 30)
    assert rules.retention_ends(final_on=dt.date(2024, 3, 15)) == dt.date(2026, 3, 15)
    assert rules.rejection_retention_ends(rejected_on=dt.date(2026, 1, 10)) == dt.date(2026, 2, 9)


def test_final_petition_kept_the_day_before_and_anonymised_on_the_day(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    # Withdrawn at 23:30 Vietnam time on 15/03/2024 (16:30 UTC): the local day counts.
    petition = _withdrawn_on(world, make_petition, time_machine, dt.date(2024, 3, 15))
    time_machine.move_to(dt.datetime(2026, 3, 20, 8, 0, tzinfo=VN), tick=False)
    before = services.petitioners_apply_retention(on=dt.date(2026, 3, 14))
    assert (before["anonymised"], before["final"], before["items"]) == (0, 0, [])
    assert _row(petition) == ("Lê Văn Bình", "0987654321", "binh@example.vn", "Hoàn Kiếm")
    done = services.petitioners_apply_retention(on=dt.date(2026, 3, 15))
    assert done == {
        "on": "2026-03-15",
        "dry_run": False,
        "anonymised": 1,
        "would_anonymise": 0,
        "final": 1,
        "rejected": 0,
        "items": [
            {
                "petitioner": petition.petitioner_id,
                "body": "doan-dbqh-01",
                "tracking_codes": [tracking.display(petition.tracking_code)],
                "reason": "final",
                "since": "2026-03-15",
            }
        ],
    }
    assert _row(petition) == ("", "", "", "")
    kept = Petition.objects.get(pk=petition.pk)
    assert (kept.content, kept.status) == (petition.content, "withdrawn")
    assert [e.kind for e in kept.events.all()] == ["received", "withdrawn"]
    audit = AuditEntry.objects.filter(action__in=["petitioner.anonymise", "petitioners.retention"])
    assert [(a.action, a.actor_label) for a in audit.order_by("seq")] == [
        ("petitioner.anonymise", "system"),
        ("petitioners.retention", "system"),
    ]
    assert audit.get(action="petitioners.retention").after == {
        "on": "2026-03-15",
        "anonymised": 1,
        "final": 1,
        "rejected": 0,
    }
    # Running again changes nothing and writes nothing.
    count = AuditEntry.objects.count()
    again = services.petitioners_apply_retention(on=dt.date(2026, 3, 15))
    assert (again["anonymised"], again["items"]) == (0, [])
    assert AuditEntry.objects.count() == count


def test_rejected_online_submission_kept_30_days(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2026, 1, 10, 9, 0, tzinfo=VN), tick=False)
    petition, _ = services.petition_submit_online(
        idempotency_key="retention-key-0123456789",
        body=world.bodies["d01"],
        content="Quảng cáo bán hàng không phải kiến nghị của cử tri",
        petitioner=PERSON,
        consent=True,
    )
    petition_moderate(
        actor=world.users["staff01"],
        petition=petition,
        approve=False,
        reason="Không phải kiến nghị",
    )
    assert services.petitioners_apply_retention(on=dt.date(2026, 2, 8))["anonymised"] == 0
    assert _row(petition)[0] == "Lê Văn Bình"
    result = services.petitioners_apply_retention(on=dt.date(2026, 2, 9))
    assert (result["anonymised"], result["rejected"], result["items"][0]["since"]) == (
        1,
        1,
        "2026-02-09",
    )
    assert _row(petition) == ("", "", "", "")


def test_open_and_pending_petitions_are_never_anonymised(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2024, 1, 5, 9, 0, tzinfo=VN), tick=False)
    open_one = make_petition(received_on=dt.date(2024, 1, 2), petitioner=PERSON, consent=True)
    pending, _ = services.petition_submit_online(
        idempotency_key="retention-key-pending-01",
        body=world.bodies["d01"],
        content="Đề nghị sửa đường liên thôn bị sạt lở sau mưa lũ",
        petitioner=PERSON,
        consent=True,
    )
    time_machine.move_to(dt.datetime(2030, 1, 5, 9, 0, tzinfo=VN), tick=False)
    assert services.petitioners_apply_retention()["anonymised"] == 0
    assert _row(open_one)[0] == _row(pending)[0] == "Lê Văn Bình"


def test_dry_run_and_command_write_nothing(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    petition = _withdrawn_on(world, make_petition, time_machine, dt.date(2024, 3, 15))
    count = AuditEntry.objects.count()
    out = StringIO()
    call_command("petitions", "apply-retention", "--dry-run", "--date", "2026-03-15", stdout=out)
    printed = json.loads(out.getvalue())
    assert (printed["dry_run"], printed["would_anonymise"], printed["anonymised"]) == (True, 1, 0)
    assert printed["items"][0]["tracking_codes"] == [tracking.display(petition.tracking_code)]
    assert _row(petition)[0] == "Lê Văn Bình"
    assert AuditEntry.objects.count() == count
    out = StringIO()
    call_command("petitions", "apply-retention", "--date", "2026-03-15", stdout=out)
    assert json.loads(out.getvalue())["anonymised"] == 1
    assert _row(petition) == ("", "", "", "")


def test_command_rejects_a_bad_date(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("petitions", "apply-retention", "--date", "15/03/2026")
