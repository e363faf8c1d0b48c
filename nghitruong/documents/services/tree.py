"""Turn a provision tree (the parser's nodes or plain dicts) into Provision rows, fast.

Rows are bulk-inserted one depth level at a time so each child knows its parent's primary key;
the 17-law demo corpus (≈2,250 articles, ≈10,000 provisions) inserts in well under a second.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nghitruong.core.text import fold
from nghitruong.documents.models import Expression, Provision, ProvisionKind

_KIND_ALIASES = {
    "item": "paragraph",
    "indent": "paragraph",
    "annex": "appendix",
    "attachment": "appendix",
}
# AKN eId prefixes, as documents.parsing.structure assigns them (used only for missing eids).
_EID_ALIASES = {
    "preamble": "preamble",
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "article": "art",
    "clause": "cls",
    "point": "pnt",
    "paragraph": "para",
    "quotation": "qstr",
    "appendix": "att",
    "signature": "signature",
    "other": "nn",
}
_KINDS = {k.value for k in ProvisionKind}


@dataclass
class ProvisionNode:
    """A provision before it is stored (also the shape of nodes read back from JSON)."""

    kind: str
    number: str = ""
    label: str = ""
    heading: str = ""
    text: str = ""
    eid: str = ""
    children: list["ProvisionNode"] = field(default_factory=list)


@dataclass
class FlatProvision:
    kind: str
    number: str
    label: str
    heading: str
    text: str
    eid: str
    depth: int
    parent_index: int | None


def _get(node: Any, name: str) -> Any:
    if isinstance(node, Mapping):
        return node.get(name)
    return getattr(node, name, None)


def clean_num(number: str) -> str:
    """AKN-NC cleaning of a number: ``"1.2."`` → ``1-2``, ``"10a"`` → ``10a``, ``"đ"`` → ``dd``
    (as documents.parsing.structure spells it)."""
    value = fold(number.replace("đ", "dd").replace("Đ", "DD")).strip().strip(".)")
    value = re.sub(r"[.\s]+", "-", value)
    return re.sub(r"[^0-9a-z-]", "", value).strip("-")


def normalise_kind(kind: str | None) -> str:
    value = _KIND_ALIASES.get(str(kind or "").lower(), str(kind or "").lower())
    return value if value in _KINDS else ProvisionKind.OTHER


def flatten(nodes: Iterable[Any]) -> list[FlatProvision]:
    """Depth-first, document order. Missing eids are generated; duplicates get ``_2``, ``_3``."""
    rows: list[FlatProvision] = []
    seen: set[str] = set()

    def visit(node: Any, depth: int, parent_index: int | None, parent_eid: str) -> None:
        kind = normalise_kind(_get(node, "kind"))
        number = str(_get(node, "number") or "")
        eid = str(_get(node, "eid") or "")
        if not eid:
            alias = _EID_ALIASES.get(kind, "nn")
            own = f"{alias}_{clean_num(number)}" if number and clean_num(number) else alias
            eid = f"{parent_eid}__{own}" if parent_eid else own
        base, n = eid, 2
        while eid in seen:
            eid = f"{base}_{n}"
            n += 1
        seen.add(eid)
        rows.append(
            FlatProvision(
                kind=kind,
                number=number[:40],
                label=str(_get(node, "label") or "")[:120],
                heading=str(_get(node, "heading") or "")[:1000],
                text=str(_get(node, "text") or ""),
                eid=eid[:255],
                depth=depth,
                parent_index=parent_index,
            )
        )
        index = len(rows) - 1
        for child in _get(node, "children") or []:
            visit(child, depth + 1, index, eid)

    for node in nodes:
        visit(node, 0, None, "")
    return rows


def bulk_create_provisions(expression: Expression, rows: list[FlatProvision]) -> list[Provision]:
    """Insert ``rows`` under ``expression`` level by level; return the saved provisions in order."""
    objs = [
        Provision(
            expression=expression,
            kind=r.kind,
            number=r.number,
            label=r.label,
            heading=r.heading,
            text=r.text,
            eid=r.eid,
            order=i,
            depth=r.depth,
        )
        for i, r in enumerate(rows)
    ]
    max_depth = max((r.depth for r in rows), default=-1)
    for depth in range(max_depth + 1):
        level = []
        for obj, row in zip(objs, rows, strict=True):
            if row.depth != depth:
                continue
            if row.parent_index is not None:
                obj.parent_id = objs[row.parent_index].pk
            level.append(obj)
        Provision.objects.bulk_create(level)
    return objs


def rows_to_tree(rows: list[dict[str, Any]]) -> list[ProvisionNode]:
    """Rebuild nodes from exported rows (``parent_eid`` links, document order)."""
    by_eid: dict[str, ProvisionNode] = {}
    roots: list[ProvisionNode] = []
    for row in rows:
        node = ProvisionNode(
            kind=row.get("kind", ""),
            number=row.get("number", ""),
            label=row.get("label", ""),
            heading=row.get("heading", ""),
            text=row.get("text", ""),
            eid=row.get("eid", ""),
        )
        by_eid[node.eid] = node
        parent = by_eid.get(row.get("parent_eid") or "")
        (parent.children if parent else roots).append(node)
    return roots
