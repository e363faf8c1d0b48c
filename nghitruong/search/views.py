"""The search page ``/search/?q=…`` (public documents need no login). Thin: parse, one selector,
render; a citation or a số ký hiệu the user may read redirects to its target."""

import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRedirect

from nghitruong.accounts.selectors import second_factor_state
from nghitruong.core.text import nfc
from nghitruong.documents.models import DocType, Provision, Status, Work
from nghitruong.documents.selectors import work_status_at
from nghitruong.documents.selectors.reader import BADGE_CLASS
from nghitruong.search.query import parse_query
from nghitruong.search.selectors import (
    FILTERS,
    PAGE_SIZE,
    SNIPPETS_PER_DOCUMENT,
    DocumentGroup,
    Hit,
    search,
)

MAX_QUERY = 500  # characters, as the API
MAX_FILTER = 200
MAX_PAGE = 1000


@dataclass
class HitView:
    hit: Hit
    url: str


@dataclass
class GroupView:
    group: DocumentGroup
    url: str
    number: str
    status: str
    status_label: str
    badge_class: str
    shown: list[HitView]  # with snippets
    more: list[HitView]  # further matching articles, as links


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def _reader(request: HttpRequest) -> Any:
    """A login still waiting for its second factor searches as anonymous (public documents)."""
    user = request.user
    if user.is_authenticated and second_factor_state(user) != "ok":
        return AnonymousUser()
    return user


def _params(request: HttpRequest) -> tuple[str, dict[str, str], int, list[str]]:
    """``q``, the filters, the page and what was wrong with the input (in the user's language)."""
    errors: list[str] = []
    q = nfc(request.GET.get("q", "")).strip()
    if len(q) > MAX_QUERY:
        errors.append(
            _("Câu tìm kiếm quá dài (%(n)d ký tự); tối đa %(max)d ký tự.")
            % {"n": len(q), "max": MAX_QUERY}
        )
        q = ""
    filters = {name: nfc(request.GET.get(name, "")).strip()[:MAX_FILTER] for name in FILTERS}
    if filters["year"] and not (filters["year"].isdigit() and len(filters["year"]) == 4):
        errors.append(_("Năm không hợp lệ: hãy nhập bốn chữ số, ví dụ 2016."))
        filters["year"] = ""
    raw_page = request.GET.get("page", "1").strip() or "1"
    page = int(raw_page) if raw_page.isdigit() and len(raw_page) <= 4 else 0
    if not 1 <= page <= MAX_PAGE:
        errors.append(_("Số trang không hợp lệ; đang hiển thị trang 1."))
        page = 1
    return q, filters, page, errors


def _link(base: dict[str, str], **changes: str) -> str:
    merged = {**base, **changes}
    return f"{reverse('search:index')}?{urlencode({k: v for k, v in merged.items() if v})}"


def _hit_url(hit: Hit, eids: dict[int, str]) -> str:
    url = reverse("documents:detail", args=[hit.work_id]) if hit.work_id else ""
    eid = eids.get(hit.provision_id or 0, "")
    return f"{url}#{eid}" if url and eid else url


def _jump_url(hit: Hit, q: str) -> str:
    """The article a citation names; a số ký hiệu alone opens the document at its top."""
    if not hit.work_id:
        return ""
    eids: dict[int, str] = {}
    if hit.provision_id and parse_query(q).article_number:
        eids = dict(Provision.objects.filter(pk=hit.provision_id).values_list("pk", "eid"))
    return _hit_url(hit, eids)


def _groups(groups: list[DocumentGroup], shown_per_group: int) -> list[GroupView]:
    """Each group with its work's số ký hiệu, today's status and links to the articles' anchors."""
    works = Work.objects.in_bulk([g.work_id for g in groups if g.work_id])
    provision_ids = [h.provision_id for g in groups for h in g.hits if h.provision_id]
    eids = dict(Provision.objects.filter(pk__in=provision_ids).values_list("pk", "eid"))
    today = timezone.localdate()
    views = []
    for g in groups:
        work = works.get(g.work_id or 0)
        status = work_status_at(work, today) if work else None
        hits = [HitView(h, _hit_url(h, eids)) for h in g.hits]
        views.append(
            GroupView(
                group=g,
                url=reverse("documents:detail", args=[work.pk]) if work else "",
                number=work.number if work else "",
                status=status.status if status else "",
                status_label=status.label if status else "",
                badge_class=BADGE_CLASS.get(status.status, "") if status else "",
                shown=hits[:shown_per_group],
                more=hits[shown_per_group:],
            )
        )
    return views


_FACET_LABELS = {
    "doc_type": gettext_lazy("Loại văn bản"),
    "issuer": gettext_lazy("Cơ quan ban hành"),
    "year": gettext_lazy("Năm ban hành"),
    "status": gettext_lazy("Tình trạng hiệu lực"),
    "field": gettext_lazy("Lĩnh vực"),
}


def _value_label(name: str, value: str) -> str:
    choices = {"doc_type": DocType, "status": Status}.get(name)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def _facets(facets: dict[str, list[tuple[str, int]]], base: dict[str, str]) -> list[Facet]:
    out = []
    for name in FILTERS:
        facet = Facet(name, str(_FACET_LABELS[name]))
        for value, count in facets.get(name, []):
            active = base.get(name) == value
            url = _link(base, page="", **{name: "" if active else value})
            facet.values.append(FacetValue(value, _value_label(name, value), count, active, url))
        active_value = base.get(name, "")
        if active_value and not any(v.active for v in facet.values):
            url = _link(base, page="", **{name: ""})
            label = _value_label(name, active_value)
            facet.values.append(FacetValue(active_value, label, 0, True, url))
        if facet.values:
            out.append(facet)
    return out


def search_page(request: HttpRequest) -> HttpResponse:
    q, filters, page, errors = _params(request)
    stay = request.GET.get("go") == "0"
    result = search(user=_reader(request), query=q, filters=filters, page=page) if q else None
    jump_url = _jump_url(result.jump, q) if result and result.jump else ""
    if jump_url and not stay:
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(jump_url)
        return HttpResponseRedirect(jump_url)
    base = {"q": q, **filters, "go": "0" if stay else ""}
    pages = math.ceil(result.total_documents / PAGE_SIZE) if result else 0
    if result is not None and pages and page > pages:
        errors.append(
            _("Không có trang %(page)d; kết quả có %(pages)d trang.")
            % {"page": page, "pages": pages}
        )
    context = {
        "shell_section": "search",
        "q": q,
        "filters": {k: v for k, v in filters.items() if v},
        "go": "0" if stay else "",
        "errors": errors,
        "result": result,
        "jump_url": jump_url,
        "groups": _groups(result.groups, SNIPPETS_PER_DOCUMENT) if result else [],
        "facets": _facets(result.facets, base) if result else [],
        "pages": pages,
        "previous_url": _link(base, page=str(page - 1)) if 1 < page <= pages else "",
        "next_url": _link(base, page=str(page + 1)) if page < pages else "",
    }
    if getattr(request, "htmx", False):
        return render(request, "search/index.html#results", context)
    return render(request, "search/index.html", context)
