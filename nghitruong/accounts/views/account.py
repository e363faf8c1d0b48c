"""The signed-in user's own page: second factor status, recovery codes, personal API tokens."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.accounts.forms import TokenCreateForm
from nghitruong.accounts.models import User
from nghitruong.accounts.selectors import (
    access_api_token,
    api_tokens_for_user,
    memberships_of,
    recovery_codes_remaining,
    user_has_second_factor,
)
from nghitruong.accounts.services import api_token_create, api_token_revoke, recovery_codes_generate
from nghitruong.core.exceptions import ApplicationError, NotFoundError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 — guaranteed by verified_login_required
    return request.user


@verified_login_required
@require_http_methods(["GET"])
def account_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "has_second_factor": user_has_second_factor(user),
        "recovery_remaining": recovery_codes_remaining(user),
        "memberships": memberships_of(user),
    }
    return render(request, "accounts/account.html", context)


@verified_login_required
@require_http_methods(["GET", "POST"])
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        codes = recovery_codes_generate(user=user, actor=user)
        shown = {"codes": codes, "continue_url": request.path}
        return render(request, "accounts/recovery_codes_shown.html", shown)
    context = {"remaining": recovery_codes_remaining(user)}
    return render(request, "accounts/recovery_codes.html", context)


@verified_login_required
@require_http_methods(["GET", "POST"])
def tokens_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenCreateForm(request.POST if request.method == "POST" else None)
    secret = error = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = api_token_create(
                    user=user,
                    name=form.cleaned_data["name"],
                    expires_at=form.expires_at(),
                    actor=user,
                )
            except ApplicationError as exc:
                error, status = exc.message, 400
            else:
                form = TokenCreateForm()
        else:
            status = 400
    context = {"form": form, "tokens": api_tokens_for_user(user), "secret": secret, "error": error}
    return render(request, "accounts/tokens.html", context, status=status)


@verified_login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _user(request)
    try:
        token = access_api_token(user, token_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    try:
        api_token_revoke(token=token, actor=user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": token.name})
    return redirect("accounts:tokens")
