"""The poll state machine: created → started → stopped → published; reset only before publication.

One service per transition; each checks the permission (staff of the body or its chair, i.e.
``accounts.permissions.require_staff``) and the source state under a row lock, writes, appends one
audit entry as its last write and schedules its event after commit.
"""

import unicodedata
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from nghitruong.accounts.models import Membership
from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import ElectedBody
from nghitruong.voting import rules
from nghitruong.voting.events import publish_on_commit
from nghitruong.voting.models import (
    EntitledVoter,
    PaperCount,
    Poll,
    PollOption,
    PollResult,
    SecretTally,
    Vote,
    VoteParticipation,
    VotingRules,
)
from nghitruong.voting.services._common import lock_poll, poll_snapshot, require_state


def _body_rules(body: ElectedBody) -> VotingRules:
    found = VotingRules.objects.filter(body=body).first()
    return found if found is not None else VotingRules(body=body)


def poll_create(
    *,
    actor: Any,
    body: ElectedBody,
    title: str,
    kind: str,
    matter: str = rules.Matter.RESOLUTION,
    description: str = "",
    subject: models.Model | None = None,
    subject_label: str = "",
) -> Poll:
    """Create a poll with the body's option set and the threshold the rules give for ``matter``."""
    require_staff(actor, body)
    title = unicodedata.normalize("NFC", title or "").strip()
    if not title or len(title) > 500:
        raise ApplicationError(
            "Nội dung biểu quyết phải có từ 1 đến 500 ký tự / The title must be 1–500 characters",
            code="invalid_title",
        )
    if kind not in Poll.Kind.values:
        raise ApplicationError(
            "Hình thức biểu quyết không hợp lệ / Unknown poll kind", code="invalid_kind"
        )
    config = _body_rules(body)
    try:
        rule = rules.rule_for(
            body_kind=body.kind, matter=matter, overrides=config.majority_overrides
        )
    except rules.MatterNotApplicableError as exc:
        raise ApplicationError(
            "Loại vấn đề này không áp dụng cho cơ quan / This matter does not apply to the body",
            code="matter_not_applicable",
            detail={"matter": matter},
        ) from exc
    subject_label = unicodedata.normalize("NFC", subject_label or "").strip()[:300]
    poll = Poll(
        body=body,
        title=title,
        description=unicodedata.normalize("NFC", description or "").strip(),
        kind=kind,
        matter=str(matter),
        majority_kind=rule.majority.value,
        rule_citation=rule.citation.text,
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
        subject_label=subject_label or (str(subject) if subject is not None else ""),
    )
    if subject is not None:
        poll.subject_type = ContentType.objects.get_for_model(subject)
        poll.subject_id = subject.pk
    specs = rules.options_for(body_kind=body.kind, option_set=config.option_set)
    with transaction.atomic():
        poll.save()
        PollOption.objects.bulk_create(
            PollOption(
                poll=poll,
                position=index,
                meaning=spec.meaning.value,
                label=spec.label,
                label_en=spec.label_en,
            )
            for index, spec in enumerate(specs, start=1)
        )
        audit_record(
            actor=actor,
            action="poll.create",
            obj=poll,
            body=body,
            after={
                **poll_snapshot(poll),
                "rule_citation": poll.rule_citation,
                "options": [spec.label for spec in specs],
            },
        )
    publish_on_commit("poll.created", {"poll_id": poll.pk, "body_id": body.pk})
    return poll


