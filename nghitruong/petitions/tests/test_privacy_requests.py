"""Issue 5 §2: data-subject requests — the state machine, due dates (Decree 356/2025), the staff
queue (staff of the owning body only)."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.petitions import rules, services
from nghitruong.petitions.models import PersonalDataRequest
from nghitruong.petitions.selectors_privacy import (
    access_personal_data_request,
    personal_data_request_queue,
    request_rows,
)
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_privacy import EMAIL, _actions, _person_row, _petition

# Transactional: notifications go out after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


# --- the state machine ----------------------------------------------------------------------------


def test_rules_request_transitions_table() -> None:
    v, c, f = rules.RequestAction.VERIFY, rules.RequestAction.COMPLETE, rules.RequestAction.REFUSE
    expected = {
        ("received", v): "verified",
        ("received", c): None,
        ("received", f): "refused",
        ("verified", v): None,
        ("verified", c): "completed",
        ("verified", f): "refused",
        ("completed", v): None,
        ("completed", c): None,
        ("completed", f): None,
        ("refused", v): None,
        ("refused", c): None,
        ("refused", f): None,
        ("bogus", v): None,
    }
    assert {k: rules.next_request_state(k[1], k[0]) for k in expected} == expected


def _received(world: World, make_petition: Any) -> PersonalDataRequest:
    petition = _petition(world, make_petition)
    return services.personal_data_request_receive(
        actor=world.users["staff01"],
        body=world.bodies["d01"],
        kind="erasure",
        petitioners=[petition.petitioner],
        reply_to=EMAIL,
    )


def _state(request: PersonalDataRequest) -> tuple[str, str]:
    request.refresh_from_db()
    return request.state, request.refusal_reason


def test_staff_lifecycle_every_allowed_and_forbidden_transition(
    world: World, make_petition: Any
) -> None:
    staff = world.users["staff01"]
    request = _received(world, make_petition)
    person = request.petitioners.get()
    assert _state(request) == ("received", "")
    with pytest.raises(ConflictError):  # received → completed: identity not checked
        services.personal_data_request_complete(actor=staff, request=request)
    assert _state(request) == ("received", "")
    assert _person_row(person)[0] == "Trần Thị Mai"
    services.personal_data_request_verify(actor=staff, request=request)
    assert _state(request) == ("verified", "")
    with pytest.raises(ConflictError):  # verified → verified
        services.personal_data_request_verify(actor=staff, request=request)
    with pytest.raises(ApplicationError) as exc:  # a refusal needs a reason
        services.personal_data_request_refuse(actor=staff, request=request, reason=" ")
    assert exc.value.code == "reason_required"
    assert _state(request) == ("verified", "")
    services.personal_data_request_refuse(
        actor=staff, request=request, reason="Luật Lưu trữ yêu cầu giữ hồ sơ đang thanh tra"
    )
    assert _state(request) == ("refused", "Luật Lưu trữ yêu cầu giữ hồ sơ đang thanh tra")
    assert _person_row(person)[0] == "Trần Thị Mai"
    assert mail.outbox[-1].to == [EMAIL]
    assert "Luật Lưu trữ yêu cầu giữ hồ sơ đang thanh tra" in mail.outbox[-1].body
    for call in (
        lambda: services.personal_data_request_verify(actor=staff, request=request),
        lambda: services.personal_data_request_complete(actor=staff, request=request),
        lambda: services.personal_data_request_refuse(
            actor=staff, request=request, reason="lại lần nữa"
        ),
    ):
        with pytest.raises(ConflictError):
            call()
    assert _state(request) == ("refused", "Luật Lưu trữ yêu cầu giữ hồ sơ đang thanh tra")
    assert _actions() == [
        "personal_data_request.receive",
        "personal_data_request.verify",
        "personal_data_request.refuse",
    ]


def test_received_request_can_be_refused_when_identity_is_not_confirmed(
    world: World, make_petition: Any
) -> None:
    request = _received(world, make_petition)
    services.personal_data_request_refuse(
        actor=world.users["staff01"], request=request, reason="Không xác minh được danh tính"
    )
    assert _state(request) == ("refused", "Không xác minh được danh tính")
    request.refresh_from_db()
    assert request.reply_to == ""


def test_completed_request_accepts_no_further_transition(world: World, make_petition: Any) -> None:
    staff = world.users["staff01"]
    request = _received(world, make_petition)
    services.personal_data_request_verify(actor=staff, request=request)
    services.personal_data_request_complete(actor=staff, request=request)
    assert _state(request) == ("completed", "")
    for call in (
        lambda: services.personal_data_request_verify(actor=staff, request=request),
        lambda: services.personal_data_request_complete(actor=staff, request=request),
        lambda: services.personal_data_request_refuse(
            actor=staff, request=request, reason="muộn rồi"
        ),
    ):
        with pytest.raises(ConflictError):
            call()
    assert _state(request) == ("completed", "")


def test_staff_of_another_body_cannot_receive_or_verify(world: World, make_petition: Any) -> None:
    request = _received(world, make_petition)
    with pytest.raises(PermissionDeniedError):
        services.personal_data_request_verify(actor=world.users["staff79"], request=request)
    with pytest.raises(PermissionDeniedError):
        services.personal_data_request_receive(
            actor=world.users["staff79"],
            body=world.bodies["d01"],
            kind="access",
            petitioners=list(request.petitioners.all()),
        )
    assert _state(request) == ("received", "")
    assert PersonalDataRequest.objects.count() == 1


# --- due dates ------------------------------------------------------------------------------------


def test_due_date_plain_weekday() -> None:
    due = rules.data_request_due(received=dt.date(2026, 3, 2), calendar=rules.EMPTY_CALENDAR)
    assert (due.ack_date, due.date) == (dt.date(2026, 3, 4), dt.date(2026, 3, 17))
    assert due.explanation == (
        "Xác nhận trong 2 ngày làm việc = 04/03/2026; giải quyết trong 15 ngày (Nghị định "
        "356/2025/NĐ-CP (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)) kể từ 02/03/2026 = 17/03/2026"
    )


def test_due_date_ack_skips_the_weekend_and_day_15_on_a_saturday_moves_back() -> None:
    due = rules.data_request_due(received=dt.date(2026, 3, 6), calendar=rules.EMPTY_CALENDAR)
    assert (due.ack_date, due.date) == (dt.date(2026, 3, 10), dt.date(2026, 3, 20))
    assert due.explanation.endswith(
        "; ngày thứ 15 rơi vào ngày nghỉ (thứ Bảy 21/03/2026) nên lấy ngày làm việc liền trước "
        "= 20/03/2026"
    )


def test_due_date_day_15_in_a_holiday_moves_back_before_it() -> None:
    tet = {dt.date(2026, 2, 16) + dt.timedelta(days=n): "Tết Nguyên đán" for n in range(5)}
    calendar = rules.Calendar(days_off=tet, workdays={})
    due = rules.data_request_due(received=dt.date(2026, 2, 1), calendar=calendar)
    assert due.date == dt.date(2026, 2, 13)
    assert due.explanation.endswith(
        "ngày thứ 15 rơi vào ngày nghỉ (thứ Bảy 14/02/2026; Chủ nhật 15/02/2026; Tết Nguyên đán "
        "16/02/2026) nên lấy ngày làm việc liền trước = 13/02/2026"
    )
    # One day earlier the 15th day is the Sunday before Tết: moved back to Friday 13/02 as well.
    assert rules.data_request_due(received=dt.date(2026, 1, 31), calendar=calendar).date == dt.date(
        2026, 2, 13
    )
    # Day 15 on the last Tết day (20/02) goes back over the whole break to Friday 13/02; day 15
    # on the first working day after it (Monday 23/02) stays.
    assert rules.data_request_due(received=dt.date(2026, 2, 5), calendar=calendar).date == dt.date(
        2026, 2, 13
    )
    assert rules.data_request_due(received=dt.date(2026, 2, 8), calendar=calendar).date == dt.date(
        2026, 2, 23
    )


def test_request_carries_the_rule_due_date_and_overdue_flags(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC), tick=False)
    request = _received(world, make_petition)
    due = rules.data_request_due(received=dt.date(2026, 3, 2), calendar=rules.EMPTY_CALENDAR)
    assert (request.received_on, request.ack_due, request.due_date) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 4),
        dt.date(2026, 3, 17),
    )
    assert request.due_explanation == due.explanation
    queue = personal_data_request_queue(user=world.users["staff01"])
    flags = [(r["overdue"], r["ack_overdue"]) for r in request_rows(queue, on=dt.date(2026, 3, 4))]
    assert flags == [(False, False)]
    flags = [(r["overdue"], r["ack_overdue"]) for r in request_rows(queue, on=dt.date(2026, 3, 5))]
    assert flags == [(False, True)]
    assert [r["overdue"] for r in request_rows(queue, on=dt.date(2026, 3, 17))] == [False]
    assert [r["overdue"] for r in request_rows(queue, on=dt.date(2026, 3, 18))] == [True]


# --- the staff queue ----------------------------------------------------------------------------


def test_queue_is_for_staff_of_the_owning_body_only(world: World, make_petition: Any) -> None:
    request = _received(world, make_petition)
    assert list(personal_data_request_queue(user=world.users["staff01"])) == [request]
    assert list(personal_data_request_queue(user=world.users["staff79"])) == []
    assert list(personal_data_request_queue(user=world.users["deputy01"])) == []
    assert access_personal_data_request(world.users["staff01"], request.pk) == request
    own = Client()
    login_verified(own, world.users["staff01"])
    page = own.get("/kien-nghi/quan-ly/du-lieu-ca-nhan/")
    assert page.status_code == 200
    assert f"#{request.pk}" in page.content.decode()
    detail = own.get(f"/kien-nghi/quan-ly/du-lieu-ca-nhan/{request.pk}/")
    assert "Trần Thị Mai" in detail.content.decode()
    other = Client()
    login_verified(other, world.users["staff79"])
    assert f"#{request.pk}" not in other.get("/kien-nghi/quan-ly/du-lieu-ca-nhan/").content.decode()
    assert other.get(f"/kien-nghi/quan-ly/du-lieu-ca-nhan/{request.pk}/").status_code == 404
    refused = other.post(
        f"/kien-nghi/quan-ly/du-lieu-ca-nhan/{request.pk}/refuse/", {"reason": "không phải của tôi"}
    )
    assert refused.status_code == 404
    assert _state(request) == ("received", "")


def test_staff_pages_verify_and_complete(world: World, make_petition: Any) -> None:
    request = _received(world, make_petition)
    client = Client()
    login_verified(client, world.users["staff01"])
    base = f"/kien-nghi/quan-ly/du-lieu-ca-nhan/{request.pk}/"
    assert client.post(base + "complete/").status_code == 409
    assert _state(request) == ("received", "")
    assert client.post(base + "verify/")["Location"] == base
    assert client.post(base + "complete/")["Location"] == base
    assert _state(request) == ("completed", "")
    assert _person_row(request.petitioners.get()) == ("", "", "", "")
    assert client.post(base + "bogus/").status_code == 404
