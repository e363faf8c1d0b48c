"""Reads for supervision (issue 5 §6): the public per-agency overdue list, the staff timeline of
reminders, and the supervision report's header and figures (who may produce it).

The public list covers the same petitions as the portal's statistics (``public_petitions``: no
submission awaiting or refused by moderation, no denunciation, no merged duplicate) that are late
now (``selectors_public.OVERDUE``): an answer past its due date, flagged by the daily check, or a
"being resolved" commitment past its date. It shows only what the published-answers page shows —
content summary (of petitions compiled at voter meetings only; other channels' text is never
published), field, province, agency, deadline — plus the days late. No tracking code (it opens the
petition's follow page, which is its holder's), no petitioner data.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.permissions import STAFF_ROLES, current_memberships
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody
from nghitruong.petitions.models import Petition, PetitionReminder
from nghitruong.petitions.permissions import SUPERVISION_BODY_CODE, is_supervisor, petition_scope
from nghitruong.petitions.reports.layout import ReportMeta, period_label
from nghitruong.petitions.selectors import supervision_summary
from nghitruong.petitions.selectors_public import OVERDUE, public_petitions

SUMMARY_WORDS = 40
KIND_ANSWER = "answer"
KIND_COMMITMENT = "commitment"
KIND_LABELS = {
    KIND_ANSWER: _("Quá hạn trả lời"),
    KIND_COMMITMENT: _("Quá thời hạn cam kết giải quyết"),
}
# ?sort= values of the page, the CSV and the API; "-" in front reverses.
SORTS = ("days", "deadline", "agency", "province", "field")
DEFAULT_SORT = "-days"
CSV_FIELDS = [
    "agency",
    "agency_name",
    "kind",
    "deadline",
    "days_overdue",
    "field",
    "province",
    "body",
    "content_summary",
]
AGENCY_CSV_FIELDS = ["agency", "agency_name", "overdue_answers", "broken_commitments", "total"]


@dataclass(frozen=True)
class OverdueRow:
    agency: str  # code
    agency_name: str
    kind: str  # KIND_ANSWER | KIND_COMMITMENT
    kind_label: str
    deadline: dt.date
    days_overdue: int
    field: str
    province: str
    body: str
    content_summary: str  # "" for petitions not compiled at a voter meeting

    def as_csv(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "agency_name": self.agency_name,
            "kind": self.kind,
            "deadline": self.deadline.isoformat(),
            "days_overdue": self.days_overdue,
            "field": self.field,
            "province": self.province,
            "body": self.body,
            "content_summary": self.content_summary,
        }


def word_summary(text: str, limit: int = SUMMARY_WORDS) -> str:
    """The first ``limit`` words of ``text`` (whitespace collapsed), " …" when cut."""
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def _summary(p: Petition) -> str:
    if p.source != Petition.Source.MEETING:
        return ""
    return word_summary(p.content)


def _row(p: Petition, day: dt.date) -> OverdueRow:
    kind = KIND_ANSWER if p.status == Petition.Status.ASSIGNED else KIND_COMMITMENT
    deadline = p.due_date if kind == KIND_ANSWER else p.committed_date
    assert p.agency is not None  # noqa: S101 - filtered in the query
    assert deadline is not None  # noqa: S101 - OVERDUE needs the deadline it is late for
    return OverdueRow(
        agency=p.agency.code,
        agency_name=p.agency.name,
        kind=kind,
        kind_label=str(KIND_LABELS[kind]),
        deadline=deadline,
        days_overdue=(day - deadline).days,
        field=p.field.name if p.field else "",
        province=p.province.name if p.province else "",
        body=p.body.name,
        content_summary=_summary(p),
    )


def _sort_key(sort: str) -> tuple[str, bool]:
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    if key not in SORTS:
        key, reverse = DEFAULT_SORT.lstrip("-"), True
    return key, reverse


def _fetch_rows(day: dt.date, agency: str = "") -> list[OverdueRow]:
    """The petitions late on ``day`` (optionally of one agency, its code), in id order."""
    qs = (
        public_petitions()
        .filter(OVERDUE, duplicate_of__isnull=True, agency__isnull=False)
        .select_related("agency", "field", "province", "body")
        .order_by("id")
    )
    if agency:
        qs = qs.filter(agency__code=agency)
    return [_row(p, day) for p in qs]


def _sorted_rows(rows: list[OverdueRow], sort: str) -> list[OverdueRow]:
    rows = list(rows)
    key, reverse = _sort_key(sort)
    attr = {"days": "days_overdue"}.get(key, key)
    # Ties keep a stable, meaningful order: most late first, then by agency.
    rows.sort(key=lambda r: (-r.days_overdue, r.agency_name))
    rows.sort(key=lambda r: getattr(r, attr), reverse=reverse)
    return rows


def _agency_counts(rows: list[OverdueRow]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = counts.setdefault(
            row.agency,
            {
                "agency": row.agency,
                "agency_name": row.agency_name,
                "overdue_answers": 0,
                "broken_commitments": 0,
                "total": 0,
            },
        )
        entry["overdue_answers" if row.kind == KIND_ANSWER else "broken_commitments"] += 1
        entry["total"] += 1
    return sorted(counts.values(), key=lambda e: (-e["total"], e["agency_name"]))


def overdue_petitions(
    *, today: dt.date | None = None, agency: str = "", sort: str = DEFAULT_SORT
) -> list[OverdueRow]:
    """The petitions late now, optionally of one agency (its code), sorted by ``sort``
    (``SORTS``, "-" for descending; unknown values fall back to most days late first)."""
    day = today or timezone.localdate()
    return _sorted_rows(_fetch_rows(day, agency), sort)


def overdue_by_agency(*, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per agency: overdue answers, broken commitments and their total, most late first."""
    return _agency_counts(overdue_petitions(today=today))


