"""The petition state machine: one service per transition (rules.TRANSITIONS), each audited."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import Agency
from nghitruong.core.text import nfc
from nghitruong.petitions import rules
from nghitruong.petitions.models import AnswerAttachment, Petition, PetitionAnswer, PetitionField
from nghitruong.petitions.permissions import require_answer, require_manage
from nghitruong.petitions.selectors import calendar_from, clock_rules_for
from nghitruong.petitions.services._common import (
    event,
    lock,
    recompute_due,
    require_reason,
    snapshot,
    today,
    transition,
)

A = rules.Action


def _agency(agency: Agency) -> Agency:
    if not agency.is_active:
        raise ConflictError(
            "Cơ quan đã ngừng hoạt động / The agency is inactive", code="agency_inactive"
        )
    return agency


def _save(
    petition: Petition, before: dict[str, Any], actor: Any, action: str, **extra: Any
) -> None:
    petition.save()
    audit_record(
        actor=actor,
        action=action,
        obj=petition,
        body=petition.body,
        before=before,
        after=snapshot(petition) | extra,
    )


@transaction.atomic
def petition_classify(
    *, actor: Any, petition: Petition, field: PetitionField, level: str
) -> Petition:
    require_manage(actor, petition)
    petition = lock(petition)
    if petition.moderation in (Petition.Moderation.PENDING, Petition.Moderation.REJECTED):
        raise ConflictError(
            "Kiến nghị gửi trực tuyến phải được kiểm duyệt trước khi phân loại / An online "
            "submission must pass moderation before it is classified",
            code="moderation_required",
        )
    before = snapshot(petition)
    petition.status = transition(petition, A.CLASSIFY)
    if level not in Petition.Level.values:
        raise ApplicationError("Cấp thẩm quyền không hợp lệ / Invalid level", code="invalid_level")
    petition.field, petition.level = field, level
    event(petition, "classified", field.name)
    _save(petition, before, actor, "petition.classify")
    return petition


def _start_clock(
    petition: Petition, agency: Agency, co_agencies: Iterable[Agency], on: dt.date
) -> None:
    lead = _agency(agency)
    others = [_agency(a) for a in co_agencies if a.pk != lead.pk]
    petition.agency = lead
    petition.co_agencies.set(others)
    petition.clock_start = on
    petition.paused_since = None
    petition.paused_days = petition.extension_days = 0
    petition.overdue_since = None
    recompute_due(petition)


@transaction.atomic
def petition_assign(
    *,
    actor: Any,
    petition: Petition,
    agency: Agency,
    co_agencies: Iterable[Agency] = (),
    on: dt.date | None = None,
) -> Petition:
    """Send to the competent agency (the lead, plus co-agencies): the answer clock starts."""
    require_manage(actor, petition)
    petition = lock(petition)
    before = snapshot(petition)
    petition.status = transition(petition, A.ASSIGN)
    _start_clock(petition, agency, co_agencies, on or today())
    event(
        petition,
        "assigned",
        f"Chuyển {petition.agency.name if petition.agency else ''}. "
        f"Hạn trả lời: {petition.due_explanation}",
    )
    _save(
        petition,
        before,
        actor,
        "petition.assign",
        co_agencies=sorted(a.pk for a in petition.co_agencies.all()),
    )
    return petition


@transaction.atomic
def petition_reassign(
    *,
    actor: Any,
    petition: Petition,
    agency: Agency,
    reason: str,
    co_agencies: Iterable[Agency] = (),
    on: dt.date | None = None,
) -> Petition:
    """Route to another agency. A reason is required; the new agency's clock starts afresh."""
    require_manage(actor, petition)
    why = require_reason(reason)
    petition = lock(petition)
    before = snapshot(petition)
    petition.status = transition(petition, A.REASSIGN)
    _start_clock(petition, agency, co_agencies, on or today())
    event(
        petition,
        "reassigned",
        f"Chuyển lại {petition.agency.name if petition.agency else ''}. "
        f"Hạn trả lời: {petition.due_explanation}",
    )
    _save(petition, before, actor, "petition.reassign", reason=why)
    return petition


@transaction.atomic
def petition_answer(
    *,
    actor: Any,
    petition: Petition,
    outcome: str,
    text: str,
    document_number: str,
    document_date: dt.date,
    signer: str,
    committed_date: dt.date | None = None,
    suggested_agency: Agency | None = None,
    attachments: Iterable[UploadedFile] = (),
    on: dt.date | None = None,
) -> PetitionAnswer:
    """The competent agency's written answer; the outcome category is required."""
    require_answer(actor, petition)
    action = rules.ANSWER_ACTIONS.get(outcome)
    if action is None:
        raise ApplicationError(
            "Phải chọn kết quả trả lời / An answer outcome is required", code="outcome_required"
        )
    petition = lock(petition)
    before = snapshot(petition)
    target = transition(petition, action)
    answered_on = on or today()
    body_text, number, sign = nfc(text), nfc(document_number), nfc(signer)
    if not body_text or not number or not sign:
        raise ApplicationError(
            "Thiếu nội dung, số văn bản hoặc người ký / The text, document number and signer "
            "are required",
            code="answer_incomplete",
        )
    if outcome == PetitionAnswer.Outcome.BEING_RESOLVED and (
        committed_date is None or committed_date <= answered_on
    ):
        raise ApplicationError(
            "“Đang giải quyết” phải có thời hạn cam kết sau ngày trả lời / “Being resolved” needs "
            "a commitment date after the answer date",
            code="commitment_date_required",
        )
    if outcome == PetitionAnswer.Outcome.NOT_COMPETENT and suggested_agency is None:
        raise ApplicationError(
            "Phải nêu cơ quan có thẩm quyền / Name the competent agency", code="agency_required"
        )
    agency = petition.agency
    assert agency is not None  # noqa: S101 - an assigned petition has an agency
    on_time = petition.due_date is None or answered_on <= petition.due_date
    answer = PetitionAnswer.objects.create(
        petition=petition,
        agency=agency,
        outcome=outcome,
        text=body_text,
        document_number=number,
        document_date=document_date,
        signer=sign,
        committed_date=committed_date if outcome == "being_resolved" else None,
        suggested_agency=suggested_agency if outcome == "not_competent" else None,
        answered_on=answered_on,
        on_time=on_time,
        answered_by=actor,
    )
    for upload in attachments:
        AnswerAttachment.objects.create(
            answer=answer, file=upload, name=nfc(upload.name or "")[:255]
        )
    petition.status = target
    petition.latest_outcome = "" if outcome == "not_competent" else outcome
    petition.committed_date = answer.committed_date
    petition.commitment_broken_since = None
    label = PetitionAnswer.Outcome(outcome).label
    note = f"{agency.name} trả lời (văn bản số {number}): {label}"
    if answer.committed_date:
        note += f", cam kết hoàn thành trước {rules.vn_date(answer.committed_date)}"
    if answer.suggested_agency:
        note += f"; đề nghị chuyển {answer.suggested_agency.name}"
    event(petition, f"answer.{outcome}", note)
    _save(
        petition,
        before,
        actor,
        "petition.answer",
        answer=answer.pk,
        outcome=outcome,
        on_time=on_time,
    )
    return answer


