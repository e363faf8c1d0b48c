"""Private notes and highlights on documents. Only the owner ever reads, changes or deletes one.

A note is on a work the owner may read (``documents.permissions.access_work``), optionally on one
provision by its eid; highlights are character ranges ``{"start", "end"}`` in that provision's text.
The audit entry records that a note changed, never its text (it is private).
"""

import unicodedata
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, PermissionDeniedError
from nghitruong.documents.models import Provision
from nghitruong.documents.permissions import access_work
from nghitruong.meetings.models import Note
from nghitruong.meetings.permissions import access_note

MAX_HIGHLIGHTS = 200
MAX_NOTE = 20000


def _clean_highlights(value: Any) -> list[dict[str, int]]:
    error = ApplicationError(
        "Đánh dấu không hợp lệ: mỗi đoạn cần 0 ≤ start < end / "
        "Invalid highlights: each range needs 0 ≤ start < end",
        code="invalid_highlights",
    )
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_HIGHLIGHTS:
        raise error
    ranges = []
    for entry in value:
        if not isinstance(entry, dict):
            raise error
        start, end = entry.get("start"), entry.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise error
        ranges.append({"start": start, "end": end})
    return sorted(ranges, key=lambda r: (r["start"], r["end"]))


def _clean_text(text: str | None) -> str:
    cleaned = unicodedata.normalize("NFC", text or "").strip()
    if len(cleaned) > MAX_NOTE:
        raise ApplicationError(
            "Ghi chú quá dài (tối đa 20.000 ký tự) / The note is too long (max 20,000)",
            code="invalid_text",
        )
    return cleaned


def note_create(
    *,
    actor: Any,
    work_id: int,
    provision_eid: str = "",
    text: str = "",
    highlights: list[dict[str, int]] | None = None,
) -> Note:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDeniedError("Cần đăng nhập / Login required", code="login_required")
    work = access_work(actor, work_id)
    eid = (provision_eid or "").strip()
    if eid and not Provision.objects.filter(expression__work=work, eid=eid).exists():
        raise ApplicationError(
            "Văn bản không có điều khoản này / The document has no such provision",
            code="invalid_provision",
        )
    cleaned, ranges = _clean_text(text), _clean_highlights(highlights)
    if not cleaned and not ranges:
        raise ApplicationError(
            "Ghi chú cần nội dung hoặc đánh dấu / A note needs text or highlights",
            code="empty_note",
        )
    now = timezone.now()
    with transaction.atomic():
        note = Note.objects.create(
            owner=actor,
            work=work,
            provision_eid=eid,
            text=cleaned,
            highlights=ranges,
            created_at=now,
            updated_at=now,
        )
        audit_record(
            actor=actor,
            action="note.create",
            obj=note,
            after={"work_id": work.pk, "provision_eid": eid},
        )
    return note


def note_update(
    *,
    actor: Any,
    note_id: int,
    text: str | None = None,
    highlights: list[dict[str, int]] | None = None,
) -> Note:
    """Change the owner's note; anyone else gets NotFoundError and nothing changes."""
    with transaction.atomic():
        note = access_note(actor, note_id)
        note = Note.objects.select_for_update().get(pk=note.pk)
        if text is not None:
            note.text = _clean_text(text)
        if highlights is not None:
            note.highlights = _clean_highlights(highlights)
        if not note.text and not note.highlights:
            raise ApplicationError(
                "Ghi chú cần nội dung hoặc đánh dấu / A note needs text or highlights",
                code="empty_note",
            )
        note.updated_at = timezone.now()
        note.save(update_fields=["text", "highlights", "updated_at"])
        audit_record(actor=actor, action="note.update", obj=note, after={"work_id": note.work_id})
    return note


def note_delete(*, actor: Any, note_id: int) -> None:
    with transaction.atomic():
        note = access_note(actor, note_id)
        pk, work_id = note.pk, note.work_id
        note.delete()
        audit_record(
            actor=actor,
            action="note.delete",
            object_type="meetings.note",
            object_id=str(pk),
            before={"work_id": work_id},
        )
