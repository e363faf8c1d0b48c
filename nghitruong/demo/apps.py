from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make demo`. Sits at the top of the dependency graph: it may import any app."""

    name = "nghitruong.demo"
    label = "demo"
