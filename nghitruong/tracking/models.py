"""Implementation tracking: directives, tasks (with sub-tasks, extensions, progress reports,
comments, recurring reports) and obligations detected in laws.

Models hold data and constraints only; every write goes through ``nghitruong.tracking.services``
and every state change is one service per transition (``tracking.rules``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import TimeStampedModel


class SourceKind(models.TextChoices):
    DIRECTIVE = "directive", _("Ý kiến chỉ đạo")
    SITTING_CONCLUSION = "sitting_conclusion", _("Kết luận phiên họp")
    RESOLUTION = "resolution", _("Nghị quyết")
    PETITION_COMMITMENT = "petition_commitment", _("Cam kết giải quyết kiến nghị")
    PLAN = "plan", _("Kế hoạch (chuyển đổi số …)")


class Priority(models.TextChoices):
    LOW = "low", _("Thấp")
    NORMAL = "normal", _("Bình thường")
    HIGH = "high", _("Cao")
    URGENT = "urgent", _("Khẩn")


class Directive(TimeStampedModel):
    """A source of tasks: a directive (ý kiến chỉ đạo), a sitting conclusion, a resolution …"""

    body = models.ForeignKey(
        "core.ElectedBody", on_delete=models.PROTECT, related_name="tracking_directives"
    )
    source_kind = models.CharField(
        _("loại nguồn"), max_length=24, choices=SourceKind.choices, default=SourceKind.DIRECTIVE
    )
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    text = models.TextField(_("nội dung"), blank=True)
    issued_by = models.ForeignKey(
        "accounts.Person",
        verbose_name=_("người chỉ đạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("ngày"))
    work = models.ForeignKey(
        "documents.Work",
        verbose_name=_("văn bản liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provision_eid = models.CharField(_("điều khoản (eId)"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ý kiến chỉ đạo, kết luận")
        verbose_name_plural = _("ý kiến chỉ đạo, kết luận")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class RecurrenceRule(TimeStampedModel):
    """A recurring report (báo cáo định kỳ): each period generates one due task."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        SEMIANNUAL = "semiannual", _("6 tháng")
        ANNUAL = "annual", _("Hằng năm")

    body = models.ForeignKey(
        "core.ElectedBody", on_delete=models.PROTECT, related_name="tracking_recurrences"
    )
    title = models.CharField(_("tên báo cáo"), max_length=300)
    deliverable = models.CharField(_("sản phẩm"), max_length=300, blank=True)
    frequency = models.CharField(_("tần suất"), max_length=12, choices=Frequency.choices)
    due_offset_days = models.SmallIntegerField(_("hạn (số ngày sau khi kết thúc kỳ)"), default=0)
    lead_days = models.PositiveSmallIntegerField(_("tạo nhiệm vụ trước hạn (ngày)"), default=30)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    owner_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_person = models.ForeignKey(
        "accounts.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.PROTECT, related_name="recurrences"
    )
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["body", "title"]

    def __str__(self) -> str:
        return self.title


class Task(TimeStampedModel):
    """One task (nhiệm vụ): who, what, by when, with what result."""

    class Status(models.TextChoices):
        """Mirrors ``rules.TaskStatus`` (the transition table lives there)."""

        ASSIGNED = "assigned", _("Đã giao")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        OVERDUE = "overdue", _("Quá hạn")
        CANCELLED = "cancelled", _("Đã hủy")

    body = models.ForeignKey(
        "core.ElectedBody", on_delete=models.PROTECT, related_name="tracking_tasks"
    )
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subtasks"
    )
    recurrence = models.ForeignKey(
        RecurrenceRule, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    period_key = models.CharField(_("kỳ báo cáo"), max_length=10, blank=True)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    deliverable = models.CharField(_("sản phẩm"), max_length=300, blank=True)
    owner_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracking_tasks",
    )
    owner_person = models.ForeignKey(
        "accounts.Person",
        verbose_name=_("người chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracking_tasks",
    )
    co_agencies = models.ManyToManyField(
        "core.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    deadline = models.DateField(_("thời hạn"))
    original_deadline = models.DateField(_("thời hạn ban đầu"))
    priority = models.CharField(
        _("mức ưu tiên"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.ASSIGNED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.TextField(_("kết quả"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["body", "status", "deadline"], name="task_body_status_idx"),
            models.Index(fields=["owner_agency", "status"], name="task_agency_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recurrence", "period_key"],
                condition=models.Q(recurrence__isnull=False),
                name="task_recurrence_period_uniq",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="task_progress_pct"),
        ]

    def __str__(self) -> str:
        return self.title


class ExtensionRequest(TimeStampedModel):
    """A request to move a task's deadline, decided by staff of the body (not the requester)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    current_deadline = models.DateField(_("thời hạn hiện tại"))
    requested_deadline = models.DateField(_("thời hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("ý kiến"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=models.Q(status="pending"),
                name="extension_one_pending_per_task",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.requested_deadline}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("báo cáo lúc"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    text = models.TextField(_("nội dung báo cáo"))

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent_pct")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.percent}%"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="tracking/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class Comment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        verbose_name = _("ý kiến trao đổi")
        verbose_name_plural = _("ý kiến trao đổi")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class Reminder(models.Model):
    """One reminder sent for a task deadline (idempotent: one per task, deadline and offset)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField()
    days_before = models.SmallIntegerField()
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "deadline", "days_before"], name="reminder_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id} D-{self.days_before}"


class Obligation(TimeStampedModel):
    """A provision of a law that requires a detailing/guiding document from an authority."""

    class Status(models.TextChoices):
        """Mirrors ``rules.ObligationStatus``."""

        PROPOSED = "proposed", _("Đề xuất (tự động)")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        FULFILLED = "fulfilled", _("Đã ban hành")
        CANCELLED = "cancelled", _("Đã hủy")

    body = models.ForeignKey(
        "core.ElectedBody", on_delete=models.PROTECT, related_name="tracking_obligations"
    )
    work = models.ForeignKey(
        "documents.Work", on_delete=models.CASCADE, related_name="tracking_obligations"
    )
    provision_eid = models.CharField(_("điều khoản cần quy định chi tiết (eId)"), max_length=255)
    provision_label = models.CharField(_("điều khoản"), max_length=120, blank=True)
    source_eid = models.CharField(_("điều khoản giao (eId)"), max_length=255, blank=True)
    authority_text = models.CharField(_("cơ quan được giao (như văn bản ghi)"), max_length=255)
    authority_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("cơ quan được giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracking_obligations",
    )
    authority_kind = models.CharField(_("loại cơ quan"), max_length=24, blank=True)
    action = models.CharField(_("việc phải làm"), max_length=60)
    subject = models.TextField(_("nội dung"), blank=True)
    clause_text = models.TextField(_("câu giao"), blank=True)
    fingerprint = models.CharField(max_length=40)
    due_date = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    fulfilled_by = models.ForeignKey(
        "documents.Work",
        verbose_name=_("văn bản quy định chi tiết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fulfilled_on = models.DateField(null=True, blank=True)
    task = models.OneToOneField(
        Task,
        verbose_name=_("nhiệm vụ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obligation",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nghĩa vụ quy định chi tiết")
        verbose_name_plural = _("nghĩa vụ quy định chi tiết")
        ordering = ["work", "provision_eid", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "fingerprint"], name="obligation_work_fingerprint_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority_text} {self.action} {self.provision_label}"
