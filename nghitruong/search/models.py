"""The search index: provision-level units (articles) with what ranking and filtering need.

Derived data only: every row is rebuilt from the documents app by ``search.services``. The
backend-specific full-text structures live beside these tables (created by migration 0001, guarded
by vendor): an FTS5 table ``search_unit_fts`` on SQLite, a ``tsvector`` table ``search_unit_tsv``
with a GIN index on PostgreSQL. Both hold the accent-folded syllables and syllable bigrams.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import ElectedBody


class SearchUnit(models.Model):
    """One searchable provision (an article, Điều) of one document."""

    key = models.CharField(_("khóa"), max_length=300, unique=True)
    # documents.Work id, not a foreign key: the index is derived data that the "document.deleted"
    # hook removes (a cascade would bypass the frequency bookkeeping).
    work_id = models.PositiveBigIntegerField(_("văn bản"), null=True, blank=True, db_index=True)
    provision_id = models.PositiveBigIntegerField(_("điều khoản"), null=True, blank=True)
    document_key = models.CharField(_("văn bản (khóa nhóm)"), max_length=300, db_index=True)
    document_title = models.CharField(_("tên văn bản"), max_length=500)
    document_number = models.CharField(_("số ký hiệu"), max_length=100, blank=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=24, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    status = models.CharField(_("tình trạng hiệu lực"), max_length=24, blank=True)
    fields = models.CharField(_("lĩnh vực"), max_length=500, blank=True)  # "|a|b|"
    number = models.CharField(_("số điều"), max_length=40, blank=True)
    label = models.CharField(_("nhãn"), max_length=120, blank=True)
    heading = models.CharField(_("tiêu đề"), max_length=1000, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    body = models.ForeignKey(
        ElectedBody, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    confidentiality = models.CharField(_("mức truy cập"), max_length=16, default="public")
    # Index forms, space-separated canonical syllables (core.text.search_syllables):
    # "title ¦ heading ¦ paragraph 1 ¦ paragraph 2 ...".
    tokens = models.TextField(_("âm tiết"), blank=True)
    folded = models.TextField(_("âm tiết không dấu"), blank=True)  # " a b c " for phrases
    length = models.PositiveIntegerField(_("độ dài"), default=0)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("mục chỉ mục tìm kiếm")
        indexes = [
            models.Index(fields=["confidentiality", "body"], name="search_unit_access_idx"),
            models.Index(fields=["document_number"], name="search_unit_docnum_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.document_title} — {self.label or self.number}"


class SearchTerm(models.Model):
    """Document frequency of one index term ("a:" accented / "f:" folded, "_" joins a bigram)."""

    term = models.CharField(max_length=200, primary_key=True)
    df = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}={self.df}"


class SearchStats(models.Model):
    """Collection statistics for BM25 (a single row, id=1)."""

    units = models.IntegerField(default=0)
    total_length = models.BigIntegerField(default=0)
    paragraphs = models.IntegerField(default=0)
    paragraph_length = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.units} units"
