"""The NA structure, the People's Councils, terms and body services (issue 2 §3)."""

import datetime as dt

import pytest

from nghitruong.accounts.models import Membership, Person, Role, User
from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import AuditEntry, ElectedBody, Term
from nghitruong.core.selectors import (
    body_children,
    body_list_for_user,
    body_members,
    term_current,
)
from nghitruong.core.services import (
    body_create,
    body_deactivate,
    body_update,
    council_boards_ensure,
    term_create,
)
from nghitruong.core.tests.reference_fixture import reference_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
__all__ = ["reference_data"]

K = ElectedBody.Kind


def _count(kind: str) -> int:
    return ElectedBody.objects.filter(kind=kind).count()


def test_national_assembly_organs() -> None:
    qh = ElectedBody.objects.get(code="qh")
    assert (qh.name, qh.name_en, qh.total_members, qh.parent_id) == (
        "Quốc hội",
        "National Assembly",
        500,
        None,
    )
    assert (_count(K.NATIONAL_ASSEMBLY), _count(K.NA_STANDING_COMMITTEE)) == (1, 1)
    assert (_count(K.NA_ETHNIC_COUNCIL), _count(K.NA_COMMITTEE)) == (1, 7)
    committees = ElectedBody.objects.filter(kind=K.NA_COMMITTEE, parent=qh)
    assert sorted(committees.values_list("code", "name")) == [
        ("qh-uy-ban-cong-tac-dai-bieu", "Ủy ban Công tác đại biểu"),
        ("qh-uy-ban-dan-nguyen-va-giam-sat", "Ủy ban Dân nguyện và Giám sát"),
        ("qh-uy-ban-khoa-hoc-cong-nghe-va-moi-truong", "Ủy ban Khoa học, Công nghệ và Môi trường"),
        ("qh-uy-ban-kinh-te-va-tai-chinh", "Ủy ban Kinh tế và Tài chính"),
        ("qh-uy-ban-phap-luat-va-tu-phap", "Ủy ban Pháp luật và Tư pháp"),
        ("qh-uy-ban-quoc-phong-an-ninh-va-doi-ngoai", "Ủy ban Quốc phòng, An ninh và Đối ngoại"),
        ("qh-uy-ban-van-hoa-va-xa-hoi", "Ủy ban Văn hóa và Xã hội"),
    ]
    assert all(c.name_en for c in committees)
    assert ElectedBody.objects.get(code="qh-ubtvqh").parent == qh
    assert ElectedBody.objects.get(code="qh-hoi-dong-dan-toc").name_en == "Ethnic Council"


def test_delegations_and_councils_one_per_unit() -> None:
    delegations = ElectedBody.objects.filter(kind=K.NA_DELEGATION).select_related("admin_unit")
    assert delegations.count() == 34
    assert {d.parent.code for d in delegations} == {"qh"}
    assert {d.code for d in delegations} == {f"doan-dbqh-{d.admin_unit.code}" for d in delegations}
    hcm = ElectedBody.objects.get(code="doan-dbqh-79")
    assert hcm.name == "Đoàn đại biểu Quốc hội thành phố Hồ Chí Minh"
    assert _count(K.PROVINCIAL_COUNCIL) == 34
    assert ElectedBody.objects.get(code="hdnd-04").name == "Hội đồng nhân dân tỉnh Cao Bằng"
    communes = ElectedBody.objects.filter(kind=K.COMMUNE_COUNCIL).select_related(
        "parent__admin_unit", "admin_unit__parent"
    )
    assert communes.count() == 3321
    assert all(c.parent.admin_unit_id == c.admin_unit.parent_id for c in communes)
    ba_dinh = ElectedBody.objects.get(code="hdnd-00004")
    assert (ba_dinh.name, ba_dinh.parent.code, ba_dinh.level) == (
        "Hội đồng nhân dân phường Ba Đình",
        "hdnd-01",
        "commune",
    )
    assert ElectedBody.objects.get(code="hdnd-26732").name == "Hội đồng nhân dân đặc khu Côn Đảo"


