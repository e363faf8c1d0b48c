"""Resolve the authority named in a delegation clause to the Agency tree (or to a kind).

"Chính phủ" / "Thủ tướng Chính phủ" → the Government; "Bộ trưởng Bộ Y tế" → Bộ Y tế;
"Thống đốc Ngân hàng Nhà nước Việt Nam" → the State Bank; "Ủy ban nhân dân cấp tỉnh" → the kind
``peoples_committee`` (every province's committee, no single agency). Ministries renamed or merged
in the 2025 restructuring (Resolution 176/2025/QH15) resolve to their successor.
"""

import re
from dataclasses import dataclass

from nghitruong.core.models import Agency
from nghitruong.core.text import fold

# Title words that precede the agency's name ("Bộ trưởng Bộ Y tế" → "Bộ Y tế").
_TITLES = re.compile(
    r"^(?:bo truong|thu truong|chanh an|vien truong|tong kiem toan|thong doc|thu tuong"
    r"|chu tich|hoi dong tham phan|tong giam doc|giam doc)\s+"
)
# Ministries before 2025 → successor (Resolution 176/2025/QH15, effective 2025-03-01).
SUCCESSORS = {
    "bo tai nguyen va moi truong": "bo nong nghiep va moi truong",
    "bo nong nghiep va phat trien nong thon": "bo nong nghiep va moi truong",
    "bo ke hoach va dau tu": "bo tai chinh",
    "bo giao thong van tai": "bo xay dung",
    "bo thong tin va truyen thong": "bo khoa hoc va cong nghe",
    "bo lao dong - thuong binh va xa hoi": "bo noi vu",
    "bo lao dong thuong binh va xa hoi": "bo noi vu",
}
KIND_PATTERNS = (
    (re.compile(r"\buy ban nhan dan\b"), Agency.Kind.PEOPLES_COMMITTEE),
    (re.compile(r"\bhoi dong nhan dan\b"), "peoples_council"),
    (re.compile(r"\buy ban thuong vu quoc hoi\b"), "na_standing"),
    (re.compile(r"\bthu truong co quan ngang bo\b|^bo truong,"), Agency.Kind.MINISTRY),
)
STANDING_COMMITTEE = re.compile(r"^uy ban thuong vu quoc hoi$")


# "X chủ trì(,) phối hợp với Y hướng dẫn …": the parser names Y; the lead (owner) is X.
_LEAD = re.compile(
    r"(?:^|[.;:]\s*|\n)(?:\d+[a-zđ]?\.\s*|[a-zđ]\)\s*)?(?P<lead>[^.;:\n]+?)\s+chủ trì,?\s+"
    r"(?:và\s+)?phối hợp với\s+$"
)


def lead_authority(text: str, start: int, authority: str) -> str:
    """The lead authority of a delegation found at ``text[start:]`` (see ``_LEAD``)."""
    match = _LEAD.search(text[:start])
    return match.group("lead").strip() if match else authority


@dataclass(frozen=True)
class ResolvedAuthority:
    agency: Agency | None
    kind: str


def _agency_index() -> dict[str, Agency]:
    """Central agencies by folded name (per-province agencies are reached by kind)."""
    return {
        fold(a.name): a
        for a in Agency.objects.filter(admin_unit__isnull=True, is_active=True).order_by("code")
    }


def resolve_authority(text: str, index: dict[str, Agency] | None = None) -> ResolvedAuthority:
    folded = fold(text).strip(" ,.")
    idx = _agency_index() if index is None else index
    if STANDING_COMMITTEE.match(folded):
        return ResolvedAuthority(None, "na_standing")
    name = _TITLES.sub("", folded)
    name = SUCCESSORS.get(name, name)
    if name in idx:
        return ResolvedAuthority(idx[name], idx[name].kind)
    for pattern, kind in KIND_PATTERNS:
        if pattern.search(folded):
            return ResolvedAuthority(None, str(kind))
    # The longest agency name inside the text ("Bộ trưởng Bộ Y tế, Bộ trưởng Bộ Tài chính" → the
    # first named ministry is the lead).
    best: tuple[int, Agency] | None = None
    for key, agency in idx.items():
        pos = name.find(key)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, agency)
    if best is not None:
        return ResolvedAuthority(best[1], best[1].kind)
    return ResolvedAuthority(None, "")