def _voting_person_ids(body: ElectedBody) -> list[int]:
    """Current voting members of the body today (roles in ``rules.VOTING_ROLES``), one per person."""
    day = timezone.localdate()
    return sorted(
        set(
            Membership.objects.filter(body=body, role__in=rules.VOTING_ROLES, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .values_list("person_id", flat=True)
        )
    )


def poll_start(*, actor: Any, poll: Poll) -> Poll:
    """Open the poll: snapshot the entitled voters and the total number of members."""
    require_staff(actor, poll.body)
    with transaction.atomic():
        lock_poll(poll)
        require_state(poll, Poll.State.CREATED)
        person_ids = _voting_person_ids(poll.body)
        if not person_ids:
            raise ConflictError(
                "Cơ quan chưa có đại biểu để biểu quyết / The body has no voting members",
                code="no_voters",
            )
        total = len(person_ids)
        if _body_rules(poll.body).total_basis == VotingRules.TotalBasis.STATUTORY:
            statutory = poll.body.total_members
            if statutory:
                if statutory < total:
                    raise ConflictError(
                        "Tổng số thành viên theo quy định nhỏ hơn số đại biểu đương nhiệm / "
                        "The statutory total is below the number of seated members",
                        code="total_below_seated",
                        detail={"statutory": statutory, "seated": total},
                    )
                total = statutory
        EntitledVoter.objects.bulk_create(
            (EntitledVoter(poll=poll, person_id=pid) for pid in person_ids), batch_size=500
        )
        if poll.kind == Poll.Kind.SECRET:
            SecretTally.objects.bulk_create(
                SecretTally(poll=poll, option=option, count=0) for option in poll.options.all()
            )
        poll.state = Poll.State.STARTED
        poll.started_at = timezone.now()
        poll.total_members_at_start = total
        poll.save(update_fields=["state", "started_at", "total_members_at_start"])
        audit_record(
            actor=actor,
            action="poll.start",
            obj=poll,
            body=poll.body,
            before={"state": Poll.State.CREATED},
            after={"state": poll.state, "entitled": len(person_ids), "total_members": total},
        )
    publish_on_commit(
        "poll.started",
        {"poll_id": poll.pk, "body_id": poll.body_id, "entitled": len(person_ids)},
    )
    return poll


def _counts(poll: Poll) -> tuple[dict[int, int], int, int]:
    """(count per option id, participants, invalid ballots) from the poll's own storage."""
    if poll.kind == Poll.Kind.PAPER:
        paper = PaperCount.objects.filter(poll=poll).first()
        if paper is None:
            raise ConflictError(
                "Ban kiểm phiếu chưa ghi biên bản kiểm phiếu / "
                "The vote-counting board has not recorded its count",
                code="paper_count_missing",
            )
        per_option = {t.option_id: t.count for t in paper.tallies.all()}
        return per_option, paper.ballots_returned, paper.invalid
    if poll.kind == Poll.Kind.SECRET:
        per_option = dict(SecretTally.objects.filter(poll=poll).values_list("option_id", "count"))
        return per_option, VoteParticipation.objects.filter(poll=poll).count(), 0
    per_option = dict(
        Vote.objects.filter(poll=poll)
        .values("option_id")
        .annotate(n=Count("id"))
        .values_list("option_id", "n")
    )
    return per_option, sum(per_option.values()), 0


def poll_stop(*, actor: Any, poll: Poll) -> PollResult:
    """Close the poll and store its result (no vote is accepted once this commits)."""
    require_staff(actor, poll.body)
    with transaction.atomic():
        lock_poll(poll)
        require_state(poll, Poll.State.STARTED)
        per_option, participants, invalid = _counts(poll)
        options = list(poll.options.all())
        by_meaning = {m.value: 0 for m in rules.Meaning}
        option_counts = []
        for option in options:
            count = per_option.get(option.pk, 0)
            by_meaning[option.meaning] += count
            option_counts.append(
                {
                    "option_id": option.pk,
                    "position": option.position,
                    "label": option.label,
                    "meaning": option.meaning,
                    "count": count,
                }
            )
        total = poll.total_members_at_start or 0
        entitled = EntitledVoter.objects.filter(poll=poll).count()
        now = timezone.now()
        result = PollResult.objects.create(
            poll=poll,
            total_members=total,
            entitled=entitled,
            participants=participants,
            votes_for=by_meaning[rules.Meaning.FOR],
            votes_against=by_meaning[rules.Meaning.AGAINST],
            abstained=by_meaning[rules.Meaning.ABSTAIN],
            did_not_vote=max(entitled - participants, 0),
            invalid=invalid,
            option_counts=option_counts,
            required_votes=rules.required_votes(poll.majority_kind, total),
            passed=rules.passes(poll.majority_kind, by_meaning[rules.Meaning.FOR], total),
            computed_at=now,
        )
        poll.state = Poll.State.STOPPED
        poll.stopped_at = now
        poll.save(update_fields=["state", "stopped_at"])
        audit_record(
            actor=actor,
            action="poll.stop",
            obj=poll,
            body=poll.body,
            before={"state": Poll.State.STARTED},
            after={
                "state": poll.state,
                "total_members": total,
                "participants": participants,
                "for": result.votes_for,
                "against": result.votes_against,
                "abstained": result.abstained,
                "passed": result.passed,
            },
        )
    publish_on_commit("poll.stopped", {"poll_id": poll.pk, "body_id": poll.body_id})
    return result


def poll_publish(*, actor: Any, poll: Poll) -> Poll:
    """Make the stored result public to everyone who can see the poll."""
    require_staff(actor, poll.body)
    with transaction.atomic():
        lock_poll(poll)
        require_state(poll, Poll.State.STOPPED)
        poll.state = Poll.State.PUBLISHED
        poll.published_at = timezone.now()
        poll.save(update_fields=["state", "published_at"])
        audit_record(
            actor=actor,
            action="poll.publish",
            obj=poll,
            body=poll.body,
            before={"state": Poll.State.STOPPED},
            after={"state": poll.state},
        )
    publish_on_commit("poll.published", {"poll_id": poll.pk, "body_id": poll.body_id})
    return poll


def poll_reset(*, actor: Any, poll: Poll) -> Poll:
    """Back to "created", discarding every vote, the snapshot and any result. Never after publication."""
    require_staff(actor, poll.body)
    with transaction.atomic():
        lock_poll(poll)
        require_state(poll, Poll.State.STARTED, Poll.State.STOPPED, code="reset_not_allowed")
        before_state = poll.state
        deleted = {
            "votes": Vote.objects.filter(poll=poll).delete()[0],
            "participations": VoteParticipation.objects.filter(poll=poll).delete()[0],
            "tallies": SecretTally.objects.filter(poll=poll).delete()[0],
            "entitled": EntitledVoter.objects.filter(poll=poll).delete()[0],
            "results": PollResult.objects.filter(poll=poll).delete()[0],
            "paper_counts": PaperCount.objects.filter(poll=poll).count(),
        }
        PaperCount.objects.filter(poll=poll).delete()
        poll.state = Poll.State.CREATED
        poll.started_at = None
        poll.stopped_at = None
        poll.total_members_at_start = None
        poll.save(update_fields=["state", "started_at", "stopped_at", "total_members_at_start"])
        audit_record(
            actor=actor,
            action="poll.reset",
            obj=poll,
            body=poll.body,
            before={"state": before_state},
            after={"state": poll.state, "deleted": deleted},
        )
    publish_on_commit("poll.reset", {"poll_id": poll.pk, "body_id": poll.body_id})
    return poll
