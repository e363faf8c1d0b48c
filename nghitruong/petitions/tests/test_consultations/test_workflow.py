"""The consultation's state machine: every allowed and forbidden transition, permissions, bad
input (the clock frozen at noon, Hà Nội time, 12/03/2026)."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import selectors_consultations, services
from nghitruong.petitions.models import (
    DraftConsultation,
)
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_consultations.support import (
    CLOSES,
    OPENS,
    actions,
    noon,
)

pytestmark = pytest.mark.django_db


# --- state machine -----------------------------------------------------------------------------


def test_full_cycle_each_transition_audited(world: World, make_consultation) -> None:
    c = make_consultation()
    assert c.state == "draft"
    with pytest.raises(NotFoundError):  # a draft is not public
        selectors_consultations.public_consultation_get(c.pk)
    assert [i.pk for i in selectors_consultations.public_consultations()] == []
    staff = world.users["council01"]
    c = services.consultation_open(actor=staff, consultation=c)
    assert (c.state, c.opened_at is not None) == ("open", True)
    assert [i.pk for i in selectors_consultations.public_consultations()] == [c.pk]
    c = services.consultation_close(actor=staff, consultation=c)
    assert (c.state, c.closed_at is not None) == ("closed", True)
    c = services.consultation_report(
        actor=staff, consultation=c, report_text="  Tiếp thu ý kiến về miễn phí cho học sinh.  "
    )
    c.refresh_from_db()
    assert (c.state, c.report_text) == ("reported", "Tiếp thu ý kiến về miễn phí cho học sinh.")
    assert actions(c) == [
        "consultation.create",
        "consultation.open",
        "consultation.close",
        "consultation.report",
    ]
    entry = AuditEntry.objects.get(action="consultation.report", object_id=str(c.pk))
    assert (entry.body_id, entry.before["state"], entry.after["state"]) == (
        world.bodies["c01"].pk,
        "closed",
        "reported",
    )


ALLOWED = {"draft": "open", "open": "close", "closed": "report", "reported": None}


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (state, action)
        for state in ("draft", "open", "closed", "reported")
        for action in ("open", "close", "report")
        if ALLOWED[state] != action  # the allowed ones: test_full_cycle_each_transition_audited
    ],
)
def test_forbidden_transitions_change_nothing(
    world: World, make_consultation, state: str, action: str
) -> None:
    c = make_consultation(state)
    before = (actions(c), DraftConsultation.objects.get(pk=c.pk).updated_at)
    staff = world.users["council01"]
    call = {
        "open": lambda: services.consultation_open(actor=staff, consultation=c),
        "close": lambda: services.consultation_close(actor=staff, consultation=c),
        "report": lambda: services.consultation_report(
            actor=staff, consultation=c, report_text="Báo cáo tiếp thu ý kiến nhân dân."
        ),
    }[action]
    with pytest.raises(ConflictError) as exc:
        call()
    assert exc.value.code == "wrong_state"
    assert " / " in exc.value.message
    c.refresh_from_db()
    assert c.state == state
    assert (actions(c), c.updated_at) == before


def test_report_needs_its_text(world: World, make_consultation) -> None:
    c = make_consultation("closed")
    with pytest.raises(ApplicationError) as exc:
        services.consultation_report(
            actor=world.users["council01"], consultation=c, report_text="  ngắn "
        )
    assert exc.value.code == "report_required"
    c.refresh_from_db()
    assert (c.state, c.report_text, c.reported_at) == ("closed", "", None)


def test_opening_after_the_closing_date_is_refused(
    world: World, make_consultation, clock: Any
) -> None:
    c = make_consultation()
    clock.move_to(noon(CLOSES + dt.timedelta(days=1)), tick=False)
    with pytest.raises(ApplicationError) as exc:
        services.consultation_open(actor=world.users["council01"], consultation=c)
    assert exc.value.code == "closes_on_past"
    c.refresh_from_db()
    assert (c.state, actions(c)) == ("draft", ["consultation.create"])
    # On the closing day itself it may still open.
    clock.move_to(noon(CLOSES), tick=False)
    assert services.consultation_open(actor=world.users["council01"], consultation=c).state == (
        "open"
    )


def test_staff_of_another_body_cannot_manage(world: World, make_consultation) -> None:
    c = make_consultation("open")
    other = world.users["council79"]
    before = actions(c)
    for call in (
        lambda: services.consultation_close(actor=other, consultation=c),
        lambda: services.consultation_open(actor=other, consultation=c),
        lambda: services.consultation_report(
            actor=other, consultation=c, report_text="Báo cáo tiếp thu ý kiến nhân dân."
        ),
        lambda: services.consultation_update(
            actor=other,
            consultation=c,
            title="Tiêu đề khác hẳn",
            summary="Tóm tắt khác hẳn của dự thảo",
            opens_on=OPENS,
            closes_on=CLOSES,
        ),
        lambda: services.consultation_create(
            actor=other,
            body=world.bodies["c01"],
            title="Dự thảo của tỉnh khác",
            summary="Tóm tắt của dự thảo tỉnh khác",
            opens_on=OPENS,
            closes_on=CLOSES,
        ),
        lambda: services.consultation_create(
            actor=world.users["deputy01"],
            body=world.bodies["d01"],
            title="Dự thảo của đại biểu",
            summary="Tóm tắt của dự thảo đại biểu",
            opens_on=OPENS,
            closes_on=CLOSES,
        ),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    c.refresh_from_db()
    assert (c.state, c.title, actions(c)) == ("open", c.title, before)
    assert DraftConsultation.objects.count() == 1
    with pytest.raises(NotFoundError):
        selectors_consultations.access_consultation(other, c.pk)
    assert list(selectors_consultations.consultation_list(user=other)) == []


def test_only_the_na_and_councils_consult(world: World, clock: Any) -> None:
    with pytest.raises(ApplicationError) as exc:
        services.consultation_create(
            actor=world.users["staff01"],
            body=world.bodies["d01"],  # an NA delegation
            title="Dự thảo Luật Thử nghiệm",
            summary="Tóm tắt dự thảo luật thử nghiệm",
            opens_on=OPENS,
            closes_on=CLOSES,
        )
    assert exc.value.code == "invalid_body"
    assert DraftConsultation.objects.count() == 0


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"closes_on": OPENS - dt.timedelta(days=1)}, "invalid_dates"),
        ({"title": "Dự"}, "invalid_title"),
        ({"summary": "ngắn"}, "invalid_summary"),
        ({"questions": [f"Câu hỏi {i}" for i in range(11)]}, "too_many_questions"),
        ({"questions": ["x" * 301]}, "question_too_long"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(make_consultation, kw, code) -> None:
    with pytest.raises(ApplicationError) as exc:
        make_consultation(**kw)
    assert exc.value.code == code
    assert " / " in exc.value.message
    assert (
        DraftConsultation.objects.count(),
        AuditEntry.objects.filter(action__startswith="consultation.").count(),
    ) == (0, 0)


def test_questions_are_cleaned(make_consultation) -> None:
    c = make_consultation(questions=["  Mức phí có phù hợp không?  ", "", "Đối tượng miễn phí?"])
    assert c.questions == ["Mức phí có phù hợp không?", "Đối tượng miễn phí?"]


# --- feedback ----------------------------------------------------------------------------------


def test_open_consultations_close_themselves_the_day_after_closes_on(
    world: World, make_consultation
) -> None:
    due = make_consultation("open")  # closes 20/03
    later = make_consultation(
        "open", closes_on=dt.date(2026, 3, 25), title="Dự thảo Nghị quyết về phí vệ sinh"
    )
    draft = make_consultation(title="Dự thảo Nghị quyết về lệ phí hộ tịch")  # closes 20/03
    out = io.StringIO()
    call_command("petitions", "check-deadlines", "--date", "2026-03-20", stdout=out)
    assert json.loads(out.getvalue()) == {
        "overdue": 0,
        "broken_commitments": 0,
        "consultations_closed": 0,  # the closing day itself still takes feedback
    }
    out = io.StringIO()
    call_command("petitions", "check-deadlines", "--date", "2026-03-21", stdout=out)
    assert json.loads(out.getvalue())["consultations_closed"] == 1
    states = dict(DraftConsultation.objects.values_list("pk", "state"))
    assert states == {due.pk: "closed", later.pk: "open", draft.pk: "draft"}
    due.refresh_from_db()
    assert due.closed_at == noon(dt.date(2026, 3, 12))  # the frozen clock
    entry = AuditEntry.objects.get(action="consultation.close")
    assert (entry.actor_id, entry.actor_label, entry.object_id) == (None, "system", str(due.pk))
    assert (entry.before["state"], entry.after["state"]) == ("open", "closed")
    entries = AuditEntry.objects.count()
    assert services.consultations_close_due(on=dt.date(2026, 3, 21)) == 0
    assert AuditEntry.objects.count() == entries
    assert services.consultations_close_due(on=dt.date(2026, 3, 26)) == 1
    assert DraftConsultation.objects.get(pk=later.pk).state == "closed"
