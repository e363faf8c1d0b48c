"""Voter petitions (kiến nghị cử tri): meetings, petitions, answers, petitioners, the holiday calendar.

Models hold data and constraints only; every write goes through ``nghitruong.petitions.services``
and every legal clock through ``nghitruong.petitions.rules``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody, TimeStampedModel


class CalendarDay(models.Model):
    """A day whose working status differs from the Mon–Fri rule (issue 5 §5).

    ``is_day_off=True`` on a weekday: a public holiday or a compensatory day (Labor Code 2019
    Art. 111(3), Art. 112). ``is_day_off=False`` on a Saturday/Sunday: a make-up working day
    (ngày làm bù) announced by the Government. Shipped as data with its source
    (``petitions/data/holidays_vn.json``); ``verified`` marks dates checked against an announcement.
    """

    date = models.DateField(_("ngày"), unique=True)
    is_day_off = models.BooleanField(_("ngày nghỉ"), default=True)
    name = models.CharField(_("tên"), max_length=150)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    verified = models.BooleanField(_("đã đối chiếu"), default=False)

    class Meta:
        verbose_name = _("ngày nghỉ lễ, làm bù")
        verbose_name_plural = _("lịch nghỉ lễ, làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class PetitionField(models.Model):
    """A field (lĩnh vực) petitions are classified by: a small maintained list, loaded as data."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=150)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=150, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ClockConfig(models.Model):
    """Per-body override of the answer clock (rules.DEFAULT_CLOCK when a body has none)."""

    class DayKind(models.TextChoices):
        CALENDAR = "calendar", _("Ngày theo lịch")
        WORKING = "working", _("Ngày làm việc")

    body = models.OneToOneField(ElectedBody, on_delete=models.PROTECT, related_name="+")
    single_agency_days = models.PositiveSmallIntegerField(_("số ngày (một cơ quan)"))
    multi_agency_days = models.PositiveSmallIntegerField(_("số ngày (nhiều cơ quan)"))
    day_kind = models.CharField(_("cách tính"), max_length=10, choices=DayKind.choices)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)

    class Meta:
        verbose_name = _("thời hạn trả lời")
        verbose_name_plural = _("thời hạn trả lời")

    def __str__(self) -> str:
        return f"{self.body}: {self.single_agency_days}/{self.multi_agency_days}"


