"""THE one place for voting thresholds, option sets and who votes (house rule 6).

Every threshold is counted against the TOTAL number of members of the body (``tổng số đại biểu``),
never against those present or those who voted, and is computed with integer arithmetic only:

- simple majority ("quá nửa tổng số đại biểu"):        2 × for >  total
- two-thirds    ("ít nhất hai phần ba tổng số đại biểu"): 3 × for >= 2 × total

Each rule carries its legal citation. ``verified=False`` marks a citation whose article number was
taken from secondary sources and must be re-checked against the official text in force (Vietnam
amended its Constitution and replaced the Law on Organisation of Local Government in 2025).

Pure Python: no database access here, so the boundaries are testable in isolation. The per-body
configuration (``VotingRules`` rows) is passed in as ``overrides``.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class MajorityKind(StrEnum):
    SIMPLE = "simple_majority"  # quá nửa tổng số đại biểu
    TWO_THIRDS = "two_thirds"  # ít nhất hai phần ba tổng số đại biểu


MAJORITY_LABELS = {
    MajorityKind.SIMPLE: _("Quá nửa tổng số đại biểu"),
    MajorityKind.TWO_THIRDS: _("Ít nhất hai phần ba tổng số đại biểu"),
}


class Matter(StrEnum):
    """What is being decided; the matter selects the threshold."""

    RESOLUTION = "resolution"  # luật, nghị quyết (NA); nghị quyết (People's Council)
    CONSTITUTION = "constitution"  # làm Hiến pháp, sửa đổi Hiến pháp, thông qua Hiến pháp
    TERM_CHANGE = "term_change"  # rút ngắn hoặc kéo dài nhiệm kỳ
    DEPUTY_DISMISSAL = "deputy_dismissal"  # bãi nhiệm đại biểu
    OTHER = "other"  # các vấn đề khác (thủ tục, thông qua chương trình, ...)


MATTER_LABELS = {
    Matter.RESOLUTION: _("Thông qua luật, nghị quyết"),
    Matter.CONSTITUTION: _("Làm, sửa đổi, thông qua Hiến pháp"),
    Matter.TERM_CHANGE: _("Rút ngắn hoặc kéo dài nhiệm kỳ"),
    Matter.DEPUTY_DISMISSAL: _("Bãi nhiệm đại biểu"),
    Matter.OTHER: _("Vấn đề khác"),
}


class BodyFamily(StrEnum):
    NATIONAL_ASSEMBLY = "na"  # Quốc hội and its organs and delegations
    PEOPLES_COUNCIL = "council"  # Hội đồng nhân dân (tỉnh, xã) and their boards


# ElectedBody.Kind values; kept as strings so this module stays import-light.
_NA_KINDS = frozenset({"na", "na_standing", "na_ethnic_council", "na_committee", "na_delegation"})
_COUNCIL_KINDS = frozenset(
    {"provincial_council", "provincial_board", "commune_council", "commune_board"}
)


def body_family(body_kind: str) -> BodyFamily:
    if body_kind in _NA_KINDS:
        return BodyFamily.NATIONAL_ASSEMBLY
    if body_kind in _COUNCIL_KINDS:
        return BodyFamily.PEOPLES_COUNCIL
    raise ValueError(f"unknown body kind {body_kind!r}")


@dataclass(frozen=True)
class Citation:
    text: str
    verified: bool  # False: article number from secondary sources, re-check before relying on it


@dataclass(frozen=True)
class Rule:
    majority: MajorityKind
    citation: Citation


# --- The thresholds -------------------------------------------------------------------------------

# Constitution 2013 Art. 85(1): "Luật, nghị quyết của Quốc hội phải được quá nửa tổng số đại biểu
# Quốc hội biểu quyết tán thành; trường hợp làm Hiến pháp, sửa đổi Hiến pháp, quyết định rút ngắn
# hoặc kéo dài nhiệm kỳ của Quốc hội, bãi nhiệm đại biểu Quốc hội phải được ít nhất hai phần ba tổng
# số đại biểu Quốc hội biểu quyết tán thành." (Art. 85 was not among the articles amended in 2025.)
NA_RESOLUTION = Rule(
    MajorityKind.SIMPLE,
    Citation("Hiến pháp năm 2013, Điều 85 khoản 1; Luật Tổ chức Quốc hội số 57/2014/QH13", True),
)
# Constitution 2013 Art. 120(1) (deciding to make / amend) and Art. 120(4) (adoption: "Hiến pháp
# được thông qua khi có ít nhất hai phần ba tổng số đại biểu Quốc hội biểu quyết tán thành").
NA_CONSTITUTION = Rule(
    MajorityKind.TWO_THIRDS,
    Citation("Hiến pháp năm 2013, Điều 120 khoản 1 và khoản 4; Điều 85 khoản 1", True),
)
# Constitution 2013 Art. 71(3) and Art. 85(1); Law on the Organisation of the NA 57/2014/QH13
# (amended by 65/2020/QH14 and in 2025) Art. 2(3). VERIFY the article numbers of the amended law.
NA_TERM_CHANGE = Rule(
    MajorityKind.TWO_THIRDS,
    Citation(
        "Hiến pháp năm 2013, Điều 71 khoản 3, Điều 85 khoản 1; "
        "Luật Tổ chức Quốc hội số 57/2014/QH13 (sửa đổi), Điều 2 khoản 3",
        False,
    ),
)
# Constitution 2013 Art. 85(1) ("bãi nhiệm đại biểu Quốc hội ... ít nhất hai phần ba").
NA_DEPUTY_DISMISSAL = Rule(
    MajorityKind.TWO_THIRDS, Citation("Hiến pháp năm 2013, Điều 85 khoản 1", True)
)
NA_OTHER = Rule(
    MajorityKind.SIMPLE,
    Citation("Hiến pháp năm 2013, Điều 85 khoản 1 (nguyên tắc quá nửa tổng số đại biểu)", True),
)
# Law on the Organisation of Local Government 2015 (77/2015/QH13) Art. 91(3): a People's Council
# resolution needs "quá nửa tổng số đại biểu Hội đồng nhân dân biểu quyết tán thành"; Art. 102(3):
# dismissing a council deputy needs at least two thirds. That law was replaced in 2025 (Law on the
# Organisation of Local Government 2025); VERIFY the article numbers in the law now in force.
COUNCIL_RESOLUTION = Rule(
    MajorityKind.SIMPLE,
    Citation(
        "Luật Tổ chức chính quyền địa phương năm 2015, Điều 91 khoản 3 (cần đối chiếu luật 2025)",
        False,
    ),
)
COUNCIL_DEPUTY_DISMISSAL = Rule(
    MajorityKind.TWO_THIRDS,
    Citation(
        "Luật Tổ chức chính quyền địa phương năm 2015, Điều 102 khoản 3 (cần đối chiếu luật 2025)",
        False,
    ),
)
COUNCIL_OTHER = COUNCIL_RESOLUTION

DEFAULT_RULES: Mapping[BodyFamily, Mapping[Matter, Rule]] = {
    BodyFamily.NATIONAL_ASSEMBLY: {
        Matter.RESOLUTION: NA_RESOLUTION,
        Matter.CONSTITUTION: NA_CONSTITUTION,
        Matter.TERM_CHANGE: NA_TERM_CHANGE,
        Matter.DEPUTY_DISMISSAL: NA_DEPUTY_DISMISSAL,
        Matter.OTHER: NA_OTHER,
    },
    BodyFamily.PEOPLES_COUNCIL: {
        # Councils do not make the Constitution nor change their own term (decided centrally).
        Matter.RESOLUTION: COUNCIL_RESOLUTION,
        Matter.DEPUTY_DISMISSAL: COUNCIL_DEPUTY_DISMISSAL,
        Matter.OTHER: COUNCIL_OTHER,
    },
}

OVERRIDE_CITATION = "Cấu hình biểu quyết của cơ quan (VotingRules)"


class MatterNotApplicableError(ValueError):
    """The matter does not exist for this kind of body (e.g. the Constitution in a council)."""


def rule_for(*, body_kind: str, matter: str, overrides: Mapping[str, str] | None = None) -> Rule:
    """The threshold for ``matter`` in a body of ``body_kind``, after the body's own overrides.

    An override may only make a rule stricter than the legal default: a body cannot configure a
    law away (a configured simple majority for a two-thirds matter is ignored).
    """
    family = body_family(body_kind)
    try:
        default = DEFAULT_RULES[family][Matter(matter)]
    except (KeyError, ValueError) as exc:
        raise MatterNotApplicableError(matter) from exc
    wanted = (overrides or {}).get(str(matter))
    if wanted is None or MajorityKind(wanted) == default.majority:
        return default
    if MajorityKind(wanted) == MajorityKind.TWO_THIRDS:
        return Rule(MajorityKind.TWO_THIRDS, Citation(OVERRIDE_CITATION, True))
    return default


def required_votes(majority: str, total: int) -> int:
    """The smallest number of votes "for" that passes, out of ``total`` members."""
    if total <= 0:
        raise ValueError("total must be positive")
    if MajorityKind(majority) == MajorityKind.SIMPLE:
        return total // 2 + 1  # smallest n with 2n > total
    return (2 * total + 2) // 3  # smallest n with 3n >= 2·total (ceil of 2·total/3)


def passes(majority: str, votes_for: int, total: int) -> bool:
    """Whether ``votes_for`` out of ``total`` members meets the majority. Integer arithmetic only."""
    if total <= 0:
        raise ValueError("total must be positive")
    if MajorityKind(majority) == MajorityKind.SIMPLE:
        return 2 * votes_for > total
    return 3 * votes_for >= 2 * total


def percent_hundredths(count: int, total: int) -> int:
    """``count / total`` as a percentage in hundredths, rounded half up: 432/494 → 8745 (87.45 %)."""
    if total <= 0:
        return 0
    return (count * 20000 + total) // (2 * total)


# --- Option sets ----------------------------------------------------------------------------------


class Meaning(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class OptionSpec:
    meaning: Meaning
    label: str  # Vietnamese, as shown in the chamber
    label_en: str


# NA e-voting terminals: Tán thành / Không tán thành / Không biểu quyết.
NA_OPTIONS = (
    OptionSpec(Meaning.FOR, "Tán thành", "In favour"),
    OptionSpec(Meaning.AGAINST, "Không tán thành", "Against"),
    OptionSpec(Meaning.ABSTAIN, "Không biểu quyết", "Not voting"),
)
# People's Councils (e.g. the Bình Phước council's voting guide): Đồng ý / Không đồng ý / Phiếu trắng.
COUNCIL_OPTIONS = (
    OptionSpec(Meaning.FOR, "Đồng ý", "Agree"),
    OptionSpec(Meaning.AGAINST, "Không đồng ý", "Disagree"),
    OptionSpec(Meaning.ABSTAIN, "Phiếu trắng", "Blank"),
)
OPTION_SETS: Mapping[BodyFamily, tuple[OptionSpec, ...]] = {
    BodyFamily.NATIONAL_ASSEMBLY: NA_OPTIONS,
    BodyFamily.PEOPLES_COUNCIL: COUNCIL_OPTIONS,
}


def options_for(*, body_kind: str, option_set: str = "") -> tuple[OptionSpec, ...]:
    """The option set configured for the body (``option_set`` = "na" / "council"), else by kind."""
    family = BodyFamily(option_set) if option_set else body_family(body_kind)
    return OPTION_SETS[family]


# --- Who votes ------------------------------------------------------------------------------------

# Roles whose holders are voting members of a body: deputies, and office holders who are themselves
# deputies (chair, vice-chairs, standing members of a council) or members of an organ (committee
# members). Secretariat, body administrators and observers are staff, not voters.
VOTING_ROLES = frozenset({"deputy", "chair", "vice_chair", "standing_member", "committee_member"})
