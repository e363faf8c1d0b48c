"""Directives and tasks: creation, the task state machine (one service per transition), progress
reports, comments and deadline extensions. Every write is audited as its transaction's last write.
"""

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.tracking import rules
from nghitruong.tracking.models import (
    Comment,
    Directive,
    ExtensionRequest,
    Priority,
    ProgressReport,
    ReportAttachment,
    SourceKind,
    Task,
)
from nghitruong.tracking.permissions import (
    DENIED,
    can_manage,
    is_owner,
    require_manage,
    require_manage_body,
    require_report,
    task_scope,
)
from nghitruong.tracking.services._common import (
    lock_task,
    require_text,
    task_snapshot,
    task_transition,
    today,
)

TA = rules.TaskAction
MAX_ATTACHMENT = 20 * 1024 * 1024
# A file named as classified is refused (the platform never holds state secrets).
SECRET_MARK = re.compile(r"(?<!\w)(?:TUYỆT MẬT|TỐI MẬT|MẬT)(?!\w)")


def directive_create(
    *,
    actor: Any,
    body: ElectedBody,
    title: str,
    issued_on: dt.date,
    source_kind: str = SourceKind.DIRECTIVE,
    text: str = "",
    number: str = "",
    issued_by: Person | None = None,
    work: Any = None,
    provision_eid: str = "",
) -> Directive:
    """Record a directive / sitting conclusion / resolution / petition commitment of ``body``."""
    require_manage_body(actor, body)
    if source_kind not in SourceKind.values:
        raise ApplicationError(
            "Loại nguồn không hợp lệ / Invalid source kind", code="invalid_source_kind"
        )
    title = require_text(title, field="title", message="Thiếu trích yếu / A title is required")
    with transaction.atomic():
        directive = Directive.objects.create(
            body=body,
            source_kind=source_kind,
            number=number.strip()[:100],
            title=title[:500],
            text=require_text(text or title, field="text", message="Thiếu nội dung / Text needed"),
            issued_by=issued_by,
            issued_on=issued_on,
            work=work,
            provision_eid=provision_eid,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="tracking.directive_create",
            obj=directive,
            body=body,
            after={"title": directive.title, "source_kind": source_kind, "issued_on": issued_on},
        )
    return directive


