"""A petitioner's requests about their personal data (issue 5 §2; PET-2, PET-4; PDPL 91/2025/QH15
and Decree 356/2025/NĐ-CP — periods and their basis in ``rules``).

Requests (access, erasure, consent withdrawal) move through ``rules.REQUEST_TRANSITIONS``; each
transition writes an audit entry and the person is told by e-mail or SMS after commit. The portal's
identity check (one-time code) is ``services.privacy_portal``; the retention job
``services.retention``.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.mail import send_mail_on_commit
from nghitruong.core.models import ElectedBody
from nghitruong.core.text import nfc
from nghitruong.petitions import rules, sms
from nghitruong.petitions.models import (
    PersonalDataChallenge,
    PersonalDataRequest,
    Petition,
    Petitioner,
)
from nghitruong.petitions.models.privacy import Channel
from nghitruong.petitions.selectors import calendar_from
from nghitruong.petitions.selectors_privacy import verified_challenge
from nghitruong.petitions.services._common import require_reason, today
from nghitruong.petitions.services.intake import anonymise_fields

logger = logging.getLogger(__name__)

State = PersonalDataRequest.State
Kind = PersonalDataRequest.Kind

# --- notifications (after commit) ---------------------------------------------------------------


def _send_sms(to: str, text: str) -> None:
    try:
        sms.get_client().send(to=to, text=text)
    except (OSError, sms.SmsError):
        logger.exception("personal-data notification by SMS failed")


def notify_on_commit(channel: str, to: str, subject: str, text: str) -> None:
    """E-mail through core's after-commit mail; SMS through the gateway client, also after commit."""
    if not to:
        return
    if channel == Channel.EMAIL:
        send_mail_on_commit(subject=subject, body=text, recipients=[to])
    else:
        transaction.on_commit(lambda: _send_sms(to, text))


# --- requests -----------------------------------------------------------------------------------


def _reply_to(people: Iterable[Petitioner], channel: str) -> str:
    for person in people:
        value = person.email if channel == Channel.EMAIL else person.phone
        if value:
            return value
    return ""


def _snapshot(req: PersonalDataRequest) -> dict[str, Any]:
    return {
        "kind": req.kind,
        "state": req.state,
        "due_date": req.due_date,
        "petitioners": sorted(p.pk for p in req.petitioners.all()) if req.pk else [],
    }


def _open(
    *,
    actor: Any,
    body: ElectedBody,
    kind: str,
    people: list[Petitioner],
    channel: str,
    reply_to: str,
    challenge: PersonalDataChallenge | None = None,
) -> PersonalDataRequest:
    received = today()
    due = rules.data_request_due(received=received, calendar=calendar_from(received))
    req = PersonalDataRequest.objects.create(
        body=body,
        kind=kind,
        state=State.RECEIVED,
        challenge=challenge,
        channel=channel,
        reply_to=nfc(reply_to)[:254],
        received_on=received,
        ack_due=due.ack_date,
        due_date=due.date,
        due_explanation=due.explanation,
    )
    req.petitioners.set(people)
    audit_record(
        actor=actor,
        action="personal_data_request.receive",
        obj=req,
        body=body,
        after=_snapshot(req),
    )
    return req


def _target(req: PersonalDataRequest, action: rules.RequestAction) -> rules.RequestState:
    target = rules.next_request_state(action, req.state)
    if target is None:
        raise ConflictError(
            "Thao tác không hợp lệ ở trạng thái hiện tại của yêu cầu / This action is not allowed "
            "in the request's current state",
            code="wrong_state",
            detail={"state": req.state, "action": str(action)},
        )
    return target


def _move(
    req: PersonalDataRequest, action: rules.RequestAction, actor: Any, **extra: Any
) -> PersonalDataRequest:
    target = _target(req, action)
    before = _snapshot(req)
    now = timezone.now()
    req.state = str(target)
    if target == rules.RequestState.VERIFIED:
        req.verified_at = now
    if target in (rules.RequestState.COMPLETED, rules.RequestState.REFUSED):
        req.closed_at = now
        if getattr(actor, "is_authenticated", False):
            req.handled_by = actor
    for name, value in extra.items():
        setattr(req, name, value)
    req.save()
    audit_record(
        actor=actor,
        action=f"personal_data_request.{action}",
        obj=req,
        body=req.body,
        before=before,
        after=_snapshot(req) | {k: v for k, v in extra.items() if k != "reply_to"},
    )
    return req


