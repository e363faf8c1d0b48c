"""Helpers of the consultation tests: dates, a consultation driven to a state through the
services, feedback submission, what is stored. Fixtures live in this package's conftest.py."""

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import docx

from nghitruong.core.models import AuditEntry
from nghitruong.petitions import services
from nghitruong.petitions.models import (
    ConsultationFeedback,
    DraftConsultation,
    Petition,
    Petitioner,
)
from nghitruong.petitions.tests.conftest import World

OPENS, CLOSES = dt.date(2026, 3, 10), dt.date(2026, 3, 20)
TEXT = "Đề nghị quy định rõ mức thu phí tham quan đối với học sinh, sinh viên và người cao tuổi"
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=HN)


def docx_bytes(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def create_consultation(
    world: World, state: str = "draft", body: str = "c01", **kw: Any
) -> DraftConsultation:
    """A consultation of council ``body`` driven to ``state`` through the services."""
    staff = world.users["council01" if body == "c01" else "council79"]
    c = services.consultation_create(
        actor=staff,
        body=world.bodies[body],
        title=kw.pop("title", "Dự thảo Nghị quyết quy định mức thu phí tham quan"),
        summary=kw.pop("summary", "Dự thảo quy định mức thu phí tham quan di tích của tỉnh."),
        opens_on=kw.pop("opens_on", OPENS),
        closes_on=kw.pop("closes_on", CLOSES),
        **kw,
    )
    if state in ("open", "closed", "reported"):
        c = services.consultation_open(actor=staff, consultation=c)
    if state in ("closed", "reported"):
        c = services.consultation_close(actor=staff, consultation=c)
    if state == "reported":
        c = services.consultation_report(
            actor=staff, consultation=c, report_text="Đã tiếp thu 3 ý kiến về mức miễn phí."
        )
    return c


def submit(c: DraftConsultation, key: str = "khoa-gop-y-0123456789", **kw: Any) -> Any:
    return services.consultation_feedback_submit(
        client_ip=kw.pop("client_ip", "203.0.113.9"),
        idempotency_key=key,
        consultation=c,
        content=kw.pop("content", TEXT),
        **kw,
    )


def stored() -> tuple[int, int, int]:
    return (
        Petition.objects.count(),
        ConsultationFeedback.objects.count(),
        Petitioner.objects.count(),
    )


def actions(c: DraftConsultation) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(c.pk), action__startswith="consultation.")
        .exclude(action="consultation.feedback")
        .order_by("pk")
        .values_list("action", flat=True)
    )
