from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "nghitruong.tracking"
    label = "tracking"
    verbose_name = _("Theo dõi thực hiện")

    def ready(self) -> None:
        # Derived data from the knowledge base: propose obligations for imported laws and close
        # the ones a new "guides" relation fulfils (idempotent subscribers, after commit).
        from nghitruong.core.hooks import subscribe
        from nghitruong.tracking.notifications import on_tracking_reminder
        from nghitruong.tracking.services.obligations import on_document_changed

        subscribe("document.changed", on_document_changed)
        # Deadline reminders are e-mailed to the responsible person and the owner agency.
        subscribe("tracking.reminder", on_tracking_reminder)