def _simple(
    actor: Any, petition: Petition, action: rules.Action, kind: str, reason: str, note: str
) -> Petition:
    require_manage(actor, petition)
    why = require_reason(reason)
    petition = lock(petition)
    before = snapshot(petition)
    petition.status = transition(petition, action)
    petition.closed_reason = why
    event(petition, kind, note)
    _save(petition, before, actor, f"petition.{kind}", reason=why)
    return petition


@transaction.atomic
def petition_close(*, actor: Any, petition: Petition, reason: str) -> Petition:
    return _simple(actor, petition, A.CLOSE, "closed", reason, "Kết thúc theo dõi")


@transaction.atomic
def petition_withdraw(*, actor: Any, petition: Petition, reason: str) -> Petition:
    return _simple(actor, petition, A.WITHDRAW, "withdrawn", reason, "Người kiến nghị rút")


@transaction.atomic
def petition_redirect_denunciation(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """Close a denunciation (tố cáo) entered as a petition and explain the official channel."""
    return _simple(
        actor,
        petition,
        A.REDIRECT_DENUNCIATION,
        "denunciation",
        reason,
        rules.DENUNCIATION_CHANNEL,
    )


# --- clock pause / extension -------------------------------------------------------------------


def _require_clock(petition: Petition) -> None:
    if petition.status not in rules.CLOCK_RUNNING or petition.clock_start is None:
        raise ConflictError(
            "Thời hạn trả lời không chạy ở trạng thái này / The answer clock is not running",
            code="clock_not_running",
        )


@transaction.atomic
def petition_clock_pause(
    *, actor: Any, petition: Petition, reason: str, on: dt.date | None = None
) -> Petition:
    require_manage(actor, petition)
    why = require_reason(reason)
    petition = lock(petition)
    _require_clock(petition)
    if petition.paused_since is not None:
        raise ConflictError(
            "Thời hạn đang tạm dừng / The clock is already paused", code="already_paused"
        )
    before = snapshot(petition)
    petition.paused_since = on or today()
    event(petition, "clock.paused", f"Tạm dừng thời hạn từ {rules.vn_date(petition.paused_since)}")
    _save(
        petition,
        before,
        actor,
        "petition.clock_pause",
        reason=why,
        paused_since=petition.paused_since,
    )
    return petition


def _paused_length(petition: Petition, start: dt.date, end: dt.date) -> int:
    kind = clock_rules_for(petition.body).day_kind
    if kind == rules.DayKind.CALENDAR:
        return (end - start).days
    cal = calendar_from(start)
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if cal.is_working_day(start + dt.timedelta(days=i))
    )


@transaction.atomic
def petition_clock_resume(*, actor: Any, petition: Petition, on: dt.date | None = None) -> Petition:
    require_manage(actor, petition)
    petition = lock(petition)
    _require_clock(petition)
    if petition.paused_since is None:
        raise ConflictError("Thời hạn không tạm dừng / The clock is not paused", code="not_paused")
    resumed = on or today()
    if resumed < petition.paused_since:
        raise ApplicationError(
            "Ngày tiếp tục trước ngày tạm dừng / Resume precedes pause", code="invalid_dates"
        )
    before = snapshot(petition)
    petition.paused_days += _paused_length(petition, petition.paused_since, resumed)
    petition.paused_since = None
    recompute_due(petition)
    event(petition, "clock.resumed", f"Tiếp tục tính thời hạn. Hạn mới: {petition.due_explanation}")
    _save(petition, before, actor, "petition.clock_resume", paused_days=petition.paused_days)
    return petition


@transaction.atomic
def petition_clock_extend(*, actor: Any, petition: Petition, days: int, reason: str) -> Petition:
    require_manage(actor, petition)
    why = require_reason(reason)
    if not 1 <= days <= 90:
        raise ApplicationError(
            "Số ngày gia hạn 1–90 / Extension must be 1–90 days", code="invalid_days"
        )
    petition = lock(petition)
    _require_clock(petition)
    before = snapshot(petition)
    petition.extension_days += days
    petition.overdue_since = None
    recompute_due(petition)
    event(petition, "clock.extended", f"Gia hạn {days} ngày. Hạn mới: {petition.due_explanation}")
    _save(petition, before, actor, "petition.clock_extend", reason=why, days=days)
    return petition