class SessionRound(models.Model):
    """A voter-contact round (đợt tiếp xúc cử tri) before or after one regular session."""

    class Timing(models.TextChoices):
        BEFORE = "before", _("Trước kỳ họp")
        AFTER = "after", _("Sau kỳ họp")

    body = models.ForeignKey(
        ElectedBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan họp")
    )  # the NA (qh) or a People's Council whose session the round belongs to
    session_label = models.CharField(_("kỳ họp"), max_length=120)  # "Kỳ họp thứ 10, khóa XV"
    timing = models.CharField(_("thời điểm"), max_length=8, choices=Timing.choices)
    session_opening = models.DateField(_("ngày khai mạc"))
    session_closing = models.DateField(_("ngày bế mạc"))

    class Meta:
        verbose_name = _("đợt tiếp xúc cử tri")
        verbose_name_plural = _("đợt tiếp xúc cử tri")
        ordering = ["-session_opening"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "session_label", "timing"], name="petition_round_uniq"
            ),
            models.CheckConstraint(
                condition=Q(session_closing__gte=models.F("session_opening")),
                name="petition_round_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_label} — {self.get_timing_display()}"


class VoterMeeting(TimeStampedModel):
    """A voter-contact meeting (cuộc tiếp xúc cử tri), owned by a delegation or a council."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Định kỳ")
        VOTER_GROUP = "voter_group", _("Theo nhóm cử tri")
        THEMATIC = "thematic", _("Chuyên đề")
        ONLINE = "online", _("Trực tuyến")
        HYBRID = "hybrid", _("Trực tiếp kết hợp trực tuyến")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(
        SessionRound, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("ngày tiếp xúc"))
    venue = models.CharField(_("địa điểm"), max_length=255)
    admin_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cohost = models.CharField(_("đơn vị phối hợp (Mặt trận Tổ quốc)"), max_length=255, blank=True)
    deputies = models.ManyToManyField(
        "accounts.Person", blank=True, related_name="+", verbose_name=_("đại biểu tham dự")
    )
    attendance = models.PositiveIntegerField(_("số cử tri tham dự"), null=True, blank=True)
    minutes = models.FileField(_("biên bản đã ký"), upload_to="petitions/minutes/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cuộc tiếp xúc cử tri")
        verbose_name_plural = _("cuộc tiếp xúc cử tri")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.venue}"


class Petitioner(TimeStampedModel):
    """Personal data of whoever raised a petition, kept apart from the petition text (PET-2, PET-3).

    Never exposed by public selectors; readable only by staff of the owning body.
    ``petitioner_anonymise`` blanks every personal field and keeps the consent record.
    """

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    consent_purpose = models.CharField(_("mục đích xử lý"), max_length=255)
    consent_text_version = models.CharField(_("phiên bản văn bản đồng ý"), max_length=40)
    consent_at = models.DateTimeField(_("đồng ý lúc"))
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("người kiến nghị")
        verbose_name_plural = _("người kiến nghị")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Petition(TimeStampedModel):
    """One voter petition (kiến nghị cử tri). ``status`` moves only through rules.TRANSITIONS."""

    class Source(models.TextChoices):
        MEETING = "meeting", _("Tiếp xúc cử tri")
        ONLINE = "online", _("Cổng trực tuyến")
        LETTER = "letter", _("Thư, đơn")
        HOTLINE = "hotline", _("Đường dây nóng")

    class Level(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        PROVINCIAL = "provincial", _("Cấp tỉnh")
        COMMUNE = "commune", _("Cấp xã")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        CLASSIFIED = "classified", _("Đã phân loại")
        ASSIGNED = "assigned", _("Đã chuyển cơ quan có thẩm quyền")
        ANSWERED = "answered", _("Đã trả lời (giải trình, cung cấp thông tin)")
        BEING_RESOLVED = "being_resolved", _("Đang giải quyết")
        RESOLVED = "resolved", _("Đã giải quyết")
        FORWARDED = "forwarded", _("Không thuộc thẩm quyền — chờ chuyển")
        CLOSED = "closed", _("Đã kết thúc")
        WITHDRAWN = "withdrawn", _("Đã rút")
        DENUNCIATION = "denunciation", _("Là tố cáo — đã hướng dẫn kênh chính thức")

    class Moderation(models.TextChoices):
        NONE = "", _("Không cần kiểm duyệt")
        PENDING = "pending", _("Chờ kiểm duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Không tiếp nhận")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    meeting = models.ForeignKey(
        VoterMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    content = models.TextField(_("nội dung kiến nghị"))  # NFC
    search_text = models.TextField(editable=False, blank=True)  # core.text.fold(content)
    field = models.ForeignKey(
        PetitionField, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("cấp thẩm quyền"), max_length=12, choices=Level.choices, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )  # the competent (lead) agency
    co_agencies = models.ManyToManyField(Agency, blank=True, related_name="co_petitions")
    province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    received_on = models.DateField(_("ngày tiếp nhận"))
    tracking_code = models.CharField(_("mã tra cứu"), max_length=16, unique=True)
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    submission_hash = models.CharField(max_length=64, blank=True)
    petitioner = models.ForeignKey(
        Petitioner, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )  # merging (a later slice)
    # The answer clock (rules.answer_due): restarted by a reassignment.
    clock_start = models.DateField(null=True, blank=True)
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    due_explanation = models.TextField(blank=True)
    paused_since = models.DateField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    extension_days = models.PositiveIntegerField(default=0)
    overdue_since = models.DateField(null=True, blank=True)
    latest_outcome = models.CharField(max_length=16, blank=True)  # PetitionAnswer.Outcome
    committed_date = models.DateField(null=True, blank=True)
    commitment_broken_since = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    # Public (online) submissions wait for a moderator before they can be classified and routed.
    moderation = models.CharField(
        _("kiểm duyệt"), max_length=10, choices=Moderation.choices, blank=True, default=""
    )
    moderation_reason = models.TextField(_("lý do kiểm duyệt"), blank=True)
    merged_at = models.DateTimeField(null=True, blank=True)  # when duplicate_of was set
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("kiến nghị cử tri")
        verbose_name_plural = _("kiến nghị cử tri")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["body", "status"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["moderation"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="meeting") | Q(meeting__isnull=False),
                name="petition_meeting_source_has_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class PetitionAnswer(TimeStampedModel):
    """A written answer by the competent agency; the outcome category is required (§6)."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Đã giải quyết")
        BEING_RESOLVED = "being_resolved", _("Đang giải quyết (có thời hạn cam kết)")
        EXPLANATION_ONLY = "explanation_only", _("Giải trình, cung cấp thông tin")
        NOT_COMPETENT = "not_competent", _("Không thuộc thẩm quyền")

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="answers")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices)
    text = models.TextField(_("nội dung trả lời"))
    document_number = models.CharField(_("số văn bản"), max_length=60)
    document_date = models.DateField(_("ngày văn bản"))
    signer = models.CharField(_("người ký"), max_length=150)
    committed_date = models.DateField(_("thời hạn cam kết"), null=True, blank=True)
    suggested_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # not competent: the agency that is
    answered_on = models.DateField(_("ngày trả lời"))
    on_time = models.BooleanField(default=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("trả lời kiến nghị")
        verbose_name_plural = _("trả lời kiến nghị")
        ordering = ["answered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="being_resolved") | Q(committed_date__isnull=False),
                name="petition_answer_commitment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} ({self.outcome})"


class AnswerAttachment(models.Model):
    answer = models.ForeignKey(PetitionAnswer, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="petitions/answers/")
    name = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("tệp đính kèm trả lời")
        verbose_name_plural = _("tệp đính kèm trả lời")

    def __str__(self) -> str:
        return self.name


class PetitionEvent(models.Model):
    """The petition's public timeline: one row per state change or clock event (no personal data).

    The audit log (core.AuditEntry) holds who did what; this table is what the voter follows.
    """

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(
        max_length=30
    )  # a status value or clock.* / overdue / commitment_broken
    status = models.CharField(max_length=16)  # status after the event
    note = models.TextField(blank=True)  # public text: agency name, reason, due-date explanation

    class Meta:
        verbose_name = _("diễn biến kiến nghị")
        verbose_name_plural = _("diễn biến kiến nghị")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind}"
