"""Relation labels in both directions. One edge is stored; the inverse label is derived.

Each kind maps to exactly one forward label (as the source document says it) and one inverse label
(as shown on the target document's page: "được sửa đổi bởi"), Vietnamese first then English,
mirroring vbpl.vn's "Lược đồ" blocks (legislation-opendata.md §4.4).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nghitruong.documents.models import RelationKind


@dataclass(frozen=True)
class RelationLabels:
    forward: Promise
    inverse: Promise
    forward_en: str
    inverse_en: str


RELATION_LABELS: dict[str, RelationLabels] = {
    RelationKind.AMENDS: RelationLabels(
        _("Sửa đổi"), _("Được sửa đổi bởi"), "amends", "amended by"
    ),
    RelationKind.SUPPLEMENTS: RelationLabels(
        _("Bổ sung"), _("Được bổ sung bởi"), "supplements", "supplemented by"
    ),
    RelationKind.REPLACES: RelationLabels(
        _("Thay thế"), _("Bị thay thế bởi"), "replaces", "replaced by"
    ),
    RelationKind.REPEALS: RelationLabels(_("Bãi bỏ"), _("Bị bãi bỏ bởi"), "repeals", "repealed by"),
    RelationKind.PARTIALLY_REPEALS: RelationLabels(
        _("Bãi bỏ một phần"),
        _("Bị bãi bỏ một phần bởi"),
        "partially repeals",
        "partially repealed by",
    ),
    RelationKind.SUSPENDS: RelationLabels(
        _("Đình chỉ thi hành"), _("Bị đình chỉ thi hành bởi"), "suspends", "suspended by"
    ),
    RelationKind.PARTIALLY_SUSPENDS: RelationLabels(
        _("Đình chỉ thi hành một phần"),
        _("Bị đình chỉ thi hành một phần bởi"),
        "partially suspends",
        "partially suspended by",
    ),
    RelationKind.GUIDES: RelationLabels(
        _("Hướng dẫn, quy định chi tiết"),
        _("Được hướng dẫn, quy định chi tiết bởi"),
        "guides / details",
        "guided / detailed by",
    ),
    RelationKind.BASED_ON: RelationLabels(_("Căn cứ"), _("Là căn cứ của"), "based on", "basis of"),
    RelationKind.CITES: RelationLabels(
        _("Dẫn chiếu"), _("Được dẫn chiếu bởi"), "cites", "cited by"
    ),
    RelationKind.CONSOLIDATES: RelationLabels(
        _("Hợp nhất"), _("Được hợp nhất bởi"), "consolidates", "consolidated by"
    ),
    RelationKind.RECTIFIES: RelationLabels(
        _("Đính chính"), _("Bị đính chính bởi"), "rectifies", "rectified by"
    ),
}

#: Kinds that end the force of (part of) the target from the relation's effective date.
ENDING_KINDS = frozenset(
    {RelationKind.REPEALS, RelationKind.REPLACES, RelationKind.PARTIALLY_REPEALS}
)
#: Kinds that suspend (part of) the target from the relation's effective date.
SUSPENDING_KINDS = frozenset({RelationKind.SUSPENDS, RelationKind.PARTIALLY_SUSPENDS})
#: Kinds that change the target's text (a new expression is expected at the effective date).
CHANGING_KINDS = frozenset({RelationKind.AMENDS, RelationKind.SUPPLEMENTS, RelationKind.RECTIFIES})


def relation_label(kind: str, *, inverse: bool = False) -> str:
    labels = RELATION_LABELS[kind]
    return str(labels.inverse if inverse else labels.forward)
