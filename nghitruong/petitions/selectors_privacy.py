"""Reads for personal-data requests and retention (issue 5 §2): what a verified person sees, the
staff queue of requests (staff of the owning body only), and who is due for anonymisation."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.permissions import staff_body_ids
from nghitruong.petitions import rules, tracking
from nghitruong.petitions.models import (
    PersonalDataChallenge,
    PersonalDataRequest,
    Petition,
    Petitioner,
    PetitionEvent,
)


@dataclass(frozen=True)
class RetentionItem:
    petitioner_id: int
    body: str
    tracking_codes: tuple[str, ...]
    reason: str  # "final" or "rejected"
    since: dt.date  # the first day it may be anonymised


NOT_FOUND = "Không tìm thấy yêu cầu / Request not found"
SESSION_OVER = (
    "Phiên xác minh không còn hiệu lực, vui lòng xác minh lại / The verification is no longer "
    "valid, please verify again"
)
OPEN_STATES = (PersonalDataRequest.State.RECEIVED, PersonalDataRequest.State.VERIFIED)


def verified_challenge(token: str) -> PersonalDataChallenge:
    """The challenge behind a portal session, if verified within ``VERIFIED_SESSION_MINUTES``."""
    challenge = PersonalDataChallenge.objects.filter(token=token or "-").first()
    limit = dt.timedelta(minutes=rules.VERIFIED_SESSION_MINUTES)
    if (
        challenge is None
        or challenge.verified_at is None
        or timezone.now() > challenge.verified_at + limit
    ):
        raise ApplicationError(SESSION_OVER, code="session_expired")
    return challenge


def personal_data_of(*, challenge: PersonalDataChallenge) -> list[dict[str, Any]]:
    """Everything held about the verified person, per petitioner record: exactly the stored
    personal fields, the consent record and the petitions they are linked to."""
    people = challenge.petitioners.select_related("body").prefetch_related(
        Prefetch("petitions", queryset=Petition.objects.order_by("received_on", "id"))
    )
    return [
        {
            "id": person.pk,
            "body": person.body.name,
            "full_name": person.full_name,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "consent_purpose": person.consent_purpose,
            "consent_text_version": person.consent_text_version,
            "consent_at": person.consent_at,
            "consent_withdrawn_at": person.consent_withdrawn_at,
            "anonymised_at": person.anonymised_at,
            "petitions": [
                {
                    "tracking_code": tracking.display(p.tracking_code),
                    "received_on": p.received_on,
                    "status": str(p.get_status_display()),
                }
                for p in person.petitions.all()
            ],
            "requests": [
                {
                    "id": r.pk,
                    "kind": str(r.get_kind_display()),
                    "state": r.state,
                    "state_label": str(r.get_state_display()),
                    "due_date": r.due_date,
                }
                for r in person.data_requests.order_by("-id")
                if r.kind != PersonalDataRequest.Kind.ACCESS
            ],
        }
        for person in people.order_by("body_id", "pk")
    ]


def access_personal_data_request(user: object, request_id: int) -> PersonalDataRequest:
    """A request, for staff of its owning body (or above); NotFoundError otherwise."""
    req = (
        PersonalDataRequest.objects.select_related("body", "handled_by")
        .filter(pk=request_id)
        .first()
    )
    if (
        req is None
        or not getattr(user, "is_authenticated", False)
        or not is_staff_of(user, req.body)
    ):
        raise NotFoundError(NOT_FOUND)
    return req


def personal_data_request_queue(
    *, user: object, body: ElectedBody | None = None, open_only: bool = True
) -> QuerySet[PersonalDataRequest]:
    """The requests of the bodies ``user`` is staff of (``body`` narrows it), soonest due first."""
    ids = staff_body_ids(user)
    qs = PersonalDataRequest.objects.filter(body_id__in=ids).select_related("body")
    if body is not None:
        qs = qs.filter(body=body)
    if open_only:
        qs = qs.filter(state__in=OPEN_STATES)
    return qs.order_by("due_date", "id")


def request_rows(
    requests: Iterable[PersonalDataRequest], *, on: dt.date | None = None
) -> list[dict[str, Any]]:
    day = on or timezone.localdate()
    return [
        {
            "r": r,
            "overdue": r.state in OPEN_STATES and rules.is_overdue(r.due_date, day),
            "ack_overdue": r.state == PersonalDataRequest.State.RECEIVED
            and rules.is_overdue(r.ack_due, day),
        }
        for r in requests
    ]


def request_people(req: PersonalDataRequest) -> list[Petitioner]:
    return list(req.petitioners.prefetch_related("petitions").order_by("pk"))


# --- retention ----------------------------------------------------------------------------------


def _local(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def _final_since(petition: Petition, events: list[PetitionEvent]) -> dt.date | None:
    """The day ``petition`` entered the final states it is still in (start of the trailing run
    of events in ``rules.RETENTION_FINAL``), or None when it is not final."""
    if petition.status not in rules.RETENTION_FINAL:
        return None
    since: dt.date | None = None
    for e in events:  # ordered by time
        since = (since or _local(e.at)) if e.status in rules.RETENTION_FINAL else None
    return since or petition.updated_at.date()


def _petition_ends(
    petition: Petition, events: dict[int, list[PetitionEvent]]
) -> tuple[str, dt.date] | None:
    if petition.moderation == Petition.Moderation.REJECTED:
        rejected = [e for e in events.get(petition.pk, []) if e.kind == "moderation.rejected"]
        day = _local(rejected[-1].at) if rejected else petition.updated_at.date()
        return "rejected", rules.rejection_retention_ends(rejected_on=day)
    effective = petition.duplicate_of or petition  # a merged petition follows its group
    final_on = _final_since(effective, events.get(effective.pk, []))
    if final_on is None:
        return None
    return "final", rules.retention_ends(final_on=final_on)


def retention_due(*, on: dt.date) -> list[RetentionItem]:
    """Petitioners not yet anonymised whose every petition is past its retention end on ``on``."""
    people = list(
        Petitioner.objects.filter(anonymised_at__isnull=True, petitions__isnull=False)
        .distinct()
        .select_related("body")
        .prefetch_related(
            Prefetch("petitions", queryset=Petition.objects.select_related("duplicate_of"))
        )
        .order_by("pk")
    )
    petition_ids: set[int] = set()
    for person in people:
        for p in person.petitions.all():
            petition_ids.add(p.pk)
            if p.duplicate_of_id:
                petition_ids.add(p.duplicate_of_id)
    events: dict[int, list[PetitionEvent]] = {}
    for e in PetitionEvent.objects.filter(petition_id__in=petition_ids).order_by("at", "id"):
        events.setdefault(e.petition_id, []).append(e)
    due: list[RetentionItem] = []
    for person in people:
        petitions = list(person.petitions.all())
        ends = [_petition_ends(p, events) for p in petitions]
        if not ends or any(end is None for end in ends):
            continue
        known = [end for end in ends if end is not None]
        reason, since = max(known, key=lambda end: end[1])
        if on >= since:
            due.append(
                RetentionItem(
                    petitioner_id=person.pk,
                    body=person.body.code,
                    tracking_codes=tuple(sorted(p.tracking_code for p in petitions)),
                    reason=reason,
                    since=since,
                )
            )
    return due
