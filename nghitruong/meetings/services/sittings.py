"""Sessions and sittings, their state machines, the agenda, the current-item pointer, packages.

Session: planned → open → closed (``session_open``, ``session_close``).
Sitting: planned → open → closed (``sitting_open``, ``sitting_close``); a sitting opens only while
its session is open. Every service here is a chair/staff action (``require_staff``), writes under a
row lock, appends one audit entry as its last write and publishes its event after commit.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, NotFoundError
from nghitruong.core.models import ElectedBody, Term
from nghitruong.documents.models import Expression, Work
from nghitruong.documents.permissions import access_work
from nghitruong.meetings.events import publish_on_commit
from nghitruong.meetings.models import (
    AgendaItem,
    DocumentPackageEntry,
    QuestioningGroup,
    Session,
    Sitting,
    SpeakerRequest,
)
from nghitruong.meetings.services._common import (
    clean_text,
    lock,
    optional_text,
    require_state,
)

SESSION_STATE_MESSAGES = {
    Session.State.PLANNED: "Kỳ họp chưa khai mạc / The session has not opened",
    Session.State.OPEN: "Kỳ họp đang diễn ra / The session is open",
    Session.State.CLOSED: "Kỳ họp đã bế mạc / The session is closed",
}
SITTING_STATE_MESSAGES = {
    Sitting.State.PLANNED: "Phiên họp chưa bắt đầu / The sitting has not opened",
    Sitting.State.OPEN: "Phiên họp đang diễn ra / The sitting is open",
    Sitting.State.CLOSED: "Phiên họp đã kết thúc / The sitting is closed",
}


def _sitting_payload(sitting: Sitting, **extra: Any) -> dict[str, Any]:
    return {
        "sitting_id": sitting.pk,
        "body_id": sitting.body_id,
        "state_secrets": sitting.contains_state_secrets,
        **extra,
    }


# --- sessions ------------------------------------------------------------------------------------


def session_create(
    *,
    actor: Any,
    body: ElectedBody,
    number: int,
    title: str,
    start_date: dt.date,
    kind: str = Session.Kind.REGULAR,
    term: Term | None = None,
    end_date: dt.date | None = None,
) -> Session:
    require_staff(actor, body)
    title = clean_text(title, max_length=300, code="invalid_title", label="Tên kỳ họp")
    if kind not in Session.Kind.values:
        raise ApplicationError(
            "Loại kỳ họp không hợp lệ / Unknown session kind", code="invalid_kind"
        )
    if number < 1:
        raise ApplicationError(
            "Số kỳ họp phải từ 1 / The number must be ≥ 1", code="invalid_number"
        )
    if term is not None and term.body_id != body.pk:
        raise ApplicationError(
            "Nhiệm kỳ không thuộc cơ quan / The term belongs to another body", code="invalid_term"
        )
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            "Ngày bế mạc trước ngày khai mạc / The end date is before the start date",
            code="invalid_dates",
        )
    if Session.objects.filter(body=body, term=term, number=number).exists():
        raise ConflictError(
            "Kỳ họp với số này đã có / A session with this number exists", code="duplicate_session"
        )
    with transaction.atomic():
        session = Session.objects.create(
            body=body,
            term=term,
            number=number,
            kind=kind,
            title=title,
            start_date=start_date,
            end_date=end_date,
        )
        audit_record(
            actor=actor,
            action="session.create",
            obj=session,
            body=body,
            after={"number": number, "kind": kind, "title": title, "start_date": start_date},
        )
    return session


def _session_transition(
    actor: Any, session: Session, source: str, target: str, action: str
) -> Session:
    require_staff(actor, session.body)
    with transaction.atomic():
        lock(session)
        require_state(session, source, message=SESSION_STATE_MESSAGES[Session.State(session.state)])
        if (
            target == Session.State.CLOSED
            and session.sittings.filter(state=Sitting.State.OPEN).exists()
        ):
            raise ConflictError(
                "Còn phiên họp đang diễn ra / A sitting is still open", code="sitting_open"
            )
        session.state = target
        session.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=session,
            body=session.body,
            before={"state": source},
            after={"state": target},
        )
    publish_on_commit(action, {"session_id": session.pk, "body_id": session.body_id})
    return session


def session_open(*, actor: Any, session: Session) -> Session:
    return _session_transition(
        actor, session, Session.State.PLANNED, Session.State.OPEN, "session.open"
    )


def session_close(*, actor: Any, session: Session) -> Session:
    return _session_transition(
        actor, session, Session.State.OPEN, Session.State.CLOSED, "session.close"
    )


# --- sittings ------------------------------------------------------------------------------------


def sitting_create(
    *,
    actor: Any,
    session: Session,
    kind: str,
    title: str,
    date: dt.date,
    planned_start: dt.time | None = None,
    location: str = "",
    contains_state_secrets: bool = False,
) -> Sitting:
    require_staff(actor, session.body)
    title = clean_text(title, max_length=300, code="invalid_title", label="Tên phiên họp")
    if kind not in Sitting.Kind.values:
        raise ApplicationError(
            "Hình thức phiên họp không hợp lệ / Unknown sitting kind", code="invalid_kind"
        )
    if session.state == Session.State.CLOSED:
        raise ConflictError(SESSION_STATE_MESSAGES[Session.State.CLOSED], code="wrong_state")
    with transaction.atomic():
        sitting = Sitting.objects.create(
            session=session,
            body=session.body,
            kind=kind,
            title=title,
            date=date,
            planned_start=planned_start,
            location=optional_text(location, max_length=200),
            contains_state_secrets=bool(contains_state_secrets),
        )
        audit_record(
            actor=actor,
            action="sitting.create",
            obj=sitting,
            body=session.body,
            after={
                "session_id": session.pk,
                "kind": kind,
                "title": title,
                "date": date,
                "contains_state_secrets": sitting.contains_state_secrets,
            },
        )
    return sitting


def sitting_open(*, actor: Any, sitting: Sitting) -> Sitting:
    """planned → open; the session must be open."""
    require_staff(actor, sitting.body)
    with transaction.atomic():
        lock(sitting)
        require_state(
            sitting,
            Sitting.State.PLANNED,
            message=SITTING_STATE_MESSAGES[Sitting.State(sitting.state)],
        )
        if Session.objects.get(pk=sitting.session_id).state != Session.State.OPEN:
            raise ConflictError(
                "Kỳ họp chưa khai mạc hoặc đã bế mạc / The session is not open",
                code="session_not_open",
            )
        sitting.state = Sitting.State.OPEN
        sitting.opened_at = timezone.now()
        sitting.save(update_fields=["state", "opened_at", "updated_at"])
        audit_record(
            actor=actor,
            action="sitting.open",
            obj=sitting,
            body=sitting.body,
            before={"state": Sitting.State.PLANNED},
            after={"state": sitting.state},
        )
    publish_on_commit("sitting.opened", _sitting_payload(sitting))
    return sitting


def sitting_close(*, actor: Any, sitting: Sitting) -> Sitting:
    """open → closed; refused while someone holds the floor. Clears the current-item pointer."""
    require_staff(actor, sitting.body)
    with transaction.atomic():
        lock(sitting)
        require_state(
            sitting,
            Sitting.State.OPEN,
            message=SITTING_STATE_MESSAGES[Sitting.State(sitting.state)],
        )
        if SpeakerRequest.objects.filter(
            item__sitting=sitting, state=SpeakerRequest.State.SPEAKING
        ).exists():
            raise ConflictError(
                "Còn đại biểu đang phát biểu / Someone is still speaking", code="speaker_active"
            )
        sitting.state = Sitting.State.CLOSED
        sitting.closed_at = timezone.now()
        sitting.current_item = None
        sitting.save(update_fields=["state", "closed_at", "current_item", "updated_at"])
        audit_record(
            actor=actor,
            action="sitting.close",
            obj=sitting,
            body=sitting.body,
            before={"state": Sitting.State.OPEN},
            after={"state": sitting.state},
        )
    publish_on_commit("sitting.closed", _sitting_payload(sitting))
    return sitting


# --- agenda --------------------------------------------------------------------------------------


def agenda_item_create(
    *,
    actor: Any,
    sitting: Sitting,
    title: str,
    kind: str,
    presenters: list[str] | None = None,
    description: str = "",
    planned_minutes: int | None = None,
) -> AgendaItem:
    """Append an item to the agenda of a sitting that has not closed."""
    require_staff(actor, sitting.body)
    title = clean_text(title, max_length=500, code="invalid_title", label="Nội dung")
    if kind not in AgendaItem.Kind.values:
        raise ApplicationError(
            "Loại nội dung không hợp lệ / Unknown item kind", code="invalid_kind"
        )
    names = [optional_text(name, max_length=200) for name in presenters or []]
    with transaction.atomic():
        lock(sitting)
        if sitting.state == Sitting.State.CLOSED:
            raise ConflictError(SITTING_STATE_MESSAGES[Sitting.State.CLOSED], code="wrong_state")
        position = sitting.items.count() + 1
        item = AgendaItem.objects.create(
            sitting=sitting,
            position=position,
            title=title,
            kind=kind,
            presenters=[name for name in names if name],
            description=optional_text(description, max_length=5000),
            planned_minutes=planned_minutes,
        )
        audit_record(
            actor=actor,
            action="agenda_item.create",
            obj=item,
            body=sitting.body,
            after={"sitting_id": sitting.pk, "position": position, "title": title, "kind": kind},
        )
    publish_on_commit("agenda.changed", _sitting_payload(sitting))
    return item


def agenda_item_reorder(*, actor: Any, sitting: Sitting, item_ids: list[int]) -> list[AgendaItem]:
    """Set the agenda order; ``item_ids`` must list every item of the sitting exactly once."""
    require_staff(actor, sitting.body)
    with transaction.atomic():
        lock(sitting)
        if sitting.state == Sitting.State.CLOSED:
            raise ConflictError(SITTING_STATE_MESSAGES[Sitting.State.CLOSED], code="wrong_state")
        items = {item.pk: item for item in sitting.items.all()}
        if len(item_ids) != len(items) or set(item_ids) != set(items):
            raise ApplicationError(
                "Danh sách phải gồm đúng mọi nội dung của phiên họp / "
                "The list must contain every item of the sitting exactly once",
                code="invalid_order",
            )
        before = [item.pk for item in sorted(items.values(), key=lambda i: (i.position, i.pk))]
        for position, item_id in enumerate(item_ids, start=1):
            items[item_id].position = position
        AgendaItem.objects.bulk_update(items.values(), ["position"])
        audit_record(
            actor=actor,
            action="agenda_item.reorder",
            obj=sitting,
            body=sitting.body,
            before={"order": before},
            after={"order": list(item_ids)},
        )
    publish_on_commit("agenda.changed", _sitting_payload(sitting))
    return [items[item_id] for item_id in item_ids]


def current_item_set(*, actor: Any, sitting: Sitting, item: AgendaItem | None) -> Sitting:
    """Move the live "current item" pointer (only while the sitting is open); None clears it."""
    require_staff(actor, sitting.body)
    if item is not None and item.sitting_id != sitting.pk:
        raise NotFoundError("Không tìm thấy nội dung chương trình / Agenda item not found")
    with transaction.atomic():
        lock(sitting)
        require_state(
            sitting,
            Sitting.State.OPEN,
            message=SITTING_STATE_MESSAGES[Sitting.State(sitting.state)],
        )
        before = sitting.current_item_id
        sitting.current_item = item
        sitting.save(update_fields=["current_item", "updated_at"])
        audit_record(
            actor=actor,
            action="sitting.current_item",
            obj=sitting,
            body=sitting.body,
            before={"current_item_id": before},
            after={"current_item_id": item.pk if item else None},
        )
    publish_on_commit(
        "sitting.current_item",
        _sitting_payload(sitting, item_id=item.pk if item is not None else None),
    )
    return sitting


# --- document packages and questioning groups ------------------------------------------------


def package_entry_add(
    *,
    actor: Any,
    item: AgendaItem,
    work_id: int,
    expression_id: int | None = None,
    note: str = "",
) -> DocumentPackageEntry:
    """Add a knowledge-base document to an item's package. Staff must be able to read it."""
    sitting = item.sitting
    require_staff(actor, sitting.body)
    work: Work = access_work(actor, work_id)
    expression = None
    if expression_id is not None:
        expression = Expression.objects.filter(pk=expression_id, work=work).first()
        if expression is None:
            raise NotFoundError("Không tìm thấy phiên bản văn bản / Version not found")
    with transaction.atomic():
        lock(item)
        if item.documents.filter(work=work).exists():
            raise ConflictError(
                "Văn bản đã có trong bộ tài liệu / The document is already in the package",
                code="duplicate_document",
            )
        entry = DocumentPackageEntry.objects.create(
            item=item,
            work=work,
            expression=expression,
            position=item.documents.count() + 1,
            note=optional_text(note, max_length=300),
            added_at=timezone.now(),
            added_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="package.add",
            obj=entry,
            body=sitting.body,
            after={"item_id": item.pk, "work_id": work.pk, "expression_id": expression_id},
        )
    publish_on_commit("package.changed", _sitting_payload(sitting, item_id=item.pk))
    return entry


