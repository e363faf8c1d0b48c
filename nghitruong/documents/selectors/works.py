"""Reads on works, versions and provisions. Lists always take the user (readable_works)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from nghitruong.core.text import fold
from nghitruong.documents.frbr import number_key
from nghitruong.documents.models import Expression, Provision, Relation, Work
from nghitruong.documents.permissions import readable_q, readable_works
from nghitruong.documents.relations import relation_label


def work_list(
    user: object,
    *,
    body_id: int | None = None,
    doc_type: str = "",
    status: str = "",
    year: int | None = None,
    number: str = "",
    q: str = "",
    field: str = "",
) -> QuerySet[Work]:
    """Readable works, filtered. ``q`` is a plain contains on title / trích yếu / number (full,
    diacritic-insensitive search is the search app's); ``number`` matches the normalised key."""
    qs = readable_works(user).select_related("body")
    if body_id:
        qs = qs.filter(body_id=body_id)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(issued_date__year=year)
    if number:
        qs = qs.filter(number_key=number_key(number))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(number__icontains=q))
    if field:
        ids = [w.pk for w in qs.only("pk", "fields") if fold(field) in {fold(f) for f in w.fields}]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("-issued_date", "title", "pk")


def work_expressions(work: Work, *, language: str = "vie") -> QuerySet[Expression]:
    return work.expressions.filter(language=language).order_by("version_date")


def work_expression_at(
    work: Work, on: dt.date | None = None, *, language: str = "vie", exact: bool = False
) -> Expression | None:
    """The version in force on ``on`` (default today): the latest at or before it
    (AKN ``vie:date``); with ``exact``, only one starting that very day (``vie@date``)."""
    day = on or timezone.localdate()
    qs = work.expressions.filter(language=language)
    if exact:
        return qs.filter(version_date=day).first()
    found = qs.filter(version_date__lte=day).order_by("-version_date").first()
    return found


def work_current_expression(work: Work, *, language: str = "vie") -> Expression | None:
    """Today's version, else the earliest one (a law passed but not yet in force)."""
    return work_expression_at(work, language=language) or (
        work.expressions.filter(language=language).order_by("version_date").first()
    )


def expression_provisions(expression: Expression) -> list[Provision]:
    return list(expression.provisions.order_by("order"))


def expression_tree(expression: Expression) -> list[dict[str, Any]]:
    """Nested ``{"id","eid","kind","number","label","heading","text","children"}`` in order."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for p in expression_provisions(expression):
        node = {
            "id": p.pk,
            "eid": p.eid,
            "kind": p.kind,
            "number": p.number,
            "label": p.label,
            "heading": p.heading,
            "text": p.text,
            "children": [],
        }
        nodes[p.pk] = node
        parent = nodes.get(p.parent_id) if p.parent_id else None
        (parent["children"] if parent else roots).append(node)
    return roots


def provision_by_eid(expression: Expression, eid: str) -> Provision | None:
    """By full eId, or by a short key ending it (``art_8__para_2`` finds ``chp_2__art_8__para_2``)."""
    found = expression.provisions.filter(eid=eid).first()
    if found is None and eid:
        found = expression.provisions.filter(eid__endswith=f"__{eid}").order_by("order").first()
    return found


def provision_subtree_text(provision: Provision) -> str:
    """The provision's own text followed by its descendants' (for display or export)."""
    rows = list(
        provision.expression.provisions.filter(
            Q(pk=provision.pk) | Q(eid__startswith=f"{provision.eid}__")
        ).order_by("order")
    )
    return "\n".join(
        " ".join(x for x in (r.label if r.kind != "article" else "", r.heading, r.text) if x)
        for r in rows
    )


@dataclass(frozen=True)
class RelationView:
    """One relation as seen from a work: ``direction`` "out" (this work acts) or "in" (inverse)."""

    relation: Relation
    direction: str
    label: str
    other: Work
    own_eid: str
    other_eid: str


def work_relations(work: Work, user: object | None = None) -> list[RelationView]:
    """Relations from and to ``work``, the inverse ones labelled "được … bởi". With ``user``,
    relations to works the user may not read are left out."""
    out = Relation.objects.filter(source_work=work).select_related("target_work")
    inc = Relation.objects.filter(target_work=work).select_related("source_work")
    if user is not None:
        out = out.filter(readable_q(user, prefix="target_work__"))
        inc = inc.filter(readable_q(user, prefix="source_work__"))
    views = [
        RelationView(r, "out", relation_label(r.kind), r.target_work, r.source_eid, r.target_eid)
        for r in out
    ] + [
        RelationView(
            r, "in", relation_label(r.kind, inverse=True), r.source_work, r.target_eid, r.source_eid
        )
        for r in inc
    ]
    views.sort(key=lambda v: (v.relation.effective_date or dt.date.min, v.relation.pk))
    return views


def find_work_by_ref(ref: Any, user: object | None = None) -> Work | None:
    """The work a parsed citation's document points to (``documents.parsing.refs.DocumentRef``):
    by số ký hiệu key, else by title (diacritic- and case-insensitive; only when unambiguous).
    With ``user``, only among works the user may read."""
    qs = readable_works(user) if user is not None else Work.objects.all()
    number = getattr(ref, "number", None)
    if number:
        return qs.filter(number_key=number_key(number)).order_by("pk").first()
    title = getattr(ref, "title", None)
    if not title:
        return None
    exact = list(qs.filter(title__iexact=title)[:2])
    if len(exact) == 1:
        return exact[0]
    doc_type = getattr(ref, "doc_type", None)
    candidates = qs.filter(doc_type=str(doc_type)) if doc_type else qs
    wanted = fold(title)
    found = [pk for pk, t in candidates.values_list("pk", "title") if fold(t) == wanted]
    return qs.get(pk=found[0]) if len(found) == 1 else None
