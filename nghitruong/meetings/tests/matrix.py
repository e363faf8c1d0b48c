"""Permission-matrix specs for every meetings URL (tests/test_permission_matrix.py).

Each side of the world gets, through the services, a session with one open sitting, an agenda item,
a speaker request and a deputy's private note; their titles and the note's text are markers only
readers of that side may ever see. POST-only URLs answer a GET with 405 (or send visitors to login).
"""

import datetime as dt
from typing import Any

from nghitruong.accounts.models import Person, Role, User
from nghitruong.accounts.services import membership_create, person_create, user_create
from nghitruong.documents.models import Work
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, Sitting
from tests.conftest import PASSWORD, TERM_START, World
from tests.matrix import Probe


def _staff(world: World, side: str) -> User:
    if side == "A":
        return world.users["secretary_a"]
    if "meetings_secretary_b" not in world.users:
        user = user_create(
            username="meetings_secretary_b",
            password=PASSWORD,
            actor=None,
            full_name="Đinh Thư Ký Bê",
            check_password_rules=False,
        )
        person = person_create(full_name=user.full_name, actor=None, user=user)
        membership_create(
            person=person,
            body=world.body("B"),
            role=Role.SECRETARIAT,
            start_date=TERM_START,
            actor=None,
            term=world.term_b,
        )
        world.users["meetings_secretary_b"] = user
    return world.users["meetings_secretary_b"]


def objects_of(world: World, side: str) -> dict[str, Any]:
    cache: dict[str, dict[str, Any]] = world.__dict__.setdefault("meetings_objects", {})
    if side in cache:
        return cache[side]
    staff, body = _staff(world, side), world.body(side)
    deputy = world.users[f"deputy_{side.lower()}"]
    session = services.session_create(
        actor=staff,
        body=body,
        number=7,
        title=f"Kỳ họp chuyên đề riêng {side}",
        start_date=dt.date(2026, 11, 20),
    )
    services.session_open(actor=staff, session=session)
    sitting = services.sitting_create(
        actor=staff,
        session=session,
        kind=Sitting.Kind.PLENARY,
        title=f"Phiên họp riêng {side}",
        date=dt.date(2026, 11, 23),
    )
    item = services.agenda_item_create(
        actor=staff,
        sitting=sitting,
        title=f"Nội dung riêng {side}",
        kind=AgendaItem.Kind.DISCUSSION,
    )
    services.sitting_open(actor=staff, sitting=sitting)
    request = services.speaker_register(
        actor=staff, item=item, kind="first", person=Person.objects.get(user=deputy)
    )
    work = Work.objects.create(
        body=body, frbr_uri=f"/akn/vn/meetings-matrix/{side}", doc_type="report", title="Báo cáo"
    )
    note = services.note_create(actor=deputy, work_id=work.pk, text=f"Ghi chú riêng tư {side}")
    world.extra_markers[side] += [session.title, sitting.title, item.title, note.text]
    cache[side] = {
        "session": session,
        "sitting": sitting,
        "item": item,
        "request": request,
        "note": note,
    }
    return cache[side]


def observed_of(world: World, side: str) -> dict[str, Any]:
    """Two more sittings per side for the observer pages: an open plenary sitting the public may
    watch (its titles are public, so not markers) and an open group discussion it may not (its
    title is a marker: a public URL pointed at it must answer like a missing sitting)."""
    cache: dict[str, dict[str, Any]] = world.__dict__.setdefault("meetings_observed", {})
    if side in cache:
        return cache[side]
    session = objects_of(world, side)["session"]
    staff = _staff(world, side)
    watched = services.sitting_create(
        actor=staff,
        session=session,
        kind=Sitting.Kind.PLENARY,
        title=f"Phiên họp công khai {side}",
        date=dt.date(2026, 11, 24),
    )
    services.sitting_open(actor=staff, sitting=watched)
    group = services.sitting_create(
        actor=staff,
        session=session,
        kind=Sitting.Kind.GROUP_DISCUSSION,
        title=f"Thảo luận tổ riêng {side}",
        date=dt.date(2026, 11, 24),
    )
    services.sitting_open(actor=staff, sitting=group)
    world.extra_markers[side].append(group.title)
    cache[side] = {"watched": watched, "group": group}
    return cache[side]


def watched_sitting(world: World, side: str) -> dict[str, Any]:
    return {"sitting_id": observed_of(world, side)["watched"].pk}


def closed_door_sitting(world: World, side: str) -> dict[str, Any]:
    return {"sitting_id": observed_of(world, side)["group"].pk}


def body_id(world: World, side: str) -> dict[str, Any]:
    objects_of(world, side)
    return {"body_id": world.body(side).pk}


