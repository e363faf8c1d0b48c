"""The meetings API (mounted at /api/v1/meetings/): sessions, sittings, agenda, attendance,
speakers and the minutes as JSON. Thin: reach the object through ``access_*``, call one service or
selector, return. Errors use the shared shape ``{"code", "message", "detail"}``."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import api_auth
from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import access_body
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import ErrorOut
from nghitruong.meetings import selectors, services
from nghitruong.meetings.minutes import minutes_build
from nghitruong.meetings.models import QuestioningGroup, SpeakerRequest
from nghitruong.meetings.schemas import (
    AttendanceIn,
    AttendanceOut,
    CurrentItemIn,
    ItemIn,
    OrderIn,
    SessionDetailOut,
    SessionIn,
    SessionOut,
    SittingDetailOut,
    SittingIn,
    SittingOut,
    SpeakerIn,
    SpeakersOut,
)
from nghitruong.meetings.services._common import person_of

router = Router(tags=["meetings"], auth=api_auth)

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _agenda(sitting: Any, user: Any) -> dict[str, Any]:
    return {
        "sitting": sitting,
        "agenda": [
            {
                "id": line.item.pk,
                "position": line.item.position,
                "title": line.item.title,
                "kind": line.item.kind,
                "presenters": line.item.presenters,
                "is_current": line.is_current,
                "documents": [
                    {
                        "work_id": e.work_id,
                        "title": e.work.title,
                        "number": e.work.number,
                        "confidentiality": e.work.confidentiality,
                    }
                    for e in line.documents
                ],
                "poll_ids": [poll.pk for poll in line.polls],
                "groups": line.groups,
            }
            for line in selectors.sitting_agenda(sitting=sitting, user=user)
        ],
    }


def _speaker(request: SpeakerRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "person_id": request.person_id,
        "name": request.person.full_name,
        "kind": request.kind,
        "group_id": request.group_id,
        "position": request.position,
        "priority": request.priority,
        "state": request.state,
        "started_at": request.started_at,
        "ended_at": request.ended_at,
        "limit_seconds": request.limit_seconds,
        "timer": selectors.speaker_timer(request),
    }


def _person(user: Any, person_id: int | None) -> Person:
    if person_id is None:
        person = person_of(user)
        if person is None:
            raise PermissionDeniedError(
                "Tài khoản không gắn với đại biểu / The account is not linked to a person"
            )
        return person
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFoundError("Không tìm thấy đại biểu / Person not found")
    return person


@router.get(
    "/bodies/{body_id}/sessions",
    response={200: list[SessionOut], **ERRORS},
    url_name="meetings_sessions",
)
@paginate(BoundedPagination)
def list_sessions(request: HttpRequest, body_id: int) -> Any:
    """Các kỳ họp của một cơ quan / Sessions of a body."""
    return selectors.session_list(body=access_body(_user(request), body_id), user=_user(request))


@router.post(
    "/bodies/{body_id}/sessions",
    response={201: SessionOut, **ERRORS},
    url_name="meetings_session_create",
)
def create_session(request: HttpRequest, body_id: int, data: SessionIn) -> Any:
    """Tạo kỳ họp (cán bộ) / Create a session (staff)."""
    body = access_body(_user(request), body_id)
    return Status(201, services.session_create(actor=_user(request), body=body, **data.dict()))


@router.get(
    "/sessions/{session_id}",
    response={200: SessionDetailOut, **ERRORS},
    url_name="meetings_session",
)
def get_session(request: HttpRequest, session_id: int) -> Any:
    session = selectors.access_session(_user(request), session_id)
    return {"session": session, "sittings": list(selectors.sitting_list(session=session))}


@router.post(
    "/sessions/{session_id}/sittings",
    response={201: SittingOut, **ERRORS},
    url_name="meetings_sitting_create",
)
def create_sitting(request: HttpRequest, session_id: int, data: SittingIn) -> Any:
    session = selectors.access_session(_user(request), session_id)
    return Status(
        201, services.sitting_create(actor=_user(request), session=session, **data.dict())
    )


@router.post(
    "/sessions/{session_id}/{action}",
    response={200: SessionOut, **ERRORS},
    url_name="meetings_session_transition",
)
def session_transition(
    request: HttpRequest, session_id: int, action: Literal["open", "close"]
) -> Any:
    """Khai mạc / bế mạc kỳ họp / Open or close a session."""
    session = selectors.access_session(_user(request), session_id)
    service = services.session_open if action == "open" else services.session_close
    return service(actor=_user(request), session=session)


@router.get(
    "/sittings/{sitting_id}",
    response={200: SittingDetailOut, **ERRORS},
    url_name="meetings_sitting",
)
def get_sitting(request: HttpRequest, sitting_id: int) -> Any:
    """Phiên họp và chương trình / A sitting and its agenda (documents the caller may read)."""
    return _agenda(selectors.access_sitting(_user(request), sitting_id), _user(request))


@router.post(
    "/sittings/{sitting_id}/items",
    response={201: SittingDetailOut, **ERRORS},
    url_name="meetings_item_create",
)
def create_item(request: HttpRequest, sitting_id: int, data: ItemIn) -> Any:
    sitting = selectors.access_sitting(_user(request), sitting_id)
    services.agenda_item_create(actor=_user(request), sitting=sitting, **data.dict())
    return Status(201, _agenda(sitting, _user(request)))


@router.put(
    "/sittings/{sitting_id}/current-item",
    response={200: SittingDetailOut, **ERRORS},
    url_name="meetings_current_item",
)
def set_current_item(request: HttpRequest, sitting_id: int, data: CurrentItemIn) -> Any:
    """Chuyển nội dung đang thảo luận (chủ tọa) / Move the current-item pointer (chair)."""
    sitting = selectors.access_sitting(_user(request), sitting_id)
    item = None
    if data.item_id is not None:
        item = selectors.access_agenda_item(_user(request), data.item_id)
    services.current_item_set(actor=_user(request), sitting=sitting, item=item)
    return _agenda(sitting, _user(request))


@router.get(
    "/sittings/{sitting_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    url_name="meetings_attendance",
)
def get_attendance(request: HttpRequest, sitting_id: int) -> Any:
    """Điểm danh và số đại biểu cần có mặt / Attendance and the quorum indicator."""
    sitting = selectors.access_sitting(_user(request), sitting_id)
    summary = selectors.attendance_summary(sitting=sitting)
    return {**summary.__dict__, "present": summary.present}


ATTENDANCE_ACTIONS = Literal["check-in", "leave", "return", "absent"]


@router.post(
    "/sittings/{sitting_id}/attendance/{action}",
    response={200: AttendanceOut, **ERRORS},
    url_name="meetings_attendance_change",
)
def change_attendance(
    request: HttpRequest, sitting_id: int, action: ATTENDANCE_ACTIONS, data: AttendanceIn
) -> Any:
    user = _user(request)
    sitting = selectors.access_sitting(user, sitting_id)
    person = _person(user, data.person_id)
    if action == "check-in":
        services.attendance_check_in(actor=user, sitting=sitting, person=person, mode=data.mode)
    elif action == "leave":
        services.attendance_leave(actor=user, sitting=sitting, person=person)
    elif action == "return":
        services.attendance_return(actor=user, sitting=sitting, person=person, mode=data.mode)
    else:
        services.attendance_mark_absent(
            actor=user, sitting=sitting, person=person, excused=data.excused, reason=data.reason
        )
    summary = selectors.attendance_summary(sitting=sitting)
    return {**summary.__dict__, "present": summary.present}


def _speakers(item: Any) -> dict[str, Any]:
    current = selectors.current_speaker(sitting=item.sitting)
    return {
        "current": _speaker(current) if current is not None else None,
        "queue": [_speaker(r) for r in selectors.speaker_queue(item=item)],
        "done": [_speaker(r) for r in selectors.speakers_done(item=item)],
    }


@router.get(
    "/items/{item_id}/speakers", response={200: SpeakersOut, **ERRORS}, url_name="meetings_speakers"
)
def get_speakers(request: HttpRequest, item_id: int) -> Any:
    """Danh sách đăng ký phát biểu và đồng hồ / The speakers' queue and the timer."""
    return _speakers(selectors.access_agenda_item(_user(request), item_id))


