"""Django admin for accounts. The whole admin site requires a verified second factor (SEC-AUTH-1).

The default ``admin.site`` is switched to ``NghiTruongAdminSite`` (django-otp's ``OTPAdminSite``
with our own login page), so every app's registrations stay where they are. Writes that matter go
through services: deactivation is an action calling ``user_deactivate``; other edits are audited.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from nghitruong.accounts.models import (
    AgencyMembership,
    ApiToken,
    LoginFailure,
    Membership,
    Person,
    User,
    UserSession,
)
from nghitruong.accounts.services import api_token_revoke, user_deactivate
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError


class NghiTruongAdminSite(OTPAdminSite):
    site_header = _("Quản trị Nghị Trường Số")
    site_title = _("Quản trị Nghị Trường Số")

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Send everyone through the application's own two-step login — except a user who has
        already passed both factors but is not staff: the login page would send them straight
        back here, so they get a plain 403 instead of a redirect loop."""
        user = request.user
        if user.is_authenticated and getattr(user, "is_verified", lambda: False)():
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


admin.site.__class__ = NghiTruongAdminSite


class AuditedAdminMixin:
    """Admin edits of plain records write an audit entry like any service."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        audit_record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.{'change' if change else 'add'}",
            obj=obj,
            after={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.delete", obj=obj)
        super().delete_model(request, obj)  # type: ignore[misc]


@admin.action(description=_("Vô hiệu hóa tài khoản và kết thúc mọi phiên"))
def deactivate_users(modeladmin: Any, request: HttpRequest, queryset: QuerySet[User]) -> None:
    done = 0
    for user in queryset.filter(is_active=True):
        try:
            user_deactivate(user=user, actor=request.user)  # type: ignore[arg-type]
            done += 1
        except ApplicationError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
    modeladmin.message_user(request, _("Đã vô hiệu hóa %(n)d tài khoản.") % {"n": done})


@admin.register(User)
class NghiTruongUserAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ("username", "full_name", "is_active", "is_staff", "is_system_admin")
    search_fields = ("username", "full_name", "email")
    readonly_fields = ("failed_login_count", "locked_until", "last_login", "date_joined")
    actions = [deactivate_users]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            _("Nghị Trường Số"),
            {
                "fields": (
                    "full_name",
                    "language",
                    "is_system_admin",
                    "failed_login_count",
                    "locked_until",
                )
            },
        ),
    )


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "position", "gender", "is_demo")
    search_fields = ("full_name", "position")
    list_filter = ("gender", "is_demo")
    raw_id_fields = ("user", "hometown")


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "body", "role", "start_date", "end_date")
    list_filter = ("role",)
    search_fields = ("person__full_name", "body__name")
    raw_id_fields = ("person", "body", "term")


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "agency", "start_date", "end_date")
    raw_id_fields = ("user", "agency")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Thu hồi mã truy cập"))
def revoke_tokens(modeladmin: Any, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
    for token in queryset.filter(revoked_at__isnull=True):
        api_token_revoke(token=token, actor=request.user)  # type: ignore[arg-type]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at")
    exclude = ("key_hash",)
    actions = [revoke_tokens]


@admin.register(UserSession)
class UserSessionAdmin(ReadOnlyAdmin):
    list_display = ("user", "ip", "created_at")
    exclude = ("session_key",)


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ("ip", "user", "at")
    exclude = ("username_key",)
