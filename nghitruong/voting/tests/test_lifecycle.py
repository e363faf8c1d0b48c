"""The poll state machine: every allowed and forbidden transition, permissions, reset, audit, events."""

import datetime as dt
from collections.abc import Callable

import pytest

from nghitruong.accounts.models import Membership, Role
from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.voting import events, services
from nghitruong.voting.models import (
    EntitledVoter,
    Poll,
    PollResult,
    SecretTally,
    Vote,
    VoteParticipation,
)
from nghitruong.voting.tests.conftest import Chamber, add_members, make_body

pytestmark = pytest.mark.django_db

TRANSITIONS = {
    "start": services.poll_start,
    "stop": services.poll_stop,
    "publish": services.poll_publish,
    "reset": services.poll_reset,
}
ALLOWED = {
    "created": {"start"},
    "started": {"stop", "reset"},
    "stopped": {"publish", "reset"},
    "published": set(),
}


def _bring_to(chamber: Chamber, make_poll: Callable[..., Poll], state: str) -> Poll:
    poll = make_poll(start=state != "created")
    if state in ("stopped", "published"):
        services.poll_stop(actor=chamber.staff, poll=poll)
    if state == "published":
        services.poll_publish(actor=chamber.staff, poll=poll)
    return poll


@pytest.mark.parametrize("state", ["created", "started", "stopped", "published"])
@pytest.mark.parametrize("action", ["start", "stop", "publish", "reset"])
def test_every_transition_from_every_state(
    chamber: Chamber, make_poll: Callable[..., Poll], state: str, action: str
) -> None:
    poll = _bring_to(chamber, make_poll, state)
    audit_before = AuditEntry.objects.count()
    if action in ALLOWED[state]:
        TRANSITIONS[action](actor=chamber.staff, poll=poll)
        poll.refresh_from_db()
        expected = {
            "start": "started",
            "stop": "stopped",
            "publish": "published",
            "reset": "created",
        }
        assert poll.state == expected[action]
        entry = AuditEntry.objects.order_by("-seq").first()
        assert entry is not None
        assert (entry.action, entry.object_id, entry.before["state"]) == (
            f"poll.{action}",
            str(poll.pk),
            state,
        )
    else:
        with pytest.raises(ConflictError) as err:
            TRANSITIONS[action](actor=chamber.staff, poll=poll)
        assert err.value.detail["state"] == state
        poll.refresh_from_db()
        assert poll.state == state
        assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("action", ["start", "stop", "publish", "reset"])
def test_a_deputy_may_not_drive_the_poll(
    chamber: Chamber, make_poll: Callable[..., Poll], action: str
) -> None:
    poll = _bring_to(chamber, make_poll, "created" if action == "start" else "started")
    if action == "publish":
        services.poll_stop(actor=chamber.staff, poll=poll)
    poll.refresh_from_db()
    state = poll.state
    audit_before = AuditEntry.objects.count()
    with pytest.raises(PermissionDeniedError):
        TRANSITIONS[action](actor=chamber.deputies[0], poll=poll)
    poll.refresh_from_db()
    assert poll.state == state
    assert AuditEntry.objects.count() == audit_before


def test_the_chair_may_drive_the_poll(chamber: Chamber, make_poll: Callable[..., Poll]) -> None:
    chair = add_members(chamber.body, 1, role=Role.CHAIR, prefix="ct")[0]
    poll = make_poll(start=False)
    services.poll_start(actor=chair, poll=poll)
    result = services.poll_stop(actor=chair, poll=poll)
    # The chair is a deputy too: four entitled voters.
    assert (result.entitled, result.total_members) == (4, 4)


