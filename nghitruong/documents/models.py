"""The legislative knowledge base: works, their versions, provisions, source files and relations.

FRBR in short (reference: legislation-opendata.md §5): a ``Work`` is one legal document whatever
its version (Luật Tiếp cận thông tin 104/2016/QH13); an ``Expression`` is its text in one language
as of one date (the original, or the text after an amendment); a ``Provision`` is one unit of that
text (Phần, Chương, Mục, Điều, Khoản, Điểm) addressed by its AKN ``eid``. A ``Relation`` is one typed,
dated edge between works, optionally scoped to provisions by eid on either side (eids are stable
across versions, so relations never point at one version's provision rows).

Models hold data and constraints only; every write goes through ``nghitruong.documents.services``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import ElectedBody, TimeStampedModel


class DocType(models.TextChoices):
    """Loại văn bản (Luật Ban hành VBQPPL 64/2025/QH15 Điều 4, plus non-normative kinds).

    Values equal ``documents.parsing.numbers.DocumentType`` so parsed types store unchanged."""

    CONSTITUTION = "constitution", _("Hiến pháp")
    CODE = "code", _("Bộ luật")
    LAW = "law", _("Luật")
    RESOLUTION = "resolution", _("Nghị quyết")
    ORDINANCE = "ordinance", _("Pháp lệnh")
    ORDER = "order", _("Lệnh")
    DECISION = "decision", _("Quyết định")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    JOINT_CIRCULAR = "joint_circular", _("Thông tư liên tịch")
    JOINT_RESOLUTION = "joint_resolution", _("Nghị quyết liên tịch")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONSOLIDATED_TEXT = "consolidated_text", _("Văn bản hợp nhất")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    PLAN = "plan", _("Kế hoạch")
    REPORT = "report", _("Báo cáo")
    NOTICE = "notice", _("Thông báo")
    SUBMISSION = "submission", _("Tờ trình")
    CONCLUSION = "conclusion", _("Kết luận")
    OFFICIAL_TELEGRAM = "official_telegram", _("Công điện")
    OTHER = "other", _("Văn bản khác")


class Status(models.TextChoices):
    """Tình trạng hiệu lực: the seven values used by vbpl.vn (legislation-opendata.md §4.4)."""

    NOT_YET_EFFECTIVE = "not_yet_effective", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTIALLY_EXPIRED = "partially_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")
    SUSPENDED = "suspended", _("Ngưng hiệu lực")
    PARTIALLY_SUSPENDED = "partially_suspended", _("Ngưng hiệu lực một phần")
    NO_LONGER_APPLICABLE = "no_longer_applicable", _("Không còn phù hợp")


class Confidentiality(models.TextChoices):
    """Who may read a work (see documents.permissions). NOT a state-secret grade: files marked
    MẬT / TỐI MẬT / TUYỆT MẬT are refused at import and never stored."""

    PUBLIC = "public", _("Công khai")
    INTERNAL = "internal", _("Nội bộ")
    CONFIDENTIAL = "confidential", _("Hạn chế")


class Work(TimeStampedModel):
    """One legal document (văn bản), independent of its versions."""

    body = models.ForeignKey(
        ElectedBody,
        verbose_name=_("cơ quan quản lý"),
        on_delete=models.PROTECT,
        related_name="works",
    )
    frbr_uri = models.CharField(_("URI FRBR"), max_length=255, unique=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=24, choices=DocType.choices)
    number = models.CharField(_("số ký hiệu"), max_length=100, blank=True)
    number_key = models.CharField(
        _("khóa số ký hiệu"), max_length=100, blank=True, db_index=True, editable=False
    )  # normalised by documents.parsing (dashes, Đ, case, spaces); set by the services
    title = models.CharField(_("tên văn bản"), max_length=500)
    summary = models.TextField(_("trích yếu"), blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issuer_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("cơ quan ban hành (danh mục)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    issued_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"), max_length=24, choices=Status.choices, blank=True
    )  # as recorded by staff/import; the derived, dated status is selectors.work_status_at
    fields = models.JSONField(_("lĩnh vực"), default=list, blank=True)
    confidentiality = models.CharField(
        _("mức truy cập"),
        max_length=16,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64, blank=True, db_index=True)
    provenance = models.JSONField(_("nguồn gốc"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_date", "title"]
        indexes = [
            models.Index(fields=["body", "confidentiality"], name="work_body_conf_idx"),
            models.Index(fields=["doc_type", "issued_date"], name="work_type_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expiry_date__isnull=True)
                | models.Q(effective_date__isnull=True)
                | models.Q(expiry_date__gte=models.F("effective_date")),
                name="work_expiry_after_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title


class Expression(TimeStampedModel):
    """One version of a work's text: a language as of a date (AKN ``vie@YYYY-MM-DD``)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="expressions")
    language = models.CharField(_("ngôn ngữ"), max_length=3, default="vie")
    version_date = models.DateField(_("ngày của phiên bản"))
    frbr_uri = models.CharField(_("URI FRBR phiên bản"), max_length=300, unique=True)
    source_text = models.TextField(_("văn bản nguồn"), blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    amending_work = models.ForeignKey(
        Work,
        verbose_name=_("văn bản sửa đổi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="produced_expressions",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phiên bản văn bản")
        verbose_name_plural = _("phiên bản văn bản")
        ordering = ["work", "language", "version_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "language", "version_date"], name="expression_work_lang_date_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.frbr_uri


class ProvisionKind(models.TextChoices):
    """Kinds produced by ``documents.parsing.structure`` (same values)."""

    PREAMBLE = "preamble", _("Phần căn cứ")
    PART = "part", _("Phần")
    CHAPTER = "chapter", _("Chương")
    SECTION = "section", _("Mục")
    SUBSECTION = "subsection", _("Tiểu mục")
    ARTICLE = "article", _("Điều")
    CLAUSE = "clause", _("Khoản")
    POINT = "point", _("Điểm")
    PARAGRAPH = "paragraph", _("Đoạn / gạch đầu dòng")
    QUOTATION = "quotation", _("Đoạn trích dẫn")
    APPENDIX = "appendix", _("Phụ lục")
    SIGNATURE = "signature", _("Phần ký")
    OTHER = "other", _("Khác")


class Provision(models.Model):
    """One unit of an expression's text, in document order. ``text`` is its own text only."""

    expression = models.ForeignKey(Expression, on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ProvisionKind.choices)
    number = models.CharField(_("số"), max_length=40, blank=True)
    label = models.CharField(_("nhãn"), max_length=120, blank=True)  # "Điều 8", "Khoản 2"
    heading = models.CharField(_("tiêu đề"), max_length=1000, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    eid = models.CharField(_("mã định danh (eId)"), max_length=255)
    order = models.PositiveIntegerField(_("thứ tự"))
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0)

    class Meta:
        verbose_name = _("điều khoản")
        verbose_name_plural = _("điều khoản")
        ordering = ["expression", "order"]
        indexes = [models.Index(fields=["expression", "order"], name="provision_expr_order_idx")]
        constraints = [
            models.UniqueConstraint(fields=["expression", "eid"], name="provision_expr_eid_uniq"),
            models.UniqueConstraint(
                fields=["expression", "order"], name="provision_expr_order_uniq"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.eid


class SourceFile(TimeStampedModel):
    """An original file a work was imported from (kept content-addressed under MEDIA_ROOT)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="source_files")
    expression = models.ForeignKey(
        Expression, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_files"
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    mime = models.CharField(max_length=100)
    storage_path = models.CharField(_("đường dẫn lưu trữ"), max_length=500)
    ocr = models.BooleanField(_("đã nhận dạng ký tự (OCR)"), default=False)

    class Meta:
        verbose_name = _("tệp nguồn")
        verbose_name_plural = _("tệp nguồn")

    def __str__(self) -> str:
        return self.original_name


class RelationKind(models.TextChoices):
    """Typed edges between documents (vbpl.vn "Lược đồ" blocks + TVPL "đính chính")."""

    AMENDS = "amends", _("Sửa đổi")
    SUPPLEMENTS = "supplements", _("Bổ sung")
    REPLACES = "replaces", _("Thay thế")
    REPEALS = "repeals", _("Bãi bỏ")
    PARTIALLY_REPEALS = "partially_repeals", _("Bãi bỏ một phần")
    SUSPENDS = "suspends", _("Đình chỉ / ngưng hiệu lực")
    PARTIALLY_SUSPENDS = "partially_suspends", _("Đình chỉ một phần")
    GUIDES = "guides", _("Hướng dẫn, quy định chi tiết")
    BASED_ON = "based_on", _("Căn cứ")
    CITES = "cites", _("Dẫn chiếu")
    CONSOLIDATES = "consolidates", _("Hợp nhất")
    RECTIFIES = "rectifies", _("Đính chính")


class RelationOrigin(models.TextChoices):
    EXTRACTION = "extraction", _("Trích xuất tự động")
    STAFF = "staff", _("Cán bộ nhập")
    IMPORT = "import", _("Nhập từ tệp")


class Relation(TimeStampedModel):
    """``source`` <kind> ``target`` (e.g. Luật 2019 *amends* Điều 8 of Luật 2010) from a date.

    An empty eid means the whole document. The inverse ("được sửa đổi bởi") is derived for display,
    never stored (see documents.relations).
    """

    kind = models.CharField(_("loại quan hệ"), max_length=24, choices=RelationKind.choices)
    source_work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="relations_out")
    source_eid = models.CharField(_("điều khoản nguồn (eId)"), max_length=255, blank=True)
    target_work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="relations_in")
    target_eid = models.CharField(_("điều khoản đích (eId)"), max_length=255, blank=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    scope_text = models.CharField(_("phạm vi (như văn bản ghi)"), max_length=500, blank=True)
    origin = models.CharField(
        _("nguồn"), max_length=12, choices=RelationOrigin.choices, default=RelationOrigin.STAFF
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")
        ordering = ["effective_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_work", "source_eid", "target_work", "target_eid"],
                name="relation_uniq",
            ),
            models.CheckConstraint(
                condition=~models.Q(source_work=models.F("target_work")),
                name="relation_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_work_id} {self.kind} {self.target_work_id}"


class ImportJob(TimeStampedModel):
    """A background import (today: OCR of a scanned PDF), with progress for the UI."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Thất bại")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, default="ocr")
    original_name = models.CharField(max_length=255)
    storage_path = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    message = models.TextField(blank=True)
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tác vụ nhập văn bản")
        verbose_name_plural = _("tác vụ nhập văn bản")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="importjob_progress_pct"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.original_name} ({self.state})"
