"""Public consultations on drafts (lấy ý kiến nhân dân về dự thảo), issue 5 §7.

Public (anonymous): the list of open and recently closed consultations, a consultation's page
with its feedback form, the attached draft file. Staff (verified login, staff of the owning
body): create and edit drafts, open / close / report, the feedback list with counts by province
and by article, exported to CSV and Excel.

Thin views: parse one form, reach objects through ``access_consultation`` (or the public
selector), call one service or selector, render. No public page shows feedback text or personal
data.
"""

import io
import secrets
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.documents.permissions import access_work
from nghitruong.petitions import qr, selectors_consultations, services, tracking
from nghitruong.petitions.forms_consultations import ConsultationForm, FeedbackForm, ReportForm
from nghitruong.petitions.models import DraftConsultation
from nghitruong.petitions.views._csv import csv_response

FEEDBACK_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _public(consultation_id: int) -> Any:
    try:
        return selectors_consultations.public_consultation(consultation_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _managed(request: HttpRequest, consultation_id: int) -> DraftConsultation:
    try:
        return selectors_consultations.access_consultation(request.user, consultation_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


# --- public ------------------------------------------------------------------------------------


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "petitions/public/consultations.html",
        {"items": selectors_consultations.public_consultations()},
    )


def _page(request: HttpRequest, item: Any, form: FeedbackForm, status: int = 200) -> HttpResponse:
    return render(
        request, "petitions/public/consultation.html", {"c": item, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def consultation_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    item = _public(consultation_id)
    questions = list(item.consultation.questions)
    if request.method != "POST":
        form = FeedbackForm(
            initial={"idempotency_key": secrets.token_urlsafe(24)}, questions=questions
        )
        return _page(request, item, form)
    form = FeedbackForm(request.POST, questions=questions)
    if not form.is_valid():
        return _page(request, item, form, status=400)
    d = form.cleaned_data
    try:
        feedback, created = services.consultation_feedback_submit(
            client_ip=request.META.get("REMOTE_ADDR", ""),
            idempotency_key=d["idempotency_key"],
            consultation=item.consultation,
            content=d["content"],
            article=d["article"],
            question=d.get("question"),
            province=d["province"],
            petitioner=services.PetitionerData(
                full_name=d["full_name"], phone=d["phone"], email=d["email"], address=d["address"]
            ),
            consent=d["consent"],
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _page(request, item, form, status=exc.status_code)
    code = feedback.petition.tracking_code
    return render(
        request,
        "petitions/public/consultation_sent.html",
        {
            "c": item.consultation,
            "code": tracking.display(code),
            "follow_url": qr.follow_url(code),
            # Our own generated SVG (qrcode library), no user input inside.
            "qr": mark_safe(qr.qr_svg(code)),
            "created": created,
        },
        status=201 if created else 200,
    )


@require_GET
def consultation_file(request: HttpRequest, consultation_id: int) -> HttpResponseBase:
    c = _public(consultation_id).consultation
    if not c.draft_file:
        raise Http404
    return FileResponse(
        c.draft_file.open("rb"), as_attachment=True, filename=c.draft_file_name or "du-thao"
    )


# --- staff -------------------------------------------------------------------------------------


@verified_login_required
@require_GET
def manage_list(request: HttpRequest) -> HttpResponse:
    rows = selectors_consultations.consultation_list(user=request.user)
    return render(
        request,
        "petitions/staff/consultations.html",
        {
            "rows": rows,
            "can_create": selectors_consultations.managed_bodies(request.user).exists(),
        },
    )


def _work(request: HttpRequest, work_id: int | None) -> Any:
    return access_work(request.user, work_id) if work_id else None


@verified_login_required
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    bodies = selectors_consultations.managed_bodies(request.user)
    if not bodies.exists():
        raise Http404
    form = ConsultationForm(request.POST or None, request.FILES or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.consultation_create(
                actor=request.user,
                body=d["body"],
                title=d["title"],
                summary=d["summary"],
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                work=_work(request, d["work_id"]),
                draft_file=d["draft_file"],
                drafting_agency=d["drafting_agency"],
                questions=form.question_list(),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo dự thảo lấy ý kiến."))
            return HttpResponseRedirect(reverse("petitions:consultation_staff", args=[c.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/staff/consultation_form.html", {"form": form}, status=status)


def _edit_form(c: DraftConsultation, data: Any = None, files: Any = None) -> ConsultationForm:
    initial = {
        "title": c.title,
        "summary": c.summary,
        "drafting_agency": c.drafting_agency_id,
        "work_id": c.work_id,
        "questions": "\n".join(c.questions),
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
    }
    return ConsultationForm(data, files, initial=initial, editing=True)


def _detail(request: HttpRequest, c: DraftConsultation, **extra: Any) -> dict[str, Any]:
    return {
        "c": c,
        "form": extra.get("form") or _edit_form(c),
        "report_form": extra.get("report_form") or ReportForm(),
        "counts": selectors_consultations.feedback_counts(c),
        "refusal": selectors_consultations.refusal_reason(c, timezone.localdate()),
    }


@verified_login_required
@require_http_methods(["GET", "POST"])
def manage_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    c = _managed(request, consultation_id)
    if request.method != "POST":
        return render(request, "petitions/staff/consultation.html", _detail(request, c))
    form = _edit_form(c, request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.consultation_update(
                actor=request.user,
                consultation=c,
                title=d["title"],
                summary=d["summary"],
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                work=_work(request, d["work_id"]),
                draft_file=d["draft_file"],
                remove_file=d["remove_file"],
                drafting_agency=d["drafting_agency"],
                questions=form.question_list(),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
            return HttpResponseRedirect(reverse("petitions:consultation_staff", args=[c.pk]))
    return render(
        request, "petitions/staff/consultation.html", _detail(request, c, form=form), status=400
    )


@verified_login_required
@require_POST
def manage_action(request: HttpRequest, consultation_id: int, action: str) -> HttpResponse:
    c = _managed(request, consultation_id)
    try:
        if action == "open":
            services.consultation_open(actor=request.user, consultation=c)
        elif action == "close":
            services.consultation_close(actor=request.user, consultation=c)
        elif action == "report":
            form = ReportForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "petitions/staff/consultation.html",
                    _detail(request, c, report_form=form),
                    status=400,
                )
            services.consultation_report(
                actor=request.user, consultation=c, report_text=form.cleaned_data["report_text"]
            )
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật trạng thái đợt lấy ý kiến."))
    return HttpResponseRedirect(reverse("petitions:consultation_staff", args=[c.pk]))


@verified_login_required
@require_GET
def manage_feedback(request: HttpRequest, consultation_id: int) -> HttpResponse:
    c = _managed(request, consultation_id)
    page = Paginator(
        selectors_consultations.feedback_list(consultation=c), FEEDBACK_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/staff/consultation_feedback.html",
        {"c": c, "page": page, "counts": selectors_consultations.feedback_counts(c)},
    )


def _cell(value: Any) -> Any:
    """A citizen's text never becomes a spreadsheet formula."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def _tables(c: DraftConsultation) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(sheet title, header, rows) for the exports: counts by province, by article, the list."""
    counts = selectors_consultations.feedback_counts(c)
    rows = selectors_consultations.feedback_rows(c)
    return [
        ("Theo tỉnh", ["Tỉnh, thành phố", "Số ý kiến"], [list(r) for r in counts.by_province]),
        ("Theo điều", ["Điều", "Số ý kiến"], [[_cell(a), n] for a, n in counts.by_article]),
        (
            "Ý kiến",
            selectors_consultations.FEEDBACK_FIELDS,
            [[_cell(r[k]) for k in selectors_consultations.FEEDBACK_FIELDS] for r in rows],
        ),
    ]


CSV_TABLES = {"tinh": 0, "dieu": 1, "y-kien": 2}


@verified_login_required
@require_GET
def manage_export(request: HttpRequest, consultation_id: int, fmt: str) -> HttpResponse:
    """``xlsx``: one sheet per table; ``csv``: one table, chosen by ``?bang=tinh|dieu|y-kien``."""
    c = _managed(request, consultation_id)
    tables = _tables(c)
    name = f"gop-y-du-thao-{c.pk}"
    if fmt == "csv":
        which = request.GET.get("bang", "tinh")
        if which not in CSV_TABLES:
            return HttpResponse(
                "Bảng không hợp lệ / Invalid table", status=400, content_type="text/plain"
            )
        _title, header, rows = tables[CSV_TABLES[which]]
        return csv_response(header, rows, f"{name}-{which}.csv")
    if fmt != "xlsx":
        raise Http404
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in tables:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    response = HttpResponse(data.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
