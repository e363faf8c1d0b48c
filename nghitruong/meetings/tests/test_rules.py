"""Boundaries of every rule in meetings.rules (pure functions, no database)."""

import pytest

from nghitruong.meetings import rules
from nghitruong.meetings.rules import QuorumKind, SpeechKind


def test_na_default_limits_in_seconds() -> None:
    assert {kind.value: rules.limit_seconds(kind) for kind in SpeechKind} == {
        "first": 420,
        "second": 180,
        "debate_reply": 180,
        "agency_explanation": 600,
        "presentation": 900,
        "question": 120,
        "follow_up": 180,
    }


def test_body_override_replaces_only_its_kind() -> None:
    overrides = {"first": 300}
    assert rules.limit_seconds("first", overrides) == 300
    assert rules.limit_seconds("second", overrides) == 180


@pytest.mark.parametrize(
    ("elapsed", "over", "remaining"),
    [(419, False, 1), (420, False, 0), (421, True, -1)],
)
def test_first_speech_seven_minutes_boundary(elapsed: int, over: bool, remaining: int) -> None:
    limit = rules.limit_seconds(SpeechKind.FIRST)
    assert rules.is_over_limit(elapsed, limit) is over
    assert rules.remaining_seconds(elapsed, limit) == remaining


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("second", 180), ("debate_reply", 180), ("agency_explanation", 600), ("presentation", 900)],
)
def test_other_limits_boundary(kind: str, limit: int) -> None:
    assert rules.is_over_limit(limit, rules.limit_seconds(kind)) is False
    assert rules.is_over_limit(limit + 1, rules.limit_seconds(kind)) is True


def test_two_speeches_per_item() -> None:
    assert rules.speech_allowed("first", has_first=False, first_done=False, has_second=False)
    assert not rules.speech_allowed("first", has_first=True, first_done=False, has_second=False)
    assert not rules.speech_allowed("second", has_first=True, first_done=False, has_second=False)
    assert rules.speech_allowed("second", has_first=True, first_done=True, has_second=False)
    assert not rules.speech_allowed("second", has_first=True, first_done=True, has_second=True)
    assert rules.speech_allowed("debate_reply", has_first=True, first_done=True, has_second=True)


@pytest.mark.parametrize(("total", "required"), [(500, 251), (499, 250), (5, 3), (4, 3), (1, 1)])
def test_more_than_half_quorum(total: int, required: int) -> None:
    assert rules.quorum_required(QuorumKind.MORE_THAN_HALF, total) == required
    assert rules.quorum_met(QuorumKind.MORE_THAN_HALF, required, total) is True
    assert rules.quorum_met(QuorumKind.MORE_THAN_HALF, required - 1, total) is False


@pytest.mark.parametrize(("total", "required"), [(9, 6), (10, 7), (95, 64), (3, 2)])
def test_two_thirds_quorum(total: int, required: int) -> None:
    assert rules.quorum_required(QuorumKind.TWO_THIRDS, total) == required
    assert rules.quorum_met(QuorumKind.TWO_THIRDS, required, total) is True
    assert rules.quorum_met(QuorumKind.TWO_THIRDS, required - 1, total) is False


def test_quorum_rule_by_body_kind() -> None:
    assert rules.quorum_rule("na").kind == QuorumKind.MORE_THAN_HALF
    assert rules.quorum_rule("provincial_council").kind == QuorumKind.TWO_THIRDS
    assert rules.quorum_rule("commune_council").kind == QuorumKind.TWO_THIRDS
    assert rules.quorum_rule("na").citation.verified is False


def test_quorum_rejects_empty_body() -> None:
    with pytest.raises(ValueError, match="total must be positive"):
        rules.quorum_required(QuorumKind.MORE_THAN_HALF, 0)


@pytest.mark.parametrize(
    ("kind", "state", "secrets", "expected"),
    [
        ("plenary", "open", False, True),
        ("plenary", "closed", False, True),
        ("plenary", "planned", False, False),  # nothing to watch yet
        ("plenary", "open", True, False),  # state secrets are never streamed
        ("hall_discussion", "open", False, True),
        ("questioning", "open", False, True),
        ("group_discussion", "open", False, False),  # internal working meeting
    ],
)
def test_who_may_watch_a_sitting(kind: str, state: str, secrets: bool, expected: bool) -> None:
    assert (
        rules.public_may_observe(kind=kind, state=state, contains_state_secrets=secrets) is expected
    )
