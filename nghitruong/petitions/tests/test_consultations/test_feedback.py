"""Feedback on a consultation: the window's boundary days in local time, idempotent retries,
consent, questions and articles, counts."""

import datetime as dt
from typing import Any

import pytest

from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
)
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import selectors_consultations, services
from nghitruong.petitions.services.consultations import clean_article
from nghitruong.petitions.services.portal import petition_moderate
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_consultations.support import (
    CLOSES,
    HN,
    OPENS,
    TEXT,
    noon,
    stored,
    submit,
)

pytestmark = pytest.mark.django_db


# --- feedback -------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [OPENS, CLOSES])
def test_feedback_accepted_on_the_first_and_last_day(
    world: World, make_consultation, clock: Any, day: dt.date
) -> None:
    c = make_consultation("open")
    clock.move_to(noon(day), tick=False)
    feedback, created = submit(c, article="điều 12")
    assert created is True
    p = feedback.petition
    assert (feedback.consultation_id, feedback.article, feedback.question) == (
        c.pk,
        "Điều 12",
        None,
    )
    assert (p.body_id, p.source, p.moderation, p.content, p.received_on, p.province_id) == (
        world.bodies["c01"].pk,
        "online",
        "pending",
        TEXT,
        day,
        world.units["01"].pk,  # the council's province when the citizen gives none
    )
    entry = AuditEntry.objects.get(action="consultation.feedback")
    assert entry.after == {
        "consultation": c.pk,
        "tracking_code": p.tracking_code,
        "article": "Điều 12",
        "question": None,
    }


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (OPENS - dt.timedelta(days=1), "consultation_not_started"),
        (CLOSES + dt.timedelta(days=1), "consultation_ended"),
    ],
)
def test_feedback_outside_the_dates_is_refused_and_nothing_stored(
    make_consultation, clock: Any, day: dt.date, code: str
) -> None:
    c = make_consultation("open")
    clock.move_to(noon(day), tick=False)
    with pytest.raises(ConflictError) as exc:
        submit(
            c,
            petitioner=services.PetitionerData(full_name="Nguyễn Văn Góp"),
            consent=True,
        )
    assert exc.value.code == code
    assert " / " in exc.value.message
    assert stored() == (0, 0, 0)
    assert AuditEntry.objects.filter(action="petition.submit_online").count() == 0


def test_late_evening_of_the_last_day_counts_in_local_time(make_consultation, clock) -> None:
    c = make_consultation("open")
    # 23:30 in Hà Nội is 16:30 UTC the same day; 00:30 the next day is still the 20th in UTC.
    clock.move_to(dt.datetime(2026, 3, 20, 23, 30, tzinfo=HN), tick=False)
    assert submit(c)[1] is True
    clock.move_to(dt.datetime(2026, 3, 21, 0, 30, tzinfo=HN), tick=False)
    with pytest.raises(ConflictError) as exc:
        submit(c, key="khoa-gop-y-khac-0123456789", content=TEXT + " (lần hai)")
    assert exc.value.code == "consultation_ended"
    assert stored()[:2] == (1, 1)


@pytest.mark.parametrize("state", ["draft", "closed", "reported"])
def test_feedback_on_a_consultation_not_open_is_refused(make_consultation, state: str) -> None:
    c = make_consultation(state)
    with pytest.raises(ConflictError) as exc:
        submit(c)
    assert exc.value.code == "consultation_not_open"
    assert stored() == (0, 0, 0)


def test_idempotent_retry_one_petition_one_link(make_consultation, world: World) -> None:
    c = make_consultation("open")
    person = services.PetitionerData(full_name="Trần Thị Ý Kiến", email="y.kien@example.vn")
    first, created = submit(c, article="Điều 5", petitioner=person, consent=True)
    again, created_again = submit(c, article="Điều 5", petitioner=person, consent=True)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert again.petition.tracking_code == first.petition.tracking_code
    assert stored() == (1, 1, 1)
    assert AuditEntry.objects.filter(action="consultation.feedback").count() == 1
    # After the consultation closed, the retry still answers with the same feedback.
    services.consultation_close(actor=world.users["council01"], consultation=c)
    c.refresh_from_db()
    late, late_created = submit(c, article="Điều 5", petitioner=person, consent=True)
    assert (late.pk, late_created) == (first.pk, False)
    assert stored() == (1, 1, 1)


