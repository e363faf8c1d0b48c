"""Staff editing of a work's metadata, status and relations (issue 3 §8), in the HTML UI.

Only staff of the owning body (``documents.permissions.require_document_staff``): a work the user
may not read is a 404, one the user reads but may not edit a 403. Each POST parses one form and
calls one service (``work_update``, ``work_set_status``, ``relation_create``, ``relation_delete``;
each writes its audit entry). Bad input re-renders the page with the error (400) and changes
nothing; success redirects back to the edit page (post/redirect/get).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from nghitruong.documents.forms import RelationForm, WorkMetadataForm, WorkStatusForm
from nghitruong.documents.models import Relation, Work
from nghitruong.documents.selectors.editing import (
    access_relation_for_edit,
    access_work_for_edit,
    relation_target,
    relation_target_suggestions,
)
from nghitruong.documents.selectors.works import work_relations
from nghitruong.documents.services import (
    relation_create,
    relation_delete,
    work_set_status,
    work_update,
)

BAD_REQUEST = 400


def _reach(fn: Any, user: object, object_id: int) -> Any:
    try:
        return fn(user, object_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc


def _edit_url(work: Work) -> str:
    return reverse("documents:edit", args=[work.pk])


def _page(
    request: HttpRequest,
    work: Work,
    *,
    metadata: WorkMetadataForm | None = None,
    status: WorkStatusForm | None = None,
    relation: RelationForm | None = None,
    suggestions: list[Work] | None = None,
    code: int = 200,
) -> HttpResponse:
    context = {
        "work": work,
        "metadata_form": metadata or WorkMetadataForm.for_work(work),
        "status_form": status or WorkStatusForm(initial={"status": work.status}),
        "relation_form": relation or RelationForm(),
        "suggestions": suggestions or [],
        "relations": work_relations(work, request.user),
    }
    return render(request, "documents/edit/work_edit.html", context, status=code)


@verified_login_required
def work_edit(request: HttpRequest, work_id: int) -> HttpResponse:
    """GET: the editing page. POST: save the metadata through ``work_update``."""
    work = _reach(access_work_for_edit, request.user, work_id)
    if request.method != "POST":
        return _page(request, work)
    form = WorkMetadataForm.for_work(work, request.POST)
    if form.is_valid():
        changes = form.changes(work)
        if not changes:
            messages.info(request, _("Không có thay đổi nào để lưu."))
            return HttpResponseRedirect(_edit_url(work))
        try:
            work_update(actor=request.user, work=work, **changes)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu thuộc tính văn bản."))
            return HttpResponseRedirect(_edit_url(work))
    return _page(request, work, metadata=form, code=BAD_REQUEST)


@require_POST
@verified_login_required
def work_status(request: HttpRequest, work_id: int) -> HttpResponse:
    """Record the published tình trạng hiệu lực through ``work_set_status``."""
    work = _reach(access_work_for_edit, request.user, work_id)
    form = WorkStatusForm(request.POST)
    if form.is_valid():
        try:
            work_set_status(
                actor=request.user,
                work=work,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận tình trạng hiệu lực."))
            return HttpResponseRedirect(_edit_url(work))
    return _page(request, work, status=form, code=BAD_REQUEST)


@require_POST
@verified_login_required
def relation_add(request: HttpRequest, work_id: int) -> HttpResponse:
    """Add a relation stated by this work (this work is the source) via ``relation_create``."""
    work = _reach(access_work_for_edit, request.user, work_id)
    form = RelationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            target = relation_target(request.user, target_id=data["target_id"], text=data["target"])
            relation_create(
                actor=request.user,
                kind=data["kind"],
                source_work=work,
                target_work=target,
                source_eid=data["source_eid"],
                target_eid=data["target_eid"],
                effective_date=data["effective_date"],
                note=data["note"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã thêm quan hệ văn bản."))
            return HttpResponseRedirect(_edit_url(work))
    suggestions = relation_target_suggestions(
        request.user, request.POST.get("target", "")[:300], exclude=work.pk
    )
    return _page(request, work, relation=form, suggestions=suggestions, code=BAD_REQUEST)


@require_POST
@verified_login_required
def relation_remove(request: HttpRequest, relation_id: int) -> HttpResponse:
    """Delete a relation (staff of the body of the document that states it)."""
    relation: Relation = _reach(access_relation_for_edit, request.user, relation_id)
    work = relation.source_work
    relation_delete(actor=request.user, relation=relation)
    messages.success(request, _("Đã xóa quan hệ văn bản."))
    return HttpResponseRedirect(_edit_url(work))


@require_GET
@verified_login_required
def work_search(request: HttpRequest) -> HttpResponse:
    """HTMX autocomplete of relation targets: readable works by số ký hiệu or title."""
    text = request.GET.get("target", "")[:300]
    try:
        exclude: int | None = int(request.GET.get("exclude", ""))
    except ValueError:
        exclude = None
    works = relation_target_suggestions(request.user, text, exclude=exclude)
    return render(request, "documents/edit/_targets.html", {"suggestions": works, "q": text})
