"""Provision-level diff of two expressions: added / removed / changed by eid, word-level inside."""

import difflib
import re
from dataclasses import dataclass, field

from nghitruong.documents.models import Expression

_TOKEN = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class WordOp:
    op: str  # "equal" | "insert" | "delete"
    text: str


@dataclass(frozen=True)
class ProvisionChange:
    eid: str
    change: str  # "added" | "removed" | "changed"
    label: str
    old_text: str = ""
    new_text: str = ""
    words: list[WordOp] = field(default_factory=list)


def word_diff(old: str, new: str) -> list[WordOp]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", "".join(b[j1:j2])))
    return ops


def _content(heading: str, text: str) -> str:
    return f"{heading}\n{text}".strip() if heading else text


def expression_diff(old: Expression, new: Expression) -> list[ProvisionChange]:
    """Changes from ``old`` to ``new`` in ``new``'s order (removed ones where they stood)."""
    before = {p.eid: p for p in old.provisions.order_by("order")}
    after = {p.eid: p for p in new.provisions.order_by("order")}
    changes: list[ProvisionChange] = []
    for eid, p in before.items():
        if eid not in after:
            changes.append(
                ProvisionChange(eid, "removed", p.label, old_text=_content(p.heading, p.text))
            )
    for eid, p in after.items():
        new_text = _content(p.heading, p.text)
        if eid not in before:
            changes.append(ProvisionChange(eid, "added", p.label, new_text=new_text))
            continue
        old_text = _content(before[eid].heading, before[eid].text)
        if old_text != new_text:
            changes.append(
                ProvisionChange(
                    eid, "changed", p.label, old_text, new_text, word_diff(old_text, new_text)
                )
            )
    order = {eid: i for i, eid in enumerate(after)}
    old_order = {eid: i for i, eid in enumerate(before)}
    changes.sort(key=lambda c: (order.get(c.eid, old_order.get(c.eid, 0)), c.change != "removed"))
    return changes
