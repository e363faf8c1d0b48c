"""THE one place for the legal rules of sittings: speaking limits, speeches per item, quorum.

Pure Python, no database access, so every boundary is testable in isolation. Per-body overrides of
the speaking limits (``SpeakingLimit`` rows) are passed in as ``overrides``.

Citations: ``verified=False`` marks an article number taken from secondary sources (the research
notes, ../shared/reference/meetings-voting.md §5) that must be re-checked against the official text
in force before relying on it — the NA session rules (Nội quy kỳ họp Quốc hội, Resolution
71/2022/QH15) were amended in 2025 and the Law on Organisation of Local Government was replaced in
2025.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Citation:
    text: str
    verified: bool


class SpeechKind(StrEnum):
    FIRST = "first"  # phát biểu lần thứ nhất
    SECOND = "second"  # phát biểu lần thứ hai
    DEBATE_REPLY = "debate_reply"  # tranh luận
    AGENCY_EXPLANATION = "agency_explanation"  # cơ quan trình, cơ quan thẩm tra giải trình
    PRESENTATION = "presentation"  # trình bày tờ trình, báo cáo
    QUESTION = "question"  # chất vấn
    FOLLOW_UP = "follow_up"  # tranh luận sau trả lời chất vấn


SPEECH_LABELS = {
    SpeechKind.FIRST: _("Phát biểu lần thứ nhất"),
    SpeechKind.SECOND: _("Phát biểu lần thứ hai"),
    SpeechKind.DEBATE_REPLY: _("Tranh luận"),
    SpeechKind.AGENCY_EXPLANATION: _("Giải trình của cơ quan"),
    SpeechKind.PRESENTATION: _("Trình bày tờ trình, báo cáo"),
    SpeechKind.QUESTION: _("Chất vấn"),
    SpeechKind.FOLLOW_UP: _("Tranh luận sau trả lời chất vấn"),
}

NA_RULES = "Nội quy kỳ họp Quốc hội (Nghị quyết 71/2022/QH15, sửa đổi 2025)"


@dataclass(frozen=True)
class LimitRule:
    seconds: int
    citation: Citation


# Defaults for every body (National Assembly values). A People's Council sets its own limits in its
# Nội quy kỳ họp; until it records them (SpeakingLimit rows) the NA values apply as a platform default.
DEFAULT_LIMITS: dict[SpeechKind, LimitRule] = {
    # "first ≤ 7 min, second ≤ 3 min" — 2022 rules Art. 18 (2015 rules Art. 16), per baoyenbai.com.vn.
    SpeechKind.FIRST: LimitRule(7 * 60, Citation(f"{NA_RULES}, Điều 18", False)),
    SpeechKind.SECOND: LimitRule(3 * 60, Citation(f"{NA_RULES}, Điều 18", False)),
    # Debate replies (tranh luận) ≤ 3 min each — same article.
    SpeechKind.DEBATE_REPLY: LimitRule(3 * 60, Citation(f"{NA_RULES}, Điều 18", False)),
    # The presenting agency explains ≤ 10 min per time, extendable by the chair — Art. 17/18.
    SpeechKind.AGENCY_EXPLANATION: LimitRule(
        10 * 60, Citation(f"{NA_RULES}, Điều 17–18 (chủ tọa có thể kéo dài)", False)
    ),
    # Presenting a draft or a report ≤ 15 min — Art. 17.
    SpeechKind.PRESENTATION: LimitRule(15 * 60, Citation(f"{NA_RULES}, Điều 17", False)),
    # Chất vấn (Art. 19(2)) fixes the procedure but no question length in the sources seen; the
    # practice "hỏi nhanh, đáp gọn" is followed with a platform default the body may change.
    SpeechKind.QUESTION: LimitRule(
        2 * 60, Citation(f"{NA_RULES}, Điều 19 khoản 2 — thời lượng mặc định của hệ thống", False)
    ),
    # Debate on an answer is a debate reply (tranh luận): ≤ 3 min, priority to the asker (Art. 19(2)).
    SpeechKind.FOLLOW_UP: LimitRule(
        3 * 60, Citation(f"{NA_RULES}, Điều 18, Điều 19 khoản 2", False)
    ),
}


def limit_seconds(kind: str, overrides: Mapping[str, int] | None = None) -> int:
    """The speaking limit for ``kind``: the body's own value if it recorded one, else the default."""
    speech = SpeechKind(kind)
    if overrides and speech.value in overrides:
        return int(overrides[speech.value])
    return DEFAULT_LIMITS[speech].seconds


def is_over_limit(elapsed_seconds: int, limit: int) -> bool:
    """A speech "≤ N minutes" is over only once it has lasted MORE than N minutes (N·60 is allowed)."""
    return elapsed_seconds > limit


def remaining_seconds(elapsed_seconds: int, limit: int) -> int:
    """Seconds left (negative once over): the timer everyone sees."""
    return limit - elapsed_seconds


# At most two speeches per deputy on one item: a first and a second, the second only after the first
# (NA rules Art. 18, unverified). Debate replies and questioning turns are counted separately.
SPEECHES_PER_ITEM_CITATION = Citation(f"{NA_RULES}, Điều 18", False)
DEPUTY_SPEECH_KINDS = frozenset(
    {
        SpeechKind.FIRST,
        SpeechKind.SECOND,
        SpeechKind.DEBATE_REPLY,
        SpeechKind.QUESTION,
        SpeechKind.FOLLOW_UP,
    }
)
# What a deputy can pick on an item, in the order shown.
DEBATE_CHOICES = (SpeechKind.FIRST, SpeechKind.SECOND, SpeechKind.DEBATE_REPLY)
QUESTIONING_CHOICES = (SpeechKind.QUESTION, SpeechKind.FOLLOW_UP)
STAFF_ONLY_SPEECH_KINDS = frozenset({SpeechKind.AGENCY_EXPLANATION, SpeechKind.PRESENTATION})
QUESTIONING_KINDS = frozenset({SpeechKind.QUESTION, SpeechKind.FOLLOW_UP})


