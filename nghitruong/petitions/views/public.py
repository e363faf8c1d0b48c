"""The public portal (anonymous): submit, follow by code, published answers, statistics, open data.

Thin views: parse a form, call one service or selector, render. No page shows personal data.
"""

import json
import secrets
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.petitions import qr, rules, selectors, selectors_public, tracking
from nghitruong.petitions.forms import AnswerSearchForm, LookupForm, SubmitForm
from nghitruong.petitions.services import PetitionerData
from nghitruong.petitions.services.portal import petition_submit_public
from nghitruong.petitions.views._csv import dict_csv_response

ANSWERS_PER_PAGE = 20
QR_MAX_AGE = 24 * 60 * 60  # a code's QR never changes (only with PUBLIC_BASE_URL)


def _new_key() -> str:
    return secrets.token_urlsafe(24)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/public/home.html", {"lookup": LookupForm()})


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"denunciation_channel": rules.DENUNCIATION_CHANNEL}
    if request.method != "POST":
        context["form"] = SubmitForm(initial={"idempotency_key": _new_key()})
        return render(request, "petitions/public/submit.html", context)
    form = SubmitForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "petitions/public/submit.html", context, status=400)
    data = form.cleaned_data
    try:
        petition, created = petition_submit_public(
            client_ip=request.META.get("REMOTE_ADDR", ""),
            idempotency_key=data["idempotency_key"],
            body=data["body"],
            content=data["content"],
            province=data["province"],
            field=data["field"],
            petitioner=PetitionerData(
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
            ),
            consent=data["consent"],
            is_denunciation=data["is_denunciation"],
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return render(request, "petitions/public/submit.html", context, status=exc.status_code)
    return render(
        request,
        "petitions/public/submitted.html",
        {
            "code": tracking.display(petition.tracking_code),
            "follow_url": qr.follow_url(petition.tracking_code),
            # Our own generated SVG (qrcode library), no user input inside.
            "qr": mark_safe(qr.qr_svg(petition.tracking_code)),
            "created": created,
        },
        status=201 if created else 200,
    )


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    if form.is_valid():
        code = tracking.normalise(form.cleaned_data["code"])
        return HttpResponseRedirect(reverse("petitions:follow", args=[code or "-"]))
    return render(request, "petitions/public/lookup.html", {"lookup": form})


@require_GET
def follow(request: HttpRequest, code: str) -> HttpResponse:
    try:
        data = selectors.petition_follow(code=code)
    except NotFoundError:
        # The same page for a wrong, a neighbouring and an unknown code.
        return render(
            request,
            "petitions/public/lookup.html",
            {"lookup": LookupForm(), "not_found": True},
            status=404,
        )
    return render(request, "petitions/public/follow.html", {"f": data, "lookup": LookupForm()})


@require_GET
def follow_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of a tracking code's follow URL (SVG). It reads no data, so it says nothing
    about whether the code exists; a malformed code (wrong length, symbol or check) is a 404."""
    if not tracking.is_valid(code):
        raise Http404
    response = HttpResponse(qr.qr_svg(tracking.normalise(code)), content_type="image/svg+xml")
    response["Cache-Control"] = f"public, max-age={QR_MAX_AGE}"
    return response


@require_GET
def answers(request: HttpRequest) -> HttpResponse:
    form = AnswerSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors_public.published_answers(query=query), ANSWERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "petitions/public/answers.html", {"form": form, "page": page, "q": query}
    )


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    return render(
        request, "petitions/public/statistics.html", {"s": selectors_public.public_statistics()}
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request, "petitions/public/open_data.html", {"fields": selectors_public.EXPORT_FIELDS}
    )


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    return dict_csv_response(
        selectors_public.EXPORT_FIELDS, selectors_public.open_data_rows(), "kien-nghi-cu-tri.csv"
    )


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    def chunks() -> Iterator[str]:
        yield '{"fields": ' + json.dumps(selectors_public.EXPORT_FIELDS) + ', "petitions": ['
        for n, row in enumerate(selectors_public.open_data_rows()):
            yield ("," if n else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    return HttpResponse("".join(chunks()), content_type="application/json; charset=utf-8")