def test_create_snapshot_options_citation_and_subject(chamber: Chamber) -> None:
    subject = make_body("du-thao")  # any model instance can be the subject
    poll = services.poll_create(
        actor=chamber.staff,
        body=chamber.body,
        title="  Sửa đổi Hiến pháp  ",
        kind=Poll.Kind.NAMED,
        matter="constitution",
        subject=subject,
    )
    assert (poll.title, poll.state, poll.majority_kind) == (
        "Sửa đổi Hiến pháp",
        "created",
        "two_thirds",
    )
    assert poll.rule_citation == "Hiến pháp năm 2013, Điều 120 khoản 1 và khoản 4; Điều 85 khoản 1"
    assert (poll.subject_id, poll.subject_type.model, poll.subject_label) == (
        subject.pk,
        "electedbody",
        "Cơ quan du-thao",
    )
    assert list(poll.options.values_list("position", "label", "meaning")) == [
        (1, "Tán thành", "for"),
        (2, "Không tán thành", "against"),
        (3, "Không biểu quyết", "abstain"),
    ]
    entry = AuditEntry.objects.get(action="poll.create")
    assert entry.after["options"] == ["Tán thành", "Không tán thành", "Không biểu quyết"]


def test_council_polls_use_council_options_and_refuse_na_matters(
    chamber_factory: Callable[..., Chamber],
) -> None:
    council = chamber_factory(code="hdnd-hn", kind="provincial_council", level="provincial")
    poll = services.poll_create(
        actor=council.staff, body=council.body, title="Nghị quyết ngân sách", kind="secret"
    )
    assert [o.label for o in poll.options.all()] == ["Đồng ý", "Không đồng ý", "Phiếu trắng"]
    with pytest.raises(ApplicationError) as err:
        services.poll_create(
            actor=council.staff,
            body=council.body,
            title="Sửa Hiến pháp",
            kind="secret",
            matter="constitution",
        )
    assert err.value.code == "matter_not_applicable"
    assert Poll.objects.filter(body=council.body).count() == 1


def test_create_refuses_bad_input_and_outsiders(chamber: Chamber) -> None:
    with pytest.raises(ApplicationError) as err:
        services.poll_create(actor=chamber.staff, body=chamber.body, title=" ", kind="named")
    assert err.value.code == "invalid_title"
    with pytest.raises(ApplicationError) as err:
        services.poll_create(
            actor=chamber.staff, body=chamber.body, title="X", kind="show_of_hands"
        )
    assert err.value.code == "invalid_kind"
    with pytest.raises(PermissionDeniedError):
        services.poll_create(actor=chamber.deputies[0], body=chamber.body, title="X", kind="named")
    assert Poll.objects.count() == 0


def test_start_snapshots_current_voting_members_only(chamber: Chamber) -> None:
    body = chamber.body
    ended = add_members(body, 1, prefix="cu")[0]
    Membership.objects.filter(person__user=ended).update(end_date=dt.date(2024, 1, 1))
    add_members(body, 1, prefix="sau", start=dt.date(2099, 1, 1))  # not yet a member
    add_members(body, 2, role=Role.OBSERVER, prefix="qs")  # observers do not vote
    vice = add_members(body, 1, role=Role.VICE_CHAIR, prefix="pct")[0]
    # The same person as deputy and vice-chair is one voter.
    Membership.objects.create(
        person=vice.person, body=body, role=Role.DEPUTY, start_date=dt.date(2021, 7, 20)
    )
    poll = services.poll_create(actor=chamber.staff, body=body, title="Tờ trình", kind="named")
    services.poll_start(actor=chamber.staff, poll=poll)
    voters = set(
        EntitledVoter.objects.filter(poll=poll).values_list("person__user__username", flat=True)
    )
    assert voters == {u.username for u in chamber.deputies} | {vice.username}
    assert poll.total_members_at_start == 4


def test_statutory_total_is_used_when_configured(chamber: Chamber) -> None:
    chamber.body.total_members = 10
    chamber.body.save()
    services.voting_rules_set(actor=chamber.staff, body=chamber.body, total_basis="statutory")
    poll = services.poll_create(actor=chamber.staff, body=chamber.body, title="X", kind="named")
    services.poll_start(actor=chamber.staff, poll=poll)
    assert poll.total_members_at_start == 10
    assert EntitledVoter.objects.filter(poll=poll).count() == 3


