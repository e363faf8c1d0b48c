"""The petitions API (mounted at /api/v1/petitions/): staff endpoints and a public sub-router.

Thin functions: parse, reach objects through ``access_*``, call one service or selector, return.
"""

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import api_auth
from nghitruong.accounts.permissions import access_body
from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import ErrorOut
from nghitruong.core.selectors import agency_get, unit_get
from nghitruong.petitions import (
    qr,
    selectors,
    selectors_consultations,
    selectors_overdue,
    services,
)
from nghitruong.petitions.models import Petition
from nghitruong.petitions.permissions import can_see_petitioner
from nghitruong.petitions.schemas import (
    AnswerIn,
    AssignIn,
    ClassifyIn,
    ConsultationFeedbackIn,
    ConsultationFeedbackOut,
    ConsultationOut,
    FollowOut,
    ImportOut,
    OverdueAgencyOut,
    OverduePetitionOut,
    PetitionCreateIn,
    PetitionDetailOut,
    PetitionOut,
    ReassignIn,
    SubmitIn,
    SubmitOut,
    SummaryOut,
)
from nghitruong.petitions.services.portal import petition_submit_public

router = Router(tags=["petitions"], auth=api_auth)
public = Router(tags=["petitions-public"], auth=None)

ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _agency(code: str) -> Agency | None:
    return agency_get(code=code) if code else None


def _unit(code: str) -> Any:
    return unit_get(code=code) if code else None


def _detail(user: Any, petition: Petition) -> dict[str, Any]:
    person = (
        selectors.petitioner_for(user=user, petition=petition)
        if can_see_petitioner(user, petition)
        else None
    )
    return {
        "petition": petition,
        "answers": list(selectors.answers_of(petition=petition)),
        "events": list(petition.events.all()),
        "petitioner": person,
    }


@router.get("/", response={200: list[PetitionOut], **ERRORS}, url_name="petitions_list")
@paginate(BoundedPagination)
def list_petitions(
    request: HttpRequest,
    body_id: int | None = None,
    status: str = "",
    field: str = "",
    agency_id: int | None = None,
    q: str = "",
) -> Any:
    """Kiến nghị trong phạm vi được xem / Petitions within the caller's scope."""
    user = _user(request)
    body = access_body(user, body_id) if body_id else None
    return selectors.petition_list(
        user=user,
        body=body,
        status=status or None,
        field_code=field or None,
        agency_id=agency_id,
        query=q or None,
    )


@router.get("/summary", response={200: SummaryOut, **ERRORS}, url_name="petitions_summary")
def summary(request: HttpRequest, body_id: int | None = None) -> Any:
    """Số liệu giám sát: đã trả lời / đã giải quyết / Supervision figures."""
    user = _user(request)
    body = access_body(user, body_id) if body_id else None
    return selectors.supervision_summary(user=user, body=body)


@router.get(
    "/{int:petition_id}", response={200: PetitionDetailOut, **ERRORS}, url_name="petitions_get"
)
def get_petition(request: HttpRequest, petition_id: int) -> Any:
    user = _user(request)
    return _detail(user, selectors.access_petition(user, petition_id))


@router.post("/", response={201: PetitionOut, **ERRORS}, url_name="petitions_create")
def create_petition(request: HttpRequest, data: PetitionCreateIn) -> Any:
    """Nhập một kiến nghị (văn phòng đoàn / HĐND) / Enter one petition (secretariat)."""
    user = _user(request)
    body = access_body(user, data.body_id)
    meeting = selectors.access_meeting(user, data.meeting_id) if data.meeting_id else None
    petition = services.petition_create(
        actor=user,
        body=body,
        content=data.content,
        source=data.source,
        received_on=data.received_on,
        meeting=meeting,
        field=selectors.field_get(code=data.field_code) if data.field_code else None,
        level=data.level,
        agency=_agency(data.agency_code),
        province=_unit(data.province_code),
        commune=_unit(data.commune_code),
        petitioner=services.PetitionerData(**data.petitioner.dict()) if data.petitioner else None,
        consent=data.consent,
    )
    return Status(201, petition)


