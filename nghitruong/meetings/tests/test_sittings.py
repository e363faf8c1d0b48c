"""Session and sitting state machines, the agenda, the current-item pointer, packages."""

import datetime as dt

import pytest

from nghitruong.core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Work
from nghitruong.meetings import services
from nghitruong.meetings.models import AgendaItem, Session, Sitting
from nghitruong.meetings.selectors import package_entries, sitting_agenda
from nghitruong.meetings.tests.conftest import Hall, audit_count, build_hall, make_people


def test_session_and_sitting_lifecycle(planned_hall: Hall) -> None:
    h = planned_hall
    with pytest.raises(ConflictError) as exc:
        services.sitting_open(actor=h.staff, sitting=h.sitting)
    assert exc.value.code == "session_not_open"
    services.session_open(actor=h.staff, session=h.session)
    services.sitting_open(actor=h.staff, sitting=h.sitting)
    h.sitting.refresh_from_db()
    assert h.sitting.state == Sitting.State.OPEN
    assert h.sitting.opened_at is not None
    with pytest.raises(ConflictError, match="Còn phiên họp đang diễn ra"):
        services.session_close(actor=h.staff, session=h.session)
    services.sitting_close(actor=h.staff, sitting=h.sitting)
    services.session_close(actor=h.staff, session=h.session)
    h.session.refresh_from_db()
    assert h.session.state == Session.State.CLOSED
    actions = list(
        AuditEntry.objects.filter(
            action__in=["session.open", "sitting.open", "sitting.close", "session.close"]
        ).values_list("action", flat=True)
    )
    assert actions == ["session.open", "sitting.open", "sitting.close", "session.close"]


@pytest.mark.parametrize("transition", ["sitting_open", "sitting_close"])
def test_wrong_source_state_refused_and_nothing_changes(hall: Hall, transition: str) -> None:
    services.sitting_close(actor=hall.staff, sitting=hall.sitting)
    before = audit_count()
    with pytest.raises(ConflictError) as exc:
        getattr(services, transition)(actor=hall.staff, sitting=hall.sitting)
    assert exc.value.code == "wrong_state"
    hall.sitting.refresh_from_db()
    assert hall.sitting.state == Sitting.State.CLOSED
    assert audit_count() == before


def test_deputy_cannot_open_or_close(planned_hall: Hall) -> None:
    h = planned_hall
    services.session_open(actor=h.staff, session=h.session)
    before = audit_count()
    with pytest.raises(PermissionDeniedError):
        services.sitting_open(actor=h.deputies[0], sitting=h.sitting)
    h.sitting.refresh_from_db()
    assert h.sitting.state == Sitting.State.PLANNED
    assert audit_count() == before


def test_staff_of_another_body_is_refused(hall: Hall) -> None:
    other = build_hall("hdnd-x", kind="provincial_council", open_sitting=False)
    with pytest.raises(PermissionDeniedError):
        services.sitting_close(actor=other.staff, sitting=hall.sitting)
    hall.sitting.refresh_from_db()
    assert hall.sitting.state == Sitting.State.OPEN


def test_duplicate_session_number_refused(hall: Hall) -> None:
    with pytest.raises(ConflictError) as exc:
        services.session_create(
            actor=hall.staff,
            body=hall.body,
            number=10,
            title="Trùng",
            start_date=dt.date(2026, 1, 5),
        )
    assert exc.value.code == "duplicate_session"
    assert Session.objects.filter(body=hall.body).count() == 1


def test_agenda_reorder_and_current_item(hall: Hall) -> None:
    first, second = hall.items
    services.agenda_item_reorder(
        actor=hall.staff, sitting=hall.sitting, item_ids=[second.pk, first.pk]
    )
    assert list(hall.sitting.items.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    with pytest.raises(Exception, match="exactly once"):
        services.agenda_item_reorder(actor=hall.staff, sitting=hall.sitting, item_ids=[first.pk])
    services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=second)
    lines = sitting_agenda(sitting=hall.sitting, user=hall.deputies[0])
    assert [(line.item.pk, line.is_current) for line in lines] == [
        (second.pk, True),
        (first.pk, False),
    ]


def test_current_item_of_another_sitting_is_not_found(hall: Hall) -> None:
    other = services.sitting_create(
        actor=hall.staff,
        session=hall.session,
        kind=Sitting.Kind.PLENARY,
        title="Phiên khác",
        date=dt.date(2026, 11, 24),
    )
    foreign = services.agenda_item_create(
        actor=hall.staff, sitting=other, title="Khác", kind=AgendaItem.Kind.PROCEDURAL
    )
    with pytest.raises(NotFoundError):
        services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=foreign)
    hall.sitting.refresh_from_db()
    assert hall.sitting.current_item_id is None


def test_current_item_needs_open_sitting(planned_hall: Hall) -> None:
    with pytest.raises(ConflictError):
        services.current_item_set(
            actor=planned_hall.staff, sitting=planned_hall.sitting, item=planned_hall.items[0]
        )


def _work(hall: Hall, uri: str, confidentiality: str) -> Work:
    return Work.objects.create(
        body=hall.body,
        frbr_uri=uri,
        doc_type="submission",
        title=f"Tờ trình {uri}",
        confidentiality=confidentiality,
    )


def test_confidential_package_entries_hidden_from_outsiders(hall: Hall) -> None:
    item = hall.items[0]
    public = _work(hall, "/akn/vn/act/a", "public")
    internal = _work(hall, "/akn/vn/act/b", "internal")
    secret = _work(hall, "/akn/vn/act/c", "confidential")
    for work in (public, internal, secret):
        services.package_entry_add(actor=hall.staff, item=item, work_id=work.pk)
    outsider = make_people(build_hall("qh2").body, ["Người ngoài"], prefix="x")[0]

    def titles(user: object) -> list[str]:
        return [entry.work.frbr_uri for entry in package_entries(item=item, user=user)]

    assert titles(hall.staff) == ["/akn/vn/act/a", "/akn/vn/act/b", "/akn/vn/act/c"]
    assert titles(hall.deputies[0]) == ["/akn/vn/act/a", "/akn/vn/act/b"]
    assert titles(outsider) == ["/akn/vn/act/a"]
    lines = sitting_agenda(sitting=hall.sitting, user=hall.deputies[0])
    assert [e.work.frbr_uri for e in lines[0].documents] == ["/akn/vn/act/a", "/akn/vn/act/b"]


def test_staff_cannot_add_a_document_they_cannot_read(hall: Hall) -> None:
    other = build_hall("qh3", open_sitting=False)
    hidden = _work(other, "/akn/vn/act/z", "confidential")
    with pytest.raises(NotFoundError):
        services.package_entry_add(actor=hall.staff, item=hall.items[0], work_id=hidden.pk)
    assert hall.items[0].documents.count() == 0
