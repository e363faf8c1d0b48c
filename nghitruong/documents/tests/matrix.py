"""Permission-matrix specs for the knowledge base (tests/test_permission_matrix.py).

Each side of the world gets, through the services, a public work (readable by everyone, not a
marker), an internal work with two versions and a confidential work, each of the last two with a
title only that body's readers may see (registered in ``world.extra_markers``). The internal work
cites the confidential one and the public one, so relation lists are exercised too. URLs that take
a work point at the side's *internal* work (the positive control: a deputy of A reads A's internal
work; a deputy may not read a confidential one, which only staff see).
"""

import datetime as dt
from typing import Any

from nghitruong.documents.models import Confidentiality, DocType, RelationKind, Work
from nghitruong.documents.services import expression_create, relation_create, work_create
from nghitruong.documents.tests.factories import article
from tests.conftest import World
from tests.matrix import Probe

V1, V2 = dt.date(2024, 1, 1), dt.date(2026, 1, 1)
INTERNAL_URI = {side: f"/akn/vn/act/nq/hdnd-{side.lower()}/2024-01-01/mat-danh" for side in "AB"}
PUBLIC_NUMBER = {"A": "10/2024/NQ-HĐND", "B": "11/2024/NQ-HĐND"}
INTERNAL_NUMBER = {"A": "91/2024/NQ-HĐND", "B": "92/2024/NQ-HĐND"}


def _work(world: World, side: str, kind: str, confidentiality: str, **kw: Any) -> Work:
    return work_create(
        actor=None,
        body=world.body(side),
        doc_type=DocType.RESOLUTION,
        confidentiality=confidentiality,
        issued_date=V1,
        effective_date=V1,
        provenance={"matrix": f"{kind}-{side}"},
        **kw,
    )


def documents_of(world: World, side: str) -> dict[str, Any]:
    """The side's public, internal and confidential works (created once per world)."""
    cache: dict[str, dict[str, Any]] = world.__dict__.setdefault("documents", {})
    if side in cache:
        return cache[side]
    public = _work(
        world,
        side,
        "public",
        Confidentiality.PUBLIC,
        title=f"Nghị quyết công khai của tỉnh {side}",
        number=PUBLIC_NUMBER[side],
    )
    internal_title = f"Nghị quyết nội bộ mật danh Sen {side}"
    internal = _work(
        world,
        side,
        "internal",
        Confidentiality.INTERNAL,
        title=internal_title,
        number=INTERNAL_NUMBER[side],
        frbr_uri=INTERNAL_URI[side],
    )
    secret_title = f"Tờ trình hạn chế mật danh Lan {side}"
    confidential = _work(
        world, side, "confidential", Confidentiality.CONFIDENTIAL, title=secret_title
    )
    clause = f"Nội dung chỉ nội bộ {side} được đọc."
    for work in (public, confidential):
        expression_create(
            actor=None, work=work, version_date=V1, tree=[article("1", "Chung", "X.")]
        )
    expression_create(
        actor=None, work=internal, version_date=V1, tree=[article("1", "Phạm vi", clause)]
    )
    expression_create(
        actor=None,
        work=internal,
        version_date=V2,
        tree=[article("1", "Phạm vi", clause, f"Khoản bổ sung nội bộ {side}.")],
    )
    for target in (confidential, public):
        relation_create(
            actor=None, kind=RelationKind.CITES, source_work=internal, target_work=target
        )
    world.extra_markers[side] += [internal_title, secret_title, clause]
    cache[side] = {
        "public": public,
        "internal": internal,
        "confidential": confidential,
        "provision": internal.expressions.get(version_date=V2).provisions.get(eid="art_1"),
    }
    return cache[side]


def work_id(world: World, side: str) -> dict[str, Any]:
    return {"work_id": documents_of(world, side)["internal"].pk}


def work_eid(world: World, side: str) -> dict[str, Any]:
    return {**work_id(world, side), "eid": "art_1__cls_1"}


def provision_id(world: World, side: str) -> dict[str, Any]:
    return {"provision_id": documents_of(world, side)["provision"].pk}


def world_documents(world: World, side: str) -> dict[str, Any]:
    """For URLs without an object (lists, search): make sure both sides' documents exist."""
    documents_of(world, "A")
    documents_of(world, "B")
    return {}


def relation_id(world: World, side: str) -> dict[str, Any]:
    internal = documents_of(world, side)["internal"]
    return {"relation_id": internal.relations_out.order_by("pk").first().pk}


SPECS: dict[str, Probe] = {
    # HTML reader (public documents need no login)
    "documents:index": Probe(kwargs=world_documents, public=True),
    "documents:resolve": Probe(
        kwargs=world_documents,
        public=True,
        owner_status=302,
        query={"q": f"Điều 1 Nghị quyết số {INTERNAL_NUMBER['A']}"},
        note="A's internal work: member A is redirected to it, a visitor gets 'not found'",
    ),
    "documents:detail": Probe(kwargs=work_id),
    "documents:diff": Probe(kwargs=work_id, note="no query: the last two versions"),
    # Staff editing: a deputy reads the work but may not edit it (403); others 404 / login.
    "documents:edit": Probe(kwargs=work_id, owner_status=403),
    "documents:status": Probe(kwargs=work_id, owner_status=405, note="POST only"),
    "documents:relation_add": Probe(kwargs=work_id, owner_status=405, note="POST only"),
    "documents:relation_delete": Probe(kwargs=relation_id, owner_status=405, note="POST only"),
    "documents:work_search": Probe(
        kwargs=world_documents, query={"target": "mật danh"}, note="relation target autocomplete"
    ),
    # API (/api/v1/documents/)
    "api-v1:documents_list": Probe(kwargs=world_documents, public=True),
    "api-v1:documents_by_uri": Probe(
        kwargs=world_documents,
        query={"uri": INTERNAL_URI["A"]},
        note="A's internal work by URI: member A reads it, a visitor gets 404",
    ),
    "api-v1:get_provision_by_id": Probe(kwargs=provision_id),
    "api-v1:documents_detail": Probe(kwargs=work_id),
    "api-v1:documents_tree": Probe(kwargs=work_id),
    "api-v1:get_provision": Probe(kwargs=work_eid),
    "api-v1:get_relations": Probe(kwargs=work_id),
    "api-v1:get_status": Probe(kwargs=work_id),
    "api-v1:get_diff": Probe(kwargs=work_id, query={"old": "2024-06-01", "new": "2026-06-01"}),
    "api-v1:export_json": Probe(kwargs=work_id),
    "api-v1:export_akn": Probe(kwargs=work_id),
}
