"""Personal-data requests of petitioners (PDPL 2025, Decree 356/2025; issue 5 §2, PET-4).

``PersonalDataChallenge`` is one identity check on the portal: tracking codes plus the e-mail or
phone given, proven by a one-time code. It stores no contact data: only the petitioners it matched
(possibly none: the portal answers the same either way) and a hash of the code.

``PersonalDataRequest`` is one request of a data subject (access, erasure, consent withdrawal)
against one owning body, moving through ``rules.REQUEST_TRANSITIONS``. ``reply_to`` (where the
outcome is sent) is cleared when the request is closed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import ElectedBody, TimeStampedModel
from nghitruong.petitions.models.core import Petitioner


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn")


class PersonalDataChallenge(models.Model):
    token = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    code_hash = models.CharField(max_length=128)
    petitioners = models.ManyToManyField(Petitioner, blank=True, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)  # too many wrong codes

    class Meta:
        verbose_name = _("xác minh yêu cầu dữ liệu cá nhân")
        verbose_name_plural = _("xác minh yêu cầu dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"#{self.pk}"


class PersonalDataRequest(TimeStampedModel):
    class Kind(models.TextChoices):
        ACCESS = "access", _("Xem dữ liệu cá nhân")
        ERASURE = "erasure", _("Xóa dữ liệu cá nhân")
        WITHDRAW_CONSENT = "withdraw_consent", _("Rút lại sự đồng ý")

    class State(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        VERIFIED = "verified", _("Đã xác minh, chờ xử lý")
        COMPLETED = "completed", _("Đã hoàn thành")
        REFUSED = "refused", _("Từ chối")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại yêu cầu"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.RECEIVED
    )
    petitioners = models.ManyToManyField(Petitioner, related_name="data_requests")
    challenge = models.ForeignKey(
        PersonalDataChallenge, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    reply_to = models.CharField(max_length=254, blank=True)  # cleared when closed
    received_on = models.DateField(_("ngày tiếp nhận"))
    ack_due = models.DateField(_("hạn xác nhận"))
    due_date = models.DateField(_("hạn giải quyết"))
    due_explanation = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("lý do từ chối"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yêu cầu về dữ liệu cá nhân")
        verbose_name_plural = _("yêu cầu về dữ liệu cá nhân")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["body", "state", "due_date"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind}"
