"""Exports: our JSONL format (one work per line, re-importable by ``import_jsonl``) and Akoma
Ntoso 3.0 XML per expression. Bulk exports contain public works only."""

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

from nghitruong.documents.ingest.jsonl import OWN_FORMAT
from nghitruong.documents.models import Confidentiality, Expression, Provision, Relation, Work

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_AKN_ELEMENT = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "subsection": "subsection",
    "article": "article",
    "clause": "paragraph",
    "point": "point",
}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def provision_rows(expression: Expression) -> list[dict[str, Any]]:
    parents = dict(expression.provisions.values_list("pk", "eid"))
    return [
        {
            "eid": p.eid,
            "parent_eid": parents.get(p.parent_id, "") if p.parent_id else "",
            "kind": p.kind,
            "number": p.number,
            "label": p.label,
            "heading": p.heading,
            "text": p.text,
        }
        for p in expression.provisions.order_by("order")
    ]


def work_to_dict(work: Work) -> dict[str, Any]:
    """One work with its versions, provisions and outgoing relations (our JSONL line)."""
    relations = Relation.objects.filter(source_work=work).select_related("target_work")
    return {
        "format": OWN_FORMAT,
        "frbr_uri": work.frbr_uri,
        "doc_type": work.doc_type,
        "number": work.number,
        "title": work.title,
        "summary": work.summary,
        "issuer": work.issuer,
        "signer": work.signer,
        "issued_date": _iso(work.issued_date),
        "effective_date": _iso(work.effective_date),
        "expiry_date": _iso(work.expiry_date),
        "status": work.status,
        "fields": work.fields,
        "content_hash": work.content_hash,
        "expressions": [
            {
                "frbr_uri": e.frbr_uri,
                "language": e.language,
                "version_date": e.version_date.isoformat(),
                "note": e.note,
                "provisions": provision_rows(e),
            }
            for e in work.expressions.order_by("language", "version_date")
        ],
        "relations": [
            {
                "kind": r.kind,
                "source_eid": r.source_eid,
                "target_frbr_uri": r.target_work.frbr_uri,
                "target_eid": r.target_eid,
                "effective_date": _iso(r.effective_date),
                "scope_text": r.scope_text,
                "origin": r.origin,
                "note": r.note,
            }
            for r in relations
        ],
    }


def export_jsonl(out: str | Path, *, works: Iterable[Work] | None = None) -> int:
    """Write public works (or ``works``) to ``out`` (gzip if it ends in .gz); return the count."""
    selected = (
        works
        if works is not None
        else Work.objects.filter(confidentiality=Confidentiality.PUBLIC).order_by("pk")
    )
    path = Path(out)
    count = 0
    fh: IO[str]
    with (
        gzip.open(path, "wt", encoding="utf-8")
        if path.suffix == ".gz"
        else path.open("w", encoding="utf-8")
    ) as fh:
        for work in selected:
            fh.write(json.dumps(work_to_dict(work), ensure_ascii=False) + "\n")
            count += 1
    return count


def _sub(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})


def _p(parent: ET.Element, text: str) -> None:
    for line in text.splitlines() or [""]:
        _sub(parent, "p").text = line


def _akn_node(
    parent: ET.Element, p: Provision, children: dict[int | None, list[Provision]]
) -> None:
    tag = _AKN_ELEMENT.get(p.kind)
    el = _sub(parent, tag, eId=p.eid) if tag else _sub(parent, "hcontainer", eId=p.eid, name=p.kind)
    if p.number:
        _sub(el, "num").text = p.number
    if p.heading:
        _sub(el, "heading").text = p.heading
    kids = children.get(p.pk, [])
    if kids:
        if p.text:
            _p(_sub(el, "intro"), p.text)
        for child in kids:
            _akn_node(el, child, children)
    else:
        _p(_sub(el, "content"), p.text)


def expression_to_akn(expression: Expression) -> str:
    """Akoma Ntoso 3.0 XML of one version (FRBR identification, preface, preamble, body,
    conclusions). eIds are the stored ones; not yet checked against the XSD."""
    work = expression.work
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NS})
    doctype = "act" if "/act/" in work.frbr_uri else "doc"
    subtype = work.frbr_uri.split("/")[4] if work.frbr_uri.count("/") >= 5 else work.doc_type
    doc = _sub(root, doctype, name=subtype)
    ident = _sub(_sub(doc, "meta"), "identification", source="#nghitruong")
    fw = _sub(ident, "FRBRWork")
    _sub(fw, "FRBRthis", value=f"{work.frbr_uri}/!main")
    _sub(fw, "FRBRuri", value=work.frbr_uri)
    _sub(fw, "FRBRdate", date=_iso(work.issued_date) or "", name="Generation")
    _sub(
        fw,
        "FRBRauthor",
        href=f"#{work.frbr_uri.split('/')[5] if work.frbr_uri.count('/') >= 6 else 'vn'}",
    )
    _sub(fw, "FRBRcountry", value="vn")
    if work.number:
        _sub(fw, "FRBRnumber", value=work.number)
    fe = _sub(ident, "FRBRExpression")
    _sub(fe, "FRBRthis", value=f"{expression.frbr_uri}/!main")
    _sub(fe, "FRBRuri", value=expression.frbr_uri)
    _sub(fe, "FRBRdate", date=expression.version_date.isoformat(), name="Generation")
    _sub(fe, "FRBRauthor", href="#nghitruong")
    _sub(fe, "FRBRlanguage", language=expression.language)
    fm = _sub(ident, "FRBRManifestation")
    _sub(fm, "FRBRthis", value=f"{expression.frbr_uri}/!main.xml")
    _sub(fm, "FRBRuri", value=f"{expression.frbr_uri}.akn")
    _sub(fm, "FRBRdate", date=expression.updated_at.date().isoformat(), name="Generation")
    _sub(fm, "FRBRauthor", href="#nghitruong")
    preface = _sub(doc, "preface")
    _sub(_sub(preface, "p", class_="title"), "docTitle").text = work.title
    if work.number:
        _sub(_sub(preface, "p", class_="number"), "docNumber").text = work.number
    provisions = list(expression.provisions.order_by("order"))
    children: dict[int | None, list[Provision]] = {}
    for p in provisions:
        children.setdefault(p.parent_id, []).append(p)
    roots = children.get(None, [])
    for p in (r for r in roots if r.kind == "preamble"):
        _p(_sub(doc, "preamble"), p.text)
    body = _sub(doc, "body")
    for p in (r for r in roots if r.kind not in ("preamble", "signature")):
        _akn_node(body, p, children)
    for p in (r for r in roots if r.kind == "signature"):
        _p(_sub(doc, "conclusions"), p.text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def export_akn(out: str | Path, *, works: Iterable[Work] | None = None) -> int:
    """One ``.xml`` file per version of each public work under the folder ``out``."""
    from nghitruong.core.text import slugify_vi

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    selected = (
        works
        if works is not None
        else Work.objects.filter(confidentiality=Confidentiality.PUBLIC).order_by("pk")
    )
    count = 0
    for work in selected:
        for expression in work.expressions.order_by("language", "version_date"):
            name = slugify_vi(expression.frbr_uri.removeprefix("/akn/"))
            (folder / f"{name}.xml").write_text(expression_to_akn(expression), encoding="utf-8")
            count += 1
    return count
