"""Staff screens (verified login): list, detail with workflow actions, moderation, merging,
voter meetings with Excel import, the agency officer's inbox.

Thin views: reach objects through ``access_*`` (an object out of reach is a 404), parse one
form, call one service, redirect back with a message. A service's refusal is shown as an error.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.accounts.permissions import accessible_body_ids, is_staff_of
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.models import ElectedBody
from nghitruong.petitions import rules, selectors, selectors_merging, selectors_public, services
from nghitruong.petitions.forms import (
    AnswerForm,
    AssignForm,
    ClassifyForm,
    ImportForm,
    MeetingForm,
    ModerateForm,
    PetitionFilterForm,
    ReasonForm,
)
from nghitruong.petitions.models import Petition
from nghitruong.petitions.permissions import can_manage
from nghitruong.petitions.services.intake import INTAKE_KINDS
from nghitruong.petitions.services.merging import petition_merge, petition_unmerge
from nghitruong.petitions.services.portal import petition_moderate

PER_PAGE = 25


def _petition(request: HttpRequest, petition_id: int) -> Petition:
    try:
        return selectors.access_petition(request.user, petition_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _filtered(request: HttpRequest, form: PetitionFilterForm) -> Any:
    f = form.cleaned_data if form.is_valid() else {}
    status = f.get("status") or None
    qs = selectors.petition_list(
        user=request.user,
        status=None if status == "pending_moderation" else status,
        field_code=f["field"].code if f.get("field") else None,
        agency_id=f["agency"].pk if f.get("agency") else None,
        query=f.get("q") or None,
    ).filter(duplicate_of__isnull=True)
    if status == "pending_moderation":
        qs = qs.filter(moderation=Petition.Moderation.PENDING)
    if f.get("overdue"):
        qs = qs.filter(selectors_public.OVERDUE)
    return qs


@verified_login_required
@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    form = PetitionFilterForm(request.GET)
    page = Paginator(_filtered(request, form), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    if getattr(request, "htmx", False):
        return render(request, "petitions/staff/list.html#results", context)
    return render(request, "petitions/staff/list.html", context)


def _detail_context(request: HttpRequest, petition: Petition) -> dict[str, Any]:
    manage = can_manage(request.user, petition)
    actions = {str(a) for a in rules.allowed_actions(petition.status)}
    return {
        "p": petition,
        "events": selectors.petition_timeline(petition),
        "answers": list(selectors.answers_of(petition=petition)),
        "petitioner": selectors.petitioner_for(user=request.user, petition=petition)
        if manage
        else None,
        "group": selectors_merging.group_sources(petition)
        if petition.duplicate_of_id or petition.duplicates.exists()
        else [],
        "group_label": selectors_merging.provinces_label(petition),
        "manage": manage,
        "actions": actions,
        "moderation_pending": petition.moderation == Petition.Moderation.PENDING,
        "forms": {
            "classify": ClassifyForm(
                initial={"field": petition.field_id, "level": petition.level or "central"}
            ),
            "assign": AssignForm(initial={"agency": petition.agency_id}),
            "answer": AnswerForm(),
            "reason": ReasonForm(),
            "moderate": ModerateForm(),
        },
    }


@verified_login_required
@require_GET
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = _petition(request, petition_id)
    return render(request, "petitions/staff/detail.html", _detail_context(request, petition))


def _classify(user: Any, p: Petition, d: dict[str, Any]) -> Any:
    return services.petition_classify(actor=user, petition=p, field=d["field"], level=d["level"])


def _assign(user: Any, p: Petition, d: dict[str, Any]) -> Any:
    if p.status == Petition.Status.CLASSIFIED:
        return services.petition_assign(
            actor=user, petition=p, agency=d["agency"], co_agencies=d["co_agencies"]
        )
    return services.petition_reassign(
        actor=user, petition=p, agency=d["agency"], co_agencies=d["co_agencies"], reason=d["reason"]
    )


def _answer(user: Any, p: Petition, d: dict[str, Any]) -> Any:
    return services.petition_answer(
        actor=user,
        petition=p,
        outcome=d["outcome"],
        text=d["text"],
        document_number=d["document_number"],
        document_date=d["document_date"],
        signer=d["signer"],
        committed_date=d["committed_date"],
        suggested_agency=d["suggested_agency"],
    )


def _moderate(user: Any, p: Petition, d: dict[str, Any]) -> Any:
    return petition_moderate(
        actor=user, petition=p, approve=d["decision"] == "approve", reason=d["reason"]
    )


ACTIONS: dict[str, tuple[type, Callable[[Any, Petition, dict[str, Any]], Any], str]] = {
    "classify": (ClassifyForm, _classify, "Đã phân loại kiến nghị."),
    "assign": (AssignForm, _assign, "Đã chuyển cơ quan có thẩm quyền."),
    "answer": (AnswerForm, _answer, "Đã ghi nhận văn bản trả lời."),
    "moderate": (ModerateForm, _moderate, "Đã ghi nhận kết quả kiểm duyệt."),
    "close": (
        ReasonForm,
        lambda u, p, d: services.petition_close(actor=u, petition=p, reason=d["reason"]),
        "Đã kết thúc theo dõi kiến nghị.",
    ),
    "withdraw": (
        ReasonForm,
        lambda u, p, d: services.petition_withdraw(actor=u, petition=p, reason=d["reason"]),
        "Đã ghi nhận rút kiến nghị.",
    ),
    "denunciation": (
        ReasonForm,
        lambda u, p, d: services.petition_redirect_denunciation(
            actor=u, petition=p, reason=d["reason"]
        ),
        "Đã chuyển hướng: nội dung là tố cáo.",
    ),
    "unmerge": (
        ReasonForm,
        lambda u, p, d: petition_unmerge(actor=u, petition=p, reason=d["reason"]),
        "Đã tách kiến nghị khỏi nhóm tổng hợp.",
    ),
}


@verified_login_required
@require_POST
def petition_action(request: HttpRequest, petition_id: int, action: str) -> HttpResponse:
    petition = _petition(request, petition_id)
    if action not in ACTIONS:
        raise Http404(action)
    form_class, run, done = ACTIONS[action]
    form = form_class(request.POST)
    status = 400
    if form.is_valid():
        try:
            run(request.user, petition, form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            status = exc.status_code
        else:
            messages.success(request, _(done))
            return HttpResponseRedirect(reverse("petitions:detail", args=[petition.pk]))
    context = _detail_context(request, _petition(request, petition_id))
    context["forms"][action if action in context["forms"] else "reason"] = form
    context["failed"] = action
    return render(request, "petitions/staff/detail.html", context, status=status)


@verified_login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.agency_inbox(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "petitions/staff/inbox.html", {"page": page})


@verified_login_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            primary = selectors.access_petition(request.user, int(request.POST["primary"]))
            others = [
                selectors.access_petition(request.user, int(i))
                for i in request.POST.getlist("others")
            ]
            petition_merge(primary=primary, others=others, actor=request.user)
        except (KeyError, ValueError) as exc:
            messages.error(request, _("Dữ liệu không hợp lệ / Invalid input"))
            raise Http404 from exc
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("petitions:merge"))
        messages.success(request, _("Đã gộp kiến nghị."))
        return HttpResponseRedirect(reverse("petitions:detail", args=[primary.pk]))
    pool = list(selectors_merging.suggestion_candidates(user=request.user))
    suggestions = selectors_merging.merge_suggestions(petitions=pool)
    return render(request, "petitions/staff/merge.html", {"suggestions": suggestions})


def _intake_bodies(user: Any) -> Any:
    ids = [
        b.pk
        for b in ElectedBody.objects.filter(pk__in=accessible_body_ids(user), kind__in=INTAKE_KINDS)
        if is_staff_of(user, b)
    ]
    return ElectedBody.objects.filter(pk__in=ids).order_by("name")


@verified_login_required
@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest) -> HttpResponse:
    bodies = _intake_bodies(request.user)
    form = MeetingForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                meeting = services.voter_meeting_create(
                    actor=request.user,
                    body=d["body"],
                    kind=d["kind"],
                    held_on=d["held_on"],
                    venue=d["venue"],
                    cohost=d["cohost"],
                    attendance=d["attendance"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã ghi nhận cuộc tiếp xúc cử tri."))
                return HttpResponseRedirect(reverse("petitions:meeting", args=[meeting.pk]))
        status = 400
    rows = [m for b in bodies for m in selectors.meeting_list(user=request.user, body=b)[:50]]
    return render(
        request,
        "petitions/staff/meetings.html",
        {"form": form, "meetings": rows, "can_create": bodies.exists()},
        status=status,
    )


@verified_login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.access_meeting(request.user, meeting_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = ImportForm(request.POST or None, request.FILES or None)
    report, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.petition_import(
                    actor=request.user,
                    body=meeting.body,
                    data=upload.read(),
                    filename=upload.name or "",
                    meeting=meeting,
                )
                status = 200
            except ApplicationError as exc:
                form.add_error(None, exc.message)
    return render(
        request,
        "petitions/staff/meeting.html",
        {
            "meeting": meeting,
            "form": form,
            "report": report,
            "columns": services.COLUMNS,
            "petitions": meeting.petitions.select_related("field", "agency").order_by("id"),
        },
        status=status,
    )