def task_create(
    *,
    actor: Any,
    body: ElectedBody,
    title: str,
    deadline: dt.date,
    owner_agency: Agency | None = None,
    owner_person: Person | None = None,
    co_agencies: Iterable[Agency] = (),
    deliverable: str = "",
    description: str = "",
    priority: str = Priority.NORMAL,
    directive: Directive | None = None,
    parent: Task | None = None,
    recurrence: Any = None,
    period_key: str = "",
) -> Task:
    """Assign a task (status ``assigned``). It needs an owner (agency or person) and a deadline
    ("six clear"); a sub-task belongs to its parent's body and may not outlast it."""
    require_manage_body(actor, body)
    title = require_text(title, field="title", message="Thiếu tên nhiệm vụ / A title is required")
    if owner_agency is None and owner_person is None:
        raise ApplicationError(
            "Phải giao cho một cơ quan hoặc một người / An owner agency or person is required",
            code="owner_required",
            detail="owner",
        )
    if priority not in Priority.values:
        raise ApplicationError(
            "Mức ưu tiên không hợp lệ / Invalid priority", code="invalid_priority"
        )
    if directive is not None and directive.body_id != body.pk:
        raise ApplicationError(
            "Chỉ đạo thuộc cơ quan khác / The directive belongs to another body",
            code="wrong_body",
        )
    if parent is not None:
        if parent.body_id != body.pk:
            raise ApplicationError(
                "Nhiệm vụ cha thuộc cơ quan khác / The parent task belongs to another body",
                code="wrong_body",
            )
        if parent.status in (Task.Status.DONE, Task.Status.CANCELLED):
            raise ConflictError(
                "Nhiệm vụ cha đã kết thúc / The parent task is closed", code="parent_closed"
            )
        if deadline > parent.deadline:
            raise ApplicationError(
                "Thời hạn nhiệm vụ con sau thời hạn nhiệm vụ cha / "
                "A sub-task's deadline cannot be after its parent's",
                code="deadline_after_parent",
                detail="deadline",
            )
    co = [a for a in co_agencies if owner_agency is None or a.pk != owner_agency.pk]
    with transaction.atomic():
        task = Task.objects.create(
            body=body,
            directive=directive,
            parent=parent,
            recurrence=recurrence,
            period_key=period_key,
            title=title[:500],
            description=description.strip(),
            deliverable=deliverable.strip()[:300],
            owner_agency=owner_agency,
            owner_person=owner_person,
            deadline=deadline,
            original_deadline=deadline,
            priority=priority,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if co:
            task.co_agencies.set(co)
        audit_record(
            actor=actor,
            action="tracking.task_create",
            obj=task,
            body=body,
            after=task_snapshot(task) | {"co_agencies": sorted(a.pk for a in co)},
        )
    return task


def _save(task: Task, before: dict[str, Any], actor: Any, action: str, **extra: Any) -> None:
    task.save()
    audit_record(
        actor=actor,
        action=action,
        obj=task,
        body=task.body,
        before=before,
        after=task_snapshot(task) | extra,
    )


def task_start(*, actor: Any, task: Task) -> Task:
    """assigned → in progress (also done implicitly by the first progress report)."""
    require_report(actor, task)
    with transaction.atomic():
        task = lock_task(task)
        before = task_snapshot(task)
        task.status = task_transition(task, TA.START)
        _save(task, before, actor, "tracking.task_start")
    return task


def task_complete(*, actor: Any, task: Task, result: str, on: dt.date | None = None) -> Task:
    """→ done, with the result ("rõ kết quả"). Late when ``on`` is after the deadline."""
    require_report(actor, task)
    result = require_text(
        result, field="result", message="Phải nêu kết quả / The result is required", min_length=5
    )
    with transaction.atomic():
        task = lock_task(task)
        before = task_snapshot(task)
        task.status = task_transition(task, TA.COMPLETE)
        open_children = task.subtasks.filter(status__in=list(rules.OPEN_STATUSES)).count()
        if open_children:
            raise ConflictError(
                f"Còn {open_children} nhiệm vụ con chưa xong / {open_children} sub-task(s) open",
                code="open_subtasks",
            )
        task.result = result
        task.completed_on = on or today()
        task.progress = 100
        _save(task, before, actor, "tracking.task_complete", result=result)
    return task


def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    require_manage(actor, task)
    reason = require_text(
        reason, field="reason", message="Phải nêu lý do / A reason is required", min_length=5
    )
    with transaction.atomic():
        task = lock_task(task)
        before = task_snapshot(task)
        task.status = task_transition(task, TA.CANCEL)
        task.cancel_reason = reason[:500]
        _save(task, before, actor, "tracking.task_cancel", reason=reason)
    return task


def tasks_check_deadlines(*, on: dt.date | None = None) -> dict[str, Any]:
    """The daily run: every open task whose deadline is before ``on`` becomes overdue
    (``rules.is_overdue_on``); idempotent. Returns the ids marked."""
    day = on or today()
    marked: list[int] = []
    candidates = Task.objects.filter(
        status__in=[Task.Status.ASSIGNED, Task.Status.IN_PROGRESS], deadline__lt=day
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            task = Task.objects.select_for_update().select_related("body").get(pk=pk)
            if not rules.is_overdue_on(task.deadline, day):
                continue
            if rules.next_task_status(TA.MARK_OVERDUE, task.status) is None:
                continue
            before = task_snapshot(task)
            task.status = task_transition(task, TA.MARK_OVERDUE)
            _save(task, before, None, "tracking.task_mark_overdue", checked_on=day)
            marked.append(task.pk)
    return {"date": day.isoformat(), "marked_overdue": marked}


def _check_attachment(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > MAX_ATTACHMENT:
        raise ApplicationError(
            "Tệp quá lớn (tối đa 20 MB) / File too large (max 20 MB)", code="file_too_large"
        )
    name = re.sub(r"[_\-.]+", " ", unicodedata.normalize("NFC", upload.name or "").upper())
    if SECRET_MARK.search(name):
        raise ApplicationError(
            "Không nhận tài liệu mật / Classified documents are refused", code="state_secret"
        )


def progress_report_create(
    *,
    actor: Any,
    task: Task,
    percent: int,
    text: str,
    attachments: Sequence[UploadedFile] = (),
) -> ProgressReport:
    """The owner reports progress; the first report starts an assigned task."""
    require_report(actor, task)
    if not 0 <= int(percent) <= 100:
        raise ApplicationError(
            "Tiến độ phải từ 0 đến 100 / Progress must be 0–100",
            code="invalid_percent",
            detail="percent",
        )
    text = require_text(text, field="text", message="Thiếu nội dung báo cáo / Report text needed")
    for upload in attachments:
        _check_attachment(upload)
    with transaction.atomic():
        task = lock_task(task)
        if task.status not in rules.OPEN_STATUSES:
            raise ConflictError(
                "Nhiệm vụ đã kết thúc / The task is closed",
                code="wrong_state",
                detail={"status": task.status},
            )
        before = task_snapshot(task)
        if task.status == Task.Status.ASSIGNED:
            task.status = task_transition(task, TA.START)
        task.progress = int(percent)
        report = ProgressReport.objects.create(
            task=task, author=actor, reported_at=timezone.now(), percent=int(percent), text=text
        )
        for upload in attachments:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            ReportAttachment.objects.create(
                report=report,
                file=upload,
                original_name=(upload.name or "tep")[:255],
                size=upload.size or 0,
                sha256=digest.hexdigest(),
            )
        _save(task, before, actor, "tracking.progress_report", report=report.pk, text=text)
    return report


def comment_create(*, actor: Any, task: Task, text: str) -> Comment:
    """Anyone who can read the task comments on it."""
    if not Task.objects.filter(task_scope(actor), pk=task.pk).exists():
        raise PermissionDeniedError(DENIED)
    text = require_text(text, field="text", message="Thiếu nội dung / Text is required")
    with transaction.atomic():
        comment = Comment.objects.create(
            task=task, author=actor, created_at=timezone.now(), text=text
        )
        audit_record(
            actor=actor,
            action="tracking.comment_create",
            obj=comment,
            body=task.body,
            after={"task": task.pk, "text": text},
        )
    return comment


def extension_request_create(
    *, actor: Any, task: Task, requested_deadline: dt.date, reason: str
) -> ExtensionRequest:
    """The owner asks for a later deadline (one pending request per task)."""
    if not is_owner(actor, task) and not can_manage(actor, task):
        raise PermissionDeniedError(DENIED, code="not_owner")
    reason = require_text(
        reason, field="reason", message="Phải nêu lý do / A reason is required", min_length=5
    )
    with transaction.atomic():
        task = lock_task(task)
        if task.status not in rules.OPEN_STATUSES:
            raise ConflictError(
                "Nhiệm vụ đã kết thúc / The task is closed",
                code="wrong_state",
                detail={"status": task.status},
            )
        if requested_deadline <= task.deadline:
            raise ApplicationError(
                "Thời hạn đề nghị phải sau thời hạn hiện tại / "
                "The requested deadline must be after the current one",
                code="deadline_not_later",
                detail="requested_deadline",
            )
        if task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
            raise ConflictError(
                "Đã có đề nghị gia hạn đang chờ duyệt / An extension request is already pending",
                code="extension_pending",
            )
        ext = ExtensionRequest.objects.create(
            task=task,
            requested_by=actor,
            current_deadline=task.deadline,
            requested_deadline=requested_deadline,
            reason=reason,
        )
        audit_record(
            actor=actor,
            action="tracking.extension_request",
            obj=ext,
            body=task.body,
            after={
                "task": task.pk,
                "from": task.deadline,
                "to": requested_deadline,
                "reason": reason,
            },
        )
    return ext


def _decide(ext: ExtensionRequest, actor: Any) -> ExtensionRequest:
    require_manage(actor, ext.task)
    if actor is None or ext.requested_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError(
            "Người đề nghị không tự duyệt được / The requester cannot decide the request",
            code="self_approval",
        )
    locked = ExtensionRequest.objects.select_for_update().get(pk=ext.pk)
    if locked.status != ExtensionRequest.Status.PENDING:
        raise ConflictError(
            "Đề nghị đã được xử lý / The request was already decided",
            code="wrong_state",
            detail={"status": locked.status},
        )
    return locked


def extension_approve(
    *, actor: Any, extension: ExtensionRequest, note: str = ""
) -> ExtensionRequest:
    """pending → approved: the task's deadline moves; an overdue task resumes (rules.EXTEND)."""
    with transaction.atomic():
        ext = _decide(extension, actor)
        task = lock_task(ext.task)
        before = task_snapshot(task)
        target = task_transition(task, TA.EXTEND)
        ext.status = ExtensionRequest.Status.APPROVED
        ext.decided_by = actor
        ext.decided_at = timezone.now()
        ext.decision_note = note.strip()[:500]
        ext.save()
        task.status = target
        task.deadline = ext.requested_deadline
        _save(task, before, actor, "tracking.extension_approve", extension=ext.pk, note=note)
    return ext


def extension_reject(*, actor: Any, extension: ExtensionRequest, note: str) -> ExtensionRequest:
    note = require_text(
        note, field="note", message="Phải nêu lý do từ chối / A reason is required", min_length=5
    )
    with transaction.atomic():
        ext = _decide(extension, actor)
        ext.status = ExtensionRequest.Status.REJECTED
        ext.decided_by = actor
        ext.decided_at = timezone.now()
        ext.decision_note = note[:500]
        ext.save()
        audit_record(
            actor=actor,
            action="tracking.extension_reject",
            obj=ext,
            body=ext.task.body,
            before={"status": "pending"},
            after={"status": "rejected", "note": note},
        )
    return ext