def session_id(world: World, side: str) -> dict[str, Any]:
    return {"session_id": objects_of(world, side)["session"].pk}


def sitting_id(world: World, side: str) -> dict[str, Any]:
    return {"sitting_id": objects_of(world, side)["sitting"].pk}


def item_id(world: World, side: str) -> dict[str, Any]:
    return {"item_id": objects_of(world, side)["item"].pk}


def request_action(world: World, side: str) -> dict[str, Any]:
    return {"request_id": objects_of(world, side)["request"].pk, "action": "start"}


def note_id(world: World, side: str) -> dict[str, Any]:
    return {"note_id": objects_of(world, side)["note"].pk}


def with_action(fn: Any, action: str) -> Any:
    return lambda world, side: {**fn(world, side), "action": action}


def minutes(world: World, side: str) -> dict[str, Any]:
    return {**sitting_id(world, side), "fmt": "json"}


POST = "POST only"
SPECS: dict[str, Probe] = {
    # HTML
    "meetings:sessions": Probe(kwargs=body_id),
    "meetings:session": Probe(kwargs=session_id),
    "meetings:sitting": Probe(kwargs=sitting_id),
    "meetings:console": Probe(kwargs=sitting_id, owner_status=404, note="chair/staff only"),
    "meetings:minutes": Probe(kwargs=minutes),
    "meetings:attendance_action": Probe(
        kwargs=with_action(sitting_id, "check-in"), owner_status=405, note=POST
    ),
    "meetings:sitting_action": Probe(
        kwargs=with_action(sitting_id, "close"), owner_status=405, note=POST
    ),
    "meetings:speaker_register": Probe(kwargs=item_id, owner_status=405, note=POST),
    "meetings:opinion_submit": Probe(kwargs=item_id, owner_status=405, note=POST),
    "meetings:speaker_action": Probe(kwargs=request_action, owner_status=405, note=POST),
    "meetings:note_create": Probe(owner_status=405, note=POST),
    "meetings:note_delete": Probe(kwargs=note_id, owner_status=405, note=POST),
    # Live screens: the hall screen and the members' stream (members and staff of the body)
    "meetings:hall": Probe(kwargs=sitting_id),
    "meetings:hall_board": Probe(kwargs=sitting_id),
    "meetings:sitting_events": Probe(kwargs=sitting_id, note="SSE stream; only the status is read"),
    # The public observer view: public sittings only; a group discussion looks like a missing one
    "meetings:public": Probe(kwargs=watched_sitting, public=True),
    "meetings:public_board": Probe(kwargs=watched_sitting, public=True),
    "meetings:public_events": Probe(
        kwargs=closed_door_sitting,
        public=True,
        owner_status=404,
        note=(
            "an open SSE stream has no body to read, so the matrix probes a group discussion, "
            "which the public stream refuses like a missing sitting; the live stream is tested "
            "in meetings/tests/test_live_server.py"
        ),
    ),
    # API (/api/v1/meetings/)
    "api-v1:meetings_sessions": Probe(kwargs=body_id),
    "api-v1:meetings_session_create": Probe(kwargs=body_id, note="same route; GET lists"),
    "api-v1:meetings_session": Probe(kwargs=session_id),
    "api-v1:meetings_sitting_create": Probe(kwargs=session_id, owner_status=405, note=POST),
    "api-v1:meetings_session_transition": Probe(
        kwargs=with_action(session_id, "close"), owner_status=405, note=POST
    ),
    "api-v1:meetings_sitting": Probe(kwargs=sitting_id),
    "api-v1:meetings_item_create": Probe(kwargs=sitting_id, owner_status=405, note=POST),
    "api-v1:meetings_current_item": Probe(kwargs=sitting_id, owner_status=405, note="PUT only"),
    "api-v1:meetings_attendance": Probe(kwargs=sitting_id),
    "api-v1:meetings_attendance_change": Probe(
        kwargs=with_action(sitting_id, "check-in"), owner_status=405, note=POST
    ),
    "api-v1:meetings_sitting_transition": Probe(
        kwargs=with_action(sitting_id, "close"), owner_status=405, note=POST
    ),
    "api-v1:meetings_speakers": Probe(kwargs=item_id),
    "api-v1:meetings_speaker_register": Probe(kwargs=item_id, note="same route; GET lists"),
    "api-v1:meetings_speakers_order": Probe(kwargs=item_id, owner_status=405, note=POST),
    "api-v1:meetings_speaker_transition": Probe(kwargs=request_action, owner_status=405, note=POST),
    "api-v1:meetings_minutes": Probe(kwargs=sitting_id),
}
