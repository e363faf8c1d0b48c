"""Private notes: only the owner ever reads, changes or deletes one."""

import datetime as dt

import pytest

from nghitruong.accounts.models import User
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.documents.models import Expression, Provision, Work
from nghitruong.meetings import services
from nghitruong.meetings.models import Note
from nghitruong.meetings.permissions import access_note
from nghitruong.meetings.selectors import my_notes
from nghitruong.meetings.tests.conftest import Hall, audit_count


@pytest.fixture
def work(hall: Hall) -> Work:
    work = Work.objects.create(
        body=hall.body,
        frbr_uri="/akn/vn/act/2024/39",
        doc_type="law",
        title="Luật Thủ đô",
        confidentiality="internal",
    )
    expression = Expression.objects.create(
        work=work, version_date=dt.date(2024, 6, 28), frbr_uri="/akn/vn/act/2024/39/vie@2024-06-28"
    )
    Provision.objects.create(
        expression=expression,
        kind="article",
        number="1",
        label="Điều 1",
        eid="art_1",
        order=1,
        text="Luật này quy định về vị trí, vai trò của Thủ đô.",
    )
    return work


def test_owner_creates_updates_deletes(hall: Hall, work: Work) -> None:
    owner = hall.deputies[0]
    note = services.note_create(
        actor=owner,
        work_id=work.pk,
        provision_eid="art_1",
        text="Cần hỏi thêm về vị trí",
        highlights=[{"start": 10, "end": 20}, {"start": 0, "end": 4}],
    )
    assert note.highlights == [{"start": 0, "end": 4}, {"start": 10, "end": 20}]
    services.note_update(actor=owner, note_id=note.pk, text="Đã rõ")
    assert access_note(owner, note.pk).text == "Đã rõ"
    assert [n.pk for n in my_notes(user=owner, work_ids=[work.pk])] == [note.pk]
    services.note_delete(actor=owner, note_id=note.pk)
    assert not Note.objects.exists()


@pytest.mark.parametrize("who", ["other_deputy", "staff", "superuser"])
def test_nobody_else_reaches_a_note(hall: Hall, work: Work, who: str) -> None:
    owner = hall.deputies[0]
    note = services.note_create(actor=owner, work_id=work.pk, text="Riêng tư")
    intruder = {
        "other_deputy": hall.deputies[1],
        "staff": hall.staff,
        "superuser": User.objects.create(username="root", is_superuser=True),
    }[who]
    before = audit_count()
    with pytest.raises(NotFoundError):
        access_note(intruder, note.pk)
    with pytest.raises(NotFoundError):
        services.note_update(actor=intruder, note_id=note.pk, text="Sửa trộm")
    with pytest.raises(NotFoundError):
        services.note_delete(actor=intruder, note_id=note.pk)
    assert list(my_notes(user=intruder)) == []
    note.refresh_from_db()
    assert note.text == "Riêng tư"
    assert audit_count() == before


def test_note_on_unreadable_work_or_unknown_provision(hall: Hall, work: Work) -> None:
    from nghitruong.meetings.tests.conftest import build_hall, make_people

    outsider = make_people(build_hall("qh9", open_sitting=False).body, ["Người ngoài"], prefix="o")[
        0
    ]
    with pytest.raises(NotFoundError):
        services.note_create(actor=outsider, work_id=work.pk, text="x")
    with pytest.raises(ApplicationError) as exc:
        services.note_create(
            actor=hall.deputies[0], work_id=work.pk, provision_eid="art_99", text="x"
        )
    assert exc.value.code == "invalid_provision"
    with pytest.raises(ApplicationError) as exc:
        services.note_create(
            actor=hall.deputies[0], work_id=work.pk, highlights=[{"start": 5, "end": 5}]
        )
    assert exc.value.code == "invalid_highlights"
    assert not Note.objects.exists()


def test_audit_never_records_note_text(hall: Hall, work: Work) -> None:
    from nghitruong.core.models import AuditEntry

    services.note_create(actor=hall.deputies[0], work_id=work.pk, text="Bí mật cá nhân")
    entry = AuditEntry.objects.get(action="note.create")
    assert "Bí mật cá nhân" not in str(entry.after)
