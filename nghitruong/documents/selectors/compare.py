"""The side-by-side comparison page of two versions of a work (``/documents/<id>/diff``).

Builds on ``expression_diff`` (provision level, by eid) and splits each changed provision's word
operations into the old column (kept + deleted words) and the new column (kept + inserted words).
"""

from dataclasses import dataclass

from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.documents.models import Expression, Work
from nghitruong.documents.selectors.diff import ProvisionChange, WordOp, expression_diff
from nghitruong.documents.selectors.works import work_expressions

NOT_FOUND_VERSION = "Không tìm thấy phiên bản của văn bản này / No such version of this document"


_UNITS = {"art": "Điều", "cls": "Khoản", "pnt": "Điểm", "para": "Đoạn"}


def eid_citation(eid: str, label: str = "") -> str:
    """``art_10__cls_2`` → "Khoản 2 Điều 10" (innermost first, as Vietnamese cites); a unit
    above the article (chapter, section) keeps its own label."""
    parts = [p.split("_", 1) for p in eid.split("__") if "_" in p]
    units = [(_UNITS[k], n.replace("dd", "đ")) for k, n in parts if k in _UNITS]
    if not units or parts[-1][0] not in _UNITS:
        return label or eid
    return " ".join(f"{unit} {number}" for unit, number in reversed(units))


@dataclass(frozen=True)
class DiffRow:
    change: ProvisionChange
    old_words: list[WordOp]
    new_words: list[WordOp]

    @property
    def citation(self) -> str:
        return eid_citation(self.change.eid, self.change.label)


@dataclass(frozen=True)
class WorkDiff:
    work: Work
    expressions: list[Expression]
    old: Expression | None
    new: Expression | None
    rows: list[DiffRow]

    def count(self, change: str) -> int:
        return sum(1 for r in self.rows if r.change.change == change)

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def removed(self) -> int:
        return self.count("removed")

    @property
    def changed(self) -> int:
        return self.count("changed")


def _row(change: ProvisionChange) -> DiffRow:
    if change.change == "added":
        return DiffRow(change, [], [WordOp("insert", change.new_text)])
    if change.change == "removed":
        return DiffRow(change, [WordOp("delete", change.old_text)], [])
    return DiffRow(
        change,
        [w for w in change.words if w.op != "insert"],
        [w for w in change.words if w.op != "delete"],
    )


def work_diff(work: Work, *, old_id: int | None = None, new_id: int | None = None) -> WorkDiff:
    """Compare two Vietnamese versions of ``work`` (already reached through ``access_work``).

    Without ``new_id`` the latest version; without ``old_id`` the one just before ``new``. An id
    that is not a version of this work is ``NotFoundError``; the same version twice, or a work
    with a single version, gives no rows."""
    expressions = list(work_expressions(work))
    by_id = {e.pk: e for e in expressions}
    for wanted in (old_id, new_id):
        if wanted is not None and wanted not in by_id:
            raise NotFoundError(NOT_FOUND_VERSION)
    new = by_id[new_id] if new_id is not None else (expressions[-1] if expressions else None)
    if old_id is not None:
        old: Expression | None = by_id[old_id]
    else:
        index = expressions.index(new) if new is not None else 0
        old = expressions[index - 1] if index > 0 else None
    if old is not None and new is not None and old.version_date > new.version_date:
        raise ApplicationError(
            "Phiên bản cũ phải trước phiên bản mới / The old version must precede the new one",
            code="versions_out_of_order",
        )
    rows = [] if old is None or new is None or old == new else expression_diff(old, new)
    return WorkDiff(work, expressions, old, new, [_row(c) for c in rows])
