"""Input parsing for the tracking pages (no business rules here: the services decide)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import Agency
from nghitruong.tracking.models import Priority, SourceKind


class DirectiveForm(forms.Form):
    source_kind = forms.ChoiceField(label=_("Loại nguồn"), choices=SourceKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    text = forms.CharField(label=_("Nội dung chỉ đạo"), widget=forms.Textarea, required=False)
    issued_on = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    deliverable = forms.CharField(label=_("Sản phẩm"), max_length=300, required=False)
    owner_agency = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    co_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
    )
    deadline = forms.DateField(label=_("Thời hạn"), widget=forms.DateInput(attrs={"type": "date"}))
    priority = forms.ChoiceField(
        label=_("Mức ưu tiên"), choices=Priority.choices, initial=Priority.NORMAL
    )
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)


class ReportForm(forms.Form):
    """Ids prefixed: several forms share the task page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report_%s")
        super().__init__(*args, **kwargs)

    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea)
    attachment = forms.FileField(label=_("Tệp đính kèm"), required=False)


class CommentForm(forms.Form):
    """Ids prefixed: several forms share the task page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)

    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    """Ids prefixed: several forms share the task page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "complete_%s")
        super().__init__(*args, **kwargs)

    result = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    """Ids prefixed: several forms share the task page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "extension_%s")
        super().__init__(*args, **kwargs)

    requested_deadline = forms.DateField(
        label=_("Thời hạn đề nghị"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Duyệt")), ("reject", _("Từ chối"))])
    note = forms.CharField(label=_("Ý kiến"), max_length=500, required=False)


class ObligationDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Xác nhận")), ("cancel", _("Hủy"))])
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(max_length=500, required=False)
