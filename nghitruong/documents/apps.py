from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "nghitruong.documents"
    label = "documents"
