"""Reads for public consultations on drafts (issue 5 §7).

Public reads never show a draft (``state="draft"``) nor any feedback text or personal data:
only the consultation, its dates and the number of feedback received. Staff reads go through
``access_consultation`` (staff of the owning body or a body above; anyone else gets
``NotFoundError``, so existence never leaks).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.permissions import staff_body_ids
from nghitruong.petitions import tracking
from nghitruong.petitions.models import ConsultationFeedback, DraftConsultation, Petition

#: Bodies that consult the people on drafts: the National Assembly and the People's Councils.
CONSULTING_KINDS = ("na", "provincial_council", "commune_council")
NOT_FOUND = "Không tìm thấy đợt lấy ý kiến / Consultation not found"
#: How long a closed consultation stays on the public list (a display choice, not a legal rule).
RECENT_DAYS = 90
UNKNOWN_PROVINCE = "Không rõ"
GENERAL_ARTICLE = "Góp ý chung (không nêu điều)"
State = DraftConsultation.State


def refusal_reason(consultation: DraftConsultation, day: dt.date) -> tuple[str, str] | None:
    """Why feedback cannot be taken on ``day`` (code, bilingual message), or None if it can.

    Feedback is taken while the consultation is open and ``opens_on <= day <= closes_on``."""
    if consultation.state != State.OPEN:
        return (
            "consultation_not_open",
            "Dự thảo không trong thời gian lấy ý kiến / This draft is not open for comments",
        )
    if day < consultation.opens_on:
        when = f"{consultation.opens_on:%d/%m/%Y}"
        return (
            "consultation_not_started",
            f"Chưa đến thời gian nhận góp ý (bắt đầu từ ngày {when}) / Comments open on {when}",
        )
    if day > consultation.closes_on:
        when = f"{consultation.closes_on:%d/%m/%Y}"
        return (
            "consultation_ended",
            f"Đã hết thời gian nhận góp ý (kết thúc ngày {when}) / Comments closed on {when}",
        )
    return None


def days_left(consultation: DraftConsultation, day: dt.date) -> int | None:
    """Days during which feedback is still taken, today included; None when not taking any."""
    if refusal_reason(consultation, day) is not None:
        return None
    return (consultation.closes_on - day).days + 1


def _counted() -> Q:
    """Feedback that counts: everything except what moderation refused (spam, abuse)."""
    return ~Q(petition__moderation=Petition.Moderation.REJECTED)


# --- public ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicConsultation:
    consultation: DraftConsultation
    accepting: bool
    days_left: int | None
    feedback_count: int
    refusal: str  # why feedback is not taken now ("" while accepting)

    @property
    def pk(self) -> int:
        return self.consultation.pk


def _public(c: DraftConsultation, day: dt.date, count: int) -> PublicConsultation:
    reason = refusal_reason(c, day)
    return PublicConsultation(
        consultation=c,
        accepting=reason is None,
        days_left=days_left(c, day),
        feedback_count=count,
        refusal=reason[1] if reason else "",
    )


def public_consultations(*, on: dt.date | None = None) -> list[PublicConsultation]:
    """Open consultations (soonest closing first), then those closed in the last RECENT_DAYS."""
    day = on or timezone.localdate()
    rows = (
        DraftConsultation.objects.exclude(state=State.DRAFT)
        .filter(Q(state=State.OPEN) | Q(closes_on__gte=day - dt.timedelta(days=RECENT_DAYS)))
        .select_related("body", "drafting_agency")
        .annotate(n=Count("feedback", filter=Q(feedback__in=_counted_ids())))
    )
    items = [_public(c, day, c.n) for c in rows]
    items.sort(
        key=lambda p: (
            not p.accepting,
            p.consultation.state != State.OPEN,
            p.consultation.closes_on if p.accepting else dt.date.max - p.consultation.closes_on,
            p.pk,
        )
    )
    return items


def _counted_ids() -> Any:
    return ConsultationFeedback.objects.filter(_counted()).values("pk")


def feedback_count(consultation: DraftConsultation) -> int:
    return ConsultationFeedback.objects.filter(_counted(), consultation=consultation).count()


def public_consultation_get(consultation_id: int) -> DraftConsultation:
    """A consultation anyone may read (opened at least once); else ``NotFoundError``."""
    c = (
        DraftConsultation.objects.exclude(state=State.DRAFT)
        .select_related("body", "drafting_agency", "work")
        .filter(pk=consultation_id)
        .first()
    )
    if c is None:
        raise NotFoundError(NOT_FOUND)
    return c


def public_consultation(consultation_id: int, *, on: dt.date | None = None) -> PublicConsultation:
    c = public_consultation_get(consultation_id)
    return _public(c, on or timezone.localdate(), feedback_count(c))


# --- staff -------------------------------------------------------------------------------------


def access_consultation(user: object, consultation_id: int) -> DraftConsultation:
    """The consultation if ``user`` is staff of its body; else ``NotFoundError``."""
    c = (
        DraftConsultation.objects.select_related("body", "drafting_agency", "work")
        .filter(pk=consultation_id)
        .first()
    )
    if c is None or not is_staff_of(user, c.body):
        raise NotFoundError(NOT_FOUND)
    return c


def managed_bodies(user: object) -> QuerySet[ElectedBody]:
    """Bodies for which ``user`` may hold consultations (staff, a consulting kind)."""
    return ElectedBody.objects.filter(
        pk__in=staff_body_ids(user), kind__in=CONSULTING_KINDS, is_active=True
    ).order_by("name")


def consultation_list(*, user: object, body: ElectedBody | None = None) -> Any:
    """Consultations of the bodies ``user`` is staff of (optionally one body), newest first."""
    qs = DraftConsultation.objects.filter(body_id__in=staff_body_ids(user))
    if body is not None:
        qs = qs.filter(body=body)
    return qs.select_related("body").annotate(
        n=Count("feedback", filter=Q(feedback__in=_counted_ids()))
    )


@dataclass(frozen=True)
class FeedbackCounts:
    total: int
    by_province: list[tuple[str, int]]
    by_article: list[tuple[str, int]]
    by_question: list[tuple[str, int]]


def _ranked(rows: Any, key: str, empty: str) -> list[tuple[str, int]]:
    counts = [(r[key] or empty, r["n"]) for r in rows]
    return sorted(counts, key=lambda kv: (-kv[1], kv[0]))


def feedback_counts(consultation: DraftConsultation) -> FeedbackCounts:
    """Counted feedback (not refused by moderation) by province, by article and by question."""
    qs = ConsultationFeedback.objects.filter(_counted(), consultation=consultation)
    by_province = _ranked(
        qs.values("petition__province__name").annotate(n=Count("pk")),
        "petition__province__name",
        UNKNOWN_PROVINCE,
    )
    by_article = _ranked(qs.values("article").annotate(n=Count("pk")), "article", GENERAL_ARTICLE)
    questions = list(consultation.questions)
    by_question = [
        (f"{i}. {questions[i - 1]}" if i and i <= len(questions) else "—", n)
        for i, n in qs.filter(question__isnull=False)
        .values_list("question")
        .annotate(n=Count("pk"))
        .order_by("question")
    ]
    return FeedbackCounts(
        total=qs.count(),
        by_province=by_province,
        by_article=by_article,
        by_question=by_question,
    )


def feedback_list(*, consultation: DraftConsultation) -> QuerySet[ConsultationFeedback]:
    """Every feedback of the consultation, moderation-refused included (staff view)."""
    return ConsultationFeedback.objects.filter(consultation=consultation).select_related(
        "petition", "petition__province"
    )


FEEDBACK_FIELDS = ["ma_tra_cuu", "ngay_nhan", "tinh", "dieu", "cau_hoi", "kiem_duyet", "noi_dung"]


def feedback_rows(consultation: DraftConsultation) -> list[dict[str, Any]]:
    """The feedback as export rows (no personal data: the petitioner is never included)."""
    return [
        {
            "ma_tra_cuu": f.petition.tracking_code,
            "ngay_nhan": f.petition.received_on.isoformat(),
            "tinh": f.petition.province.name if f.petition.province else UNKNOWN_PROVINCE,
            "dieu": f.article,
            "cau_hoi": f.question or "",
            "kiem_duyet": str(f.petition.get_moderation_display()),
            "noi_dung": f.petition.content,
        }
        for f in feedback_list(consultation=consultation)
    ]


def consultation_for_code(*, code: str) -> DraftConsultation | None:
    """The (public) consultation a tracking code's petition was feedback on, for the follow page."""
    if not tracking.is_valid(code):
        return None
    feedback = (
        ConsultationFeedback.objects.select_related("consultation")
        .filter(petition__tracking_code=tracking.normalise(code))
        .exclude(consultation__state=State.DRAFT)
        .first()
    )
    return feedback.consultation if feedback else None