def speech_allowed(kind: str, *, has_first: bool, first_done: bool, has_second: bool) -> bool:
    """Whether a deputy may register ``kind`` given the speeches they already have on the item."""
    speech = SpeechKind(kind)
    if speech == SpeechKind.FIRST:
        return not has_first
    if speech == SpeechKind.SECOND:
        return first_done and not has_second
    return True


# --- quorum -------------------------------------------------------------------------------------


class BodyFamily(StrEnum):
    NATIONAL_ASSEMBLY = "na"
    PEOPLES_COUNCIL = "council"


_COUNCIL_KINDS = frozenset(
    {"provincial_council", "provincial_board", "commune_council", "commune_board"}
)


def body_family(body_kind: str) -> BodyFamily:
    return (
        BodyFamily.PEOPLES_COUNCIL if body_kind in _COUNCIL_KINDS else BodyFamily.NATIONAL_ASSEMBLY
    )


class QuorumKind(StrEnum):
    MORE_THAN_HALF = "more_than_half"  # quá nửa tổng số
    TWO_THIRDS = "two_thirds"  # ít nhất hai phần ba tổng số


@dataclass(frozen=True)
class QuorumRule:
    kind: QuorumKind
    citation: Citation
    label: str


QUORUM_RULES = {
    # People's Councils: a session proceeds only with at least two-thirds of the total number of
    # council deputies taking part (Law on Organisation of Local Government 2015, Art. 80 — replaced
    # in 2025; article number from memory of the 2015 text, not from the reference: UNVERIFIED).
    BodyFamily.PEOPLES_COUNCIL: QuorumRule(
        QuorumKind.TWO_THIRDS,
        Citation(
            "Luật Tổ chức chính quyền địa phương 2015, Điều 80 (cần kiểm tra văn bản 2025)", False
        ),
        "Ít nhất hai phần ba tổng số đại biểu",
    ),
    # National Assembly: no sitting quorum was found in the sources (meetings-voting.md §5). The
    # indicator shows whether a law could pass at all — more than half of the total number of
    # deputies (Constitution 2013 Art. 85(1)) — and never blocks the sitting.
    BodyFamily.NATIONAL_ASSEMBLY: QuorumRule(
        QuorumKind.MORE_THAN_HALF,
        Citation("Hiến pháp 2013, Điều 85 khoản 1 (ngưỡng thông qua dùng làm chỉ báo)", False),
        "Quá nửa tổng số đại biểu",
    ),
}


def quorum_rule(body_kind: str) -> QuorumRule:
    return QUORUM_RULES[body_family(body_kind)]


def quorum_required(kind: str, total: int) -> int:
    """The smallest number present that meets the quorum, out of ``total`` members."""
    if total <= 0:
        raise ValueError("total must be positive")
    if QuorumKind(kind) == QuorumKind.MORE_THAN_HALF:
        return total // 2 + 1  # smallest n with 2n > total
    return (2 * total + 2) // 3  # smallest n with 3n >= 2·total


def quorum_met(kind: str, present: int, total: int) -> bool:
    """Integer arithmetic only: 2·present > total, or 3·present ≥ 2·total."""
    if total <= 0:
        raise ValueError("total must be positive")
    if QuorumKind(kind) == QuorumKind.MORE_THAN_HALF:
        return 2 * present > total
    return 3 * present >= 2 * total


# Who is expected at a sitting and counts towards the quorum (the same roles that vote).
MEMBER_ROLES = frozenset({"deputy", "chair", "vice_chair", "standing_member", "committee_member"})

# SECRET-2 (security-integration.md; Law 29/2018 Art. 5(8), Law 117/2025): a sitting flagged as
# containing state secrets is never streamed, recorded, transcribed or given to the AI assistant;
# only agenda and attendance metadata are offered.
SECRET_SITTING_CITATION = Citation("security-integration.md SECRET-2; Luật 29/2018 Điều 5", False)


# -- Who may watch a sitting ----------------------------------------------------------------------
# The NA meets in public; it meets behind closed doors only when it so decides (Hiến pháp 2013,
# Điều 83 khoản 3; People's Councils likewise hold their sessions in public unless they decide
# otherwise). The platform has no "closed-door" flag yet, so the public sees the kinds of sitting
# that are public by nature — plenary, hall discussion, questioning — while group discussions
# (thảo luận tổ) are internal working meetings and are never broadcast (our choice).
PUBLIC_OBSERVATION_CITATION = Citation("Hiến pháp 2013, Điều 83 khoản 3", False)
PUBLIC_SITTING_KINDS = frozenset({"plenary", "hall_discussion", "questioning"})
OBSERVABLE_STATES = frozenset({"open", "closed"})  # a planned sitting has nothing to watch yet


def public_may_observe(*, kind: str, state: str, contains_state_secrets: bool) -> bool:
    """May anyone (no login) watch a sitting: the observer view and its live stream."""
    return (
        not contains_state_secrets and kind in PUBLIC_SITTING_KINDS and state in OBSERVABLE_STATES
    )
