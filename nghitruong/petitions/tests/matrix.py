"""Permission-matrix specs for every petitions URL (see tests/matrix.py).

Each side gets one petition of its council, entered by its secretariat; its text is the private
marker (never on a public page: it is a letter, not answered, so neither published nor exported).
"""

from typing import Any

from nghitruong.petitions import services
from tests.conftest import World
from tests.matrix import Probe


def _staff(world: World, side: str) -> Any:
    """Council A's secretary; council B has none in the shared world, so a superuser."""
    if side == "A":
        return world.users["secretary_a"]
    from nghitruong.accounts.models import User

    return User.objects.get_or_create(username="matrix_root", defaults={"is_superuser": True})[0]


def _petition(world: World, side: str) -> Any:
    store = world.__dict__.setdefault("petitions", {})
    if side not in store:
        text = f"Kiến nghị riêng của cử tri bên {side} về cầu treo bản Mật Khẩu"
        store[side] = services.petition_create(
            actor=_staff(world, side), body=world.body(side), content=text, source="letter"
        )
        world.extra_markers[side].append(text)
    return store[side]


def petition_id(world: World, side: str) -> dict[str, Any]:
    return {"petition_id": _petition(world, side).pk}


def petition_action(world: World, side: str) -> dict[str, Any]:
    return petition_id(world, side) | {"action": "classify"}


def meeting_id(world: World, side: str) -> dict[str, Any]:
    store = world.__dict__.setdefault("petition_meetings", {})
    if side not in store:
        import datetime as dt

        from nghitruong.petitions.models import VoterMeeting

        store[side] = VoterMeeting.objects.create(
            body=world.body(side),
            kind="periodic",
            held_on=dt.date(2026, 11, 2),
            venue=f"Hội trường mật {side}",
        )
        world.extra_markers[side].append(f"Hội trường mật {side}")
    return {"meeting_id": store[side].pk}


def tracking_code(world: World, side: str) -> dict[str, Any]:
    return {"code": _petition(world, side).tracking_code}


SPECS: dict[str, Probe] = {
    # public portal
    "petitions:home": Probe(public=True),
    "petitions:submit": Probe(public=True),
    "petitions:lookup": Probe(public=True),
    "petitions:follow": Probe(kwargs=tracking_code, public=True, note="no personal data, no text"),
    "petitions:answers": Probe(public=True),
    "petitions:statistics": Probe(public=True),
    "petitions:open_data": Probe(public=True),
    "petitions:open_data_csv": Probe(public=True),
    "petitions:open_data_json": Probe(public=True),
    # staff
    "petitions:list": Probe(),
    "petitions:detail": Probe(kwargs=petition_id),
    "petitions:action": Probe(kwargs=petition_action, owner_status=405, note="POST only"),
    "petitions:merge": Probe(),
    "petitions:inbox": Probe(),
    "petitions:meetings": Probe(),
    "petitions:meeting": Probe(kwargs=meeting_id),
    # API
    "api-v1:petitions_list": Probe(),
    "api-v1:petitions_create": Probe(note="same route as petitions_list; GET lists"),
    "api-v1:petitions_summary": Probe(),
    "api-v1:petitions_get": Probe(kwargs=petition_id),
    "api-v1:petitions_import": Probe(owner_status=405, note="POST only"),
    "api-v1:petitions_classify": Probe(kwargs=petition_id, owner_status=405, note="POST only"),
    "api-v1:petitions_assign": Probe(kwargs=petition_id, owner_status=405, note="POST only"),
    "api-v1:petitions_reassign": Probe(kwargs=petition_id, owner_status=405, note="POST only"),
    "api-v1:petitions_answer": Probe(kwargs=petition_id, owner_status=405, note="POST only"),
    "api-v1:petitions_submit": Probe(public=True, owner_status=405, note="POST only"),
    "api-v1:petitions_follow": Probe(kwargs=tracking_code, public=True),
}
