from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nghitruong.search"
    label = "search"
