"""Permission-matrix specs for implementation tracking (tests/test_permission_matrix.py).

Each side of the world gets, through the tracking services and by its council's secretariat:
a directive, a task assigned from it (owned by the side's marker person, so the dashboard's
per-official figures name that person), a progress report, a comment and a pending extension
request on the task, and two resolutions with delegation clauses whose obligations are proposed
by ``obligations_propose``: an *internal* one (one obligation confirmed, one left proposed) and a
*public* one (its obligation confirmed: open data, so not a marker). The texts of the directive,
task, report, comment, extension reason and of the internal resolution are the side's markers.

Every marker carries an ASCII token (``ZqTrk…``) registered as a marker too: the Ninja API escapes
non-ASCII characters in JSON (``"\\u1eadt"``), so a Vietnamese marker alone would not be found in an
API answer that leaks it.

Task URLs point at the side's task; ``work_obligations`` at the side's *internal* resolution (public
laws need no login there — covered in tracking/tests — but the matrix proves the internal one is
refused to visitors and to the other council). The public page and the open-data API are public.
"""

import datetime as dt
from typing import Any

from nghitruong.accounts.models import Role, User
from nghitruong.accounts.services import membership_create, person_create, user_create
from nghitruong.documents.models import Confidentiality, DocType, Work
from nghitruong.documents.services import expression_create, work_create
from nghitruong.tracking import services
from nghitruong.tracking.models import Obligation
from tests.conftest import PASSWORD, TERM_START, World
from tests.matrix import Probe

ISSUED, EFFECTIVE = dt.date(2026, 1, 10), dt.date(2027, 1, 1)
DEADLINE, EXTENDED = dt.date(2030, 12, 31), dt.date(2031, 6, 30)


