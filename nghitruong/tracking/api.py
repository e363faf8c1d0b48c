"""The tracking API (mounted at /api/v1/tracking/): tasks for signed-in users (token or verified
session), and public open data on obligations — what each law still waits for. Thin functions.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import api_auth
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import ErrorOut
from nghitruong.tracking import selectors, services
from nghitruong.tracking.models import Obligation, Task
from nghitruong.tracking.permissions import access_task, tracking_body_ids

router = Router(tags=["tracking"])
ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


class TaskOut(Schema):
    id: int
    body_id: int
    title: str
    deliverable: str
    owner_agency: str | None
    owner_person: str | None
    deadline: dt.date
    original_deadline: dt.date
    priority: str
    status: str
    progress: int
    completed_on: dt.date | None
    parent_id: int | None
    directive_id: int | None

    @staticmethod
    def resolve_owner_agency(obj: Task) -> str | None:
        return obj.owner_agency.name if obj.owner_agency else None

    @staticmethod
    def resolve_owner_person(obj: Task) -> str | None:
        return obj.owner_person.full_name if obj.owner_person else None


class TaskFilter(Schema):
    body_id: int | None = None
    status: str = ""


class ReportIn(Schema):
    percent: int
    text: str


class ReportOut(Schema):
    id: int
    task_id: int
    percent: int
    text: str


class StatsOut(Schema):
    total: int
    open: int
    overdue: int
    done_on_time: int
    done_late: int
    cancelled: int
    done: int
    completion_rate: float
    on_time_rate: float


class ObligationOut(Schema):
    id: int
    work_id: int
    work_title: str
    work_number: str
    provision_eid: str
    provision_label: str
    authority: str
    authority_agency: str | None
    action: str
    subject: str
    due_date: dt.date | None
    status: str
    late: bool
    fulfilled_by_id: int | None
    fulfilled_by_title: str | None

    @staticmethod
    def resolve_work_title(obj: Obligation) -> str:
        return obj.work.title

    @staticmethod
    def resolve_work_number(obj: Obligation) -> str:
        return obj.work.number

    @staticmethod
    def resolve_authority(obj: Obligation) -> str:
        return obj.authority_text

    @staticmethod
    def resolve_authority_agency(obj: Obligation) -> str | None:
        return obj.authority_agency.name if obj.authority_agency else None

    @staticmethod
    def resolve_late(obj: Obligation) -> bool:
        return (
            obj.status == Obligation.Status.CONFIRMED
            and obj.due_date is not None
            and obj.due_date < timezone.localdate()
        )

    @staticmethod
    def resolve_fulfilled_by_title(obj: Obligation) -> str | None:
        return obj.fulfilled_by.title if obj.fulfilled_by else None


@router.get("/tasks", response={200: list[TaskOut], **ERRORS}, auth=api_auth)
@paginate(BoundedPagination)
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]) -> Any:
    body = None
    if filters.body_id is not None:
        if filters.body_id not in tracking_body_ids(_user(request)):
            raise NotFoundError("Không tìm thấy cơ quan / Body not found")
        from nghitruong.core.models import ElectedBody

        body = ElectedBody.objects.get(pk=filters.body_id)
    status = filters.status if filters.status in Task.Status.values else ""
    return selectors.task_list(_user(request), body=body, status=status)


@router.get("/tasks/{task_id}", response={200: TaskOut, **ERRORS}, auth=api_auth)
def get_task(request: HttpRequest, task_id: int) -> Any:
    return access_task(_user(request), task_id)


@router.post("/tasks/{task_id}/reports", response={201: ReportOut, **ERRORS}, auth=api_auth)
def create_report(request: HttpRequest, task_id: int, payload: ReportIn) -> Any:
    task = access_task(_user(request), task_id)
    report = services.progress_report_create(
        actor=_user(request), task=task, percent=payload.percent, text=payload.text
    )
    return Status(201, report)


@router.get("/stats", response={200: StatsOut, **ERRORS}, auth=api_auth)
def stats(request: HttpRequest, body_id: int | None = None) -> Any:
    from nghitruong.core.models import ElectedBody

    body = None
    if body_id is not None:
        if body_id not in tracking_body_ids(_user(request)):
            raise NotFoundError("Không tìm thấy cơ quan / Body not found")
        body = ElectedBody.objects.get(pk=body_id)
    return selectors.task_stats(selectors.task_list(_user(request), body=body)).as_dict()


@router.get("/obligations/public", response={200: list[ObligationOut], **ERRORS}, auth=None)
@paginate(BoundedPagination)
def public_obligations(request: HttpRequest, work_id: int | None = None) -> Any:
    """Open data: confirmed and fulfilled obligations of public laws."""
    return selectors.public_obligations(work_id=work_id)