def test_provincial_boards() -> None:
    boards = ElectedBody.objects.filter(kind=K.PROVINCIAL_COUNCIL_BOARD)
    assert boards.count() == 34 * 3 + 25 + 6
    assert boards.filter(short_name="Ban Đô thị").count() == 6
    assert boards.filter(short_name="Ban Dân tộc").count() == 25
    assert sorted(boards.filter(parent__code="hdnd-01").values_list("short_name", flat=True)) == [
        "Ban Kinh tế - Ngân sách",
        "Ban Pháp chế",
        "Ban Văn hóa - Xã hội",
        "Ban Đô thị",
    ]
    assert sorted(boards.filter(parent__code="hdnd-52").values_list("code", flat=True)) == [
        "hdnd-52-ban-dan-toc",
        "hdnd-52-ban-kinh-te-ngan-sach",
        "hdnd-52-ban-phap-che",
        "hdnd-52-ban-van-hoa-xa-hoi",
    ]
    assert ElectedBody.objects.get(code="hdnd-52-ban-dan-toc").name == (
        "Ban Dân tộc Hội đồng nhân dân tỉnh Gia Lai"
    )


def test_terms_and_current_term() -> None:
    qh = ElectedBody.objects.get(code="qh")
    assert list(Term.objects.filter(body=qh).values_list("label", "start_date", "end_date")) == [
        ("XVI", dt.date(2026, 4, 6), None),
        ("XV", dt.date(2021, 7, 20), dt.date(2026, 4, 5)),
    ]
    xv = term_current(body=qh, on=dt.date(2026, 4, 5))
    xvi = term_current(body=qh, on=dt.date(2026, 4, 6))
    assert (xv.label if xv else None, xvi.label if xvi else None) == ("XV", "XVI")
    committee = ElectedBody.objects.get(code="qh-uy-ban-dan-nguyen-va-giam-sat")
    inherited = term_current(body=committee, on=dt.date(2026, 11, 23))
    assert inherited is not None
    assert (inherited.body_id, inherited.label) == (qh.pk, "XVI")
    commune = ElectedBody.objects.get(code="hdnd-00004")
    assert term_current(body=commune, on=dt.date(2025, 6, 30)) is None
    current = term_current(body=commune, on=dt.date(2026, 11, 23))
    assert current is not None
    assert current.label == "2026–2031"
    assert Term.objects.count() == 2 + 34 * 2 + 3321 * 2


def test_term_create_refuses_overlap() -> None:
    qh = ElectedBody.objects.get(code="qh")
    entries = AuditEntry.objects.count()
    with pytest.raises(ConflictError) as excinfo:
        term_create(
            body=qh, number=17, label="XVII", start_date=dt.date(2031, 1, 1), actor=None
        )  # XVI is open-ended
    assert excinfo.value.code == "overlap"
    with pytest.raises(ConflictError):
        term_create(body=qh, number=16, label="XVI", start_date=dt.date(2040, 1, 1), actor=None)
    assert Term.objects.filter(body=qh).count() == 2
    assert AuditEntry.objects.count() == entries
    board = ElectedBody.objects.get(code="hdnd-01-ban-phap-che")
    term = term_create(body=board, number=1, label="I", start_date=dt.date(2026, 4, 1), actor=None)
    assert AuditEntry.objects.filter(action="term.create", object_id=str(term.pk)).count() == 1


def _user_in(body: ElectedBody, role: str, username: str) -> User:
    user = User.objects.create_user(username=username, password="x")
    person = Person.objects.create(full_name=f"Nguyễn Văn {username}", user=user)
    Membership.objects.create(person=person, body=body, role=role, start_date=dt.date(2026, 4, 6))
    return user


