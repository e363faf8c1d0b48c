"""HTML input parsing for the petition pages (no logic: cleaned values go to services)."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition, PetitionAnswer, PetitionField, VoterMeeting
from nghitruong.petitions.services.intake import INTAKE_KINDS
from nghitruong.petitions.services.portal import public_content_max

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _provinces() -> Any:
    return AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).order_by(
        "name"
    )


def _fields() -> Any:
    return PetitionField.objects.filter(is_active=True)


def _agencies() -> Any:
    return Agency.objects.filter(is_active=True).order_by("name")


class SubmitForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    body = forms.ModelChoiceField(
        label=_("Gửi đến"),
        queryset=ElectedBody.objects.filter(kind__in=INTAKE_KINDS, is_active=True).order_by("name"),
        empty_label=_("— Chọn Đoàn ĐBQH hoặc HĐND —"),
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố nơi bạn ở"), queryset=_provinces(), required=False
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=_fields(), required=False, empty_label=_("— Không rõ —")
    )
    content = forms.CharField(
        label=_("Nội dung kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=10,
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để cơ quan dân cử xử lý dữ liệu cá nhân nêu trên cho mục đích: ")
        + rules.CONSENT_PURPOSE,
        required=False,
    )
    is_denunciation = forms.BooleanField(
        label=_("Nội dung này là đơn tố cáo (hành vi vi phạm của cá nhân, cơ quan cụ thể)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = public_content_max()
        self.fields["content"].max_length = limit  # type: ignore[attr-defined]
        self.fields["content"].widget.attrs["maxlength"] = str(limit)
        self.fields["content"].validators.append(MaxLengthValidator(limit))


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=40)


class AnswerSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong nội dung"), max_length=200, required=False)


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong nội dung"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("pending_moderation", _("Chờ kiểm duyệt")),
            *Petition.Status.choices,
        ],
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=_fields(), required=False, to_field_name="code"
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=_agencies(), required=False)
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)
    page = forms.IntegerField(
        min_value=1, max_value=100_000, required=False, widget=forms.HiddenInput
    )


class ClassifyForm(forms.Form):
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=_fields())
    level = forms.ChoiceField(label=_("Cấp thẩm quyền"), choices=Petition.Level.choices)


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=_agencies())
    co_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"), queryset=_agencies(), required=False
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi chuyển lại)"), max_length=500, required=False
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=PetitionAnswer.Outcome.choices)
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 5}))
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60)
    document_date = forms.DateField(label=_("Ngày văn bản"), widget=DATE)
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    committed_date = forms.DateField(
        label=_("Thời hạn cam kết (khi “đang giải quyết”)"), widget=DATE, required=False
    )
    suggested_agency = forms.ModelChoiceField(
        label=_("Cơ quan có thẩm quyền (khi không thuộc thẩm quyền)"),
        queryset=_agencies(),
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Duyệt, chuyển xử lý")), ("reject", _("Không tiếp nhận"))],
    )
    reason = forms.CharField(label=_("Lý do (công khai)"), max_length=500, required=False)


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=ElectedBody.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=VoterMeeting.Kind.choices)
    held_on = forms.DateField(label=_("Ngày tiếp xúc"), widget=DATE)
    venue = forms.CharField(label=_("Địa điểm"), max_length=255)
    cohost = forms.CharField(label=_("Đơn vị phối hợp"), max_length=255, required=False)
    attendance = forms.IntegerField(label=_("Số cử tri tham dự"), min_value=0, required=False)

    def __init__(self, *args: Any, bodies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV theo mẫu"))
