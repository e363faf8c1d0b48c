"""Ninja schemas for the petitions API (``petitions/api.py``)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class PetitionerIn(Schema):
    full_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class PetitionCreateIn(Schema):
    body_id: int
    content: str
    source: str = Field(description="meeting | online | letter | hotline")
    received_on: dt.date | None = None
    meeting_id: int | None = None
    field_code: str = ""
    level: str = ""
    agency_code: str = ""
    province_code: str = ""
    commune_code: str = ""
    petitioner: PetitionerIn | None = None
    consent: bool = False


class PetitionOut(Schema):
    id: int
    tracking_code: str
    body_id: int
    status: str
    status_label: str
    source: str
    content: str
    field_code: str | None
    level: str
    agency_code: str | None
    province_code: str | None
    received_on: dt.date
    due_date: dt.date | None
    due_explanation: str
    overdue_since: dt.date | None
    latest_outcome: str
    committed_date: dt.date | None

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_field_code(obj: Any) -> str | None:
        return obj.field.code if obj.field_id else None

    @staticmethod
    def resolve_agency_code(obj: Any) -> str | None:
        return obj.agency.code if obj.agency_id else None

    @staticmethod
    def resolve_province_code(obj: Any) -> str | None:
        return obj.province.code if obj.province_id else None


class AnswerOut(Schema):
    id: int
    agency_code: str
    outcome: str
    text: str
    document_number: str
    document_date: dt.date
    signer: str
    committed_date: dt.date | None
    answered_on: dt.date
    on_time: bool

    @staticmethod
    def resolve_agency_code(obj: Any) -> str:
        return str(obj.agency.code)


class EventOut(Schema):
    at: dt.datetime
    kind: str
    status: str
    note: str


class PetitionDetailOut(Schema):
    petition: PetitionOut
    answers: list[AnswerOut]
    events: list[EventOut]
    petitioner: PetitionerIn | None = Field(
        None, description="Chỉ cán bộ của cơ quan tiếp nhận / Only for the owning body's staff"
    )


class ClassifyIn(Schema):
    field_code: str
    level: str


class AssignIn(Schema):
    agency_code: str
    co_agency_codes: list[str] = []
    on: dt.date | None = None


class ReassignIn(AssignIn):
    reason: str


class AnswerIn(Schema):
    outcome: str = Field(description="resolved | being_resolved | explanation_only | not_competent")
    text: str
    document_number: str
    document_date: dt.date
    signer: str
    committed_date: dt.date | None = None
    suggested_agency_code: str = ""


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    total_rows: int
    created: int
    errors: list[RowErrorOut]


class SummaryRowOut(Schema):
    key: str | None
    label: str
    total: int
    answered: int
    resolved: int
    overdue: int
    answered_pct: Decimal
    resolved_pct: Decimal


class SummaryOut(Schema):
    total: int
    answered: int
    resolved: int
    being_resolved: int
    explanation_only: int
    overdue: int
    broken_commitments: int
    answered_pct: Decimal
    resolved_pct: Decimal
    by_field: list[SummaryRowOut]
    by_agency: list[SummaryRowOut]
    by_province: list[SummaryRowOut]


class SubmitIn(Schema):
    idempotency_key: str = Field(description="Khóa do máy khách sinh, 16–80 ký tự / client key")
    body_code: str
    content: str
    province_code: str = ""
    commune_code: str = ""
    field_code: str = ""
    is_denunciation: bool = False
    petitioner: PetitionerIn | None = None
    consent: bool = False


class SubmitOut(Schema):
    tracking_code: str
    follow_url: str
    qr_url: str = Field(description="Mã QR (SVG) của địa chỉ theo dõi / the follow URL's QR code")
    created: bool


class TimelineOut(Schema):
    at: dt.datetime
    kind: str
    status: str
    note: str


class FollowOut(Schema):
    tracking_code: str
    status: str
    status_label: str
    body: str
    field: str
    agency: str
    received_on: dt.date
    due_date: dt.date | None
    due_explanation: str
    timeline: list[TimelineOut]


class OverdueAgencyOut(Schema):
    agency: str
    agency_name: str
    overdue_answers: int
    broken_commitments: int
    total: int


class OverduePetitionOut(Schema):
    agency: str
    agency_name: str
    kind: str = Field(description="answer (quá hạn trả lời) | commitment (quá thời hạn cam kết)")
    deadline: dt.date
    days_overdue: int
    field: str
    province: str
    body: str
    content_summary: str = Field(
        description="Chỉ kiến nghị tổng hợp từ tiếp xúc cử tri / Only petitions from voter meetings"
    )


# --- public consultations on drafts (issue 5 §7) -----------------------------------------------


class ConsultationOut(Schema):
    id: int
    body_code: str
    body_name: str
    title: str
    summary: str
    state: str
    opens_on: dt.date
    closes_on: dt.date
    accepting: bool = Field(description="Đang nhận góp ý hôm nay / taking feedback today")
    days_left: int | None = Field(description="Số ngày còn nhận góp ý, kể cả hôm nay / days left")
    feedback_count: int
    questions: list[str]
    work_id: int | None
    has_draft_file: bool
    drafting_agency_code: str | None
    report_text: str


class ConsultationFeedbackIn(Schema):
    idempotency_key: str = Field(description="Khóa do máy khách sinh, 16–80 ký tự / client key")
    content: str
    article: str = Field("", description='Điều góp ý, ví dụ "Điều 12" / article, e.g. "Điều 12"')
    question: int | None = Field(None, description="Số thứ tự câu hỏi (từ 1) / question number")
    province_code: str = ""
    commune_code: str = ""
    petitioner: PetitionerIn | None = None
    consent: bool = False


class ConsultationFeedbackOut(Schema):
    tracking_code: str
    follow_url: str
    created: bool
    consultation_id: int
