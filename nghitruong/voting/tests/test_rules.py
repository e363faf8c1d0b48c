"""The threshold rules at their boundaries, the citations and the option sets (pure, no database)."""

import pytest

from nghitruong.voting import rules
from nghitruong.voting.display import format_percent_vi
from nghitruong.voting.rules import MajorityKind, Matter


@pytest.mark.parametrize(
    ("votes_for", "expected"), [(249, False), (250, False), (251, True), (500, True)]
)
def test_simple_majority_of_500_needs_251(votes_for: int, expected: bool) -> None:
    assert rules.passes(MajorityKind.SIMPLE, votes_for, 500) is expected


@pytest.mark.parametrize(
    ("votes_for", "expected"), [(332, False), (333, False), (334, True), (500, True)]
)
def test_two_thirds_of_500_needs_334(votes_for: int, expected: bool) -> None:
    assert rules.passes(MajorityKind.TWO_THIRDS, votes_for, 500) is expected


@pytest.mark.parametrize(
    ("majority", "total", "required"),
    [
        (MajorityKind.SIMPLE, 500, 251),
        (MajorityKind.SIMPLE, 499, 250),
        (MajorityKind.SIMPLE, 494, 248),
        (MajorityKind.SIMPLE, 1, 1),
        (MajorityKind.TWO_THIRDS, 500, 334),
        (MajorityKind.TWO_THIRDS, 9, 6),  # OpenSlides PR #5614's bug: two thirds of 9 is 6, not 7
        (MajorityKind.TWO_THIRDS, 3, 2),
        (MajorityKind.TWO_THIRDS, 1, 1),
    ],
)
def test_required_votes_is_the_exact_boundary(majority: str, total: int, required: int) -> None:
    assert rules.required_votes(majority, total) == required
    assert rules.passes(majority, required, total) is True
    assert rules.passes(majority, required - 1, total) is False


def test_required_votes_agrees_with_passes_for_every_total_up_to_600() -> None:
    for majority in MajorityKind:
        for total in range(1, 601):
            needed = rules.required_votes(majority, total)
            assert rules.passes(majority, needed, total)
            assert not rules.passes(majority, needed - 1, total)


def test_zero_total_is_refused() -> None:
    with pytest.raises(ValueError, match="total must be positive"):
        rules.passes(MajorityKind.SIMPLE, 0, 0)


def test_na_matters_map_to_their_thresholds_and_articles() -> None:
    got = {
        m: (
            rules.rule_for(body_kind="na", matter=m).majority,
            rules.rule_for(body_kind="na", matter=m).citation.text,
        )
        for m in Matter
    }
    assert got[Matter.RESOLUTION] == (
        MajorityKind.SIMPLE,
        "Hiến pháp năm 2013, Điều 85 khoản 1; Luật Tổ chức Quốc hội số 57/2014/QH13",
    )
    assert got[Matter.CONSTITUTION] == (
        MajorityKind.TWO_THIRDS,
        "Hiến pháp năm 2013, Điều 120 khoản 1 và khoản 4; Điều 85 khoản 1",
    )
    assert got[Matter.TERM_CHANGE][0] == MajorityKind.TWO_THIRDS
    assert "57/2014/QH13" in got[Matter.TERM_CHANGE][1]
    assert got[Matter.DEPUTY_DISMISSAL][0] == MajorityKind.TWO_THIRDS
    assert got[Matter.OTHER][0] == MajorityKind.SIMPLE


def test_uncertain_citations_are_flagged_unverified() -> None:
    assert rules.NA_RESOLUTION.citation.verified is True
    assert rules.NA_TERM_CHANGE.citation.verified is False
    assert rules.COUNCIL_RESOLUTION.citation.verified is False


def test_council_rules_and_inapplicable_matters() -> None:
    rule = rules.rule_for(body_kind="provincial_council", matter=Matter.RESOLUTION)
    assert rule.majority == MajorityKind.SIMPLE
    assert "Luật Tổ chức chính quyền địa phương" in rule.citation.text
    assert (
        rules.rule_for(body_kind="commune_council", matter=Matter.DEPUTY_DISMISSAL).majority
        == MajorityKind.TWO_THIRDS
    )
    with pytest.raises(rules.MatterNotApplicableError):
        rules.rule_for(body_kind="commune_council", matter=Matter.CONSTITUTION)


def test_overrides_may_only_tighten() -> None:
    stricter = rules.rule_for(
        body_kind="na_committee", matter=Matter.OTHER, overrides={"other": "two_thirds"}
    )
    assert stricter.majority == MajorityKind.TWO_THIRDS
    assert stricter.citation.text == rules.OVERRIDE_CITATION
    looser = rules.rule_for(
        body_kind="na", matter=Matter.CONSTITUTION, overrides={"constitution": "simple_majority"}
    )
    assert looser == rules.NA_CONSTITUTION


def test_option_sets_per_body_kind() -> None:
    assert [o.label for o in rules.options_for(body_kind="na")] == [
        "Tán thành",
        "Không tán thành",
        "Không biểu quyết",
    ]
    assert [o.label for o in rules.options_for(body_kind="commune_council")] == [
        "Đồng ý",
        "Không đồng ý",
        "Phiếu trắng",
    ]
    assert (
        next(o.label for o in rules.options_for(body_kind="provincial_council", option_set="na"))
        == "Tán thành"
    )


def test_percentages_reproduce_the_2018_na_announcement() -> None:
    # nld.com.vn 2018-06-11: 432 participating (87,45%), 423 for (85,63%), 8 against (1,62%),
    # 1 not voting (0,20%) out of 494 deputies.
    shown = [format_percent_vi(rules.percent_hundredths(n, 494)) for n in (432, 423, 8, 1)]
    assert shown == ["87,45%", "85,63%", "1,62%", "0,20%"]
    assert format_percent_vi(rules.percent_hundredths(494, 494)) == "100,00%"
    assert rules.percent_hundredths(1, 8) == 1250  # 12.5 exactly
    assert rules.percent_hundredths(1, 3) == 3333
    assert rules.percent_hundredths(2, 3) == 6667  # half-up
