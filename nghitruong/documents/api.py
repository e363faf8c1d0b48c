"""The knowledge-base API (mounted at /api/v1/documents/). Public documents are readable
anonymously; a personal token or a verified session also shows internal / confidential documents
the user may read (documents.permissions). An unreadable document is a 404, like a missing one.
Thin functions: parse, one selector, return.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import bearer_auth, session_auth
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import ErrorOut
from nghitruong.documents.ingest.export import expression_to_akn, work_to_dict
from nghitruong.documents.models import Expression, Provision, Work
from nghitruong.documents.permissions import access_provision, access_work, access_work_by_uri
from nghitruong.documents.schemas import (
    ChangeOut,
    ProvisionOut,
    RelationOut,
    StatusOut,
    TreeOut,
    WorkDetailOut,
    WorkOut,
)
from nghitruong.documents.selectors import (
    expression_diff,
    expression_tree,
    provision_by_eid,
    provision_status_at,
    provision_subtree_text,
    work_current_expression,
    work_expression_at,
    work_list,
    work_relations,
    work_status_at,
)


def _anonymous(request: HttpRequest) -> Any:
    return AnonymousUser()


router = Router(tags=["documents"], auth=[bearer_auth, session_auth, _anonymous])
ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
NO_VERSION = "Không có phiên bản tại ngày này / No version at that date"


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None) or AnonymousUser()


def _work_out(work: Work, today: dt.date) -> dict[str, Any]:
    return {
        "id": work.pk,
        "frbr_uri": work.frbr_uri,
        "doc_type": work.doc_type,
        "number": work.number,
        "title": work.title,
        "summary": work.summary,
        "issuer": work.issuer,
        "signer": work.signer,
        "issued_date": work.issued_date,
        "effective_date": work.effective_date,
        "expiry_date": work.expiry_date,
        "status": work.status,
        "status_today": work_status_at(work, today).status,
        "confidentiality": work.confidentiality,
        "fields": work.fields,
        "body_code": work.body.code,
    }


def _expression_out(e: Expression) -> dict[str, Any]:
    return {
        "id": e.pk,
        "frbr_uri": e.frbr_uri,
        "language": e.language,
        "version_date": e.version_date,
        "amending_work_id": e.amending_work_id,
        "note": e.note,
    }


def _expression(work: Work, on: dt.date | None, exact: bool) -> Expression:
    found = work_expression_at(work, on, exact=exact) if on else work_current_expression(work)
    if found is None:
        raise NotFoundError(NO_VERSION)
    return found


class WorkFilters(Schema):
    body_id: int | None = None
    doc_type: str = ""
    status: str = ""
    year: int | None = None
    number: str = ""
    q: str = ""
    field: str = ""


class AtDate(Schema):
    date: dt.date | None = None
    exact: bool = False


@router.get("/", response={200: list[WorkOut], **ERRORS}, url_name="documents_list")
@paginate(BoundedPagination)
def list_works(request: HttpRequest, filters: Query[WorkFilters]) -> Any:
    today = timezone.localdate()
    return [_work_out(w, today) for w in work_list(_user(request), **filters.dict())]


@router.get("/by-uri", response={200: WorkDetailOut, **ERRORS}, url_name="documents_by_uri")
def get_work_by_uri(request: HttpRequest, uri: str) -> Any:
    work = access_work_by_uri(_user(request), uri)
    return {
        **_work_out(work, timezone.localdate()),
        "expressions": [_expression_out(e) for e in work.expressions.order_by("version_date")],
    }


@router.get("/provisions/{provision_id}", response={200: ProvisionOut, **ERRORS})
def get_provision_by_id(request: HttpRequest, provision_id: int) -> Any:
    provision = access_provision(_user(request), provision_id)
    return _provision_out(provision, timezone.localdate())


@router.get("/{work_id}", response={200: WorkDetailOut, **ERRORS}, url_name="documents_detail")
def get_work(request: HttpRequest, work_id: int) -> Any:
    work = access_work(_user(request), work_id)
    return {
        **_work_out(work, timezone.localdate()),
        "expressions": [_expression_out(e) for e in work.expressions.order_by("version_date")],
    }


@router.get("/{work_id}/tree", response={200: TreeOut, **ERRORS}, url_name="documents_tree")
def get_tree(request: HttpRequest, work_id: int, at: Query[AtDate]) -> Any:
    """The provision tree of the version in force on ``date`` (default today); ``exact=true``
    only a version starting that day (AKN ``vie@date``; otherwise ``vie:date``)."""
    work = access_work(_user(request), work_id)
    expression = _expression(work, at.date, at.exact)
    return {"expression": _expression_out(expression), "provisions": expression_tree(expression)}


def _provision_out(p: Provision, on: dt.date) -> dict[str, Any]:
    status = provision_status_at(p, on)
    return {
        "id": p.pk,
        "eid": p.eid,
        "kind": p.kind,
        "number": p.number,
        "label": p.label,
        "heading": p.heading,
        "text": p.text,
        "full_text": provision_subtree_text(p),
        "expression_uri": p.expression.frbr_uri,
        "status": status.status,
        "status_label": status.label,
    }


@router.get("/{work_id}/provisions/{eid}", response={200: ProvisionOut, **ERRORS})
def get_provision(request: HttpRequest, work_id: int, eid: str, at: Query[AtDate]) -> Any:
    """A provision by eId (or a short key such as ``art_8__cls_2``) in the version of ``date``."""
    work = access_work(_user(request), work_id)
    expression = _expression(work, at.date, at.exact)
    provision = provision_by_eid(expression, eid)
    if provision is None:
        raise NotFoundError("Không tìm thấy điều khoản / Provision not found")
    return _provision_out(provision, at.date or timezone.localdate())


@router.get("/{work_id}/relations", response={200: list[RelationOut], **ERRORS})
def get_relations(request: HttpRequest, work_id: int) -> Any:
    user = _user(request)
    work = access_work(user, work_id)
    return [
        {
            "id": v.relation.pk,
            "kind": v.relation.kind,
            "direction": v.direction,
            "label": v.label,
            "other_work_id": v.other.pk,
            "other_title": v.other.title,
            "other_frbr_uri": v.other.frbr_uri,
            "own_eid": v.own_eid,
            "other_eid": v.other_eid,
            "effective_date": v.relation.effective_date,
            "scope_text": v.relation.scope_text,
            "origin": v.relation.origin,
        }
        for v in work_relations(work, user)
    ]


@router.get("/{work_id}/status", response={200: StatusOut, **ERRORS})
def get_status(
    request: HttpRequest, work_id: int, date: dt.date | None = None, eid: str = ""
) -> Any:
    """Tình trạng hiệu lực of the work, or of one provision, as of ``date`` (default today)."""
    work = access_work(_user(request), work_id)
    day = date or timezone.localdate()
    if eid:
        expression = _expression(work, day, False)
        provision = provision_by_eid(expression, eid)
        if provision is None:
            raise NotFoundError("Không tìm thấy điều khoản / Provision not found")
        status = provision_status_at(provision, day)
        eid = provision.eid
    else:
        status = work_status_at(work, day)
    return {
        "date": day,
        "eid": eid,
        "status": status.status,
        "label": status.label,
        "cause_work_id": status.cause.source_work_id if status.cause else None,
        "cause_kind": status.cause.kind if status.cause else None,
    }


@router.get("/{work_id}/diff", response={200: list[ChangeOut], **ERRORS})
def get_diff(request: HttpRequest, work_id: int, old: dt.date, new: dt.date) -> Any:
    """Provision changes between the versions in force on ``old`` and on ``new``."""
    work = access_work(_user(request), work_id)
    changes = expression_diff(_expression(work, old, False), _expression(work, new, False))
    return [
        {
            "eid": c.eid,
            "change": c.change,
            "label": c.label,
            "old_text": c.old_text,
            "new_text": c.new_text,
            "words": [(w.op, w.text) for w in c.words],
        }
        for c in changes
    ]


@router.get("/{work_id}/export.json", response={200: dict[str, Any], **ERRORS})
def export_json(request: HttpRequest, work_id: int) -> Any:
    """The whole work (versions, provisions, outgoing relations) in the JSONL export shape."""
    return work_to_dict(access_work(_user(request), work_id))


@router.get("/{work_id}/akn.xml", response={200: str, **ERRORS})
def export_akn(request: HttpRequest, work_id: int, at: Query[AtDate]) -> Any:
    """Akoma Ntoso 3.0 XML of the version in force on ``date`` (default today)."""
    work = access_work(_user(request), work_id)
    xml = expression_to_akn(_expression(work, at.date, at.exact))
    return HttpResponse(xml, content_type="application/akn+xml; charset=utf-8")
