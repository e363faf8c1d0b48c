"""HTML input parsing for the staff editing pages and the version comparison (house rule 4: forms
only parse; the services decide and validate the rules)."""

import re
import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nghitruong.documents.models import Confidentiality, Status, Work
from nghitruong.documents.relations import RELATION_LABELS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng năm-tháng-ngày.")}
# Work fields the metadata form edits through ``work_update`` (status has its own service).
METADATA_FIELDS = (
    "title",
    "number",
    "summary",
    "issuer",
    "signer",
    "issued_date",
    "effective_date",
    "expiry_date",
    "fields",
    "confidentiality",
)
FORM_NAME = {"fields": "field_list"}  # a form field may not be called "fields"
_FIELD_SPLIT = re.compile(r"[;\n]+")
_EID = re.compile(r"^[A-Za-z0-9_]*$")


class WorkMetadataForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản"), max_length=500)
    number = forms.CharField(label=_("Số ký hiệu"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("Trích yếu"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    issued_date = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    effective_date = forms.DateField(
        label=_("Ngày có hiệu lực"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    expiry_date = forms.DateField(
        label=_("Ngày hết hiệu lực"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    field_list = forms.CharField(
        label=_("Lĩnh vực (mỗi dòng một lĩnh vực)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confidentiality = forms.ChoiceField(
        label=_("Mức truy cập"),
        choices=Confidentiality.choices,
        error_messages={"invalid_choice": _("Mức truy cập “%(value)s” không có trong danh sách.")},
    )

    @classmethod
    def for_work(cls, work: Work, data: Any = None) -> "WorkMetadataForm":
        initial = {FORM_NAME.get(name, name): getattr(work, name) for name in METADATA_FIELDS}
        initial["field_list"] = "\n".join(work.fields)
        return cls(data, initial=initial)

    def clean_field_list(self) -> list[str]:
        raw = unicodedata.normalize("NFC", self.cleaned_data.get("field_list") or "")
        items = [" ".join(part.split()) for part in _FIELD_SPLIT.split(raw)]
        return list(dict.fromkeys(item for item in items if item))

    def changes(self, work: Work) -> dict[str, Any]:
        """The cleaned values that differ from ``work`` (what ``work_update`` receives)."""
        out: dict[str, Any] = {}
        for name in METADATA_FIELDS:
            value = self.cleaned_data[FORM_NAME.get(name, name)]
            if isinstance(value, str):
                value = unicodedata.normalize("NFC", value.strip())
            if value != getattr(work, name):
                out[name] = value
        return out


class WorkStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng hiệu lực (theo công bố)"),
        choices=Status.choices,
        error_messages={
            "invalid_choice": _("Tình trạng “%(value)s” không có trong danh sách."),
            "required": _("Hãy chọn tình trạng hiệu lực."),
        },
    )
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Thông báo số …")}),
    )


def _clean_eid(value: str) -> str:
    value = value.strip()
    if not _EID.match(value):
        raise forms.ValidationError(
            _("Mã điều khoản chỉ gồm chữ không dấu, chữ số và dấu gạch dưới (ví dụ: art_8__cls_2).")
        )
    return value


class RelationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại quan hệ (văn bản này …)"),
        choices=[(kind, labels.forward) for kind, labels in RELATION_LABELS.items()],
        error_messages={"invalid_choice": _("Loại quan hệ “%(value)s” không có trong danh sách.")},
    )
    target = forms.CharField(
        label=_("Văn bản đích: số ký hiệu hoặc tên"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    target_id = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.RadioSelect,
        error_messages={"invalid": _("Văn bản đích đã chọn không hợp lệ.")},
    )
    source_eid = forms.CharField(
        label=_("Điều khoản của văn bản này (eId, không bắt buộc)"),
        max_length=255,
        required=False,
    )
    target_eid = forms.CharField(
        label=_("Điều khoản của văn bản đích (eId, không bắt buộc)"),
        max_length=255,
        required=False,
    )
    effective_date = forms.DateField(
        label=_("Có hiệu lực từ ngày"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def clean_source_eid(self) -> str:
        return _clean_eid(self.cleaned_data.get("source_eid", ""))

    def clean_target_eid(self) -> str:
        return _clean_eid(self.cleaned_data.get("target_eid", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("target_id") or (data.get("target") or "").strip()
        if not chosen and "target_id" not in self.errors:
            self.add_error("target", _("Hãy nhập số ký hiệu hoặc tên văn bản đích."))
        return data


class DiffForm(forms.Form):
    """``?old=<expression id>&new=<expression id>`` (each optional)."""

    old = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": _("Phiên bản không hợp lệ.")}
    )
    new = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": _("Phiên bản không hợp lệ.")}
    )
