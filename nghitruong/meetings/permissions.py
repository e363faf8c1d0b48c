"""Reaching meeting objects: through the body that owns them (tenancy), else ``NotFoundError``.

Notes are different: only their owner ever reaches them — not the body's staff, not a superuser.
"""

from typing import Any

from nghitruong.accounts.permissions import accessible_body_ids
from nghitruong.core.exceptions import NotFoundError
from nghitruong.meetings.models import AgendaItem, Note, Session, Sitting, SpeakerRequest

SESSION_NOT_FOUND = "Không tìm thấy kỳ họp / Session not found"
SITTING_NOT_FOUND = "Không tìm thấy phiên họp / Sitting not found"
ITEM_NOT_FOUND = "Không tìm thấy nội dung chương trình / Agenda item not found"
SPEAKER_NOT_FOUND = "Không tìm thấy đăng ký phát biểu / Speaker request not found"
NOTE_NOT_FOUND = "Không tìm thấy ghi chú / Note not found"


def access_session(user: Any, session_id: int) -> Session:
    session = Session.objects.select_related("body", "term").filter(pk=session_id).first()
    if session is None or session.body_id not in accessible_body_ids(user):
        raise NotFoundError(SESSION_NOT_FOUND)
    return session


def access_sitting(user: Any, sitting_id: int) -> Sitting:
    sitting = (
        Sitting.objects.select_related("body", "session", "current_item")
        .filter(pk=sitting_id)
        .first()
    )
    if sitting is None or sitting.body_id not in accessible_body_ids(user):
        raise NotFoundError(SITTING_NOT_FOUND)
    return sitting


def access_agenda_item(user: Any, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("sitting__body").filter(pk=item_id).first()
    if item is None or item.sitting.body_id not in accessible_body_ids(user):
        raise NotFoundError(ITEM_NOT_FOUND)
    return item


def access_speaker_request(user: Any, request_id: int) -> SpeakerRequest:
    found = (
        SpeakerRequest.objects.select_related("item__sitting__body", "person", "group")
        .filter(pk=request_id)
        .first()
    )
    if found is None or found.item.sitting.body_id not in accessible_body_ids(user):
        raise NotFoundError(SPEAKER_NOT_FOUND)
    return found


def access_note(user: Any, note_id: int) -> Note:
    """The note if ``user`` owns it; anyone else (staff and superusers included) gets 404."""
    owner_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    note = Note.objects.select_related("work").filter(pk=note_id).first()
    if note is None or owner_id is None or note.owner_id != owner_id:
        raise NotFoundError(NOTE_NOT_FOUND)
    return note
