"""Attendance transitions and the quorum indicator."""

import pytest

from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.meetings import services
from nghitruong.meetings.models import Attendance
from nghitruong.meetings.selectors import attendance_summary
from nghitruong.meetings.tests.conftest import Hall, audit_count, build_hall

S = Attendance.Status


def test_check_in_leave_return(hall: Hall) -> None:
    user = hall.deputies[0]
    person = hall.person(user)
    row = services.attendance_check_in(
        actor=user, sitting=hall.sitting, person=person, mode="remote"
    )
    assert row.status == S.PRESENT_REMOTE
    assert row.checked_in_at is not None
    row = services.attendance_leave(actor=user, sitting=hall.sitting, person=person)
    assert row.status == S.LEFT
    assert row.left_at is not None
    row = services.attendance_return(actor=user, sitting=hall.sitting, person=person, mode="hall")
    assert row.status == S.PRESENT_HALL
    assert row.returned_at is not None
    assert Attendance.objects.filter(sitting=hall.sitting).count() == 1


def test_double_check_in_refused(hall: Hall) -> None:
    user = hall.deputies[0]
    services.attendance_check_in(actor=user, sitting=hall.sitting, person=hall.person(user))
    before = audit_count()
    with pytest.raises(ConflictError) as exc:
        services.attendance_check_in(actor=user, sitting=hall.sitting, person=hall.person(user))
    assert exc.value.code == "wrong_attendance_state"
    assert audit_count() == before


def test_leave_without_check_in_refused(hall: Hall) -> None:
    user = hall.deputies[0]
    with pytest.raises(ConflictError):
        services.attendance_leave(actor=user, sitting=hall.sitting, person=hall.person(user))
    assert not Attendance.objects.exists()


def test_deputy_cannot_check_in_someone_else(hall: Hall) -> None:
    with pytest.raises(PermissionDeniedError):
        services.attendance_check_in(
            actor=hall.deputies[0], sitting=hall.sitting, person=hall.person(hall.deputies[1])
        )
    assert not Attendance.objects.exists()


def test_staff_checks_in_for_a_member(hall: Hall) -> None:
    person = hall.person(hall.deputies[1])
    services.attendance_check_in(actor=hall.staff, sitting=hall.sitting, person=person)
    assert Attendance.objects.get(person=person).status == S.PRESENT_HALL


def test_check_in_before_opening_but_not_after_closing(planned_hall: Hall) -> None:
    h = planned_hall
    person = h.person(h.deputies[0])
    services.attendance_check_in(actor=h.deputies[0], sitting=h.sitting, person=person)
    services.session_open(actor=h.staff, session=h.session)
    services.sitting_open(actor=h.staff, sitting=h.sitting)
    services.sitting_close(actor=h.staff, sitting=h.sitting)
    other = h.person(h.deputies[1])
    with pytest.raises(ConflictError):
        services.attendance_check_in(actor=h.deputies[1], sitting=h.sitting, person=other)
    assert not Attendance.objects.filter(person=other).exists()


def test_mark_absent_staff_only_and_reason_required(hall: Hall) -> None:
    person = hall.person(hall.deputies[4])
    with pytest.raises(PermissionDeniedError):
        services.attendance_mark_absent(
            actor=hall.deputies[0], sitting=hall.sitting, person=person, excused=True, reason="Ốm"
        )
    with pytest.raises(ApplicationError) as exc:
        services.attendance_mark_absent(
            actor=hall.staff, sitting=hall.sitting, person=person, excused=True, reason="  "
        )
    assert exc.value.code == "reason_required"
    assert not Attendance.objects.exists()
    row = services.attendance_mark_absent(
        actor=hall.staff, sitting=hall.sitting, person=person, excused=True, reason="Đi công tác"
    )
    assert (row.status, row.reason) == (S.ABSENT_EXCUSED, "Đi công tác")
    # An absent member who arrives later checks in; the reason is cleared.
    row = services.attendance_check_in(actor=hall.deputies[4], sitting=hall.sitting, person=person)
    assert (row.status, row.reason) == (S.PRESENT_HALL, "")


def test_quorum_boundary_na_more_than_half(hall: Hall) -> None:
    # total_members = 5 → more than half = 3
    for user in hall.deputies[:2]:
        services.attendance_check_in(actor=user, sitting=hall.sitting, person=hall.person(user))
    summary = attendance_summary(sitting=hall.sitting)
    assert (summary.present, summary.quorum_required, summary.quorum_met) == (2, 3, False)
    user = hall.deputies[2]
    services.attendance_check_in(
        actor=user, sitting=hall.sitting, person=hall.person(user), mode="remote"
    )
    summary = attendance_summary(sitting=hall.sitting)
    assert (summary.present_hall, summary.present_remote, summary.present) == (2, 1, 3)
    assert summary.quorum_met is True
    services.attendance_leave(actor=user, sitting=hall.sitting, person=hall.person(user))
    summary = attendance_summary(sitting=hall.sitting)
    assert (summary.present, summary.left, summary.quorum_met) == (2, 1, False)
    assert summary.not_recorded == 2
    assert summary.lists["not_recorded"] == [("Phạm Thị Duyên", ""), ("Đỗ Quốc Hưng", "")]


def test_quorum_boundary_council_two_thirds(db: None) -> None:
    council = build_hall("hdnd-hn", kind="provincial_council", total_members=5)
    # two thirds of 5 → 4 (3·4 = 12 ≥ 10; 3·3 = 9 < 10)
    for user in council.deputies[:3]:
        services.attendance_check_in(
            actor=user, sitting=council.sitting, person=council.person(user)
        )
    summary = attendance_summary(sitting=council.sitting)
    assert (summary.present, summary.quorum_required, summary.quorum_met) == (3, 4, False)
    user = council.deputies[3]
    services.attendance_check_in(actor=user, sitting=council.sitting, person=council.person(user))
    assert attendance_summary(sitting=council.sitting).quorum_met is True


def test_total_falls_back_to_seated_members(db: None) -> None:
    h = build_hall("qh-seated", total_members=None)
    assert attendance_summary(sitting=h.sitting).total == 5