def test_body_selectors_respect_access() -> None:
    council = ElectedBody.objects.get(code="hdnd-01")
    secretary = _user_in(council, Role.SECRETARIAT, "thuky")
    outsider = _user_in(ElectedBody.objects.get(code="hdnd-04"), Role.DEPUTY, "daibieu")
    reachable = set(body_list_for_user(user=secretary).values_list("code", flat=True))
    hanoi_communes = ElectedBody.objects.filter(parent=council, kind=K.COMMUNE_COUNCIL).count()
    assert hanoi_communes == 126
    assert len(reachable) == 1 + 4 + hanoi_communes
    assert "hdnd-04" not in reachable
    assert list(body_list_for_user(user=outsider).values_list("code", flat=True)) == ["hdnd-04"]
    assert body_children(body=council, user=outsider).count() == 0
    assert body_children(body=council, user=secretary).count() == 4 + hanoi_communes
    members = body_members(body=council, user=secretary, on=dt.date(2026, 11, 23))
    assert [m.person.full_name for m in members] == ["Nguyễn Văn thuky"]
    assert body_members(body=council, user=secretary, on=dt.date(2026, 1, 1)).count() == 0
    with pytest.raises(NotFoundError):
        body_members(body=council, user=outsider)


def test_commune_boards_on_demand() -> None:
    council = ElectedBody.objects.get(code="hdnd-00004")
    outsider = _user_in(ElectedBody.objects.get(code="hdnd-04"), Role.SECRETARIAT, "ngoai")
    with pytest.raises(PermissionDeniedError):
        council_boards_ensure(council=council, actor=outsider)
    assert ElectedBody.objects.filter(parent=council).count() == 0
    admin = _user_in(council, Role.BODY_ADMIN, "quantri")
    created = council_boards_ensure(council=council, actor=admin)
    assert [b.code for b in created] == [
        "hdnd-00004-ban-phap-che",
        "hdnd-00004-ban-kinh-te-ngan-sach",
        "hdnd-00004-ban-van-hoa-xa-hoi",
    ]
    assert created[0].name == "Ban Pháp chế Hội đồng nhân dân phường Ba Đình"
    assert {(b.kind, b.level, b.admin_unit_id) for b in created} == {
        (K.COMMUNE_COUNCIL_BOARD, "commune", council.admin_unit_id)
    }
    assert council_boards_ensure(council=council, actor=admin) == []
    entries = AuditEntry.objects.filter(action="body.create", actor=admin)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(b.pk) for b in created)
    with pytest.raises(ApplicationError):
        council_boards_ensure(council=council.parent, actor=None)


def test_body_create_update_deactivate_with_audit() -> None:
    qh = ElectedBody.objects.get(code="qh")
    body = body_create(
        code="qh-tieu-ban-thu-nghiem",
        name="  Tiểu ban  thử nghiệm ",
        kind=K.NA_COMMITTEE,
        level="central",
        parent=qh,
        actor=None,
    )
    assert body.name == "Tiểu ban thử nghiệm"
    with pytest.raises(ConflictError):
        body_create(code="qh-tieu-ban-thu-nghiem", name="X", kind=K.NA_COMMITTEE,
                    level="central", actor=None)  # fmt: skip
    with pytest.raises(ApplicationError) as excinfo:
        body_create(code="Sai Mã", name="X", kind=K.NA_COMMITTEE, level="central", actor=None)
    assert excinfo.value.code == "invalid_code"
    body_update(body=body, name="Tiểu ban đã đổi tên", total_members=9, actor=None)
    body.refresh_from_db()
    assert (body.name, body.total_members) == ("Tiểu ban đã đổi tên", 9)
    with pytest.raises(ConflictError) as excinfo:
        body_deactivate(body=qh, actor=None)
    assert excinfo.value.code == "has_active_children"
    qh.refresh_from_db()
    assert qh.is_active is True
    body_deactivate(body=body, actor=None)
    body.refresh_from_db()
    assert body.is_active is False
    actions = list(
        AuditEntry.objects.filter(object_id=str(body.pk), object_type="core.electedbody")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["body.create", "body.update", "body.deactivate"]
    update = AuditEntry.objects.get(action="body.update", object_id=str(body.pk))
    assert (update.before["name"], update.after["name"]) == (
        "Tiểu ban thử nghiệm",
        "Tiểu ban đã đổi tên",
    )
    clerk = User.objects.create_user(username="clerk", password="x")
    with pytest.raises(PermissionDeniedError):
        body_create(code="x-y", name="X", kind=K.NA_COMMITTEE, level="central", actor=clerk)
    assert not ElectedBody.objects.filter(code="x-y").exists()
