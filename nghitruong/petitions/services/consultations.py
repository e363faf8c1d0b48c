"""Public consultations on drafts (lấy ý kiến nhân dân về dự thảo), issue 5 §7.

State machine, one service per transition, each audited::

    draft ──open──▶ open ──close──▶ closed ──report──▶ reported

Only staff of the owning body manage a consultation (``require_staff``). A citizen's feedback is
filed as an online petition through the portal's rate-limited path (``petition_submit_public`` →
``petition_submit_online``: idempotency key, consent, tracking code) and linked to the
consultation by one ``ConsultationFeedback`` row in the same transaction.

Not a legal rule: the dates during which feedback is taken are the consultation's own settings
(``opens_on`` … ``closes_on``, both days included, in the platform's local time zone). The
statutory minimum period for public comment on a draft is not checked here; staff choose the
dates.
"""

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.core.text import fold, nfc
from nghitruong.documents.ingest.report import DocumentRefusedError
from nghitruong.documents.ingest.safety import check_not_state_secret, extract
from nghitruong.documents.models import Confidentiality, Work
from nghitruong.petitions.models import ConsultationFeedback, DraftConsultation, Petition
from nghitruong.petitions.selectors_consultations import CONSULTING_KINDS, refusal_reason
from nghitruong.petitions.services.intake import PetitionerData
from nghitruong.petitions.services.portal import petition_submit_public

#: Upload limit of an attached draft (a platform setting, not a legal rule).
DRAFT_FILE_MAX_BYTES = 20 * 1024 * 1024
DRAFT_FILE_TYPES = (".pdf", ".docx")
TITLE_MIN, TITLE_MAX = 5, 500
SUMMARY_MIN, SUMMARY_MAX = 10, 10_000
QUESTIONS_MAX, QUESTION_MAX_CHARS = 10, 300
REPORT_MIN = 10
ARTICLE_MAX = 60

#: action → the states it may start from; the target state is the action's own.
TRANSITIONS: dict[str, tuple[str, str]] = {
    "open": (DraftConsultation.State.DRAFT, DraftConsultation.State.OPEN),
    "close": (DraftConsultation.State.OPEN, DraftConsultation.State.CLOSED),
    "report": (DraftConsultation.State.CLOSED, DraftConsultation.State.REPORTED),
}

WRONG_STATE = (
    "Thao tác không hợp lệ ở trạng thái hiện tại của đợt lấy ý kiến / "
    "This action is not allowed in the consultation's current state"
)


def _today() -> dt.date:
    return timezone.localdate()


def _snapshot(c: DraftConsultation) -> dict[str, Any]:
    return {
        "state": c.state,
        "title": c.title,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "work": c.work_id,
        "draft_file": c.draft_file_name,
        "drafting_agency": c.drafting_agency_id,
        "questions": list(c.questions),
    }


# --- validation --------------------------------------------------------------------------------


def _text(value: str, low: int, high: int, *, vi: str, en: str, detail: str) -> str:
    text = nfc(value or "").strip()
    if not low <= len(text) <= high:
        raise ApplicationError(
            f"{vi} phải từ {low} đến {high} ký tự / {en} must be {low}–{high} characters",
            code=f"invalid_{detail}",
            detail=detail,
        )
    return text


def _dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu nhận góp ý / The closing date precedes the opening "
            "date",
            code="invalid_dates",
            detail="closes_on",
        )


def _questions(questions: Iterable[str]) -> list[str]:
    cleaned = [nfc(q).strip() for q in questions if nfc(q or "").strip()]
    if len(cleaned) > QUESTIONS_MAX:
        raise ApplicationError(
            f"Tối đa {QUESTIONS_MAX} câu hỏi / At most {QUESTIONS_MAX} questions",
            code="too_many_questions",
            detail="questions",
        )
    if any(len(q) > QUESTION_MAX_CHARS for q in cleaned):
        raise ApplicationError(
            f"Mỗi câu hỏi tối đa {QUESTION_MAX_CHARS} ký tự / Each question is limited to "
            f"{QUESTION_MAX_CHARS} characters",
            code="question_too_long",
            detail="questions",
        )
    return cleaned


