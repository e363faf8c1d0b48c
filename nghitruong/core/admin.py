"""Django admin (in Vietnamese) for the shared kernel: bodies, terms, units, agencies, audit log.

House rule 2: the admin never saves these models itself. Lists, search and detail pages are
read-only; the changes the admin offers are actions that call the core services (each writes its
own audit entry and checks its own permission). Creating or renaming bodies, terms, units and
agencies is done by ``nghitruong reference-data`` / the services, not by admin forms.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import AdministrativeUnit, Agency, AuditEntry, ElectedBody, Term
from nghitruong.core.services import agency_deactivate, body_deactivate


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewing only: no add, change or delete through admin forms."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _run_service_action(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    service: Callable[[Any], Any],
) -> None:
    """Call ``service`` for every selected row; report each refusal with the service's message."""
    done = 0
    for obj in queryset:
        try:
            service(obj)
            done += 1
        except ApplicationError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
    if done:
        modeladmin.message_user(
            request, _("Đã ngừng hoạt động %(n)d mục.") % {"n": done}, messages.SUCCESS
        )


@admin.action(description=_("Ngừng hoạt động các cơ quan dân cử đã chọn"))
def deactivate_bodies(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ElectedBody]
) -> None:
    _run_service_action(
        modeladmin, request, queryset, lambda b: body_deactivate(body=b, actor=request.user)
    )


@admin.action(description=_("Ngừng hoạt động các cơ quan nhà nước đã chọn"))
def deactivate_agencies(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Agency]
) -> None:
    _run_service_action(
        modeladmin, request, queryset, lambda a: agency_deactivate(agency=a, actor=request.user)
    )


class ServiceActionAdmin(ReadOnlyAdmin):
    """Read-only, but the service-backed actions are offered to users who may view the list."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ("number", "label", "start_date", "end_date")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ElectedBody)
class ElectedBodyAdmin(ServiceActionAdmin):
    list_display = ("name", "code", "kind", "level", "parent", "is_active")
    list_filter = ("kind", "level", "is_active")
    search_fields = ("name", "code", "short_name", "name_en")
    list_select_related = ("parent",)
    inlines = [TermInline]
    actions = [deactivate_bodies]


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "body", "number", "label", "start_date", "end_date")
    list_filter = ("body__level",)
    search_fields = ("body__name", "label")
    list_select_related = ("body",)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "name",
        "level",
        "unit_type",
        "parent",
        "effective_from",
        "effective_to",
    )
    list_filter = ("level", "unit_type")
    search_fields = ("code", "name", "search_key")
    list_select_related = ("parent",)


@admin.register(Agency)
class AgencyAdmin(ServiceActionAdmin):
    list_display = ("name", "code", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code", "short_name")
    list_select_related = ("parent",)
    actions = [deactivate_agencies]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "seq",
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "body",
    )
    list_filter = ("action",)
    search_fields = ("action", "object_type", "object_id", "actor_label")
    list_select_related = ("body",)
    date_hierarchy = "created_at"
