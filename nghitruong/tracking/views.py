"""Pages of implementation tracking (HTMX). Thin: parse, call one service or selector, render."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.accounts.selectors import second_factor_state
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.permissions import access_work
from nghitruong.tracking import selectors, services
from nghitruong.tracking.exports import kpi_pdf, kpi_workbook
from nghitruong.tracking.forms import (
    CommentForm,
    CompleteForm,
    DecisionForm,
    DirectiveForm,
    ExtensionForm,
    ObligationDecisionForm,
    ReportForm,
    TaskForm,
)
from nghitruong.tracking.models import ExtensionRequest, Obligation, Task
from nghitruong.tracking.permissions import (
    access_obligation,
    access_task,
    can_manage,
    can_manage_body,
    can_report,
    tracking_body_ids,
)


def _reader(request: HttpRequest) -> Any:
    """A login still waiting for its second factor reads as anonymous (public laws only)."""
    user = request.user
    if user.is_authenticated and second_factor_state(user) == "ok":
        return user
    return AnonymousUser()


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _today() -> dt.date:
    return timezone.localdate()


def _bodies(request: HttpRequest) -> list[ElectedBody]:
    return list(ElectedBody.objects.filter(pk__in=tracking_body_ids(request.user)).order_by("pk"))


def _body(request: HttpRequest) -> ElectedBody | None:
    bodies = _bodies(request)
    wanted = request.GET.get("body") or request.POST.get("body")
    if wanted and wanted.isdigit():
        return next((b for b in bodies if b.pk == int(wanted)), None) or _not_found()
    return bodies[0] if bodies else None


def _not_found() -> Any:
    raise Http404("Không tìm thấy / Not found")


def _managed_body(request: HttpRequest) -> ElectedBody:
    """The body whose tasks the user may create: others get 403 before any form is shown."""
    body = _body(request) or _not_found()
    if not can_manage_body(request.user, body):
        raise PermissionDenied("Bạn không có quyền giao nhiệm vụ / You may not assign tasks")
    return body


def _task(request: HttpRequest, task_id: int) -> Task:
    try:
        return access_task(request.user, task_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@verified_login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    context: dict[str, Any] = {"bodies": _bodies(request), "body": body}
    if body is not None:
        context["board"] = selectors.dashboard(request.user, body, today=_today())
    else:  # an agency officer: their agency's tasks, across bodies
        tasks = selectors.task_list(request.user)
        context["agency_stats"] = selectors.task_stats(tasks)
        context["agency_tasks"] = list(tasks[:100])
    template = "tracking/_figures.html" if _htmx(request) else "tracking/dashboard.html"
    return render(request, template, context)


@verified_login_required
def task_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Task.Status.values else ""
    tasks = selectors.task_list(
        request.user,
        body=_body(request) if request.GET.get("body") else None,
        status=status,
        q=request.GET.get("q", "").strip()[:100],
    )
    return render(
        request,
        "tracking/task_list.html",
        {"tasks": tasks[:200], "status": status, "statuses": Task.Status.choices},
    )


@verified_login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    return render(request, "tracking/task_detail.html", _detail_context(request, task))


def _detail_context(request: HttpRequest, task: Task, **extra: Any) -> dict[str, Any]:
    return {
        "task": task,
        "reports": task.reports.prefetch_related("attachments").select_related("author"),
        "comments": task.comments.select_related("author"),
        "extensions": task.extension_requests.select_related("requested_by", "decided_by"),
        "subtasks": task.subtasks.select_related("owner_agency"),
        "can_manage": can_manage(request.user, task),
        "can_report": can_report(request.user, task),
        "report_form": ReportForm(),
        "comment_form": CommentForm(),
        "complete_form": CompleteForm(),
        "extension_form": ExtensionForm(),
        **extra,
    }


def _rerender(request: HttpRequest, task: Task, error: str = "", **forms: Any) -> HttpResponse:
    task = Task.objects.select_related("body", "owner_agency", "owner_person").get(pk=task.pk)
    context = _detail_context(request, task, error=error, **forms)
    if _htmx(request):
        # 200 even on a refusal: the fragment carries the message and htmx swaps only 2xx.
        return render(request, "tracking/_task_body.html", context)
    return render(request, "tracking/task_detail.html", context, status=400 if error else 200)


@require_POST
@verified_login_required
def report_create(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _rerender(request, task, "Dữ liệu không hợp lệ / Invalid input", report_form=form)
    files = [form.cleaned_data["attachment"]] if form.cleaned_data["attachment"] else []
    try:
        services.progress_report_create(
            actor=request.user,
            task=task,
            percent=form.cleaned_data["percent"],
            text=form.cleaned_data["text"],
            attachments=files,
        )
    except ApplicationError as exc:
        return _rerender(request, task, exc.message, report_form=form)
    return _rerender(request, task)


@require_POST
@verified_login_required
def comment_create(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _rerender(request, task, "Thiếu nội dung / Text is required", comment_form=form)
    try:
        services.comment_create(actor=request.user, task=task, text=form.cleaned_data["text"])
    except ApplicationError as exc:
        return _rerender(request, task, exc.message, comment_form=form)
    return _rerender(request, task)


@require_POST
@verified_login_required
def task_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return _rerender(request, task, "Phải nêu kết quả / The result is required")
    try:
        services.task_complete(actor=request.user, task=task, result=form.cleaned_data["result"])
    except ApplicationError as exc:
        return _rerender(request, task, exc.message, complete_form=form)
    return _rerender(request, task)


@require_POST
@verified_login_required
def extension_request(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        return _rerender(request, task, "Dữ liệu không hợp lệ / Invalid input", extension_form=form)
    try:
        services.extension_request_create(
            actor=request.user,
            task=task,
            requested_deadline=form.cleaned_data["requested_deadline"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as exc:
        return _rerender(request, task, exc.message, extension_form=form)
    return _rerender(request, task)


@require_POST
@verified_login_required
def extension_decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    ext = ExtensionRequest.objects.filter(pk=extension_id).first()
    if ext is None:
        raise Http404
    task = _task(request, ext.task_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _rerender(request, task, "Dữ liệu không hợp lệ / Invalid input")
    try:
        if form.cleaned_data["decision"] == "approve":
            services.extension_approve(
                actor=request.user, extension=ext, note=form.cleaned_data["note"]
            )
        else:
            services.extension_reject(
                actor=request.user, extension=ext, note=form.cleaned_data["note"]
            )
    except ApplicationError as exc:
        return _rerender(request, task, exc.message)
    return _rerender(request, task)


@verified_login_required
def directive_create(request: HttpRequest) -> HttpResponse:
    body = _managed_body(request)
    form = DirectiveForm(request.POST or None, initial={"issued_on": _today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        person = getattr(request.user, "person", None)
        try:
            directive = services.directive_create(
                actor=request.user, body=body, issued_by=person, **form.cleaned_data
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            url = reverse("tracking:task_create")
            return HttpResponseRedirect(f"{url}?body={body.pk}&directive={directive.pk}")
    return render(
        request,
        "tracking/form.html",
        {
            "form": form,
            "body": body,
            "error": error,
            "heading": _("Ghi nhận ý kiến chỉ đạo, kết luận"),
        },
        status=400 if error else 200,
    )


@verified_login_required
def task_create(request: HttpRequest) -> HttpResponse:
    body = _managed_body(request)
    directive_id = request.GET.get("directive") or request.POST.get("directive") or ""
    directive = selectors.directive_of_body(body=body, directive_id=directive_id)
    initial = {"title": directive.title if directive else ""}
    form = TaskForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                actor=request.user,
                body=body,
                directive=directive,
                title=data["title"],
                deliverable=data["deliverable"],
                owner_agency=data["owner_agency"],
                co_agencies=data["co_agencies"],
                deadline=data["deadline"],
                priority=data["priority"],
                description=data["description"],
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, "Đã giao nhiệm vụ / Task assigned")
            return HttpResponseRedirect(reverse("tracking:task_detail", args=[task.pk]))
    return render(
        request,
        "tracking/form.html",
        {
            "form": form,
            "body": body,
            "error": error,
            "directive": directive,
            "heading": _("Giao nhiệm vụ"),
        },
        status=400 if error else 200,
    )


@verified_login_required
def kpi_export(request: HttpRequest) -> HttpResponse:
    body = _body(request) or _not_found()
    today = _today()
    rows = selectors.kpi_rows(request.user, body)
    as_of = f"{today:%d/%m/%Y}"
    if request.GET.get("format") == "pdf":
        data, mime, ext = kpi_pdf(body, rows, as_of=as_of), "application/pdf", "pdf"
    else:
        data = kpi_workbook(body, rows, as_of=as_of)
        mime, ext = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="kpi-{body.code}-{today}.{ext}"'
    return response


def work_obligations(request: HttpRequest, work_id: int) -> HttpResponse:
    """Partial for a law's page: its guidance status (public laws need no login)."""
    reader = _reader(request)
    try:
        work = access_work(reader, work_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    status = selectors.work_guidance_status(reader, work, on=_today())
    return render(request, "tracking/_work_obligations.html", {"work": work, "status": status})


@verified_login_required
def obligation_list(request: HttpRequest) -> HttpResponse:
    """Staff review of proposed obligations, per law (or all laws of the body)."""
    body = _body(request) or _not_found()
    status = request.GET.get("status", "proposed")
    status = status if status in Obligation.Status.values else ""
    work_id = request.GET.get("work", "")
    obligations = selectors.obligation_list(request.user, body=body, status=status)
    if work_id.isdigit():
        obligations = obligations.filter(work_id=int(work_id))
    return render(
        request,
        "tracking/obligations.html",
        {
            "body": body,
            "obligations": obligations[:300],
            "status": status,
            "statuses": Obligation.Status.choices,
            "today": _today(),
        },
    )


@require_POST
@verified_login_required
def obligation_decide(request: HttpRequest, obligation_id: int) -> HttpResponse:
    try:
        obligation = access_obligation(request.user, obligation_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = ObligationDecisionForm(request.POST)
    error = ""
    if not form.is_valid():
        error = "Dữ liệu không hợp lệ / Invalid input"
    else:
        data = form.cleaned_data
        try:
            if data["decision"] == "confirm":
                obligation = services.obligation_confirm(
                    actor=request.user, obligation=obligation, due_date=data["due_date"]
                )
            else:
                obligation = services.obligation_cancel(
                    actor=request.user, obligation=obligation, reason=data["reason"]
                )
        except ApplicationError as exc:
            error = exc.message
    obligation.refresh_from_db()
    context = {"o": obligation, "error": error, "today": _today()}
    if _htmx(request):
        return render(request, "tracking/_obligation_row.html", context)
    if error:
        messages.error(request, error)
    url = reverse("tracking:obligation_list")
    return HttpResponseRedirect(f"{url}?body={obligation.body_id}&work={obligation.work_id}")


def public_waiting(request: HttpRequest) -> HttpResponse:
    """Public: what each law still waits for (no login)."""
    rows = selectors.public_waiting_by_law(on=_today())
    return render(request, "tracking/public.html", {"rows": rows})
