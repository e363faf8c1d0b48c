from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nghitruong.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
