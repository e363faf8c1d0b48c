from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "nghitruong.meetings"
    label = "meetings"
    verbose_name = _("Kỳ họp, phiên họp")

    def ready(self) -> None:
        from nghitruong.meetings import events, live
        from nghitruong.voting import events as voting_events

        # Relay sitting changes (and votes on agenda items) to the real-time bus: the sitting
        # page, the chair's console, the hall screen and public observers, in every process.
        events.subscribe(live.relay_to_broker)
        voting_events.subscribe(live.relay_poll_to_sittings)