@router.post(
    "/items/{item_id}/speakers",
    response={201: SpeakersOut, **ERRORS},
    url_name="meetings_speaker_register",
)
def register_speaker(request: HttpRequest, item_id: int, data: SpeakerIn) -> Any:
    """Đăng ký phát biểu / Register to speak."""
    user = _user(request)
    item = selectors.access_agenda_item(user, item_id)
    group = None
    if data.group_id is not None:
        group = QuestioningGroup.objects.filter(pk=data.group_id, item=item).first()
        if group is None:
            raise NotFoundError("Không tìm thấy nhóm vấn đề / Issue group not found")
    person = _person(user, data.person_id) if data.person_id is not None else None
    services.speaker_register(actor=user, item=item, kind=data.kind, person=person, group=group)
    return Status(201, _speakers(item))


@router.post(
    "/items/{item_id}/speakers/order",
    response={200: SpeakersOut, **ERRORS},
    url_name="meetings_speakers_order",
)
def reorder_speakers(request: HttpRequest, item_id: int, data: OrderIn) -> Any:
    item = selectors.access_agenda_item(_user(request), item_id)
    services.speaker_reorder(actor=_user(request), item=item, request_ids=data.request_ids)
    return _speakers(item)


SPEAKER_ACTIONS: dict[str, Any] = {
    "start": services.speaker_start,
    "stop": services.speaker_stop,
    "withdraw": services.speaker_withdraw,
}


@router.post(
    "/speakers/{request_id}/{action}",
    response={200: SpeakersOut, **ERRORS},
    url_name="meetings_speaker_transition",
)
def speaker_transition(
    request: HttpRequest, request_id: int, action: Literal["start", "stop", "withdraw"]
) -> Any:
    """Mời phát biểu / kết thúc / rút đăng ký / Give or end the floor, withdraw."""
    found = selectors.access_speaker_request(_user(request), request_id)
    SPEAKER_ACTIONS[action](actor=_user(request), request=found)
    return _speakers(found.item)


@router.get(
    "/sittings/{sitting_id}/minutes",
    response={200: dict[str, Any], **ERRORS},
    url_name="meetings_minutes",
)
def get_minutes(request: HttpRequest, sitting_id: int) -> Any:
    """Biên bản phiên họp (JSON) / The sitting's minutes as JSON."""
    sitting = selectors.access_sitting(_user(request), sitting_id)
    return minutes_build(sitting=sitting, user=_user(request)).as_dict()


# Last: "/sittings/{id}/{action}" would otherwise shadow the fixed sub-paths above.
@router.post(
    "/sittings/{sitting_id}/{action}",
    response={200: SittingOut, **ERRORS},
    url_name="meetings_sitting_transition",
)
def sitting_transition(
    request: HttpRequest, sitting_id: int, action: Literal["open", "close"]
) -> Any:
    """Bắt đầu / kết thúc phiên họp (chủ tọa) / Open or close a sitting (chair)."""
    sitting = selectors.access_sitting(_user(request), sitting_id)
    service = services.sitting_open if action == "open" else services.sitting_close
    return service(actor=_user(request), sitting=sitting)
