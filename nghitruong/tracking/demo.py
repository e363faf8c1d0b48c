"""Illustrative demo data for implementation tracking (every title says "minh họa").

``demo_tracking_load()`` is idempotent (nothing is written when its directive exists) and writes
only through the services. It expects the reference data (bodies ``qh`` and ``hdnd-01``, agencies)
and, for obligations, the demo laws; what is missing is skipped. The demo app's step calls it.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.models import AgencyMembership, Membership, Role
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.tracking import services
from nghitruong.tracking.models import Directive, Obligation, SourceKind

MARK = "DEMO-TD-01"
ILLUSTRATIVE = "(minh họa)"


def _agency(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def _leader(body: ElectedBody) -> Any:
    for role in (Role.VICE_CHAIR, Role.CHAIR):
        membership = Membership.objects.filter(body=body, role=role).select_related("person")
        if membership.exists():
            return membership.first().person  # type: ignore[union-attr]
    return None


def _officer(agency: Agency) -> Any:
    membership = AgencyMembership.objects.filter(agency=agency).select_related("user").first()
    return membership.user if membership else None


def demo_tracking_load(*, today: dt.date | None = None) -> dict[str, int]:
    day = today or timezone.localdate()
    counts = {"directives": 0, "tasks": 0, "obligations_confirmed": 0, "recurrences": 0}
    qh = ElectedBody.objects.filter(code="qh").first()
    if qh is None or Directive.objects.filter(number=MARK).exists():
        return counts
    with transaction.atomic():
        directive = services.directive_create(
            actor=None,
            body=qh,
            source_kind=SourceKind.DIRECTIVE,
            number=MARK,
            title=f"Ý kiến chỉ đạo về đôn đốc ban hành văn bản quy định chi tiết {ILLUSTRATIVE}",
            text="Đề nghị các bộ rà soát, ban hành đầy đủ văn bản quy định chi tiết các luật đã "
            "có hiệu lực; báo cáo kết quả về Ủy ban Thường vụ Quốc hội.",
            issued_on=day - dt.timedelta(days=30),
            issued_by=_leader(qh),
        )
        counts["directives"] += 1
        plans = [
            ("bo-tu-phap", "Rà soát văn bản quy định chi tiết còn thiếu", -3, "report"),
            ("bo-tai-chinh", "Báo cáo tình hình ban hành thông tư hướng dẫn", 20, ""),
            ("bo-noi-vu", "Tổng hợp kiến nghị về tổ chức bộ máy", -10, "done"),
        ]
        for code, title, offset, fate in plans:
            agency = _agency(code)
            if agency is None:
                continue
            task = services.task_create(
                actor=None,
                body=qh,
                directive=directive,
                owner_agency=agency,
                title=f"{title} {ILLUSTRATIVE}",
                deliverable="Báo cáo",
                deadline=day + dt.timedelta(days=offset),
            )
            counts["tasks"] += 1
            officer = _officer(agency)
            if fate == "report" and officer is not None:
                services.progress_report_create(
                    actor=officer,
                    task=task,
                    percent=40,
                    text="Đã rà soát 12/30 luật; đang tổng hợp danh mục còn thiếu.",
                )
            elif fate == "done":
                services.task_complete(
                    actor=None,
                    task=task,
                    result="Đã gửi báo cáo tổng hợp.",
                    on=day - dt.timedelta(days=12),
                )
        council = ElectedBody.objects.filter(code="hdnd-01").first()
        ubnd = _agency("ubnd-01")
        if council is not None and ubnd is not None:
            plan = services.directive_create(
                actor=None,
                body=council,
                source_kind=SourceKind.PLAN,
                title=f"Kế hoạch chuyển đổi số của HĐND thành phố năm 2026 {ILLUSTRATIVE}",
                issued_on=dt.date(day.year, 1, 15),
            )
            services.task_create(
                actor=None,
                body=council,
                directive=plan,
                owner_agency=ubnd,
                title=f"Số hóa hồ sơ kỳ họp và kết nối cơ sở dữ liệu {ILLUSTRATIVE}",
                deadline=day + dt.timedelta(days=45),
                deliverable="Hệ thống vận hành",
            )
            counts["tasks"] += 1
            services.recurrence_create(
                actor=None,
                body=council,
                title=f"Báo cáo quý về chuyển đổi số {ILLUSTRATIVE}",
                frequency="quarterly",
                start_date=dt.date(day.year, 1, 1),
                owner_agency=ubnd,
                due_offset_days=10,
                lead_days=30,
            )
            counts["recurrences"] += 1
        proposed = Obligation.objects.filter(
            body=qh,
            status=Obligation.Status.PROPOSED,
            authority_agency__isnull=False,
            due_date__lt=day,
        ).order_by("work_id", "provision_eid")[:3]
        for ob in proposed:
            services.obligation_confirm(actor=None, obligation=ob)
            counts["obligations_confirmed"] += 1
    counts["tasks"] += len(services.recurring_tasks_generate(on=day)["created"])
    services.tasks_check_deadlines(on=day)
    return counts