def _erase(req: PersonalDataRequest, actor: Any) -> None:
    reason = f"Yêu cầu #{req.pk} ({req.get_kind_display()})"
    for person in req.petitioners.select_for_update().select_related("body"):
        anonymise_fields(actor=actor, petitioner=person, reason=reason)


def _close_and_tell(
    req: PersonalDataRequest, action: rules.RequestAction, actor: Any, **extra: Any
) -> PersonalDataRequest:
    """Complete or refuse; tell the person after commit and forget where to tell them."""
    channel, to = req.channel, req.reply_to
    req = _move(req, action, actor, reply_to="", **extra)
    if action == rules.RequestAction.COMPLETE:
        subject = f"[Nghị Trường Số] Đã giải quyết yêu cầu về dữ liệu cá nhân #{req.pk}"
        if req.kind == Kind.ACCESS:
            text = (
                f"Dữ liệu cá nhân của bạn tại {req.body.name} vừa được xem trên Cổng kiến nghị sau "
                "khi xác minh bằng mã một lần. Nếu không phải bạn, hãy liên hệ cơ quan. / Your "
                "personal data was just viewed on the petitions portal after one-time-code "
                "verification."
            )
        else:
            text = (
                f"Yêu cầu {req.get_kind_display().lower()} của bạn tại {req.body.name} đã được "
                f"giải quyết: họ tên, điện thoại, thư điện tử, địa chỉ đã được xóa.\n\n"
                f"{rules.ERASURE_KEEPS_PETITION}"
            )
    else:
        subject = f"[Nghị Trường Số] Từ chối yêu cầu về dữ liệu cá nhân #{req.pk}"
        text = (
            f"Yêu cầu {req.get_kind_display().lower()} của bạn tại {req.body.name} không được "
            f"giải quyết. Lý do: {req.refusal_reason} / Your request was refused; reason above."
        )
    notify_on_commit(channel, to, subject, text)
    return req


def record_access(challenge: PersonalDataChallenge) -> None:
    people = list(challenge.petitioners.select_related("body").order_by("body_id", "pk"))
    by_body: dict[int, list[Petitioner]] = defaultdict(list)
    for person in people:
        by_body[person.body_id].append(person)
    for group in by_body.values():
        req = _open(
            actor=None,
            body=group[0].body,
            kind=Kind.ACCESS,
            people=group,
            channel=challenge.channel,
            reply_to=_reply_to(group, challenge.channel),
            challenge=challenge,
        )
        _move(req, rules.RequestAction.VERIFY, None)
        _close_and_tell(req, rules.RequestAction.COMPLETE, None)


def _needs_review(people: list[Petitioner]) -> bool:
    return Petition.objects.filter(
        petitioner__in=people, status__in=[str(s) for s in rules.ERASURE_REVIEW_STATUSES]
    ).exists()


