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


def provision_link_id(world: World, side: str) -> dict[str, Any]:
    """A confirmed provision link of the side's petition (to a public document, as links are)."""
    store = world.__dict__.setdefault("petition_links", {})
    if side not in store:
        import datetime as dt

        from nghitruong.documents.services import work_create

        petition = _petition(world, side)
        work = work_create(
            actor=None,
            body=world.body(side),
            doc_type="law",
            title=f"Luật thử liên kết {side}",
            number=f"9{'1' if side == 'A' else '2'}/2024/QH15",
            issued_date=dt.date(2024, 6, 1),
        )
        store[side] = services.petition_provision_link(
            actor=_staff(world, side), petition=petition, work=work
        )
    return {"petition_id": store[side].petition_id, "link_id": store[side].pk}


def tracking_code(world: World, side: str) -> dict[str, Any]:
    return {"code": _petition(world, side).tracking_code}


def _petitioner_petition(world: World, side: str) -> Any:
    """A letter with the petitioner's personal data (their name is the private marker)."""
    store = world.__dict__.setdefault("petitions_with_petitioner", {})
    if side not in store:
        name = f"Người kiến nghị riêng tư bên {side}"
        store[side] = services.petition_create(
            actor=_staff(world, side),
            body=world.body(side),
            content=f"Kiến nghị có thông tin cá nhân bên {side} về đường liên xã",
            source="letter",
            petitioner=services.PetitionerData(full_name=name, email=f"nguoi.{side}@example.vn"),
            consent=True,
        )
        world.extra_markers[side].append(name)
    return store[side]


def challenge_token(world: World, side: str) -> dict[str, Any]:
    petition = _petitioner_petition(world, side)
    challenge = services.personal_data_challenge_start(
        client_ip=f"198.51.100.{ord(side)}",
        codes=petition.tracking_code,
        contact=f"nguoi.{side}@example.vn",
    )
    return {"token": challenge.token}


def data_request_id(world: World, side: str) -> dict[str, Any]:
    store = world.__dict__.setdefault("petition_data_requests", {})
    if side not in store:
        petition = _petitioner_petition(world, side)
        store[side] = services.personal_data_request_receive(
            actor=_staff(world, side),
            body=world.body(side),
            kind="erasure",
            petitioners=[petition.petitioner],
        )
    return {"request_id": store[side].pk}


def data_request_action(world: World, side: str) -> dict[str, Any]:
    return data_request_id(world, side) | {"action": "verify"}


def consultation_id(world: World, side: str) -> dict[str, Any]:
    """An open consultation of the side's council with one feedback (its text is private), and a
    draft consultation whose title is private (never on a public page)."""
    store = world.__dict__.setdefault("petition_consultations", {})
    if side not in store:
        import datetime as dt

        from django.utils import timezone

        today = timezone.localdate()
        staff, body = _staff(world, side), world.body(side)
        draft_title = f"Dự thảo nghị quyết chưa công bố bên {side}"
        services.consultation_create(
            actor=staff,
            body=body,
            title=draft_title,
            summary="Tóm tắt dự thảo chưa công bố",
            opens_on=today,
            closes_on=today + dt.timedelta(days=30),
        )
        consultation = services.consultation_create(
            actor=staff,
            body=body,
            title=f"Dự thảo Nghị quyết về phí tham quan bên {side}",
            summary="Dự thảo quy định mức phí tham quan các điểm du lịch của tỉnh.",
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=30),
        )
        consultation = services.consultation_open(actor=staff, consultation=consultation)
        feedback_text = f"Góp ý riêng của người dân bên {side} về mức phí tham quan"
        services.consultation_feedback_submit(
            client_ip=f"198.51.100.{10 + ord(side)}",
            idempotency_key=f"matrix-consultation-feedback-{side}",
            consultation=consultation,
            content=feedback_text,
            article="Điều 3",
        )
        world.extra_markers[side] += [draft_title, feedback_text]
        store[side] = consultation
    return {"consultation_id": store[side].pk}