def test_same_key_other_input_is_a_conflict(make_consultation) -> None:
    c = make_consultation("open")
    submit(c, article="Điều 5")
    for kw in ({"article": "Điều 6"}, {"content": TEXT + " và sinh viên"}):
        with pytest.raises(ConflictError) as exc:
            submit(c, **{"article": "Điều 5"} | kw)
        assert exc.value.code == "idempotency_key_reused"
    assert stored()[:2] == (1, 1)


def test_key_of_a_plain_petition_is_not_turned_into_feedback(world: World, make_consultation):
    c = make_consultation("open")
    services.petition_submit_online(
        idempotency_key="khoa-gop-y-0123456789", body=world.bodies["c01"], content=TEXT
    )
    with pytest.raises(ConflictError) as exc:
        submit(c)
    assert exc.value.code == "idempotency_key_reused"
    assert stored()[:2] == (1, 0)


def test_personal_data_needs_consent(make_consultation) -> None:
    c = make_consultation("open")
    with pytest.raises(ApplicationError) as exc:
        submit(c, petitioner=services.PetitionerData(phone="0912345678"))
    assert exc.value.code == "consent_required"
    assert stored() == (0, 0, 0)


def test_question_must_exist(make_consultation) -> None:
    c = make_consultation("open", questions=["Mức phí có phù hợp không?", "Ai được miễn phí?"])
    with pytest.raises(ApplicationError) as exc:
        submit(c, question=3)
    assert exc.value.code == "invalid_question"
    assert stored() == (0, 0, 0)
    feedback, _ = submit(c, question=2)
    assert feedback.question == 2


def test_article_too_long_is_refused(make_consultation) -> None:
    c = make_consultation("open")
    with pytest.raises(ApplicationError) as exc:
        submit(c, article="Điều " + "1" * 60)
    assert exc.value.code == "invalid_article"
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("12", "Điều 12"),
        ("điều 12", "Điều 12"),
        ("Dieu  012.", "Điều 12"),
        ("ĐIỀU 7", "Điều 7"),
        ("  Khoản 2   Điều 5 ", "Khoản 2 Điều 5"),
        ("Chương II", "Chương II"),
        ("", ""),
    ],
)
def test_clean_article(raw: str, clean: str) -> None:
    assert clean_article(raw) == clean


def test_counts_by_province_article_and_question(world: World, make_consultation) -> None:
    c = make_consultation("open", questions=["Mức phí?", "Miễn phí cho ai?"])
    hn, hcm = world.units["01"], world.units["79"]
    rows = [
        ("a", hn, "Điều 3", 1),
        ("b", hn, "điều 3", None),
        ("c", hcm, "3", 2),
        ("d", hcm, "", 2),
        ("e", None, "Điều 5", None),
        ("f", hcm, "Điều 5", None),  # refused by moderation: not counted
    ]
    made = {}
    for n, (tag, province, article, question) in enumerate(rows):
        made[tag], _ = submit(
            c,
            key=f"khoa-dem-{tag}-0123456789",
            client_ip=f"203.0.113.{n}",
            content=f"{TEXT} ({tag})",
            province=province,
            article=article,
            question=question,
        )
    petition_moderate(
        actor=world.users["council01"],
        petition=made["f"].petition,
        approve=False,
        reason="Nội dung quảng cáo",
    )
    counts = selectors_consultations.feedback_counts(c)
    # No province given: the council's own (Hà Nội), so "e" counts there.
    assert counts.total == 5
    assert counts.by_province == [("Thành phố Hà Nội", 3), ("Thành phố Hồ Chí Minh", 2)]
    assert counts.by_article == [("Điều 3", 3), ("Góp ý chung (không nêu điều)", 1), ("Điều 5", 1)]
    assert counts.by_question == [("1. Mức phí?", 1), ("2. Miễn phí cho ai?", 2)]
    assert selectors_consultations.feedback_count(c) == 5
    assert [i.feedback_count for i in selectors_consultations.public_consultations()] == [5]