@router.post("/import", response={200: ImportOut, **ERRORS}, url_name="petitions_import")
def import_petitions(
    request: HttpRequest,
    body_id: Form[int],
    file: File[UploadedFile],
    meeting_id: Form[int | None] = None,
) -> Any:
    """Nhập hàng loạt từ mẫu Excel/CSV / Bulk import from the Excel/CSV template."""
    user = _user(request)
    body = access_body(user, body_id)
    meeting = selectors.access_meeting(user, meeting_id) if meeting_id else None
    report = services.petition_import(
        actor=user, body=body, data=file.read(), filename=file.name or "", meeting=meeting
    )
    return {
        "total_rows": report.total_rows,
        "created": len(report.created),
        "errors": report.errors,
    }


@router.post(
    "/{int:petition_id}/classify",
    response={200: PetitionOut, **ERRORS},
    url_name="petitions_classify",
)
def classify(request: HttpRequest, petition_id: int, data: ClassifyIn) -> Any:
    user = _user(request)
    return services.petition_classify(
        actor=user,
        petition=selectors.access_petition(user, petition_id),
        field=selectors.field_get(code=data.field_code),
        level=data.level,
    )


@router.post(
    "/{int:petition_id}/assign", response={200: PetitionOut, **ERRORS}, url_name="petitions_assign"
)
def assign(request: HttpRequest, petition_id: int, data: AssignIn) -> Any:
    """Chuyển cơ quan có thẩm quyền / Assign to the competent agency."""
    user = _user(request)
    return services.petition_assign(
        actor=user,
        petition=selectors.access_petition(user, petition_id),
        agency=agency_get(code=data.agency_code),
        co_agencies=[agency_get(code=c) for c in data.co_agency_codes],
        on=data.on,
    )


@router.post(
    "/{int:petition_id}/reassign",
    response={200: PetitionOut, **ERRORS},
    url_name="petitions_reassign",
)
def reassign(request: HttpRequest, petition_id: int, data: ReassignIn) -> Any:
    """Chuyển lại cơ quan khác (có lý do) / Reassign (with a reason)."""
    user = _user(request)
    return services.petition_reassign(
        actor=user,
        petition=selectors.access_petition(user, petition_id),
        agency=agency_get(code=data.agency_code),
        reason=data.reason,
        co_agencies=[agency_get(code=c) for c in data.co_agency_codes],
        on=data.on,
    )


@router.post(
    "/{int:petition_id}/answer",
    response={201: PetitionDetailOut, **ERRORS},
    url_name="petitions_answer",
)
def answer(request: HttpRequest, petition_id: int, data: AnswerIn) -> Any:
    """Trả lời kiến nghị (cán bộ cơ quan được giao) / Answer (assigned agency officer)."""
    user = _user(request)
    petition = selectors.access_petition(user, petition_id)
    services.petition_answer(
        actor=user,
        petition=petition,
        outcome=data.outcome,
        text=data.text,
        document_number=data.document_number,
        document_date=data.document_date,
        signer=data.signer,
        committed_date=data.committed_date,
        suggested_agency=_agency(data.suggested_agency_code),
    )
    return Status(201, _detail(user, selectors.access_petition(user, petition_id)))


# --- public: submit (idempotent) and follow by tracking code -----------------------------------


@public.post(
    "/submit",
    response={200: SubmitOut, 201: SubmitOut, 429: ErrorOut, **ERRORS},
    url_name="petitions_submit",
)
def submit(request: HttpRequest, data: SubmitIn) -> Any:
    """Gửi kiến nghị trực tuyến; gửi lại cùng khóa không tạo bản thứ hai / Submit (idempotent)."""
    body = ElectedBody.objects.filter(code=data.body_code, is_active=True).first()
    if body is None:
        raise NotFoundError("Không tìm thấy cơ quan / Body not found")
    petition, created = petition_submit_public(
        client_ip=request.META.get("REMOTE_ADDR", ""),
        idempotency_key=data.idempotency_key,
        body=body,
        content=data.content,
        province=_unit(data.province_code),
        commune=_unit(data.commune_code),
        field=selectors.field_get(code=data.field_code) if data.field_code else None,
        petitioner=services.PetitionerData(**data.petitioner.dict()) if data.petitioner else None,
        consent=data.consent,
        is_denunciation=data.is_denunciation,
    )
    out = {
        "tracking_code": petition.tracking_code,
        "follow_url": qr.follow_url(petition.tracking_code),
        "qr_url": qr.qr_url(petition.tracking_code),  # drawn on demand, not in every answer
        "created": created,
    }
    return Status(201 if created else 200, out)


