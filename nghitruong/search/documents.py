"""Turn documents (Work → current Expression → Provisions) into search units, one per article.

An article's text is its own text followed by its clauses and points in document order
("1. …", "a) …"), one per line, so snippets show clause by clause. A document without articles
becomes one unit holding all its text.
"""

from collections.abc import Iterable

from nghitruong.documents.models import Provision, ProvisionKind, Work
from nghitruong.documents.selectors import work_current_expression
from nghitruong.search.services import UnitInput


def _line(p: Provision) -> str:
    text = (p.text or "").strip()
    if p.kind == ProvisionKind.CLAUSE and p.number:
        return f"{p.number}. {text}"
    if p.kind == ProvisionKind.POINT and p.number:
        return f"{p.number}) {text}"
    return text


def _unit(work: Work, article: Provision | None, lines: list[str], order: int) -> UnitInput:
    year = work.issued_date.year if work.issued_date else None
    if year is None and work.effective_date:
        year = work.effective_date.year
    fields = tuple(str(f) for f in (work.fields or []))
    return UnitInput(
        key=f"work:{work.pk}:{article.pk if article else 'all'}",
        document_key=f"work:{work.pk}",
        document_title=work.title,
        heading=(article.heading if article else work.title) or "",
        text="\n".join(line for line in lines if line),
        number=article.number if article else "",
        label=article.label if article else "",
        order=order,
        work_id=work.pk,
        provision_id=article.pk if article else None,
        document_number=work.number,
        doc_type=work.doc_type,
        issuer=work.issuer,
        year=year,
        status=work.status,
        fields=fields,
        body_id=work.body_id,
        confidentiality=work.confidentiality,
    )


def units_for_work(work: Work) -> list[UnitInput]:
    expression = work_current_expression(work)
    if expression is None:
        return []
    provisions: Iterable[Provision] = expression.provisions.order_by("order")
    units: list[UnitInput] = []
    article: Provision | None = None
    lines: list[str] = []
    loose: list[str] = []
    for p in provisions:
        if p.kind == ProvisionKind.ARTICLE:
            if article is not None:
                units.append(_unit(work, article, lines, len(units)))
            article, lines = p, [(p.text or "").strip()]
        elif article is not None and p.depth > article.depth:
            lines.append(_line(p))
        else:
            if article is not None:
                units.append(_unit(work, article, lines, len(units)))
                article, lines = None, []
            loose.append(_line(p))
    if article is not None:
        units.append(_unit(work, article, lines, len(units)))
    if not units:
        units.append(_unit(work, None, loose, 0))
    return units


def units_for_works(work_ids: list[int]) -> list[UnitInput]:
    units: list[UnitInput] = []
    for work in Work.objects.filter(pk__in=work_ids).order_by("pk"):
        units.extend(units_for_work(work))
    return units
