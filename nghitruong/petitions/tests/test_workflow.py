"""Every transition of the petition state machine through its service: allowed and forbidden."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.accounts.models import User
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import rules, services
from nghitruong.petitions.models import Petition, PetitionAnswer, PetitionEvent
from nghitruong.petitions.tests.conftest import World

A = rules.Action
S = rules.Status
TODAY = dt.date(2026, 1, 10)


def answer_kwargs(outcome: str, world: World) -> dict[str, Any]:
    kw: dict[str, Any] = {
        "outcome": outcome,
        "text": "Bộ đã tiếp thu và trả lời như sau.",
        "document_number": "123/BTC-NSNN",
        "document_date": TODAY,
        "signer": "Thứ trưởng Nguyễn Văn A",
        "on": TODAY,
    }
    if outcome == "being_resolved":
        kw["committed_date"] = dt.date(2026, 6, 30)
    if outcome == "not_competent":
        kw["suggested_agency"] = world.agencies["byt"]
    return kw


def run(action: rules.Action, petition: Petition, world: World, actor: User) -> Petition:
    if action == A.CLASSIFY:
        return services.petition_classify(
            actor=actor,
            petition=petition,
            field=world.field("tai-chinh-ngan-sach"),
            level="central",
        )
    if action == A.ASSIGN:
        return services.petition_assign(
            actor=actor, petition=petition, agency=world.agencies["btc"], on=dt.date(2025, 12, 20)
        )
    if action == A.REASSIGN:
        return services.petition_reassign(
            actor=actor,
            petition=petition,
            agency=world.agencies["byt"],
            reason="Nội dung thuộc lĩnh vực y tế",
            on=dt.date(2026, 1, 5),
        )
    outcome = {v: k for k, v in rules.ANSWER_ACTIONS.items()}.get(action)
    if outcome is not None:
        services.petition_answer(actor=actor, petition=petition, **answer_kwargs(outcome, world))
        return Petition.objects.get(pk=petition.pk)
    if action == A.CLOSE:
        return services.petition_close(actor=actor, petition=petition, reason="Cử tri đồng ý")
    if action == A.WITHDRAW:
        return services.petition_withdraw(actor=actor, petition=petition, reason="Cử tri rút đơn")
    assert action == A.REDIRECT_DENUNCIATION
    return services.petition_redirect_denunciation(
        actor=actor, petition=petition, reason="Nội dung tố cáo cán bộ"
    )


PATHS: dict[rules.Status, list[rules.Action]] = {
    S.RECEIVED: [],
    S.CLASSIFIED: [A.CLASSIFY],
    S.ASSIGNED: [A.CLASSIFY, A.ASSIGN],
    S.ANSWERED: [A.CLASSIFY, A.ASSIGN, A.ANSWER_EXPLANATION],
    S.BEING_RESOLVED: [A.CLASSIFY, A.ASSIGN, A.ANSWER_BEING_RESOLVED],
    S.RESOLVED: [A.CLASSIFY, A.ASSIGN, A.ANSWER_RESOLVED],
    S.FORWARDED: [A.CLASSIFY, A.ASSIGN, A.ANSWER_NOT_COMPETENT],
    S.CLOSED: [A.CLASSIFY, A.ASSIGN, A.ANSWER_EXPLANATION, A.CLOSE],
    S.WITHDRAWN: [A.WITHDRAW],
    S.DENUNCIATION: [A.REDIRECT_DENUNCIATION],
}


@pytest.fixture
def admin(world: World) -> User:
    return User.objects.create(username="root", is_superuser=True)


@pytest.fixture
def at_status(
    world: World, admin: User, make_petition: Callable[..., Petition]
) -> Callable[[rules.Status], Petition]:
    def drive(status: rules.Status) -> Petition:
        petition = make_petition()
        for action in PATHS[status]:
            petition = run(action, petition, world, admin)
        assert petition.status == status
        return petition

    return drive


ALL = [(a, s) for a in rules.Action for s in rules.Status]


@pytest.mark.parametrize(("action", "status"), [p for p in ALL if p in rules.TRANSITIONS])
def test_allowed_transition(
    action: rules.Action,
    status: rules.Status,
    world: World,
    admin: User,
    at_status: Callable[[rules.Status], Petition],
) -> None:
    petition = at_status(status)
    audits = AuditEntry.objects.count()
    after = run(action, petition, world, admin)
    assert after.status == rules.TRANSITIONS[(action, status)]
    assert Petition.objects.get(pk=petition.pk).status == after.status
    assert AuditEntry.objects.count() == audits + 1
    assert AuditEntry.objects.order_by("-seq").first().action.startswith("petition.")  # type: ignore[union-attr]
    assert PetitionEvent.objects.filter(petition=petition).last().status == after.status  # type: ignore[union-attr]


@pytest.mark.parametrize(("action", "status"), [p for p in ALL if p not in rules.TRANSITIONS])
def test_forbidden_transition_changes_nothing(
    action: rules.Action,
    status: rules.Status,
    world: World,
    admin: User,
    at_status: Callable[[rules.Status], Petition],
) -> None:
    petition = at_status(status)
    before = Petition.objects.filter(pk=petition.pk).values().get()
    counts = (
        AuditEntry.objects.count(),
        PetitionEvent.objects.count(),
        PetitionAnswer.objects.count(),
    )
    with pytest.raises(ConflictError) as err:
        run(action, petition, world, admin)
    assert err.value.code == "wrong_state"
    assert Petition.objects.filter(pk=petition.pk).values().get() == before
    assert (
        AuditEntry.objects.count(),
        PetitionEvent.objects.count(),
        PetitionAnswer.objects.count(),
    ) == counts


def test_being_resolved_needs_a_commitment_date_after_the_answer(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition(assign_to="btc")
    officer = world.users["officer_btc"]
    kw = answer_kwargs("being_resolved", world)
    for bad in (None, TODAY):
        kw["committed_date"] = bad
        with pytest.raises(ApplicationError) as err:
            services.petition_answer(actor=officer, petition=petition, **kw)
        assert err.value.code == "commitment_date_required"
    assert Petition.objects.get(pk=petition.pk).status == "assigned"
    assert PetitionAnswer.objects.count() == 0


def test_outcome_is_required(world: World, make_petition: Callable[..., Petition]) -> None:
    petition = make_petition(assign_to="btc")
    kw = answer_kwargs("resolved", world) | {"outcome": ""}
    with pytest.raises(ApplicationError) as err:
        services.petition_answer(actor=world.users["officer_btc"], petition=petition, **kw)
    assert err.value.code == "outcome_required"
    assert PetitionAnswer.objects.count() == 0


def test_answer_records_outcome_document_and_timeliness(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition(assign_to="btc")  # assigned 20/12/2025, due 29/01/2026
    answer = services.petition_answer(
        actor=world.users["officer_btc"],
        petition=petition,
        **answer_kwargs("being_resolved", world) | {"on": dt.date(2026, 1, 30)},
    )
    petition.refresh_from_db()
    assert (answer.outcome, answer.document_number, answer.signer, answer.on_time) == (
        "being_resolved",
        "123/BTC-NSNN",
        "Thứ trưởng Nguyễn Văn A",
        False,
    )
    assert (petition.status, petition.latest_outcome, petition.committed_date) == (
        "being_resolved",
        "being_resolved",
        dt.date(2026, 6, 30),
    )
    assert petition.events.last().note == (  # type: ignore[union-attr]
        "Bộ Tài chính trả lời (văn bản số 123/BTC-NSNN): Đang giải quyết (có thời hạn cam kết), "
        "cam kết hoàn thành trước 30/06/2026"
    )


def test_reassignment_needs_a_reason_and_restarts_the_clock(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition(assign_to="btc")
    staff = world.users["staff01"]
    assert petition.due_date == dt.date(2026, 1, 29)
    with pytest.raises(ApplicationError) as err:
        services.petition_reassign(
            actor=staff, petition=petition, agency=world.agencies["byt"], reason="  "
        )
    assert err.value.code == "reason_required"
    assert Petition.objects.get(pk=petition.pk).agency_id == world.agencies["btc"].pk
    audits = AuditEntry.objects.count()
    petition = services.petition_reassign(
        actor=staff,
        petition=petition,
        agency=world.agencies["byt"],
        reason="Thuộc thẩm quyền Bộ Y tế",
        on=dt.date(2026, 1, 9),
    )
    assert (petition.agency_id, petition.clock_start, petition.due_date) == (
        world.agencies["byt"].pk,
        dt.date(2026, 1, 9),
        dt.date(2026, 2, 23),
    )  # 18/2 Tết → 23/2
    entry = AuditEntry.objects.get(seq=audits + 1)
    assert entry.action == "petition.reassign"
    assert entry.after["reason"] == "Thuộc thẩm quyền Bộ Y tế"
    assert entry.before["agency"] == world.agencies["btc"].pk
    assert entry.after["agency"] == world.agencies["byt"].pk


def test_not_competent_then_reassign_to_the_suggested_agency(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition(assign_to="btc")
    services.petition_answer(
        actor=world.users["officer_btc"], petition=petition, **answer_kwargs("not_competent", world)
    )
    petition.refresh_from_db()
    assert (petition.status, petition.latest_outcome) == ("forwarded", "")
    petition = services.petition_reassign(
        actor=world.users["staff01"],
        petition=petition,
        agency=world.agencies["byt"],
        reason="Theo đề nghị của Bộ Tài chính",
        on=dt.date(2026, 1, 12),
    )
    assert (petition.status, petition.agency_id) == ("assigned", world.agencies["byt"].pk)


def test_multi_agency_assignment_uses_fifty_days(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = services.petition_classify(
        actor=world.users["staff01"],
        petition=make_petition(),
        field=world.field(),
        level="central",
    )
    petition = services.petition_assign(
        actor=world.users["staff01"],
        petition=petition,
        agency=world.agencies["btc"],
        co_agencies=[world.agencies["byt"]],
        on=dt.date(2025, 12, 20),
    )
    assert petition.due_date == dt.date(2026, 2, 9)
    assert petition.due_explanation.startswith("50 ngày (2 cơ quan;")


def test_pause_resume_and_extend(world: World, make_petition: Callable[..., Petition]) -> None:
    petition = make_petition(assign_to="btc")
    staff = world.users["staff01"]
    petition = services.petition_clock_pause(
        actor=staff, petition=petition, reason="Chờ cử tri bổ sung hồ sơ", on=dt.date(2026, 1, 5)
    )
    with pytest.raises(ConflictError):
        services.petition_clock_pause(actor=staff, petition=petition, reason="Lần hai nữa")
    petition = services.petition_clock_resume(
        actor=staff, petition=petition, on=dt.date(2026, 1, 12)
    )
    assert (petition.paused_days, petition.due_date) == (7, dt.date(2026, 2, 5))
    petition = services.petition_clock_extend(
        actor=staff, petition=petition, days=10, reason="Vụ việc phức tạp, cần khảo sát"
    )
    assert petition.due_date == dt.date(2026, 2, 23)  # 15/2 Sunday, then Tết → 23/2
    assert "cộng 7 ngày tạm dừng, cộng 10 ngày gia hạn" in petition.due_explanation


def test_denunciation_is_closed_with_the_official_channel(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = services.petition_redirect_denunciation(
        actor=world.users["staff01"], petition=make_petition(), reason="Tố cáo hành vi tham nhũng"
    )
    assert petition.status == "denunciation"
    assert petition.events.last().note == rules.DENUNCIATION_CHANNEL  # type: ignore[union-attr]


def test_a_body_can_configure_its_own_clock(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    from nghitruong.petitions.models import ClockConfig

    ClockConfig.objects.create(
        body=world.bodies["c01"],
        single_agency_days=15,
        multi_agency_days=20,
        day_kind="working",
        legal_basis="Quy chế của HĐND thành phố",
    )
    petition = make_petition("c01", assign_to="ubnd", on=dt.date(2026, 2, 6))
    # 15 working days after Fri 6/2/2026, Tết 16–20/2 skipped → Fri 6/3/2026
    assert petition.due_date == dt.date(2026, 3, 6)
    assert petition.due_explanation == (
        "15 ngày làm việc (một cơ quan; Quy chế của HĐND thành phố) kể từ 06/02/2026, không tính "
        "thứ Bảy, Chủ nhật và Tết Nguyên đán 16/02/2026–20/02/2026 = 06/03/2026"
    )
    other = make_petition("d01", assign_to="btc", on=dt.date(2026, 2, 6))
    assert other.due_explanation.startswith("40 ngày (một cơ quan; Quyết định 33/2017/QĐ-TTg")
