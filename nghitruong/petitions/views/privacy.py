"""Personal data of petitioners (issue 5 §2): the portal's "Dữ liệu cá nhân của tôi" (anonymous,
one-time-code verified) and the staff queue of data-subject requests.

Thin views: parse a form, call one service or selector, render. The portal keeps only the
verified challenge's token in the session (``SESSION_KEY``).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.petitions import rules, selectors_privacy, services
from nghitruong.petitions.models import PersonalDataRequest
from nghitruong.petitions.services.privacy_portal import WRONG_CODE

SESSION_KEY = "petitions_privacy_token"
PUBLIC = "petitions/public/privacy/"


class StartForm(forms.Form):
    codes = forms.CharField(
        label=gettext_lazy("Mã tra cứu (mỗi mã một dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=400,
    )
    contact = forms.CharField(
        label=gettext_lazy("Thư điện tử hoặc số điện thoại đã ghi khi gửi kiến nghị"),
        max_length=254,
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác minh"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class RequestKindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (PersonalDataRequest.Kind.ERASURE, gettext_lazy("Xóa dữ liệu cá nhân")),
            (PersonalDataRequest.Kind.WITHDRAW_CONSENT, gettext_lazy("Rút lại sự đồng ý")),
        ]
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


# --- portal -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def privacy_start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                challenge = services.personal_data_challenge_start(
                    client_ip=_ip(request),
                    codes=form.cleaned_data["codes"],
                    contact=form.cleaned_data["contact"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                return HttpResponseRedirect(
                    reverse("petitions:privacy_verify", args=[challenge.token]), status=303
                )
    return render(request, PUBLIC + "start.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def privacy_verify(request: HttpRequest, token: str) -> HttpResponse:
    """The code form. Any token shows the same page; an unknown one fails like a wrong code."""
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.personal_data_challenge_verify(
                    token=token, code=form.cleaned_data["code"], client_ip=_ip(request)
                )
            except NotFoundError:
                form.add_error(None, WRONG_CODE)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                request.session.cycle_key()
                request.session[SESSION_KEY] = token
                return HttpResponseRedirect(reverse("petitions:privacy_data"), status=303)
    context = {"form": form, "ttl": rules.OTP_TTL_MINUTES, "attempts": rules.OTP_MAX_ATTEMPTS}
    return render(request, PUBLIC + "verify.html", context, status=status)


@require_http_methods(["GET", "POST"])
def privacy_data(request: HttpRequest) -> HttpResponse:
    token = str(request.session.get(SESSION_KEY, ""))
    try:
        challenge = selectors_privacy.verified_challenge(token)
    except ApplicationError as exc:
        messages.info(request, exc.message)
        return HttpResponseRedirect(reverse("petitions:privacy"))
    form = RequestKindForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = services.personal_data_request_submit(
                    token=token, kind=form.cleaned_data["kind"]
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                return render(
                    request,
                    PUBLIC + "done.html",
                    {"requests": made, "keeps": rules.ERASURE_KEEPS_PETITION},
                )
    context: dict[str, Any] = {
        "people": selectors_privacy.personal_data_of(challenge=challenge),
        "form": form,
        "keeps": rules.ERASURE_KEEPS_PETITION,
    }
    return render(request, PUBLIC + "data.html", context, status=status)


# --- staff --------------------------------------------------------------------------------------


def _request(request: HttpRequest, request_id: int) -> PersonalDataRequest:
    try:
        return selectors_privacy.access_personal_data_request(request.user, request_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@verified_login_required
@require_GET
def privacy_queue(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    qs = selectors_privacy.personal_data_request_queue(user=request.user, open_only=not show_all)
    rows = selectors_privacy.request_rows(qs[:200])
    return render(
        request, "petitions/staff/privacy_queue.html", {"rows": rows, "show_all": show_all}
    )


def _detail(request: HttpRequest, req: PersonalDataRequest, **extra: Any) -> dict[str, Any]:
    row = selectors_privacy.request_rows([req])[0]
    return {
        "row": row,
        "r": req,
        "people": selectors_privacy.request_people(req),
        "refuse_form": RefuseForm(),
        "actions": [str(a) for (a, s) in rules.REQUEST_TRANSITIONS if s == req.state],
    } | extra


@verified_login_required
@require_GET
def privacy_request(request: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(request, request_id)
    return render(request, "petitions/staff/privacy_request.html", _detail(request, req))


DONE = {
    "verify": "Đã ghi nhận xác minh danh tính người yêu cầu.",
    "complete": "Đã giải quyết yêu cầu.",
    "refuse": "Đã từ chối yêu cầu.",
}


@verified_login_required
@require_POST
def privacy_request_action(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    req = _request(request, request_id)
    if action not in DONE:
        raise Http404(action)
    form = RefuseForm(request.POST)
    try:
        if action == "verify":
            services.personal_data_request_verify(actor=request.user, request=req)
        elif action == "complete":
            services.personal_data_request_complete(actor=request.user, request=req)
        else:
            services.personal_data_request_refuse(
                actor=request.user, request=req, reason=request.POST.get("reason", "")
            )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        context = _detail(request, _request(request, request_id), refuse_form=form)
        return render(
            request, "petitions/staff/privacy_request.html", context, status=exc.status_code
        )
    messages.success(request, _(DONE[action]))
    return HttpResponseRedirect(reverse("petitions:privacy_request", args=[req.pk]))
