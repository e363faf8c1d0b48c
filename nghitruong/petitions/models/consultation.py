"""Public consultations on drafts (lấy ý kiến nhân dân về dự thảo), issue 5 §7.

A body (the National Assembly or a People's Council) publishes a draft law or resolution for
comment between ``opens_on`` and ``closes_on``. Citizens' feedback is an online petition
(``petition_submit_online``: same consent, same tracking code) linked here by one
``ConsultationFeedback`` row. ``state`` moves only through ``services.consultations``
(draft → open → closed → reported).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import Agency, ElectedBody, TimeStampedModel
from nghitruong.petitions.models.core import Petition


class DraftConsultation(TimeStampedModel):
    """A draft open (or to be opened) for the people's comments, owned by one body."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        OPEN = "open", _("Đang lấy ý kiến")
        CLOSED = "closed", _("Đã kết thúc lấy ý kiến")
        REPORTED = "reported", _("Đã công bố kết quả tiếp thu")

    body = models.ForeignKey(
        ElectedBody,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan lấy ý kiến"),
    )
    title = models.CharField(_("tên dự thảo"), max_length=500)  # "Dự thảo Luật …"
    summary = models.TextField(_("tóm tắt"))
    work = models.ForeignKey(
        "documents.Work",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("văn bản trong cơ sở dữ liệu"),
    )  # only a public work (services.consultations)
    draft_file = models.FileField(
        _("tệp dự thảo"), upload_to="petitions/consultations/", blank=True
    )
    draft_file_name = models.CharField(_("tên tệp dự thảo"), max_length=255, blank=True)
    drafting_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
    )
    questions = models.JSONField(_("câu hỏi lấy ý kiến"), default=list, blank=True)  # [str]
    opens_on = models.DateField(_("ngày bắt đầu nhận góp ý"))
    closes_on = models.DateField(_("ngày kết thúc nhận góp ý"))  # inclusive
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    report_text = models.TextField(_("báo cáo tiếp thu, giải trình"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lấy ý kiến dự thảo")
        verbose_name_plural = _("lấy ý kiến dự thảo")
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["state", "closes_on"], name="petition_consult_state_idx"),
            models.Index(fields=["body", "state"], name="petition_consult_body_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="petition_consultation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ConsultationFeedback(models.Model):
    """One citizen's feedback on a consultation: the petition it was filed as, and what it is about.

    ``article`` is the free "Điều" reference the citizen typed (normalised by the service, e.g.
    "Điều 12"); ``question`` the 1-based index of the consultation's question, if one was chosen.
    """

    consultation = models.ForeignKey(
        DraftConsultation, on_delete=models.PROTECT, related_name="feedback"
    )
    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="consultation_feedback"
    )
    article = models.CharField(_("điều khoản góp ý"), max_length=60, blank=True)
    question = models.PositiveSmallIntegerField(_("câu hỏi"), null=True, blank=True)
    created_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "article"], name="petition_feedback_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.petition_id}"