@public.get("/follow/{code}", response={200: FollowOut, **ERRORS}, url_name="petitions_follow")
def follow(request: HttpRequest, code: str) -> Any:
    """Tra cứu theo mã (không có thông tin cá nhân) / Follow by tracking code (no personal data)."""
    return selectors.petition_follow(code=code)


@public.get(
    "/overdue",
    response={200: list[OverduePetitionOut], **ERRORS},
    url_name="petitions_overdue",
)
@paginate(BoundedPagination)
def overdue(request: HttpRequest, agency: str = "", sort: str = "-days") -> Any:
    """Kiến nghị quá hạn trả lời, quá thời hạn cam kết / Overdue answers and broken commitments.

    sort: days | deadline | agency | province | field, "-" in front for descending."""
    return selectors_overdue.overdue_petitions(agency=agency, sort=sort)


@public.get(
    "/overdue/agencies",
    response={200: list[OverdueAgencyOut], **ERRORS},
    url_name="petitions_overdue_agencies",
)
def overdue_agencies(request: HttpRequest) -> Any:
    """Số kiến nghị quá hạn theo cơ quan / Overdue counts per agency."""
    return selectors_overdue.overdue_by_agency()


# --- public consultations on drafts (issue 5 §7) -----------------------------------------------


def _consultation_out(item: Any) -> dict[str, Any]:
    c = item.consultation
    return {
        "id": c.pk,
        "body_code": c.body.code,
        "body_name": c.body.name,
        "title": c.title,
        "summary": c.summary,
        "state": c.state,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "accepting": item.accepting,
        "days_left": item.days_left,
        "feedback_count": item.feedback_count,
        "questions": list(c.questions),
        "work_id": c.work_id,
        "has_draft_file": bool(c.draft_file),
        "drafting_agency_code": c.drafting_agency.code if c.drafting_agency_id else None,
        "report_text": c.report_text if c.state == "reported" else "",
    }


@public.get(
    "/consultations",
    response={200: list[ConsultationOut], **ERRORS},
    url_name="petitions_consultations",
)
def consultations(request: HttpRequest) -> Any:
    """Dự thảo đang lấy ý kiến và vừa kết thúc / Drafts open for comment and recently closed."""
    return [_consultation_out(i) for i in selectors_consultations.public_consultations()]


@public.post(
    "/consultations/{int:consultation_id}/feedback",
    response={200: ConsultationFeedbackOut, 201: ConsultationFeedbackOut, 429: ErrorOut, **ERRORS},
    url_name="petitions_consultation_feedback",
)
def consultation_feedback(
    request: HttpRequest, consultation_id: int, data: ConsultationFeedbackIn
) -> Any:
    """Gửi góp ý dự thảo; gửi lại cùng khóa không tạo bản thứ hai / Submit feedback (idempotent)."""
    feedback, created = services.consultation_feedback_submit(
        client_ip=request.META.get("REMOTE_ADDR", ""),
        idempotency_key=data.idempotency_key,
        consultation=selectors_consultations.public_consultation_get(consultation_id),
        content=data.content,
        article=data.article,
        question=data.question,
        province=_unit(data.province_code),
        commune=_unit(data.commune_code),
        petitioner=services.PetitionerData(**data.petitioner.dict()) if data.petitioner else None,
        consent=data.consent,
    )
    code = feedback.petition.tracking_code
    out = {
        "tracking_code": code,
        "follow_url": qr.follow_url(code),
        "created": created,
        "consultation_id": feedback.consultation_id,
    }
    return Status(201 if created else 200, out)


router.add_router("/public", public)