def _body(body: ElectedBody) -> None:
    if body.kind not in CONSULTING_KINDS or not body.is_active:
        raise ApplicationError(
            "Chỉ Quốc hội, Hội đồng nhân dân lấy ý kiến nhân dân về dự thảo / Only the National "
            "Assembly and People's Councils hold public consultations",
            code="invalid_body",
        )


def _work(work: Work | None) -> None:
    if work is not None and work.confidentiality != Confidentiality.PUBLIC:
        raise ApplicationError(
            "Chỉ liên kết được văn bản công khai / Only a public document may be linked",
            code="work_not_public",
            detail="work",
        )


def check_draft_file(name: str, data: bytes) -> None:
    """Refuse a draft file that is not a readable PDF/DOCX within the size limit, or that carries
    a state-secret mark. The checks are the knowledge base's ingest checks (``documents.ingest``)."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in DRAFT_FILE_TYPES:
        raise DocumentRefusedError(
            "Tệp dự thảo phải là PDF hoặc DOCX / The draft must be a PDF or DOCX file",
            code="unsupported_type",
        )
    if not data:
        raise DocumentRefusedError("Tệp rỗng / Empty file", code="empty_file")
    if len(data) > DRAFT_FILE_MAX_BYTES:
        raise DocumentRefusedError(
            f"Tệp dự thảo tối đa {DRAFT_FILE_MAX_BYTES // 1048576} MB / The draft file is "
            f"limited to {DRAFT_FILE_MAX_BYTES // 1048576} MB",
            code="too_large",
        )
    extracted = extract(Path(name), data)
    if extracted.needs_ocr:
        # A scan has no text layer, so its secrecy stamp cannot be checked: refuse it.
        raise DocumentRefusedError(
            "Tệp PDF là bản quét, không kiểm tra được dấu chỉ độ mật; hãy tải bản PDF có chữ hoặc "
            "DOCX / The PDF is a scan whose secrecy marks cannot be checked; upload a text PDF "
            "or DOCX",
            code="scanned_pdf",
        )
    check_not_state_secret(extracted.text)


def _read(upload: File) -> tuple[str, bytes]:
    name = Path(upload.name or "du-thao").name
    upload.seek(0)
    data = upload.read(DRAFT_FILE_MAX_BYTES + 1)
    return nfc(name)[:255], data if isinstance(data, bytes) else data.encode("utf-8")


def _attach(consultation: DraftConsultation, draft_file: File | None) -> None:
    if draft_file is None:
        return
    name, data = _read(draft_file)
    check_draft_file(name, data)
    consultation.draft_file_name = name
    suffix = Path(name).suffix.lower()
    consultation.draft_file.save(f"du-thao{suffix}", ContentFile(data), save=False)


# --- create, edit, transitions -----------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    body: ElectedBody,
    title: str,
    summary: str,
    opens_on: dt.date,
    closes_on: dt.date,
    work: Work | None = None,
    draft_file: File | None = None,
    drafting_agency: Agency | None = None,
    questions: Iterable[str] = (),
) -> DraftConsultation:
    """A new consultation in ``draft`` (not public until ``consultation_open``)."""
    require_staff(actor, body)
    _body(body)
    consultation = DraftConsultation(
        body=body,
        title=_text(title, TITLE_MIN, TITLE_MAX, vi="Tên dự thảo", en="The title", detail="title"),
        summary=_text(
            summary, SUMMARY_MIN, SUMMARY_MAX, vi="Tóm tắt", en="The summary", detail="summary"
        ),
        opens_on=opens_on,
        closes_on=closes_on,
        work=work,
        drafting_agency=drafting_agency,
        questions=_questions(questions),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _dates(opens_on, closes_on)
    _work(work)
    _attach(consultation, draft_file)
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.create",
        obj=consultation,
        body=body,
        after=_snapshot(consultation),
    )
    return consultation


def _lock(consultation: DraftConsultation) -> DraftConsultation:
    return (
        DraftConsultation.objects.select_for_update(of=("self",))
        .select_related("body")
        .get(pk=consultation.pk)
    )


@transaction.atomic
def consultation_update(
    *,
    actor: Any,
    consultation: DraftConsultation,
    title: str,
    summary: str,
    opens_on: dt.date,
    closes_on: dt.date,
    work: Work | None = None,
    draft_file: File | None = None,
    remove_file: bool = False,
    drafting_agency: Agency | None = None,
    questions: Iterable[str] = (),
) -> DraftConsultation:
    """Edit a consultation while it is a draft (once public, its text and dates are fixed)."""
    require_staff(actor, consultation.body)
    consultation = _lock(consultation)
    if consultation.state != DraftConsultation.State.DRAFT:
        raise ConflictError(WRONG_STATE, code="wrong_state", detail={"state": consultation.state})
    before = _snapshot(consultation)
    consultation.title = _text(
        title, TITLE_MIN, TITLE_MAX, vi="Tên dự thảo", en="The title", detail="title"
    )
    consultation.summary = _text(
        summary, SUMMARY_MIN, SUMMARY_MAX, vi="Tóm tắt", en="The summary", detail="summary"
    )
    _dates(opens_on, closes_on)
    _work(work)
    consultation.opens_on, consultation.closes_on = opens_on, closes_on
    consultation.work, consultation.drafting_agency = work, drafting_agency
    consultation.questions = _questions(questions)
    if remove_file and draft_file is None:
        consultation.draft_file = ""
        consultation.draft_file_name = ""
    _attach(consultation, draft_file)
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.update",
        obj=consultation,
        body=consultation.body,
        before=before,
        after=_snapshot(consultation),
    )
    return consultation


def _transition(actor: Any, consultation: DraftConsultation, action: str) -> DraftConsultation:
    require_staff(actor, consultation.body)
    consultation = _lock(consultation)
    source, _target = TRANSITIONS[action]
    if consultation.state != source:
        raise ConflictError(
            WRONG_STATE,
            code="wrong_state",
            detail={"state": consultation.state, "action": action},
        )
    return consultation


def _apply(
    actor: Any, consultation: DraftConsultation, action: str, **changes: Any
) -> DraftConsultation:
    before = _snapshot(consultation)
    consultation.state = TRANSITIONS[action][1]
    for name, value in changes.items():
        setattr(consultation, name, value)
    consultation.save()
    audit_record(
        actor=actor,
        action=f"consultation.{action}",
        obj=consultation,
        body=consultation.body,
        before=before,
        after=_snapshot(consultation) | {k: v for k, v in changes.items() if k == "report_text"},
    )
    return consultation


@transaction.atomic
def consultation_open(*, actor: Any, consultation: DraftConsultation) -> DraftConsultation:
    """Publish the draft: its page becomes public; feedback is taken from ``opens_on``."""
    consultation = _transition(actor, consultation, "open")
    if consultation.closes_on < _today():
        raise ApplicationError(
            "Ngày kết thúc nhận góp ý đã qua; hãy sửa ngày trước khi công bố / The closing date "
            "has passed; change the dates before opening",
            code="closes_on_past",
            detail="closes_on",
        )
    return _apply(actor, consultation, "open", opened_at=timezone.now())


@transaction.atomic
def consultation_close(*, actor: Any, consultation: DraftConsultation) -> DraftConsultation:
    """Stop taking feedback (also before ``closes_on``, when the body decides so)."""
    consultation = _transition(actor, consultation, "close")
    return _apply(actor, consultation, "close", closed_at=timezone.now())


@transaction.atomic
def consultations_close_due(*, on: dt.date | None = None) -> int:
    """Daily (``nghitruong petitions check-deadlines``): close every open consultation whose
    ``closes_on`` has passed — the day after it, since both days are included — as the system
    (audit actor "system"), so that its page, the staff list and the report step show "closed"
    without waiting for staff. Feedback was already refused by date; this only records the state.
    Idempotent: a closed consultation is not touched again. Returns how many were closed."""
    day = on or _today()
    due = DraftConsultation.objects.select_for_update(of=("self",)).select_related("body")
    closed = 0
    for consultation in due.filter(state=DraftConsultation.State.OPEN, closes_on__lt=day):
        _apply(None, consultation, "close", closed_at=timezone.now())
        closed += 1
    return closed


@transaction.atomic
def consultation_report(
    *, actor: Any, consultation: DraftConsultation, report_text: str
) -> DraftConsultation:
    """Publish how the feedback was taken into account (báo cáo tiếp thu, giải trình)."""
    consultation = _transition(actor, consultation, "report")
    text = nfc(report_text or "").strip()
    if len(text) < REPORT_MIN:
        raise ApplicationError(
            "Phải có nội dung tiếp thu, giải trình / The report on how feedback was taken into "
            "account is required",
            code="report_required",
            detail="report_text",
        )
    return _apply(actor, consultation, "report", report_text=text, reported_at=timezone.now())


# --- citizens' feedback ------------------------------------------------------------------------

_ARTICLE = re.compile(r"^(?:dieu|d\.?)?\s*(\d{1,4})\s*[.:]?$")


def clean_article(value: str) -> str:
    """The "Điều" reference as counted: "12", "điều 12", "Dieu 12." → "Điều 12"; anything else
    (a chapter, "Khoản 2 Điều 5") is kept as typed, whitespace collapsed."""
    text = " ".join(nfc(value or "").split())
    if len(text) > ARTICLE_MAX:
        raise ApplicationError(
            f"Điều khoản góp ý tối đa {ARTICLE_MAX} ký tự / The article reference is limited to "
            f"{ARTICLE_MAX} characters",
            code="invalid_article",
            detail="article",
        )
    match = _ARTICLE.match(fold(text))
    return f"Điều {int(match.group(1))}" if match else text


def _question(consultation: DraftConsultation, question: int | None) -> int | None:
    if question is None:
        return None
    if not 1 <= question <= len(consultation.questions):
        raise ApplicationError(
            "Câu hỏi không hợp lệ / Invalid question", code="invalid_question", detail="question"
        )
    return question


def consultation_feedback_submit(
    *,
    client_ip: str,
    idempotency_key: str,
    consultation: DraftConsultation,
    content: str,
    article: str = "",
    question: int | None = None,
    province: AdministrativeUnit | None = None,
    commune: AdministrativeUnit | None = None,
    petitioner: PetitionerData | None = None,
    consent: bool = False,
) -> tuple[ConsultationFeedback, bool]:
    """A citizen's feedback on a consultation. Returns ``(feedback, created)``.

    A retry with the same idempotency key and the same input answers with the first feedback
    (also after the consultation closed) and stores nothing; a new feedback is refused, with
    nothing stored, unless the consultation is open and today is within its dates.
    """
    article = clean_article(article)
    question = _question(consultation, question)
    replay = Petition.objects.filter(idempotency_key=idempotency_key).exists()
    if not replay:
        reason = refusal_reason(consultation, _today())
        if reason is not None:
            raise ConflictError(reason[1], code=reason[0])
    with transaction.atomic():
        petition, created = petition_submit_public(
            client_ip=client_ip,
            idempotency_key=idempotency_key,
            body=consultation.body,
            content=content,
            province=province,
            commune=commune,
            petitioner=petitioner,
            consent=consent,
        )
        if created:
            feedback = ConsultationFeedback.objects.create(
                consultation=consultation, petition=petition, article=article, question=question
            )
        else:
            # A replay: the first submission linked its petition in the same transaction, so
            # the link exists; a key first used elsewhere (a plain petition) has none.
            found = ConsultationFeedback.objects.filter(petition=petition).first()
            feedback = found or ConsultationFeedback(consultation=consultation)
        if not created and (
            feedback.pk is None
            or (feedback.consultation_id, feedback.article, feedback.question)
            != (consultation.pk, article, question)
        ):
            raise ConflictError(
                "Mã gửi đã được dùng cho một góp ý khác / This idempotency key was used for "
                "another submission",
                code="idempotency_key_reused",
            )
        if created:
            audit_record(
                actor=None,
                action="consultation.feedback",
                obj=feedback,
                body=consultation.body,
                after={
                    "consultation": consultation.pk,
                    "tracking_code": petition.tracking_code,
                    "article": article,
                    "question": question,
                },
            )
    return feedback, created