@transaction.atomic
def personal_data_request_submit(*, token: str, kind: str) -> list[PersonalDataRequest]:
    """The verified person asks for erasure or withdraws consent: one request per owning body,
    completed at once unless a petition is being handled by an agency (then queued for staff,
    ``rules.ERASURE_REVIEW_STATUSES``). Withdrawing consent also erases the data: consent is the
    only basis on which the platform keeps it (reference §3: the statutory-task basis of PDPL
    Art. 19 is not confirmed)."""
    if kind not in (Kind.ERASURE, Kind.WITHDRAW_CONSENT):
        raise ApplicationError(
            "Loại yêu cầu không hợp lệ / Invalid request type", code="invalid_kind"
        )
    challenge = verified_challenge(token)
    people = list(
        Petitioner.objects.select_for_update()
        .filter(pk__in=challenge.petitioners.values("pk"), anonymised_at__isnull=True)
        .select_related("body")
        .order_by("body_id", "pk")
    )
    if not people:
        raise ConflictError(
            "Không còn dữ liệu cá nhân nào để xóa / There is no personal data left to erase",
            code="nothing_to_erase",
        )
    pending = PersonalDataRequest.objects.filter(
        petitioners__in=people, state__in=(State.RECEIVED, State.VERIFIED)
    )
    if pending.exists():
        raise ConflictError(
            "Đã có yêu cầu đang chờ cán bộ xử lý / A request is already waiting for staff",
            code="request_pending",
        )
    by_body: dict[int, list[Petitioner]] = defaultdict(list)
    for person in people:
        by_body[person.body_id].append(person)
    made = []
    for group in by_body.values():
        req = _open(
            actor=None,
            body=group[0].body,
            kind=kind,
            people=group,
            channel=challenge.channel,
            reply_to=_reply_to(group, challenge.channel),
            challenge=challenge,
        )
        req = _move(req, rules.RequestAction.VERIFY, None)
        if _needs_review(group):
            notify_on_commit(
                req.channel,
                req.reply_to,
                f"[Nghị Trường Số] Đã tiếp nhận yêu cầu về dữ liệu cá nhân #{req.pk}",
                f"{req.body.name} đã tiếp nhận yêu cầu {req.get_kind_display().lower()} của bạn. "
                f"Hạn giải quyết: {rules.vn_date(req.due_date)}. / Your request was received; "
                f"due {rules.vn_date(req.due_date)}.",
            )
        else:
            _erase(req, None)
            req = _close_and_tell(req, rules.RequestAction.COMPLETE, None)
        made.append(req)
    return made


# --- staff --------------------------------------------------------------------------------------


def _lock(req: PersonalDataRequest) -> PersonalDataRequest:
    return PersonalDataRequest.objects.select_for_update().select_related("body").get(pk=req.pk)


@transaction.atomic
def personal_data_request_receive(
    *,
    actor: Any,
    body: ElectedBody,
    kind: str,
    petitioners: Iterable[Petitioner],
    channel: str = Channel.EMAIL,
    reply_to: str = "",
) -> PersonalDataRequest:
    """Staff record a request that came by letter or in person (identity not yet checked)."""
    require_staff(actor, body)
    if kind not in Kind.values:
        raise ApplicationError(
            "Loại yêu cầu không hợp lệ / Invalid request type", code="invalid_kind"
        )
    if channel not in Channel.values:
        raise ApplicationError(
            "Kênh trả lời không hợp lệ / Invalid channel", code="invalid_channel"
        )
    people = list(petitioners)
    if not people or any(p.body_id != body.pk for p in people):
        raise ApplicationError(
            "Yêu cầu phải gắn với người kiến nghị của cơ quan này / The request must name "
            "petitioners of this body",
            code="invalid_petitioners",
        )
    return _open(
        actor=actor, body=body, kind=kind, people=people, channel=channel, reply_to=reply_to
    )


@transaction.atomic
def personal_data_request_verify(
    *, actor: Any, request: PersonalDataRequest
) -> PersonalDataRequest:
    """Staff confirm the requester's identity (e.g. checked an ID document at the office)."""
    require_staff(actor, request.body)
    return _move(_lock(request), rules.RequestAction.VERIFY, actor)


@transaction.atomic
def personal_data_request_complete(
    *, actor: Any, request: PersonalDataRequest
) -> PersonalDataRequest:
    """Staff carry out a verified request: erasure and consent withdrawal anonymise the people."""
    require_staff(actor, request.body)
    req = _lock(request)
    _target(req, rules.RequestAction.COMPLETE)  # refuse early, before erasing anything
    if req.kind in (Kind.ERASURE, Kind.WITHDRAW_CONSENT):
        _erase(req, actor)
    return _close_and_tell(req, rules.RequestAction.COMPLETE, actor)


@transaction.atomic
def personal_data_request_refuse(
    *, actor: Any, request: PersonalDataRequest, reason: str
) -> PersonalDataRequest:
    """Staff refuse a request with a reason the person receives (e.g. a law requires keeping the
    data, or the identity could not be confirmed)."""
    require_staff(actor, request.body)
    why = require_reason(reason)
    return _close_and_tell(_lock(request), rules.RequestAction.REFUSE, actor, refusal_reason=why)