def overdue_page(
    *, today: dt.date | None = None, agency: str = "", sort: str = DEFAULT_SORT
) -> dict[str, Any]:
    """Everything the public page shows: the per-agency counts and the (filtered) list.

    One query: the counts cover every agency, the list only ``agency`` (when given)."""
    day = today or timezone.localdate()
    every = _fetch_rows(day)
    chosen = [r for r in every if r.agency == agency] if agency else every
    rows = _sorted_rows(chosen, sort)
    key, reverse = _sort_key(sort)
    return {
        "as_of": day,
        "agencies": _agency_counts(_sorted_rows(every, DEFAULT_SORT)),
        "rows": rows,
        "agency": agency,
        "sort": f"-{key}" if reverse else key,
    }


# --- the staff timeline ----------------------------------------------------------------------------

REMINDER_LABELS = {
    "answer.d7": _("Nhắc hạn trả lời: còn 7 ngày"),
    "answer.d1": _("Nhắc hạn trả lời: còn 1 ngày"),
    "answer.d0": _("Nhắc hạn trả lời: đến hạn hôm nay"),
    "answer.overdue": _("Báo quá hạn trả lời (gửi cơ quan giám sát)"),
    "commitment.d7": _("Nhắc thời hạn cam kết: còn 7 ngày"),
    "commitment.d1": _("Nhắc thời hạn cam kết: còn 1 ngày"),
    "commitment.d0": _("Nhắc thời hạn cam kết: đến hạn hôm nay"),
    "commitment.broken": _("Báo quá thời hạn cam kết (gửi cơ quan giám sát)"),
}


def reminder_label(kind: str) -> str:
    return str(REMINDER_LABELS.get(kind, kind))


def reminder_timeline(petition: Petition) -> list[dict[str, Any]]:
    """The reminders sent for ``petition``, as timeline rows (staff detail page only)."""
    return [
        {
            "at": r.sent_at,
            "kind": f"reminder.{r.kind}",
            "label": reminder_label(r.kind),
            "status": petition.status,
            "note": f"Thời hạn {r.due_date:%d/%m/%Y}; đã gửi đến {len(r.recipients)} người nhận",
        }
        for r in PetitionReminder.objects.filter(petition=petition).order_by("sent_at", "id")
    ]


# --- the supervision report (staff) ----------------------------------------------------------------

LEVEL_ORDER = {"central": 0, "provincial": 1, "commune": 2}
REPORT_DENIED = (
    "Chỉ cơ quan giám sát và văn phòng, thường trực của cơ quan dân cử được lập báo cáo giám sát / "
    "Only the supervising committee and a body's staff may produce the supervision report"
)


def may_report(user: object) -> bool:
    """Who gets the supervision page and its exports: a superuser, a member of the NA Committee
    on People's Aspirations and Supervision, or anyone holding a staff role (chair, vice-chair,
    standing member, secretariat, body admin) in a body. An agency officer or a deputy does not."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False) or is_supervisor(user):
        return True
    return current_memberships(user).filter(role__in=STAFF_ROLES).exists()


def require_report(user: object) -> None:
    if not may_report(user):
        raise PermissionDeniedError(REPORT_DENIED, code="supervision_denied")


def report_bodies(user: object) -> QuerySet[ElectedBody]:
    """The bodies whose routed petitions the user may count (the page's body filter)."""
    owners = Petition.objects.filter(petition_scope(user), clock_start__isnull=False).values(
        "body_id"
    )
    return ElectedBody.objects.filter(pk__in=owners).order_by("name")


def _issuer(user: object, body: ElectedBody | None) -> str:
    if body is not None:
        return body.name
    if is_supervisor(user):
        committee = ElectedBody.objects.filter(code=SUPERVISION_BODY_CODE).first()
        if committee is not None:
            return committee.name
    staff = [
        m.body
        for m in current_memberships(user).filter(role__in=STAFF_ROLES).select_related("body")
    ]
    if staff:
        return min(staff, key=lambda b: (LEVEL_ORDER.get(b.level, 9), b.name)).name
    return "Nghị Trường Số"


def supervision_report(
    *,
    user: object,
    body_id: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[ReportMeta, dict[str, Any]]:
    """The report's header and its figures (exactly ``selectors.supervision_summary``'s), for a
    user who ``may_report``; ``body_id`` limits it to the petitions one body collected."""
    require_report(user)
    body = None
    if body_id is not None:
        body = report_bodies(user).filter(pk=body_id).first()
        if body is None:
            raise NotFoundError("Không tìm thấy cơ quan / Body not found")
    issuer = _issuer(user, body)
    scope = (
        f"kiến nghị cử tri do {body.name} tiếp nhận, tổng hợp"
        if body is not None
        else f"toàn bộ kiến nghị cử tri thuộc phạm vi theo dõi của {issuer}"
    )
    meta = ReportMeta(
        issuer=issuer,
        scope=scope,
        period=period_label(received_from, received_to),
        generated_on=today or timezone.localdate(),
    )
    summary = supervision_summary(
        user=user, body=body, received_from=received_from, received_to=received_to
    )
    return meta, summary
