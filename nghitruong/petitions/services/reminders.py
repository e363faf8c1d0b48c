"""Reminders before and at a deadline, and escalation after it (issue 5 §6) — the daily run
``nghitruong petitions send-reminders``.

For every petition whose answer clock runs (assigned, not paused) and every "being resolved"
commitment, ``rules.reminder_stage`` says which reminder is due today: 7 and 1 days before, on the
due day, and (escalation) from the day after. Each is recorded once as a ``PetitionReminder``
(unique per petition, kind and deadline), audited, and e-mailed after commit:

- reminders go to the current officers of the assigned (lead) agency (``AgencyMembership``);
- escalations (overdue answer, broken commitment) go to them and to the secretariat of the
  supervising body: the NA Committee on People's Aspirations and Supervision for petitions
  collected at NA level, the People's Council itself for a council's own petitions.

The run is idempotent: a reminder already recorded is not sent again, and a run missed on a reminder
day is caught up the next day with the current stage only. Mail goes to officials' work addresses;
no petitioner's personal data is in the message (only the content summary and the deadline).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership, Membership, Role
from nghitruong.core.audit import audit_record
from nghitruong.core.mail import send_mail_on_commit
from nghitruong.core.models import ElectedBody
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition, PetitionReminder
from nghitruong.petitions.permissions import NA_KINDS, SUPERVISION_BODY_CODE
from nghitruong.petitions.selectors_overdue import word_summary
from nghitruong.petitions.services._common import today

SUBJECT_PREFIX = "[Nghị Trường Số]"
SUMMARY_WORDS = 30


def officer_emails(agency_id: int | None, on: dt.date) -> list[str]:
    """Work addresses of the agency's officers current on ``on`` (active users with an address)."""
    if agency_id is None:
        return []
    return list(
        AgencyMembership.objects.filter(agency_id=agency_id, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )


def supervising_body(petition: Petition) -> ElectedBody | None:
    """Who supervises the answer: the NA Committee on People's Aspirations and Supervision for a
    petition collected by the NA or an NA delegation; otherwise the People's Council that owns it.
    """
    if petition.body.kind in NA_KINDS:
        return ElectedBody.objects.filter(code=SUPERVISION_BODY_CODE).first()
    return petition.body


def secretariat_emails(body: ElectedBody | None, on: dt.date) -> list[str]:
    """Work addresses of the body's secretariat (role ``secretariat``) current on ``on``."""
    if body is None:
        return []
    return list(
        Membership.objects.filter(body=body, role=Role.SECRETARIAT, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(person__user__is_active=True)
        .exclude(person__user__email="")
        .exclude(person__user__email__isnull=True)
        .order_by("person__user__email")
        .values_list("person__user__email", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Due:
    petition: Petition
    target: rules.ReminderTarget
    date: dt.date
    stage: int

    @property
    def kind(self) -> str:
        return rules.reminder_kind(self.target, self.stage)

    @property
    def escalated(self) -> bool:
        return self.stage < 0


def reminder_message(due: Due, on: dt.date) -> tuple[str, str]:
    """Subject and plain-text body (Vietnamese first, one English line)."""
    p = due.petition
    what = "Hạn trả lời" if due.target == rules.ReminderTarget.ANSWER else "Thời hạn cam kết"
    what_en = "answer deadline" if due.target == rules.ReminderTarget.ANSWER else "commitment date"
    late = (on - due.date).days
    if due.stage < 0:
        when = (
            f"đã quá hạn {late} ngày"
            if due.target == rules.ReminderTarget.ANSWER
            else f"quá thời hạn cam kết {late} ngày"
        )
        when_en = f"{late} day(s) late"
        tag = "Quá hạn" if due.target == rules.ReminderTarget.ANSWER else "Quá thời hạn cam kết"
    elif due.date == on:
        when, when_en, tag = "hạn cuối là hôm nay", "due today", "Đến hạn hôm nay"
    else:
        left = (due.date - on).days
        when, when_en, tag = f"còn {left} ngày", f"due in {left} day(s)", f"Còn {left} ngày"
    agency = p.agency.name if p.agency else ""
    subject = f"{SUBJECT_PREFIX} {tag}: kiến nghị cử tri {p.tracking_code} — {agency}"
    lines = [
        f"Kiến nghị cử tri: {word_summary(p.content, SUMMARY_WORDS)}",
        f"Mã kiến nghị: {p.tracking_code}",
        f"Cơ quan nhận kiến nghị: {p.body.name}",
        f"Cơ quan có thẩm quyền trả lời: {agency}",
        f"{what}: {rules.vn_date(due.date)} ({when})",
    ]
    if due.target == rules.ReminderTarget.ANSWER and p.due_explanation:
        lines.append(f"Cách tính thời hạn: {p.due_explanation}")
    if due.escalated:
        lines.append(
            "Thông báo này được gửi đồng thời đến cơ quan giám sát việc trả lời kiến nghị cử tri."
        )
    lines += ["", f"Reminder: voter petition {p.tracking_code}, {what_en} {due.date:%d/%m/%Y}"]
    lines[-1] += f" ({when_en})."
    return subject, "\n".join(lines)


def _dues(day: dt.date) -> list[Due]:
    """Every deadline for which some reminder stage has come ``day``, in a stable order."""
    horizon = day + dt.timedelta(days=max(rules.REMINDER_OFFSETS))
    base = Petition.objects.select_related("body", "agency").filter(
        duplicate_of__isnull=True, agency__isnull=False
    )
    dues: list[Due] = []
    # The same population as ``petitions_check_deadlines``: the clock runs and is not paused.
    for p in base.filter(
        status=rules.Status.ASSIGNED,
        paused_since__isnull=True,
        due_date__isnull=False,
        due_date__lte=horizon,
    ).order_by("due_date", "id"):
        assert p.due_date is not None  # noqa: S101 - filtered above
        stage = rules.reminder_stage(p.due_date, day)
        if stage is not None:
            dues.append(Due(p, rules.ReminderTarget.ANSWER, p.due_date, stage))
    for p in base.filter(
        status=rules.Status.BEING_RESOLVED,
        committed_date__isnull=False,
        committed_date__lte=horizon,
    ).order_by("committed_date", "id"):
        assert p.committed_date is not None  # noqa: S101 - filtered above
        stage = rules.reminder_stage(p.committed_date, day)
        if stage is not None:
            dues.append(Due(p, rules.ReminderTarget.COMMITMENT, p.committed_date, stage))
    return dues


def recipients_for(due: Due, on: dt.date) -> list[str]:
    emails = officer_emails(due.petition.agency_id, on)
    if due.escalated:
        emails += secretariat_emails(supervising_body(due.petition), on)
    return list(dict.fromkeys(emails))


def _send_one(due: Due, day: dt.date, actor: Any) -> PetitionReminder | None:
    recipients = recipients_for(due, day)
    try:
        with transaction.atomic():
            reminder = PetitionReminder.objects.create(
                petition=due.petition,
                kind=due.kind,
                due_date=due.date,
                days_before=due.stage,
                escalated=due.escalated,
                sent_on=day,
                sent_at=timezone.now(),
                recipients=recipients,
            )
            audit_record(
                actor=actor,
                action="petition.reminder_send",
                obj=reminder,
                body=due.petition.body,
                after={
                    "petition": due.petition.pk,
                    "kind": due.kind,
                    "due_date": due.date,
                    "escalated": due.escalated,
                    "recipients": len(recipients),
                },
            )
            subject, body = reminder_message(due, day)
            send_mail_on_commit(subject=subject, body=body, recipients=recipients)
    except IntegrityError:  # a concurrent run recorded it first
        return None
    return reminder


def petition_reminders_send(*, on: dt.date | None = None, actor: Any = None) -> dict[str, int]:
    """Send the reminders and escalations due ``on`` (default today); idempotent.

    Returns the counts of reminders recorded now: ``reminders`` (before or on the due day),
    ``escalations`` (overdue answers and broken commitments) and ``recipients`` (messages' total).
    """
    day = on or today()
    horizon = day + dt.timedelta(days=max(rules.REMINDER_OFFSETS))
    done = set(
        PetitionReminder.objects.filter(due_date__lte=horizon).values_list(
            "petition_id", "kind", "due_date"
        )
    )
    result = {"reminders": 0, "escalations": 0, "recipients": 0}
    for due in _dues(day):
        if (due.petition.pk, due.kind, due.date) in done:
            continue
        reminder = _send_one(due, day, actor)
        if reminder is None:
            continue
        result["escalations" if due.escalated else "reminders"] += 1
        result["recipients"] += len(reminder.recipients)
    return result
