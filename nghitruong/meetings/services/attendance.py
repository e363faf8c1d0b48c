"""Attendance: check-in in the hall or remotely, leave and return, absences with a reason.

Transitions of one member's row (``Attendance``):
- check in   (none | absent | absent_excused) → present_hall / present_remote   member or staff
- leave      present_*                         → left                            member or staff
- return     left                              → present_hall / present_remote   member or staff
- mark absent (none | absent | absent_excused) → absent / absent_excused         staff only
Check-in is possible before the sitting opens (the roll call) and while it is open; nothing after
it closes. Every change appends one audit entry and publishes ``attendance.changed``.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import is_staff_of, require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.meetings.events import publish_on_commit
from nghitruong.meetings.models import Attendance, Sitting
from nghitruong.meetings.services._common import NOT_A_MEMBER, is_member, lock, optional_text

Status = Attendance.Status
MODES = {"hall": Status.PRESENT_HALL, "remote": Status.PRESENT_REMOTE}
NOT_PRESENT = (None, Status.ABSENT, Status.ABSENT_EXCUSED)


def _authorise(actor: Any, sitting: Sitting, person: Person) -> None:
    """The member themself, or staff of the body acting for a member."""
    if not is_member(person, sitting.body):
        raise PermissionDeniedError(NOT_A_MEMBER, code="not_a_member")
    own = getattr(person, "user_id", None) is not None and person.user_id == getattr(
        actor, "pk", None
    )
    if not own and not is_staff_of(actor, sitting.body):
        raise PermissionDeniedError(
            "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
        )


def _require_sitting_state(sitting: Sitting, *allowed: str) -> None:
    if sitting.state not in allowed:
        raise ConflictError(
            "Không thể điểm danh ở trạng thái này của phiên họp / "
            "Attendance cannot change in this state of the sitting",
            code="wrong_state",
            detail={"state": sitting.state, "allowed": list(allowed)},
        )


def _change(
    *,
    actor: Any,
    sitting: Sitting,
    person: Person,
    allowed_from: tuple[str | None, ...],
    target: str,
    action: str,
    sitting_states: tuple[str, ...],
    reason: str = "",
) -> Attendance:
    with transaction.atomic():
        lock(sitting)
        _require_sitting_state(sitting, *sitting_states)
        row = Attendance.objects.select_for_update().filter(sitting=sitting, person=person).first()
        before = row.status if row is not None else None
        if before not in allowed_from:
            raise ConflictError(
                "Thao tác không phù hợp với tình trạng điểm danh hiện tại / "
                "This does not fit the current attendance status",
                code="wrong_attendance_state",
                detail={"status": before, "target": target},
            )
        now = timezone.now()
        if row is None:
            row = Attendance(sitting=sitting, person=person)
        row.status = target
        row.updated_at = now
        if target in Attendance.PRESENT and before == Status.LEFT:
            row.returned_at = now
        elif target in Attendance.PRESENT:
            row.checked_in_at = now
            row.reason = ""
        elif target == Status.LEFT:
            row.left_at = now
        else:
            row.reason = reason
        row.save()
        audit_record(
            actor=actor,
            action=action,
            obj=row,
            body=sitting.body,
            before={"status": before},
            after={"status": target, "person_id": person.pk, "reason": row.reason},
        )
    publish_on_commit(
        "attendance.changed",
        {
            "sitting_id": sitting.pk,
            "body_id": sitting.body_id,
            "state_secrets": sitting.contains_state_secrets,
        },
    )
    return row


def attendance_check_in(
    *, actor: Any, sitting: Sitting, person: Person, mode: str = "hall"
) -> Attendance:
    if mode not in MODES:
        raise ApplicationError(
            "Hình thức tham dự phải là tại hội trường hoặc trực tuyến / Mode must be hall or remote",
            code="invalid_mode",
        )
    _authorise(actor, sitting, person)
    return _change(
        actor=actor,
        sitting=sitting,
        person=person,
        allowed_from=NOT_PRESENT,
        target=MODES[mode],
        action="attendance.check_in",
        sitting_states=(Sitting.State.PLANNED, Sitting.State.OPEN),
    )


def attendance_leave(*, actor: Any, sitting: Sitting, person: Person) -> Attendance:
    _authorise(actor, sitting, person)
    return _change(
        actor=actor,
        sitting=sitting,
        person=person,
        allowed_from=(Status.PRESENT_HALL, Status.PRESENT_REMOTE),
        target=Status.LEFT,
        action="attendance.leave",
        sitting_states=(Sitting.State.OPEN,),
    )


def attendance_return(
    *, actor: Any, sitting: Sitting, person: Person, mode: str = "hall"
) -> Attendance:
    if mode not in MODES:
        raise ApplicationError(
            "Hình thức tham dự phải là tại hội trường hoặc trực tuyến / Mode must be hall or remote",
            code="invalid_mode",
        )
    _authorise(actor, sitting, person)
    return _change(
        actor=actor,
        sitting=sitting,
        person=person,
        allowed_from=(Status.LEFT,),
        target=MODES[mode],
        action="attendance.return",
        sitting_states=(Sitting.State.OPEN,),
    )


def attendance_mark_absent(
    *, actor: Any, sitting: Sitting, person: Person, excused: bool, reason: str = ""
) -> Attendance:
    """Staff record an absence; an excused absence needs its reason (báo cáo vắng mặt có lý do)."""
    require_staff(actor, sitting.body)
    if not is_member(person, sitting.body):
        raise PermissionDeniedError(NOT_A_MEMBER, code="not_a_member")
    reason = optional_text(reason, max_length=300)
    if excused and not reason:
        raise ApplicationError(
            "Vắng có lý do phải ghi rõ lý do / An excused absence needs a reason",
            code="reason_required",
        )
    return _change(
        actor=actor,
        sitting=sitting,
        person=person,
        allowed_from=NOT_PRESENT,
        target=Status.ABSENT_EXCUSED if excused else Status.ABSENT,
        action="attendance.mark_absent",
        sitting_states=(Sitting.State.PLANNED, Sitting.State.OPEN, Sitting.State.CLOSED),
        reason=reason,
    )
