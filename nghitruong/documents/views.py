"""HTML reader of the knowledge base (public documents need no login). Thin: parse, one
selector, render."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.accounts.selectors import second_factor_state
from nghitruong.core.exceptions import NotFoundError
from nghitruong.documents.models import DocType
from nghitruong.documents.permissions import access_work
from nghitruong.documents.selectors import work_list
from nghitruong.documents.selectors.reader import work_reader
from nghitruong.documents.selectors.resolve import resolve_citation


def _reader(request: HttpRequest) -> object:
    """The user as far as documents go: a login still waiting for its second factor reads as
    anonymous (public documents only)."""
    user = request.user
    if user.is_authenticated and second_factor_state(user) != "ok":
        return AnonymousUser()
    return user


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def work_index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    doc_type = request.GET.get("doc_type", "")
    doc_type = doc_type if doc_type in DocType.values else ""
    works = work_list(_reader(request), q=q, doc_type=doc_type)
    page = Paginator(works, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "doc_type": doc_type,
        "doc_types": DocType.choices,
        "querystring": urlencode({k: v for k, v in (("q", q), ("doc_type", doc_type)) if v}),
    }
    return render(request, "documents/index.html", context)


def work_detail(request: HttpRequest, work_id: int) -> HttpResponse:
    try:
        work = access_work(_reader(request), work_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    reader = work_reader(_reader(request), work, _date(request.GET.get("date")))
    can_edit = is_staff_of(_reader(request), work.body)
    return render(
        request, "documents/detail.html", {"reader": reader, "work": work, "can_edit": can_edit}
    )


def resolve(request: HttpRequest) -> HttpResponse:
    """``/documents/resolve?q=điểm a khoản 2 Điều 10 Luật số 104/2016/QH13`` → the provision."""
    q = request.GET.get("q", "").strip()[:300]
    found = resolve_citation(_reader(request), q) if q else None
    if found is None:
        return render(request, "documents/resolve_failed.html", {"q": q}, status=404)
    work, eid = found
    url = reverse("documents:detail", args=[work.pk])
    return HttpResponseRedirect(f"{url}#{eid}" if eid else url)
