"""What the HTML reader shows: a version of a work with statuses, TOC, relations and timeline."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

from nghitruong.documents.models import Expression, Provision, Work
from nghitruong.documents.selectors.citation_links import linked_provision_texts
from nghitruong.documents.selectors.status import StatusAt, provision_statuses, work_status_at
from nghitruong.documents.selectors.works import RelationView, work_relations

TOC_KINDS = frozenset({"part", "chapter", "section", "subsection", "article", "appendix"})
BADGE_CLASS = {
    "in_force": "status-ok",
    "not_yet_effective": "status-pending",
    "partially_expired": "status-partial",
    "partially_suspended": "status-partial",
    "expired": "status-ended",
    "suspended": "status-ended",
    "no_longer_applicable": "status-ended",
}


@dataclass(frozen=True)
class ReaderRow:
    provision: Provision
    status: StatusAt
    changed: bool  # differs from the previous version
    text_html: SafeString  # the text, escaped, with citation links (selectors.citation_links)

    @property
    def badge_class(self) -> str:
        return BADGE_CLASS.get(self.status.status, "")


@dataclass(frozen=True)
class WorkReader:
    work: Work
    on: dt.date
    expression: Expression | None
    expressions: list[Expression]
    status: StatusAt
    rows: list[ReaderRow]
    toc: list[Provision]
    relations: list[RelationView]

    @property
    def badge_class(self) -> str:
        return BADGE_CLASS.get(self.status.status, "")


def work_reader(user: Any, work: Work, on: dt.date | None = None) -> WorkReader:
    """The version in force on ``on`` (default today; the first version if none is yet)."""
    day = on or timezone.localdate()
    expressions = list(work.expressions.filter(language="vie").order_by("version_date"))
    current = [e for e in expressions if e.version_date <= day]
    expression = current[-1] if current else (expressions[0] if expressions else None)
    provisions = list(expression.provisions.order_by("order")) if expression else []
    statuses = provision_statuses(provisions, work, day)
    previous: dict[str, str] = {}
    if expression is not None:
        index = expressions.index(expression)
        if index > 0:
            previous = {
                eid: f"{heading}\n{text}"
                for eid, heading, text in expressions[index - 1].provisions.values_list(
                    "eid", "heading", "text"
                )
            }
    linked = linked_provision_texts(user, work, provisions)
    rows = [
        ReaderRow(
            p,
            statuses[p.eid],
            bool(previous) and previous.get(p.eid) != f"{p.heading}\n{p.text}",
            linked[p.pk],
        )
        for p in provisions
    ]
    return WorkReader(
        work=work,
        on=day,
        expression=expression,
        expressions=expressions,
        status=work_status_at(work, day),
        rows=rows,
        toc=[p for p in provisions if p.kind in TOC_KINDS],
        relations=work_relations(work, user),
    )
