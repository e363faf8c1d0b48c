"""HTML pages of the core: the dashboard, a body's page, the public welcome page.

Thin views (house rule 1): parse the input, call one selector, render. Bodies are reached only via
``access_body``; a body the user may not reach is a 404, exactly like one that does not exist.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from nghitruong.accounts.decorators import verified_login_required
from nghitruong.accounts.permissions import access_body
from nghitruong.core.dashboard import dashboard_build
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.forms import MemberFilterForm
from nghitruong.core.shell import body_member_page, body_overview


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@verified_login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer, cards = dashboard_build(user=request.user)
    return render(
        request,
        "core/dashboard.html",
        {"viewer": viewer, "cards": cards, "shell_section": "dashboard"},
    )


def welcome(request: HttpRequest) -> HttpResponse:
    """Public landing page for visitors who are not signed in."""
    return render(request, "core/welcome.html", {"shell_section": "welcome"})


@verified_login_required
def body_detail(request: HtmxHttpRequest, body_id: int) -> HttpResponse:
    """A body, its place in the structure, its current term and its members (HTMX: the list only)."""
    try:
        body = access_body(request.user, body_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = MemberFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    members = body_member_page(
        body=body,
        user=request.user,
        role=filters.get("role") or "",
        q=filters.get("q") or "",
        page=filters.get("page") or 1,
    )
    context = {
        "body": body,
        "form": form,
        "members": members,
        "querystring": _querystring(filters),
        "shell_body_id": body.pk,
    }
    status = 200 if valid else 400
    if request.htmx:
        return render(request, "core/body_detail.html#members", context, status=status)
    context["overview"] = body_overview(body=body, user=request.user)
    return render(request, "core/body_detail.html", context, status=status)


def _querystring(filters: dict[str, object]) -> str:
    """The active filters (without the page) as a query string for the pagination links."""
    return urlencode({k: v for k, v in filters.items() if k in {"q", "role"} and v})
