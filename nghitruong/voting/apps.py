from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "nghitruong.voting"
    label = "voting"
    verbose_name = _("Biểu quyết")

    def ready(self) -> None:
        from nghitruong.core.bench import register
        from nghitruong.voting import bench, events, live

        # Relay voting events to the real-time bus (SSE clients, other server processes).
        events.subscribe(live.relay_to_broker)
        register(
            "voting",
            bench.run,
            bench.add_arguments,
            help="Biểu quyết điện tử dưới tải / electronic voting under load",
        )
