"""Classification support (issue 5 §3): the trained suggestion model and the legal provisions staff
linked to a petition. Data only; writes go through ``services.classification``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import ElectedBody
from nghitruong.petitions.models.core import Petition


class ClassifierModel(models.Model):
    """One training of the field/agency suggestion model (``petitions.classifier``).

    ``body`` empty: trained on every body's confirmed petitions (the fallback); otherwise on that
    body's. The newest row of a scope is the one used; older rows stay as the training history.
    """

    body = models.ForeignKey(
        ElectedBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trained_at = models.DateTimeField(_("huấn luyện lúc"))
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    samples = models.PositiveIntegerField(_("số kiến nghị đã phân loại"))
    agency_samples = models.PositiveIntegerField(_("số kiến nghị đã chuyển cơ quan"))
    fields_seen = models.PositiveSmallIntegerField(_("số lĩnh vực"))
    parameters = models.JSONField(default=dict)  # classifier.Model.as_json()
    evaluation = models.JSONField(default=dict, blank=True)  # held-out top-1 / top-3 accuracy

    class Meta:
        verbose_name = _("mô hình gợi ý phân loại")
        verbose_name_plural = _("mô hình gợi ý phân loại")
        ordering = ["-trained_at", "-id"]
        indexes = [models.Index(fields=["body", "trained_at"], name="petition_clsmodel_body_idx")]

    def __str__(self) -> str:
        return f"{self.body or '—'} {self.trained_at:%Y-%m-%d %H:%M}"


class PetitionProvisionLink(models.Model):
    """A legal provision (or a whole document when no article applies) staff confirmed as related
    to a petition. ``eid`` and ``label`` keep the citation when a later version replaces the
    provision row."""

    class Source(models.TextChoices):
        CITATION = "citation", _("Trích dẫn trong nội dung kiến nghị")
        SEARCH = "search", _("Tìm kiếm trong cơ sở dữ liệu văn bản")
        MANUAL = "manual", _("Cán bộ chọn")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="provision_links")
    work = models.ForeignKey("documents.Work", on_delete=models.PROTECT, related_name="+")
    provision = models.ForeignKey(
        "documents.Provision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    eid = models.CharField(max_length=255, blank=True)
    label = models.CharField(_("điều khoản"), max_length=300)  # "Điều 5 — Luật Đất đai"
    source = models.CharField(_("nguồn gợi ý"), max_length=10, choices=Source.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"))

    class Meta:
        verbose_name = _("điều khoản liên quan")
        verbose_name_plural = _("điều khoản liên quan")
        ordering = ["confirmed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "work", "eid"], name="petition_provision_link_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.label
