"""Supervision of answers (issue 5 §6): the reminders sent before and at a deadline, and the
escalations after it. One row per petition, kind and deadline, so the daily run is idempotent."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.petitions.models.core import Petition


class PetitionReminder(models.Model):
    """One reminder or escalation sent for a petition's deadline (``rules.reminder_kind``).

    ``due_date`` is the deadline reminded of (the answer due date or the commitment date), so a
    deadline moved by an extension or a new commitment gets its own reminders. ``recipients`` are
    the officials' work addresses the message went to (never a petitioner's).
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("loại nhắc"), max_length=24)
    due_date = models.DateField(_("thời hạn"))
    days_before = models.SmallIntegerField(_("số ngày trước hạn"))  # -1: after (escalation)
    escalated = models.BooleanField(_("báo cáo cơ quan giám sát"), default=False)
    sent_on = models.DateField(_("ngày nhắc"))
    sent_at = models.DateTimeField()
    recipients = models.JSONField(_("người nhận"), default=list)

    class Meta:
        verbose_name = _("nhắc hạn kiến nghị")
        verbose_name_plural = _("nhắc hạn kiến nghị")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "kind", "due_date"], name="petition_reminder_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.due_date:%d/%m/%Y}"