def test_voting_rules_cannot_lower_a_statutory_threshold(chamber: Chamber) -> None:
    with pytest.raises(ApplicationError) as err:
        services.voting_rules_set(
            actor=chamber.staff,
            body=chamber.body,
            majority_overrides={"constitution": "simple_majority"},
        )
    assert err.value.code == "override_below_law"
    config = services.voting_rules_set(
        actor=chamber.staff, body=chamber.body, majority_overrides={"other": "two_thirds"}
    )
    assert config.majority_overrides == {"other": "two_thirds"}
    poll = services.poll_create(
        actor=chamber.staff, body=chamber.body, title="Thủ tục", kind="named", matter="other"
    )
    assert poll.majority_kind == "two_thirds"


def test_start_without_voters_is_refused(chamber_factory: Callable[..., Chamber]) -> None:
    empty = chamber_factory(code="trong", deputies=0)
    poll = services.poll_create(actor=empty.staff, body=empty.body, title="X", kind="named")
    with pytest.raises(ConflictError) as err:
        services.poll_start(actor=empty.staff, poll=poll)
    assert err.value.code == "no_voters"
    poll.refresh_from_db()
    assert (poll.state, EntitledVoter.objects.count()) == ("created", 0)


@pytest.mark.parametrize("kind", ["named", "secret"])
def test_reset_before_publication_discards_everything(
    chamber: Chamber, make_poll: Callable[..., Poll], kind: str
) -> None:
    poll = make_poll(kind=kind)
    services.ballot_cast(poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for"))
    services.ballot_cast(
        poll=poll, user=chamber.deputies[1], option=chamber.option(poll, "against")
    )
    services.poll_stop(actor=chamber.staff, poll=poll)
    services.poll_reset(actor=chamber.staff, poll=poll)
    poll.refresh_from_db()
    assert (poll.state, poll.started_at, poll.stopped_at, poll.total_members_at_start) == (
        "created",
        None,
        None,
        None,
    )
    for model in (Vote, VoteParticipation, SecretTally, EntitledVoter, PollResult):
        assert model.objects.filter(poll=poll).count() == 0
    entry = AuditEntry.objects.get(action="poll.reset")
    assert entry.after["deleted"] == {
        "votes": 2 if kind == "named" else 0,
        "participations": 2 if kind == "secret" else 0,
        "tallies": 3 if kind == "secret" else 0,
        "entitled": 3,
        "results": 1,
        "paper_counts": 0,
    }
    # The poll can run again from scratch and a deputy may vote afresh.
    services.poll_start(actor=chamber.staff, poll=poll)
    services.ballot_cast(
        poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "against")
    )
    assert services.poll_stop(actor=chamber.staff, poll=poll).votes_against == 1


def test_reset_after_publication_is_refused_and_changes_nothing(
    chamber: Chamber, make_poll: Callable[..., Poll]
) -> None:
    poll = make_poll(kind="named")
    services.ballot_cast(poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for"))
    services.poll_stop(actor=chamber.staff, poll=poll)
    services.poll_publish(actor=chamber.staff, poll=poll)
    with pytest.raises(ConflictError) as err:
        services.poll_reset(actor=chamber.staff, poll=poll)
    assert err.value.code == "reset_not_allowed"
    poll.refresh_from_db()
    assert poll.state == "published"
    assert Vote.objects.filter(poll=poll).count() == 1
    assert PollResult.objects.get(poll=poll).votes_for == 1


def test_events_fire_after_commit_only(
    chamber: Chamber, make_poll: Callable[..., Poll], django_capture_on_commit_callbacks: Callable
) -> None:
    seen: list[tuple[str, dict]] = []

    def listener(event: str, payload: dict) -> None:
        seen.append((event, payload))

    events.subscribe(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            poll = make_poll(kind="secret")
            services.ballot_cast(
                poll=poll, user=chamber.deputies[0], option=chamber.option(poll, "for")
            )
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConflictError):
            services.poll_publish(actor=chamber.staff, poll=poll)
    finally:
        events.unsubscribe(listener)
    assert [e for e, _ in seen] == ["poll.created", "poll.started", "ballot.cast"]
    assert seen[2][1] == {"poll_id": poll.pk, "body_id": chamber.body.pk}