def package_entry_remove(*, actor: Any, entry: DocumentPackageEntry) -> None:
    sitting = entry.item.sitting
    require_staff(actor, sitting.body)
    with transaction.atomic():
        snapshot = {"item_id": entry.item_id, "work_id": entry.work_id}
        entry_id = entry.pk
        entry.delete()
        audit_record(
            actor=actor,
            action="package.remove",
            body=sitting.body,
            object_type="meetings.documentpackageentry",
            object_id=str(entry_id),
            before=snapshot,
        )
    publish_on_commit("package.changed", _sitting_payload(sitting, item_id=snapshot["item_id"]))


def questioning_group_create(
    *, actor: Any, item: AgendaItem, title: str, officials: list[str] | None = None
) -> QuestioningGroup:
    """A group of issues on a questioning item, with the officials to be questioned."""
    sitting = item.sitting
    require_staff(actor, sitting.body)
    if item.kind != AgendaItem.Kind.QUESTIONING:
        raise ApplicationError(
            "Chỉ nội dung chất vấn mới có nhóm vấn đề / Only questioning items have issue groups",
            code="not_questioning",
        )
    title = clean_text(title, max_length=500, code="invalid_title", label="Nhóm vấn đề")
    names = [optional_text(name, max_length=200) for name in officials or []]
    with transaction.atomic():
        lock(item)
        group = QuestioningGroup.objects.create(
            item=item,
            position=item.question_groups.count() + 1,
            title=title,
            officials=[name for name in names if name],
        )
        audit_record(
            actor=actor,
            action="questioning_group.create",
            obj=group,
            body=sitting.body,
            after={"item_id": item.pk, "title": title, "officials": group.officials},
        )
    return group
