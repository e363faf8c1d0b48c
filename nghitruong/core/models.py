"""The shared kernel: administrative units, elected bodies (the tenant), terms, agencies, audit.

Models hold data and constraints only; every write goes through ``nghitruong.core.services``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AdministrativeUnit(models.Model):
    """A province-level or commune-level unit (đơn vị hành chính), versioned by dates.

    A later change (a rename, xã → phường) is a new row with a later ``effective_from``; the old row
    gets ``effective_to``. Codes follow Decision 19/2025/QĐ-TTg and are never reused.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        COMMUNE = "commune", _("Cấp xã")

    class UnitType(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh_pho", _("Thành phố trực thuộc trung ương")
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        SPECIAL_ZONE = "dac_khu", _("Đặc khu")

    code = models.CharField(_("mã"), max_length=5, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(
        _("tên ngắn"),
        max_length=150,
        blank=True,
        help_text=_("Tên không kèm loại, ví dụ “Hà Nội”."),
    )
    search_key = models.CharField(
        _("khóa tìm kiếm"), max_length=200, blank=True, db_index=True, editable=False
    )  # name folded by core.text.fold (no diacritics, đ→d), set by the services
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    unit_type = models.CharField(_("loại"), max_length=10, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code", "effective_from"]
        indexes = [
            models.Index(fields=["level", "effective_from"], name="adminunit_level_from_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="adminunit_code_from_uniq"
            ),
            # Decision 19/2025/QĐ-TTg: province code 2 digits, commune code 5 digits.
            models.CheckConstraint(
                condition=(models.Q(level="province") & models.Q(code__regex=r"^[0-9]{2}$"))
                | (models.Q(level="commune") & models.Q(code__regex=r"^[0-9]{5}$")),
                name="adminunit_code_format",
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="adminunit_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ElectedBody(TimeStampedModel):
    """The tenant: the National Assembly, its organs and delegations, and the People's Councils.

    Every tenant-owned row elsewhere has a foreign key to the body that owns it.
    """

    class Kind(models.TextChoices):
        NATIONAL_ASSEMBLY = "na", _("Quốc hội")
        NA_STANDING_COMMITTEE = "na_standing", _("Ủy ban Thường vụ Quốc hội")
        NA_ETHNIC_COUNCIL = "na_ethnic_council", _("Hội đồng Dân tộc")
        NA_COMMITTEE = "na_committee", _("Ủy ban của Quốc hội")
        NA_DELEGATION = "na_delegation", _("Đoàn đại biểu Quốc hội")
        PROVINCIAL_COUNCIL = "provincial_council", _("Hội đồng nhân dân cấp tỉnh")
        PROVINCIAL_COUNCIL_BOARD = "provincial_board", _("Ban của HĐND cấp tỉnh")
        COMMUNE_COUNCIL = "commune_council", _("Hội đồng nhân dân cấp xã")
        COMMUNE_COUNCIL_BOARD = "commune_board", _("Ban của HĐND cấp xã")

    class Level(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        PROVINCIAL = "provincial", _("Cấp tỉnh")
        COMMUNE = "commune", _("Cấp xã")

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    admin_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    total_members = models.PositiveIntegerField(
        _("tổng số thành viên theo quy định"), null=True, blank=True
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan dân cử")
        verbose_name_plural = _("cơ quan dân cử")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A term (khóa) of an elected body, e.g. Quốc hội khóa XV (2021–2026)."""

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("khóa số"))
    label = models.CharField(_("nhãn"), max_length=20)  # "XV", "XVI"
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="term_body_number_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name or self.body.name} khóa {self.label}"


class Agency(TimeStampedModel):
    """A state agency that petitions and tasks are routed to, as a maintained tree."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Chính phủ")
        MINISTRY = "ministry", _("Bộ")
        MINISTERIAL_AGENCY = "ministerial_agency", _("Cơ quan ngang bộ")
        GOVERNMENT_AGENCY = "government_agency", _("Cơ quan thuộc Chính phủ")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        COURT = "court", _("Tòa án nhân dân")
        PROCURACY = "procuracy", _("Viện kiểm sát nhân dân")
        AUDIT = "state_audit", _("Kiểm toán nhà nước")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        OTHER = "other", _("Cơ quan khác")

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    admin_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan nhà nước")
        verbose_name_plural = _("cơ quan nhà nước")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One append-only, hash-chained audit record. Written only by ``core.audit.audit_record``.

    ``hash`` = SHA-256 over the canonical JSON of every other field plus ``prev_hash``; editing or
    deleting any entry breaks the chain, which ``nghitruong audit verify`` detects.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    body = models.ForeignKey(
        ElectedBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditChainHead(models.Model):
    """A single row locked (SELECT … FOR UPDATE) while an entry is appended: one chain, no forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"
