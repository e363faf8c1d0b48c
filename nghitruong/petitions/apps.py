from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "nghitruong.petitions"
    label = "petitions"
    verbose_name = _("Kiến nghị cử tri")

    def ready(self) -> None:
        from nghitruong.core import bench
        from nghitruong.petitions import bench as petitions_bench
        from nghitruong.petitions import bench_load
        from nghitruong.petitions.cards import register_cards

        register_cards()
        bench.register(
            "petitions-cluster",
            petitions_bench.run,
            petitions_bench.add_arguments,
            help="Time to cluster N synthetic petitions (near-duplicate suggestion)",
        )
        bench.register(
            "petitions", bench_load.run, bench_load.add_arguments, help="Public submission load"
        )
        bench.register(
            "petitions-classify",
            petitions_bench.run_classify,
            petitions_bench.add_classify_arguments,
            help="Field suggestion accuracy on held-out constructed petitions",
        )