SPECS: dict[str, Probe] = {
    # public portal
    "petitions:home": Probe(public=True),
    "petitions:submit": Probe(public=True),
    "petitions:lookup": Probe(public=True),
    "petitions:follow": Probe(kwargs=tracking_code, public=True, note="no personal data, no text"),
    "petitions:follow_qr": Probe(kwargs=tracking_code, public=True, note="the code's URL as SVG"),
    "petitions:answers": Probe(public=True),
    "petitions:statistics": Probe(public=True),
    "petitions:open_data": Probe(public=True),
    "petitions:open_data_csv": Probe(public=True),
    "petitions:open_data_json": Probe(public=True),
    "petitions:overdue": Probe(public=True, note="per-agency overdue list, no personal data"),
    "petitions:overdue_csv": Probe(public=True),
    "petitions:overdue_agencies_csv": Probe(public=True),
    "petitions:privacy": Probe(public=True),
    "petitions:privacy_verify": Probe(
        kwargs=challenge_token, public=True, note="the code form, the same for every token"
    ),
    "petitions:privacy_data": Probe(
        public=True, owner_status=302, note="without a verified session: back to the start page"
    ),
    "petitions:consultations": Probe(public=True, note="open and recent drafts, never a draft"),
    "petitions:consultation": Probe(
        kwargs=consultation_id, public=True, note="no feedback text, no personal data"
    ),
    "petitions:consultation_file": Probe(
        kwargs=consultation_id, public=True, owner_status=404, note="no file attached"
    ),
    # staff
    "petitions:privacy_queue": Probe(note="staff of the owning body only; a deputy sees none"),
    "petitions:privacy_request": Probe(
        kwargs=data_request_id,
        owner_status=404,
        note="staff of the owning body only: a deputy of A gets 404 for A's request too",
    ),
    "petitions:privacy_request_action": Probe(
        kwargs=data_request_action, owner_status=405, note="POST only"
    ),
    "petitions:consultation_manage": Probe(note="a deputy is not staff: an empty list"),
    "petitions:consultation_create": Probe(owner_status=404, note="staff of a consulting body"),
    "petitions:consultation_staff": Probe(
        kwargs=consultation_id, owner_status=404, note="staff of the owning body only"
    ),
    "petitions:consultation_feedback": Probe(
        kwargs=consultation_id, owner_status=404, note="staff of the owning body only"
    ),
    "petitions:consultation_export": Probe(
        kwargs=lambda world, side: consultation_id(world, side) | {"fmt": "xlsx"},
        owner_status=404,
        note="staff of the owning body only",
    ),
    "petitions:consultation_action": Probe(
        kwargs=lambda world, side: consultation_id(world, side) | {"action": "close"},
        owner_status=405,
        note="POST only",
    ),
    "petitions:list": Probe(),
    "petitions:detail": Probe(kwargs=petition_id),
    "petitions:action": Probe(kwargs=petition_action, owner_status=405, note="POST only"),
    "petitions:suggestions": Probe(kwargs=petition_id),
    "petitions:provision_link": Probe(kwargs=petition_id, owner_status=405, note="POST only"),
    "petitions:provision_unlink": Probe(
        kwargs=provision_link_id, owner_status=405, note="POST only"
    ),
    "petitions:merge": Probe(),
    "petitions:inbox": Probe(),
    "petitions:meetings": Probe(),
    "petitions:meeting": Probe(kwargs=meeting_id),
    "petitions:supervision": Probe(owner_status=403, note="supervisors and body staff only"),
    "petitions:supervision_export": Probe(
        kwargs=lambda world, side: {"fmt": "xlsx"},
        owner_status=403,
        note="supervisors and body staff only",
    ),
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
    "api-v1:petitions_consultations": Probe(public=True),
    "api-v1:petitions_consultation_feedback": Probe(
        kwargs=consultation_id, public=True, owner_status=405, note="POST only"
    ),
    "api-v1:petitions_overdue": Probe(public=True),
    "api-v1:petitions_overdue_agencies": Probe(public=True),
}
