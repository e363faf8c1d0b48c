"""Read-only admin views (every write goes through the services and the pages)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nghitruong.tracking.models import Directive, ExtensionRequest, Obligation, Task


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Directive)
class DirectiveAdmin(ReadOnlyAdmin):
    list_display = ("title", "source_kind", "issued_on", "body")
    list_filter = ("source_kind",)


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("title", "body", "owner_agency", "deadline", "status", "progress")
    list_filter = ("status", "priority")
    search_fields = ("title",)


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ("task", "current_deadline", "requested_deadline", "status")


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ("work", "provision_label", "authority_text", "due_date", "status")
    list_filter = ("status",)
