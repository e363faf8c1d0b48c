"""Task services: creation, every transition through the services, reports, extensions,
the daily overdue run and its idempotence; denied actions change nothing."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.tracking import services
from nghitruong.tracking.models import ExtensionRequest, ProgressReport, Task
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def _state(task: Task) -> tuple[str, dt.date, int, int]:
    task.refresh_from_db()
    return task.status, task.deadline, task.progress, AuditEntry.objects.count()


def test_directive_becomes_task_with_subtask(world: World, make_task: Any) -> None:
    directive = services.directive_create(
        actor=world.users["na_staff"],
        body=world.bodies["qh"],
        title="Ý kiến chỉ đạo của Phó Chủ tịch Quốc hội về rà soát văn bản",
        issued_on=dt.date(2026, 11, 20),
        issued_by=world.person("vice_chair"),
    )
    task = make_task(directive=directive, co_agencies=[world.agencies["byt"]], priority="high")
    sub = make_task(parent=task, agency="byt", deadline=dt.date(2026, 12, 15), title="Phần y tế")
    assert (task.status, task.priority, task.directive_id) == ("assigned", "high", directive.pk)
    assert list(task.co_agencies.values_list("code", flat=True)) == ["bo-y-te"]
    assert sub.parent_id == task.pk
    assert sub.body_id == task.body_id
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "tracking.directive_create",
        "tracking.task_create",
        "tracking.task_create",
    ]


def test_task_needs_an_owner_and_subtask_within_parent_deadline(
    world: World, make_task: Any
) -> None:
    with pytest.raises(ApplicationError) as exc:
        make_task(agency=None)
    assert exc.value.code == "owner_required"
    parent = make_task()
    with pytest.raises(ApplicationError) as exc:
        make_task(parent=parent, deadline=dt.date(2027, 1, 1))
    assert exc.value.code == "deadline_after_parent"
    assert Task.objects.count() == 1


def test_lifecycle_report_then_complete_on_time(world: World, make_task: Any) -> None:
    task = make_task()
    officer = world.users["officer_btc"]
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    report = services.progress_report_create(
        actor=officer, task=task, percent=40, text="Đã rà soát 12/30 văn bản", attachments=[upload]
    )
    task.refresh_from_db()
    assert (task.status, task.progress) == ("in_progress", 40)
    assert report.attachments.get().size == len(b"%PDF-1.4 demo")
    done = services.task_complete(
        actor=officer, task=task, result="Đã gửi báo cáo rà soát", on=dt.date(2026, 12, 31)
    )
    assert (done.status, done.progress, done.completed_on) == ("done", 100, dt.date(2026, 12, 31))
    # Final: nothing more is allowed.
    before = _state(done)
    with pytest.raises(ConflictError):
        services.task_cancel(actor=world.users["na_staff"], task=done, reason="Không cần nữa")
    with pytest.raises(ConflictError):
        services.progress_report_create(actor=officer, task=done, percent=100, text="Thêm")
    assert _state(done) == before


def test_start_twice_is_refused(world: World, make_task: Any) -> None:
    task = make_task()
    services.task_start(actor=world.users["officer_btc"], task=task)
    before = _state(task)
    with pytest.raises(ConflictError) as exc:
        services.task_start(actor=world.users["officer_btc"], task=task)
    assert exc.value.code == "wrong_state"
    assert _state(task) == before


def test_parent_cannot_complete_with_open_subtask(world: World, make_task: Any) -> None:
    parent = make_task()
    make_task(parent=parent, agency="byt", deadline=dt.date(2026, 12, 1))
    before = _state(parent)
    with pytest.raises(ConflictError) as exc:
        services.task_complete(actor=world.users["na_staff"], task=parent, result="Xong phần chính")
    assert exc.value.code == "open_subtasks"
    assert _state(parent) == before


def test_check_deadlines_marks_overdue_the_day_after_only(world: World, make_task: Any) -> None:
    due = make_task(deadline=dt.date(2026, 11, 30))
    started = make_task(deadline=dt.date(2026, 11, 30))
    services.task_start(actor=world.users["officer_btc"], task=started)
    later = make_task(deadline=dt.date(2026, 12, 1))
    done = make_task(deadline=dt.date(2026, 11, 30))
    services.task_complete(
        actor=world.users["officer_btc"],
        task=done,
        result="Đã hoàn thành",
        on=dt.date(2026, 11, 29),
    )
    assert services.tasks_check_deadlines(on=dt.date(2026, 11, 30))["marked_overdue"] == []
    result = services.tasks_check_deadlines(on=dt.date(2026, 12, 1))
    assert result["marked_overdue"] == [due.pk, started.pk]
    assert {t.pk: t.status for t in Task.objects.all()} == {
        due.pk: "overdue",
        started.pk: "overdue",
        later.pk: "assigned",
        done.pk: "done",
    }
    audits = AuditEntry.objects.count()
    assert services.tasks_check_deadlines(on=dt.date(2026, 12, 1))["marked_overdue"] == []
    assert AuditEntry.objects.count() == audits
    # Done late from overdue.
    late = services.task_complete(
        actor=world.users["officer_btc"],
        task=due,
        result="Hoàn thành muộn",
        on=dt.date(2026, 12, 3),
    )
    assert (late.status, late.completed_on) == ("done", dt.date(2026, 12, 3))


def test_extension_approved_by_staff_resumes_overdue_task(world: World, make_task: Any) -> None:
    task = make_task(deadline=dt.date(2026, 11, 30))
    services.tasks_check_deadlines(on=dt.date(2026, 12, 1))
    ext = services.extension_request_create(
        actor=world.users["officer_btc"],
        task=task,
        requested_deadline=dt.date(2027, 1, 31),
        reason="Chờ ý kiến các bộ phối hợp",
    )
    assert (ext.status, ext.current_deadline) == ("pending", dt.date(2026, 11, 30))
    with pytest.raises(ConflictError) as exc:
        services.extension_request_create(
            actor=world.users["officer_btc"],
            task=task,
            requested_deadline=dt.date(2027, 2, 1),
            reason="Đề nghị thứ hai",
        )
    assert exc.value.code == "extension_pending"
    approved = services.extension_approve(actor=world.users["na_staff"], extension=ext)
    task.refresh_from_db()
    assert approved.status == "approved"
    assert approved.decided_by == world.users["na_staff"]
    assert (task.status, task.deadline, task.original_deadline) == (
        "in_progress",
        dt.date(2027, 1, 31),
        dt.date(2026, 11, 30),
    )
    with pytest.raises(ConflictError):
        services.extension_approve(actor=world.users["na_staff"], extension=approved)


def test_extension_refusals_change_nothing(world: World, make_task: Any) -> None:
    task = make_task(deadline=dt.date(2026, 12, 31))
    with pytest.raises(ApplicationError) as exc:
        services.extension_request_create(
            actor=world.users["officer_btc"],
            task=task,
            requested_deadline=dt.date(2026, 12, 31),
            reason="Không lùi hạn",
        )
    assert exc.value.code == "deadline_not_later"
    with pytest.raises(PermissionDeniedError):
        services.extension_request_create(
            actor=world.users["officer_byt"],
            task=task,
            requested_deadline=dt.date(2027, 1, 31),
            reason="Không phải cơ quan chủ trì",
        )
    ext = services.extension_request_create(
        actor=world.users["na_staff"],
        task=task,
        requested_deadline=dt.date(2027, 1, 31),
        reason="Cán bộ theo dõi đề nghị",
    )
    before = _state(task)
    for actor, code in (
        ("na_staff", "self_approval"),
        ("officer_btc", "permission_denied"),
        ("council01", "permission_denied"),
        ("deputy", "permission_denied"),
    ):
        with pytest.raises(PermissionDeniedError) as denied:
            services.extension_approve(actor=world.users[actor], extension=ext)
        assert denied.value.code == code
    assert _state(task) == before
    ext.refresh_from_db()
    assert ext.status == "pending"
    rejected = services.extension_reject(
        actor=world.users["vice_chair"],
        extension=ext,
        note="Chưa đủ căn cứ gia hạn",
    )
    assert rejected.status == "rejected"
    task.refresh_from_db()
    assert task.deadline == dt.date(2026, 12, 31)
    assert ExtensionRequest.objects.filter(status="pending").count() == 0


def test_bad_reports_are_refused(world: World, make_task: Any) -> None:
    task = make_task()
    before = _state(task)
    with pytest.raises(ApplicationError) as exc:
        services.progress_report_create(
            actor=world.users["officer_btc"], task=task, percent=101, text="Quá 100%"
        )
    assert exc.value.code == "invalid_percent"
    secret = SimpleUploadedFile("TAI_LIEU_MẬT.pdf", b"x")
    with pytest.raises(ApplicationError) as exc:
        services.progress_report_create(
            actor=world.users["officer_btc"],
            task=task,
            percent=10,
            text="Kèm tệp",
            attachments=[secret],
        )
    assert exc.value.code == "state_secret"
    with pytest.raises(PermissionDeniedError):
        services.progress_report_create(
            actor=world.users["officer_byt"],
            task=task,
            percent=10,
            text="Cơ quan phối hợp không báo cáo thay",
        )
    assert _state(task) == before
    assert ProgressReport.objects.count() == 0


def test_comments_by_readers_only(world: World, make_task: Any) -> None:
    task = make_task(co_agencies=[world.agencies["byt"]])
    services.comment_create(actor=world.users["officer_byt"], task=task, text="Bộ Y tế góp ý")
    services.comment_create(actor=world.users["deputy"], task=task, text="Đề nghị đẩy nhanh")
    with pytest.raises(PermissionDeniedError):
        services.comment_create(actor=world.users["outsider"], task=task, text="Xin chào")
    assert list(task.comments.values_list("text", flat=True)) == [
        "Bộ Y tế góp ý",
        "Đề nghị đẩy nhanh",
    ]
