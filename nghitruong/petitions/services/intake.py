"""Intake: voter-contact meetings, secretariat entry, online submission, petitioner data (PET-1..4)."""

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.core.text import fold, nfc
from nghitruong.petitions import rules, tracking
from nghitruong.petitions.models import (
    Petition,
    Petitioner,
    PetitionField,
    SessionRound,
    VoterMeeting,
)
from nghitruong.petitions.services._common import event, snapshot, today

INTAKE_KINDS = ("na", "na_delegation", "provincial_council", "commune_council")
CONTENT_MIN, CONTENT_MAX = 10, 10_000
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,80}$")


@dataclass(frozen=True)
class PetitionerData:
    full_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


# --- rounds and meetings -----------------------------------------------------------------------


@transaction.atomic
def session_round_create(
    *,
    actor: Any,
    body: ElectedBody,
    session_label: str,
    timing: str,
    session_opening: dt.date,
    session_closing: dt.date,
) -> SessionRound:
    require_staff(actor, body)
    if timing not in SessionRound.Timing.values:
        raise ApplicationError("Thời điểm không hợp lệ / Invalid timing", code="invalid_timing")
    if session_closing < session_opening:
        raise ApplicationError(
            "Ngày bế mạc trước ngày khai mạc / Closing precedes opening", code="invalid_dates"
        )
    round_ = SessionRound.objects.create(
        body=body,
        session_label=nfc(session_label),
        timing=timing,
        session_opening=session_opening,
        session_closing=session_closing,
    )
    audit_record(
        actor=actor,
        action="petition_round.create",
        obj=round_,
        body=body,
        after={"session_label": round_.session_label, "timing": timing},
    )
    return round_


@transaction.atomic
def voter_meeting_create(
    *,
    actor: Any,
    body: ElectedBody,
    kind: str,
    held_on: dt.date,
    venue: str,
    round: SessionRound | None = None,
    admin_unit: AdministrativeUnit | None = None,
    cohost: str = "",
    deputies: Iterable[Person] = (),
    attendance: int | None = None,
    minutes: File | None = None,
) -> VoterMeeting:
    require_staff(actor, body)
    if body.kind not in INTAKE_KINDS:
        raise ApplicationError(
            "Cơ quan này không tổ chức tiếp xúc cử tri / This body does not hold voter meetings",
            code="invalid_body",
        )
    if kind not in VoterMeeting.Kind.values:
        raise ApplicationError("Hình thức không hợp lệ / Invalid meeting type", code="invalid_kind")
    if not nfc(venue):
        raise ApplicationError("Thiếu địa điểm / The venue is required", code="venue_required")
    if attendance is not None and attendance < 0:
        raise ApplicationError("Số cử tri không hợp lệ / Invalid attendance", code="invalid_count")
    meeting = VoterMeeting.objects.create(
        body=body,
        round=round,
        kind=kind,
        held_on=held_on,
        venue=nfc(venue),
        admin_unit=admin_unit,
        cohost=nfc(cohost),
        attendance=attendance,
        created_by=actor,
    )
    meeting.deputies.set(list(deputies))
    if minutes is not None:
        meeting.minutes.save(minutes.name or "bien-ban.pdf", minutes, save=True)
    audit_record(
        actor=actor,
        action="voter_meeting.create",
        obj=meeting,
        body=body,
        after={
            "kind": kind,
            "held_on": held_on,
            "venue": meeting.venue,
            "deputies": sorted(p.pk for p in meeting.deputies.all()),
            "attendance": attendance,
            "minutes": bool(meeting.minutes),
        },
    )
    return meeting


# --- validation shared by entry, import and online submission ----------------------------------


def clean_content(content: str) -> str:
    text = nfc(content or "")
    if not CONTENT_MIN <= len(text) <= CONTENT_MAX:
        raise ApplicationError(
            f"Nội dung kiến nghị phải từ {CONTENT_MIN} đến {CONTENT_MAX} ký tự / The petition "
            f"text must be {CONTENT_MIN}–{CONTENT_MAX} characters",
            code="invalid_content",
            detail="content",
        )
    return text


def clean_locality(
    province: AdministrativeUnit | None, commune: AdministrativeUnit | None
) -> tuple[AdministrativeUnit | None, AdministrativeUnit | None]:
    if commune is not None:
        if commune.level != AdministrativeUnit.Level.COMMUNE:
            raise ApplicationError("Mã xã không hợp lệ / Invalid commune", code="invalid_commune")
        if province is None:
            province = commune.parent
        elif commune.parent_id != province.pk:
            raise ApplicationError(
                "Xã không thuộc tỉnh đã chọn / The commune is not in that province",
                code="commune_province_mismatch",
            )
    if province is not None and province.level != AdministrativeUnit.Level.PROVINCE:
        raise ApplicationError("Mã tỉnh không hợp lệ / Invalid province", code="invalid_province")
    return province, commune


