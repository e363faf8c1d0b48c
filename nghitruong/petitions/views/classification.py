"""Staff screens for classification and routing suggestions (issue 5 §3).

The suggestion panel (loaded into the petition's detail page with HTMX, or shown as its own page)
lists the suggested fields, agencies and level, each with a one-click form posting to the
existing workflow actions (``petitions:action`` classify / assign), and the related legal
provisions with confirm / remove buttons. Thin views: one selector or one service each.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.documents.permissions import access_provision, access_work
from nghitruong.petitions import rules, selectors, selectors_classification, services
from nghitruong.petitions.models import Petition


def _petition(request: HttpRequest, petition_id: int) -> Petition:
    try:
        return selectors.access_petition(request.user, petition_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _back(petition_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("petitions:detail", args=[petition_id]) + "#suggestions")


@verified_login_required
@require_GET
def suggestions(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = _petition(request, petition_id)
    data = selectors_classification.petition_suggestions(user=request.user, petition=petition)
    context = {
        "s": data,
        "p": data.petition,
        "actions": {str(a) for a in rules.allowed_actions(petition.status)},
    }
    if getattr(request, "htmx", False):
        return render(request, "petitions/staff/suggestions.html#panel", context)
    return render(request, "petitions/staff/suggestions.html", context)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@verified_login_required
@require_POST
def provision_link(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = _petition(request, petition_id)
    work_id, provision_id = _int(request.POST.get("work")), _int(request.POST.get("provision"))
    try:
        if work_id is None:
            raise NotFoundError("Không tìm thấy văn bản / Document not found")
        work = access_work(request.user, work_id)
        provision = access_provision(request.user, provision_id) if provision_id else None
        services.petition_provision_link(
            actor=request.user,
            petition=petition,
            work=work,
            provision=provision,
            source=request.POST.get("source") or "manual",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _back(petition.pk)
    messages.success(request, _("Đã xác nhận điều khoản liên quan."))
    return _back(petition.pk)


@verified_login_required
@require_POST
def provision_unlink(request: HttpRequest, petition_id: int, link_id: int) -> HttpResponse:
    petition = _petition(request, petition_id)
    try:
        link = selectors_classification.access_provision_link(request.user, link_id)
        if link.petition_id != petition.pk:
            raise NotFoundError("Không tìm thấy liên kết / Link not found")
        services.petition_provision_unlink(actor=request.user, link=link)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _back(petition.pk)
    messages.success(request, _("Đã bỏ điều khoản liên quan."))
    return _back(petition.pk)
