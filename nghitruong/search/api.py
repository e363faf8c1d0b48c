"""Search API: ``GET /api/v1/search/?q=…`` — hits grouped by document, facets, citation jump."""

from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Query, Router, Schema

from nghitruong.accounts.api_auth import bearer_auth, session_auth
from nghitruong.search.selectors import search


def _anonymous(request: HttpRequest) -> Any:
    return AnonymousUser()


router = Router(tags=["search"], auth=[bearer_auth, session_auth, _anonymous])


class SearchParams(Schema):
    q: str
    doc_type: str = ""
    issuer: str = ""
    year: int | None = None
    status: str = ""
    field: str = ""
    page: int = 1


@router.get("/", summary="Tìm kiếm văn bản, điều khoản / Search documents and provisions")
def search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    user = getattr(request, "auth", None) or AnonymousUser()
    filters = params.dict(include={"doc_type", "issuer", "year", "status", "field"})
    result = search(user=user, query=params.q[:500], filters=filters, page=max(1, params.page))
    return {
        "query": result.query,
        "page": result.page,
        "total_documents": result.total_documents,
        "jump": asdict(result.jump) if result.jump else None,
        "groups": [asdict(g) for g in result.groups],
        "facets": {k: [{"value": v, "count": n} for v, n in c] for k, c in result.facets.items()},
    }