def clean_source(body: ElectedBody, source: str, meeting: VoterMeeting | None) -> None:
    if source not in Petition.Source.values:
        raise ApplicationError(
            "Phải ghi nguồn kiến nghị / The petition's source is required",
            code="source_required",
            detail="source",
        )
    if source == Petition.Source.MEETING and meeting is None:
        raise ApplicationError(
            "Kiến nghị từ tiếp xúc cử tri phải gắn với cuộc tiếp xúc / A petition from a voter "
            "meeting must name the meeting",
            code="meeting_required",
            detail="meeting",
        )
    if meeting is not None and meeting.body_id != body.pk:
        raise ApplicationError(
            "Cuộc tiếp xúc thuộc cơ quan khác / The meeting belongs to another body",
            code="meeting_body_mismatch",
        )


def new_petition(
    *,
    body: ElectedBody,
    content: str,
    source: str,
    received_on: dt.date,
    actor: Any = None,
    meeting: VoterMeeting | None = None,
    field: PetitionField | None = None,
    level: str = "",
    agency: Agency | None = None,
    province: AdministrativeUnit | None = None,
    commune: AdministrativeUnit | None = None,
    petitioner: Petitioner | None = None,
) -> Petition:
    """An unsaved petition with a fresh tracking code; values must already be clean."""
    return Petition(
        body=body,
        content=content,
        search_text=fold(content),
        source=source,
        meeting=meeting,
        field=field,
        level=level,
        agency=agency,
        province=province,
        commune=commune,
        received_on=received_on,
        tracking_code=tracking.generate(),
        petitioner=petitioner,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _petitioner(body: ElectedBody, data: PetitionerData | None, consent: bool) -> Petitioner | None:
    if data is None or not any(asdict(data).values()):
        return None
    if not consent:
        raise ApplicationError(
            "Cần có sự đồng ý xử lý dữ liệu cá nhân trước khi lưu thông tin người kiến nghị / "
            "Consent is required before the petitioner's personal data is stored",
            code="consent_required",
        )
    return Petitioner.objects.create(
        body=body,
        full_name=nfc(data.full_name)[:150],
        phone=nfc(data.phone)[:30],
        email=nfc(data.email)[:254],
        address=nfc(data.address)[:255],
        consent_purpose=rules.CONSENT_PURPOSE,
        consent_text_version=rules.CONSENT_TEXT_VERSION,
        consent_at=timezone.now(),
    )


@transaction.atomic
def petition_create(
    *,
    actor: Any,
    body: ElectedBody,
    content: str,
    source: str,
    received_on: dt.date | None = None,
    meeting: VoterMeeting | None = None,
    field: PetitionField | None = None,
    level: str = "",
    agency: Agency | None = None,
    province: AdministrativeUnit | None = None,
    commune: AdministrativeUnit | None = None,
    petitioner: PetitionerData | None = None,
    consent: bool = False,
) -> Petition:
    """Secretariat entry of one petition (status ``received``)."""
    require_staff(actor, body)
    text = clean_content(content)
    clean_source(body, source, meeting)
    province, commune = clean_locality(province or body.admin_unit, commune)
    received = received_on or today()
    if received > today():
        raise ApplicationError(
            "Ngày tiếp nhận ở tương lai / The receipt date is in the future", code="future_date"
        )
    if level and level not in Petition.Level.values:
        raise ApplicationError("Cấp thẩm quyền không hợp lệ / Invalid level", code="invalid_level")
    petition = new_petition(
        body=body,
        content=text,
        source=source,
        received_on=received,
        actor=actor,
        meeting=meeting,
        field=field,
        level=level,
        agency=agency,
        province=province,
        commune=commune,
        petitioner=_petitioner(body, petitioner, consent),
    )
    petition.save()
    event(petition, "received")
    audit_record(
        actor=actor,
        action="petition.create",
        obj=petition,
        body=body,
        after=snapshot(petition) | {"source": source},
    )
    return petition


# --- online submission: idempotent, returns a tracking code ------------------------------------


def _submission_hash(body: ElectedBody, fields: dict[str, Any]) -> str:
    canonical = json.dumps({"body": body.pk, **fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _replay(key: str, digest: str) -> Petition:
    existing = Petition.objects.get(idempotency_key=key)
    if existing.submission_hash != digest:
        raise ConflictError(
            "Mã gửi đã được dùng cho một kiến nghị khác / This idempotency key was used for "
            "another submission",
            code="idempotency_key_reused",
        )
    return existing


def petition_submit_online(
    *,
    idempotency_key: str,
    body: ElectedBody,
    content: str,
    province: AdministrativeUnit | None = None,
    commune: AdministrativeUnit | None = None,
    field: PetitionField | None = None,
    petitioner: PetitionerData | None = None,
    consent: bool = False,
    is_denunciation: bool = False,
    key_checked: bool = False,
) -> tuple[Petition, bool]:
    """A voter's online petition. Returns ``(petition, created)``.

    The client sends an idempotency key; a retry (same key, same content) returns the first
    petition and never creates a second, also when the retries race. Denunciations are refused
    without storing anything and the official channel is explained (PET-1). ``key_checked``: the
    caller has just looked the key up and found no petition (the portal does, for its rate
    limits), so it is not looked up twice; a retry racing in between still meets the unique
    key and gets the first petition.
    """
    if is_denunciation:
        raise ApplicationError(rules.DENUNCIATION_CHANNEL, code="denunciation_not_accepted")
    if not _KEY.match(idempotency_key or ""):
        raise ApplicationError(
            "Mã gửi không hợp lệ (16–80 ký tự A–Z, 0–9, -, _) / Invalid idempotency key",
            code="invalid_idempotency_key",
        )
    if body.kind not in INTAKE_KINDS or not body.is_active:
        raise ApplicationError(
            "Cơ quan không nhận kiến nghị trực tuyến / This body does not take online petitions",
            code="invalid_body",
        )
    text = clean_content(content)
    province, commune = clean_locality(province or body.admin_unit, commune)
    digest = _submission_hash(
        body,
        {
            "content": text,
            "province": province.code if province else "",
            "commune": commune.code if commune else "",
            "field": field.code if field else "",
            "petitioner": asdict(petitioner) if petitioner else None,
        },
    )
    if not key_checked and Petition.objects.filter(idempotency_key=idempotency_key).exists():
        return _replay(idempotency_key, digest), False
    try:
        with transaction.atomic():
            petition = new_petition(
                body=body,
                content=text,
                source=Petition.Source.ONLINE,
                received_on=today(),
                field=field,
                province=province,
                commune=commune,
                petitioner=_petitioner(body, petitioner, consent),
            )
            petition.idempotency_key = idempotency_key
            petition.submission_hash = digest
            petition.moderation = Petition.Moderation.PENDING  # a moderator approves first
            petition.save()
            event(petition, "received", "Tiếp nhận qua cổng trực tuyến")
            audit_record(
                actor=None,
                action="petition.submit_online",
                obj=petition,
                body=body,
                after=snapshot(petition),
            )
    except IntegrityError:
        # A concurrent retry committed first: answer with its petition.
        return _replay(idempotency_key, digest), False
    return petition, True


# --- personal data requests (PET-2, PET-4) -----------------------------------------------------


PERSONAL_FIELDS = ("full_name", "phone", "email", "address")


def anonymise_fields(*, actor: Any, petitioner: Petitioner, reason: str) -> bool:
    """Blank the personal fields (the consent record stays) and audit it; False when already done.

    No permission check: callers are ``petitioner_anonymise`` (staff), a data subject's request
    verified by a one-time code and the retention job (``services.privacy``).
    """
    if petitioner.anonymised_at is not None:
        return False
    now = timezone.now()
    for name in PERSONAL_FIELDS:
        setattr(petitioner, name, "")
    petitioner.anonymised_at = now
    petitioner.consent_withdrawn_at = petitioner.consent_withdrawn_at or now
    petitioner.save()
    audit_record(
        actor=actor,
        action="petitioner.anonymise",
        obj=petitioner,
        body=petitioner.body,
        after={"reason": nfc(reason)[:300]},
    )
    return True


@transaction.atomic
def petitioner_anonymise(*, actor: Any, petitioner: Petitioner, reason: str) -> Petitioner:
    """Erase the personal data on request; the consent record (purpose, time, version) stays."""
    require_staff(actor, petitioner.body)
    anonymise_fields(actor=actor, petitioner=petitioner, reason=reason)
    return petitioner


def petitioner_erase_request(
    *, actor: Any, body: ElectedBody, email: str = "", phone: str = "", reason: str
) -> int:
    """Anonymise every petitioner of ``body`` with this e-mail or phone; returns how many."""
    require_staff(actor, body)
    email, phone = nfc(email).lower(), re.sub(r"\D", "", phone or "")
    if not email and not phone:
        raise ApplicationError(
            "Cần e-mail hoặc số điện thoại / An e-mail or phone number is required",
            code="identifier_required",
        )
    count = 0
    for person in Petitioner.objects.filter(body=body, anonymised_at__isnull=True):
        if (email and person.email.lower() == email) or (
            phone and re.sub(r"\D", "", person.phone) == phone
        ):
            petitioner_anonymise(actor=actor, petitioner=person, reason=reason)
            count += 1
    return count