def _staff(world: World, side: str) -> User:
    """A secretariat officer of the side's council (the world has one only for A)."""
    if side == "A":
        return world.users["secretary_a"]
    key = "tracking_secretary_b"
    if key not in world.users:
        user = user_create(
            username=key,
            password=PASSWORD,
            actor=None,
            full_name="Ngô Thư Ký Theo Dõi",
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
        world.users[key] = user
    return world.users[key]


def _private(world: World, side: str, kind: str, text: str) -> str:
    """``text`` tagged with an ASCII token; both are registered as the side's markers."""
    token = f"ZqTrk{kind}{side}"
    world.extra_markers[side] += [token, f"{text} {token}"]
    return f"{text} {token}"


def _resolution(
    world: World, side: str, *, title: str, number: str, text: str, confidentiality: str
) -> Work:
    work = work_create(
        actor=None,
        body=world.body(side),
        doc_type=DocType.RESOLUTION,
        title=title,
        number=number,
        issuer="Hội đồng nhân dân tỉnh",
        issued_date=ISSUED,
        effective_date=EFFECTIVE,
        confidentiality=confidentiality,
        provenance={"matrix": f"tracking-{side}"},
    )
    expression_create(actor=None, work=work, version_date=ISSUED, text=text)
    return work


def _obligations(world: World, side: str, staff: User) -> dict[str, Any]:
    secret_a = _private(world, side, "Cuc", f"chế độ hỗ trợ mật danh Cúc {side}")
    secret_b = _private(world, side, "Dao", f"mức chi mật danh Đào {side}")
    internal_title = _private(world, side, "Law", f"Nghị quyết nội bộ theo dõi mật danh Mai {side}")
    internal = _resolution(
        world,
        side,
        title=internal_title,
        number=f"7{'1' if side == 'A' else '2'}/2026/NQ-HĐND",
        confidentiality=Confidentiality.INTERNAL,
        text=(
            "Điều 1. Phạm vi\n"
            f"1. Chính phủ quy định chi tiết {secret_a}.\n"
            f"2. Chính phủ quy định {secret_b}.\n"
            "Điều 2. Hiệu lực thi hành\n"
            "Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027."
        ),
    )
    public = _resolution(
        world,
        side,
        title=f"Nghị quyết công khai về học phí tỉnh {side}",
        number=f"8{'1' if side == 'A' else '2'}/2026/NQ-HĐND",
        confidentiality=Confidentiality.PUBLIC,
        text=(
            "Điều 1. Học phí\n"
            "1. Chính phủ quy định chi tiết mức học phí công khai.\n"
            "Điều 2. Hiệu lực thi hành\n"
            "Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027."
        ),
    )
    proposed_internal = services.obligations_propose(work=internal, actor=staff)
    proposed_public = services.obligations_propose(work=public, actor=staff)
    assert len(proposed_internal) == 2, proposed_internal
    assert len(proposed_public) == 1, proposed_public
    first, second = sorted(proposed_internal, key=lambda o: o.provision_eid)
    confirmed = services.obligation_confirm(
        actor=staff, obligation=first, due_date=dt.date(2026, 3, 1)
    )
    services.obligation_confirm(
        actor=staff, obligation=proposed_public[0], due_date=dt.date(2026, 3, 1)
    )
    return {"internal": internal, "public": public, "confirmed": confirmed, "proposed": second}


def tracking_of(world: World, side: str) -> dict[str, Any]:
    """The side's tracking objects (created once per world)."""
    cache: dict[str, dict[str, Any]] = world.__dict__.setdefault("tracking", {})
    if side in cache:
        return cache[side]
    staff, body = _staff(world, side), world.body(side)
    directive = services.directive_create(
        actor=staff,
        body=body,
        title=_private(world, side, "Directive", f"Kết luận phiên họp mật danh Trúc {side}"),
        issued_on=ISSUED,
    )
    task = services.task_create(
        actor=staff,
        body=body,
        directive=directive,
        title=_private(world, side, "Task", f"Nhiệm vụ rà soát mật danh Tùng {side}"),
        deadline=DEADLINE,
        owner_person=world.markers[side],
        deliverable="Báo cáo rà soát",
    )
    report = services.progress_report_create(
        actor=staff,
        task=task,
        percent=40,
        text=_private(world, side, "Report", f"Báo cáo tiến độ mật danh Lựu {side}"),
    )
    comment = services.comment_create(
        actor=staff,
        task=task,
        text=_private(world, side, "Comment", f"Ý kiến trao đổi mật danh Sấu {side}"),
    )
    extension = services.extension_request_create(
        actor=staff,
        task=task,
        requested_deadline=EXTENDED,
        reason=_private(world, side, "Extension", f"Lý do gia hạn mật danh Vải {side}"),
    )
    cache[side] = {
        "directive": directive,
        "task": task,
        "report": report,
        "comment": comment,
        "extension": extension,
        **_obligations(world, side, staff),
    }
    assert cache[side]["proposed"].status == Obligation.Status.PROPOSED
    return cache[side]


def both_sides(world: World, side: str) -> dict[str, Any]:
    """For URLs without an object (lists, dashboard, open data): both sides' data exist."""
    tracking_of(world, "A")
    tracking_of(world, "B")
    return {}


def task_id(world: World, side: str) -> dict[str, Any]:
    return {"task_id": tracking_of(world, side)["task"].pk}


def extension_id(world: World, side: str) -> dict[str, Any]:
    return {"extension_id": tracking_of(world, side)["extension"].pk}


def obligation_id(world: World, side: str) -> dict[str, Any]:
    return {"obligation_id": tracking_of(world, side)["proposed"].pk}


def internal_work_id(world: World, side: str) -> dict[str, Any]:
    return {"work_id": tracking_of(world, side)["internal"].pk}


SPECS: dict[str, Probe] = {
    # Pages for members (the body is the member's own: no query picks another)
    "tracking:dashboard": Probe(kwargs=both_sides),
    "tracking:task_list": Probe(kwargs=both_sides),
    "tracking:task_create": Probe(
        kwargs=both_sides, owner_status=403, note="only the body's tracking staff get the form"
    ),
    "tracking:directive_create": Probe(
        kwargs=both_sides, owner_status=403, note="only the body's tracking staff get the form"
    ),
    "tracking:kpi_export": Probe(
        kwargs=both_sides,
        query={"format": "pdf"},
        note="a file: markers are only found if not compressed in it",
    ),
    "tracking:obligation_list": Probe(kwargs=both_sides, note="proposed obligations by default"),
    "tracking:task_detail": Probe(kwargs=task_id),
    "tracking:report_create": Probe(kwargs=task_id, owner_status=405, note="POST only"),
    "tracking:comment_create": Probe(kwargs=task_id, owner_status=405, note="POST only"),
    "tracking:task_complete": Probe(kwargs=task_id, owner_status=405, note="POST only"),
    "tracking:extension_request": Probe(kwargs=task_id, owner_status=405, note="POST only"),
    "tracking:extension_decide": Probe(kwargs=extension_id, owner_status=405, note="POST only"),
    "tracking:obligation_decide": Probe(kwargs=obligation_id, owner_status=405, note="POST only"),
    "tracking:work_obligations": Probe(
        kwargs=internal_work_id,
        note="public laws need no login; the matrix probes the internal resolution",
    ),
    # Public: what each public law still waits for (confirmed obligations of public laws only)
    "tracking:public": Probe(kwargs=both_sides, public=True),
    # API (/api/v1/tracking/)
    "api-v1:list_tasks": Probe(kwargs=both_sides),
    "api-v1:stats": Probe(kwargs=both_sides),
    "api-v1:get_task": Probe(kwargs=task_id),
    "api-v1:create_report": Probe(kwargs=task_id, owner_status=405, note="POST only"),
    "api-v1:public_obligations": Probe(kwargs=both_sides, public=True),
}
