"""HTML input parsing for the consultation pages (no logic: cleaned values go to the services)."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.petitions import rules
from nghitruong.petitions.services.portal import public_content_max

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Cơ quan lấy ý kiến"), queryset=ElectedBody.objects.none()
    )
    title = forms.CharField(label=_("Tên dự thảo"), max_length=500)
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 6}))
    drafting_agency = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì soạn thảo"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    work_id = forms.IntegerField(
        label=_("Số hiệu văn bản trong cơ sở dữ liệu (chỉ văn bản công khai)"),
        min_value=1,
        required=False,
    )
    draft_file = forms.FileField(label=_("Tệp dự thảo (PDF hoặc DOCX)"), required=False)
    remove_file = forms.BooleanField(label=_("Xóa tệp dự thảo hiện có"), required=False)
    questions = forms.CharField(
        label=_("Câu hỏi lấy ý kiến (mỗi dòng một câu, không bắt buộc)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    opens_on = forms.DateField(label=_("Ngày bắt đầu nhận góp ý"), widget=DATE)
    closes_on = forms.DateField(label=_("Ngày kết thúc nhận góp ý"), widget=DATE)

    def __init__(self, *args: Any, bodies: Any = (), editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
            del self.fields["remove_file"]

    def question_list(self) -> list[str]:
        return (self.cleaned_data.get("questions") or "").splitlines()


class ReportForm(forms.Form):
    report_text = forms.CharField(
        label=_("Báo cáo tiếp thu, giải trình ý kiến nhân dân (công bố công khai)"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def _provinces() -> Any:
    return AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).order_by(
        "name"
    )


class FeedbackForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    question = forms.TypedChoiceField(
        label=_("Câu hỏi bạn trả lời"), coerce=int, required=False, empty_value=None
    )
    article = forms.CharField(
        label=_("Góp ý cho Điều (ví dụ: Điều 12; để trống nếu góp ý chung)"),
        max_length=60,
        required=False,
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố nơi bạn ở"), queryset=_provinces(), required=False
    )
    content = forms.CharField(
        label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 8}), min_length=10
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

    def __init__(self, *args: Any, questions: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if questions:
            self.fields["question"].choices = [  # type: ignore[attr-defined]
                ("", _("— Góp ý chung —")),
                *((i, f"{i}. {q}") for i, q in enumerate(questions, start=1)),
            ]
        else:
            del self.fields["question"]
        limit = public_content_max()
        self.fields["content"].max_length = limit  # type: ignore[attr-defined]
        self.fields["content"].widget.attrs["maxlength"] = str(limit)
        self.fields["content"].validators.append(MaxLengthValidator(limit))
