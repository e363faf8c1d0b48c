from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nghitruong.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.db.models import Field, ForeignObject

        from nghitruong.core.lookups import InMany, RelatedInMany

        Field.register_lookup(InMany)
        ForeignObject.register_lookup(RelatedInMany)
