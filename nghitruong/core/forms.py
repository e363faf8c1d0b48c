"""HTML input parsing for the core pages (no logic: validated values go to selectors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.models import Role
from nghitruong.core.shell import MEMBER_QUERY_MAX_LENGTH


class MemberFilterForm(forms.Form):
    """The filter above a body's member list (GET; also driven by HTMX)."""

    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        max_length=MEMBER_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Từ khóa tìm kiếm dài tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        required=False,
        choices=[("", _("Tất cả vai trò")), *Role.choices],
        error_messages={"invalid_choice": _("Vai trò “%(value)s” không có trong danh sách.")},
    )
    page = forms.IntegerField(
        label=_("Trang"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Số trang phải là một số nguyên."),
            "min_value": _("Số trang phải từ %(limit_value)s trở lên."),
            "max_value": _("Số trang không được vượt quá %(limit_value)s."),
        },
    )
