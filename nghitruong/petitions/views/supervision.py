"""Supervision screens (issue 5 §6).

Public (anonymous): the per-agency list of overdue answers and broken commitments, sortable, with
CSV exports. Staff (verified login; supervisors and body staff, see
``selectors_overdue.may_report``): the supervision figures with DOCX/PDF/Excel downloads.

Thin views: parse the query string, call one selector or service, render.
"""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from nghitruong.petitions import reports, selectors_overdue
from nghitruong.petitions.services.supervision import supervision_report_export
from nghitruong.petitions.views._csv import dict_csv_response


class OverdueFilterForm(forms.Form):
    agency = forms.SlugField(label=_("Cơ quan"), required=False, max_length=80)
    sort = forms.CharField(required=False, max_length=12)


class ReportFilterForm(forms.Form):
    body = forms.IntegerField(label=_("Cơ quan tiếp nhận"), required=False, min_value=1)
    received_from = forms.DateField(label=_("Tiếp nhận từ ngày"), required=False)
    received_to = forms.DateField(label=_("đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu sau ngày kết thúc."))
        return data


def _overdue_args(request: HttpRequest) -> tuple[str, str]:
    """(agency code, sort) from the query string; bad values fall back to all agencies."""
    form = OverdueFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("agency") or "", data.get("sort") or selectors_overdue.DEFAULT_SORT


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    agency, sort = _overdue_args(request)
    page = selectors_overdue.overdue_page(agency=agency, sort=sort)
    return render(
        request,
        "petitions/public/overdue.html",
        {"o": page, "sorts": selectors_overdue.SORTS},
    )


@require_GET
def overdue_csv(request: HttpRequest) -> HttpResponse:
    agency, sort = _overdue_args(request)
    rows = selectors_overdue.overdue_petitions(agency=agency, sort=sort)
    return dict_csv_response(
        selectors_overdue.CSV_FIELDS, [r.as_csv() for r in rows], "kien-nghi-qua-han.csv"
    )


@require_GET
def overdue_agencies_csv(request: HttpRequest) -> HttpResponse:
    return dict_csv_response(
        selectors_overdue.AGENCY_CSV_FIELDS,
        selectors_overdue.overdue_by_agency(),
        "kien-nghi-qua-han-theo-co-quan.csv",
    )


def _report_args(request: HttpRequest) -> tuple[ReportFilterForm, dict[str, Any]]:
    form = ReportFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {
        "body_id": data.get("body"),
        "received_from": data.get("received_from"),
        "received_to": data.get("received_to"),
    }


@verified_login_required
@require_GET
def supervision(request: HttpRequest) -> HttpResponse:
    form, args = _report_args(request)
    try:
        meta, summary = selectors_overdue.supervision_report(user=request.user, **args)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form.fields["body"].widget = forms.Select(
        choices=[
            ("", _("Tất cả")),
            *((b.pk, b.name) for b in selectors_overdue.report_bodies(request.user)),
        ]
    )
    return render(
        request,
        "petitions/staff/supervision.html",
        {
            "form": form,
            "meta": meta,
            "s": summary,
            "query": request.GET.urlencode(),
            "explanation": reports.EXPLANATION,
        },
    )


@verified_login_required
@require_GET
def supervision_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, args = _report_args(request)
    if not form.is_valid():
        return HttpResponse(
            "Tham số không hợp lệ / Invalid parameters", status=400, content_type="text/plain"
        )
    try:
        data, filename = supervision_report_export(actor=request.user, fmt=fmt, **args)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=exc.status_code, content_type="text/plain")
    response = HttpResponse(data, content_type=reports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
