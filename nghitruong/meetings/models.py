"""Sessions (kỳ họp), sittings (phiên họp), agenda, attendance, speakers, notes, written opinions.

Data and constraints only; every write goes through ``nghitruong.meetings.services``. Every row
belongs to an ``ElectedBody`` through its session (``Session.body``; ``Sitting.body`` repeats it
so tenancy filters need no join). Polls attach to agenda items through voting's generic subject.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.models import Person
from nghitruong.core.models import ElectedBody, Term, TimeStampedModel
from nghitruong.documents.models import Expression, Work
from nghitruong.meetings.rules import SPEECH_LABELS


class SpeakingLimit(models.Model):
    """A body's own speaking limit for one kind of speech (overrides ``rules.DEFAULT_LIMITS``)."""

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="speaking_limits")
    kind = models.CharField(
        _("loại phát biểu"), max_length=24, choices=[(k.value, v) for k, v in SPEECH_LABELS.items()]
    )
    seconds = models.PositiveIntegerField(_("thời lượng tối đa (giây)"))
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thời lượng phát biểu")
        verbose_name_plural = _("thời lượng phát biểu")
        constraints = [
            models.UniqueConstraint(fields=["body", "kind"], name="speakinglimit_body_kind_uniq"),
            models.CheckConstraint(
                condition=models.Q(seconds__gt=0), name="speakinglimit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_id}:{self.kind}={self.seconds}"


class Session(TimeStampedModel):
    """Kỳ họp: regular or extraordinary. planned → open → closed."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Kỳ họp thường lệ")
        EXTRAORDINARY = "extraordinary", _("Kỳ họp bất thường")

    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Bế mạc")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="sessions")
    term = models.ForeignKey(
        Term, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"))
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("tên kỳ họp"), max_length=300)
    start_date = models.DateField(_("khai mạc"))
    end_date = models.DateField(_("bế mạc"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PLANNED
    )

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["body", "-start_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "term", "number"], name="session_number_uniq"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="session_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Sitting(TimeStampedModel):
    """Phiên họp: plenary, group or hall discussion, questioning. planned → open → closed."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Phiên họp toàn thể")
        GROUP_DISCUSSION = "group_discussion", _("Thảo luận ở tổ")
        HALL_DISCUSSION = "hall_discussion", _("Thảo luận ở hội trường")
        QUESTIONING = "questioning", _("Phiên chất vấn và trả lời chất vấn")

    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="sittings")
    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="sittings")
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tên phiên họp"), max_length=300)
    date = models.DateField(_("ngày họp"))
    planned_start = models.TimeField(_("giờ dự kiến bắt đầu"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=200, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    opened_at = models.DateTimeField(_("khai mạc lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    current_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contains_state_secrets = models.BooleanField(
        _("có nội dung bí mật nhà nước"),
        default=False,
        help_text=_("Không truyền trực tiếp, không ghi âm, không dùng trợ lý AI (SECRET-2)."),
    )

    class Meta:
        verbose_name = _("phiên họp")
        verbose_name_plural = _("phiên họp")
        ordering = ["date", "planned_start", "id"]
        indexes = [models.Index(fields=["body", "state"])]

    def __str__(self) -> str:
        return self.title


class AgendaItem(TimeStampedModel):
    """One item of a sitting's agenda; polls attach to it as their ``subject``."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Trình bày tờ trình, báo cáo")
        DISCUSSION = "discussion", _("Thảo luận")
        QUESTIONING = "questioning", _("Chất vấn")
        VOTE = "vote", _("Biểu quyết")
        PROCEDURAL = "procedural", _("Thủ tục (khai mạc, bế mạc…)")

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    presenters = models.JSONField(_("người trình bày"), default=list, blank=True)  # list of names
    description = models.TextField(_("mô tả"), blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("thời lượng dự kiến (phút)"), null=True)

    class Meta:
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("nội dung chương trình")
        ordering = ["sitting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentPackageEntry(models.Model):
    """A document of an item's package, drawn from the knowledge base; read rules are the work's."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="+")
    expression = models.ForeignKey(
        Expression, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu phiên họp")
        verbose_name_plural = _("tài liệu phiên họp")
        ordering = ["item", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "work"], name="package_work_uniq")]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.work_id}"


class Attendance(models.Model):
    """One member's attendance at one sitting (điểm danh)."""

    class Status(models.TextChoices):
        PRESENT_HALL = "present_hall", _("Có mặt tại hội trường")
        PRESENT_REMOTE = "present_remote", _("Tham dự trực tuyến")
        LEFT = "left", _("Tạm vắng")
        ABSENT_EXCUSED = "absent_excused", _("Vắng có lý do")
        ABSENT = "absent", _("Vắng không có lý do")

    PRESENT = frozenset({Status.PRESENT_HALL, Status.PRESENT_REMOTE})

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    left_at = models.DateTimeField(_("ra ngoài lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trở lại lúc"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.sitting_id}:{self.person_id}={self.status}"


class QuestioningGroup(models.Model):
    """A group of issues (nhóm vấn đề) of a questioning item, with the officials questioned."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="question_groups")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nhóm vấn đề"), max_length=500)
    officials = models.JSONField(_("người bị chất vấn"), default=list, blank=True)  # names, posts

    class Meta:
        verbose_name = _("nhóm vấn đề chất vấn")
        verbose_name_plural = _("nhóm vấn đề chất vấn")
        ordering = ["item", "position", "id"]

    def __str__(self) -> str:
        return self.title


class SpeakerRequest(models.Model):
    """A registration to speak on an item. requested → speaking → done; requested → withdrawn.

    The timer is derived: ``started_at`` + ``limit_seconds`` (snapshotted at start, plus any
    extension the chair grants); nothing ticks in the database.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Đã đăng ký")
        SPEAKING = "speaking", _("Đang phát biểu")
        DONE = "done", _("Đã phát biểu")
        WITHDRAWN = "withdrawn", _("Đã rút")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        _("loại phát biểu"), max_length=24, choices=[(k.value, v) for k, v in SPEECH_LABELS.items()]
    )
    group = models.ForeignKey(
        QuestioningGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="speakers"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    # A follow-up by the deputy who asked in the group: placed ahead of the group's queue.
    priority = models.BooleanField(_("ưu tiên"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    limit_seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["item", "position", "id"]
        indexes = [models.Index(fields=["item", "state", "position"])]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.person_id}:{self.kind}"


class WrittenOpinion(models.Model):
    """A deputy's written opinion on an item they could not speak on (gửi ý kiến bằng văn bản)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="written_opinions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung"))
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ý kiến bằng văn bản")
        verbose_name_plural = _("ý kiến bằng văn bản")
        ordering = ["item", "submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="opinion_once")]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.person_id}"


class Note(models.Model):
    """A private note and highlights on a document (or one provision by eid). Owner-only, always."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_notes"
    )
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    provision_eid = models.CharField(_("điều khoản (eId)"), max_length=255, blank=True)
    text = models.TextField(_("ghi chú"), blank=True)
    # [{"start": int, "end": int}] character offsets in the provision's text, start < end
    highlights = models.JSONField(_("đánh dấu"), default=list, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ghi chú cá nhân")
        verbose_name_plural = _("ghi chú cá nhân")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "work"])]

    def __str__(self) -> str:
        return f"Note({self.pk})"
