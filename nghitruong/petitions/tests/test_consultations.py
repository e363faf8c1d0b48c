"""Public consultations on drafts (issue 5 §7): the state machine, the draft file checks, the
feedback window (boundary days), idempotent feedback, counts.

The clock is frozen at noon (Hà Nội time) on a chosen day; the consultation takes feedback from
10/03/2026 to 20/03/2026, both days included.
"""

import datetime as dt
import io
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest

from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import selectors_consultations, services
from nghitruong.petitions.models import (
    ConsultationFeedback,
    DraftConsultation,
    Petition,
    Petitioner,
)
from nghitruong.petitions.services.consultations import clean_article
from nghitruong.petitions.services.portal import petition_moderate
from nghitruong.petitions.tests.conftest import World

pytestmark = pytest.mark.django_db

OPENS, CLOSES = dt.date(2026, 3, 10), dt.date(2026, 3, 20)
TEXT = "Đề nghị quy định rõ mức thu phí tham quan đối với học sinh, sinh viên và người cao tuổi"
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=HN)


@pytest.fixture
def clock(time_machine: Any) -> Any:
    time_machine.move_to(noon(dt.date(2026, 3, 12)), tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def docx_bytes(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def create_consultation(
    world: World, state: str = "draft", body: str = "c01", **kw: Any
) -> DraftConsultation:
    """A consultation of council ``body`` driven to ``state`` through the services."""
    staff = world.users["council01" if body == "c01" else "council79"]
    c = services.consultation_create(
        actor=staff,
        body=world.bodies[body],
        title=kw.pop("title", "Dự thảo Nghị quyết quy định mức thu phí tham quan"),
        summary=kw.pop("summary", "Dự thảo quy định mức thu phí tham quan di tích của tỉnh."),
        opens_on=kw.pop("opens_on", OPENS),
        closes_on=kw.pop("closes_on", CLOSES),
        **kw,
    )
    if state in ("open", "closed", "reported"):
        c = services.consultation_open(actor=staff, consultation=c)
    if state in ("closed", "reported"):
        c = services.consultation_close(actor=staff, consultation=c)
    if state == "reported":
        c = services.consultation_report(
            actor=staff, consultation=c, report_text="Đã tiếp thu 3 ý kiến về mức miễn phí."
        )
    return c


@pytest.fixture
def make_consultation(world: World, clock: Any) -> Callable[..., DraftConsultation]:
    return lambda *a, **kw: create_consultation(world, *a, **kw)


def submit(c: DraftConsultation, key: str = "khoa-gop-y-0123456789", **kw: Any) -> Any:
    return services.consultation_feedback_submit(
        client_ip=kw.pop("client_ip", "203.0.113.9"),
        idempotency_key=key,
        consultation=c,
        content=kw.pop("content", TEXT),
        **kw,
    )


def stored() -> tuple[int, int, int]:
    return (
        Petition.objects.count(),
        ConsultationFeedback.objects.count(),
        Petitioner.objects.count(),
    )


def actions(c: DraftConsultation) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(c.pk), action__startswith="consultation.")
        .exclude(action="consultation.feedback")
        .order_by("pk")
        .values_list("action", flat=True)
    )


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
