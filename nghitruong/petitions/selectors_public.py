"""Reads for the public portal and the staff dashboard: answers, statistics, open data, counts.

The public set excludes submissions awaiting or refused by moderation and denunciations. No
public read returns a petitioner's personal data; online submissions' own text is not published
either (only petitions compiled from voter meetings, which delegations publish in their reports).
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nghitruong.core.text import fold
from nghitruong.petitions import rules
from nghitruong.petitions.models import Petition, PetitionAnswer, PetitionEvent
from nghitruong.petitions.permissions import agency_ids_of, petition_scope
from nghitruong.petitions.selectors import _rows

DUE_SOON_DAYS = 7
# Late: an answer past its due date, or a "being resolved" commitment past its date.
OVERDUE = Q(status="assigned", overdue_since__isnull=False) | Q(
    status="being_resolved", commitment_broken_since__isnull=False
)
# Every state a petition passes through gets its own timestamp column in the open data.
STATE_COLUMNS = [str(s) for s in rules.Status]
EXPORT_FIELDS = [
    "id",
    "merged_into",
    "body",
    "source",
    "field",
    "level",
    "agency",
    "province",
    "status",
    "latest_outcome",
    "received_on",
    "due_date",
    "overdue_since",
    "committed_date",
    "content",
    *[f"{s}_at" for s in STATE_COLUMNS],
]


def public_petitions() -> QuerySet[Petition]:
    return Petition.objects.exclude(
        moderation__in=(Petition.Moderation.PENDING, Petition.Moderation.REJECTED)
    ).exclude(status=Petition.Status.DENUNCIATION)


def published_answers(*, query: str = "") -> QuerySet[PetitionAnswer]:
    qs = PetitionAnswer.objects.filter(
        petition__in=public_petitions().filter(source=Petition.Source.MEETING)
    ).select_related("agency", "petition__field", "petition__province", "petition__body")
    if query:
        qs = qs.filter(petition__search_text__contains=fold(query))
    return qs.order_by("-answered_on", "-id")


def _with_bars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top = max((r["total"] for r in rows), default=0) or 1
    for r in rows:
        r["bar"] = round(300 * r["total"] / top)  # the SVG bar's width in px (of 300)
        r["bar_answered"] = round(300 * r["answered"] / top)
    return rows


def public_statistics() -> dict[str, Any]:
    qs = public_petitions().filter(duplicate_of__isnull=True)
    routed = qs.filter(clock_start__isnull=False)
    return {
        "total": qs.count(),
        "routed": routed.count(),
        "by_province": _with_bars(_rows(qs, "province__code", "province__name")),
        "by_field": _with_bars(_rows(qs, "field__code", "field__name")),
    }


def _export_row(p: Petition, first_at: dict[str, dt.datetime]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": p.pk,
        "merged_into": p.duplicate_of_id,
        "body": p.body.code,
        "source": p.source,
        "field": p.field.code if p.field else "",
        "level": p.level,
        "agency": p.agency.code if p.agency else "",
        "province": p.province.code if p.province else "",
        "status": p.status,
        "latest_outcome": p.latest_outcome,
        "received_on": p.received_on.isoformat(),
        "due_date": p.due_date.isoformat() if p.due_date else "",
        "overdue_since": p.overdue_since.isoformat() if p.overdue_since else "",
        "committed_date": p.committed_date.isoformat() if p.committed_date else "",
        "content": p.content if p.source == Petition.Source.MEETING else "",
    }
    for state in STATE_COLUMNS:
        at = first_at.get(state)
        row[f"{state}_at"] = at.isoformat() if at else ""
    return row


def open_data_rows(*, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every public petition, anonymised, with a stable id and the first time of every state."""
    qs = public_petitions().select_related("body", "field", "agency", "province").order_by("id")
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        first_at: dict[int, dict[str, dt.datetime]] = {}
        for pid, status, at in (
            PetitionEvent.objects.filter(petition_id__in=[p.pk for p in batch])
            .order_by("at", "id")
            .values_list("petition_id", "status", "at")
        ):
            first_at.setdefault(pid, {}).setdefault(status, at)
        for p in batch:
            yield _export_row(p, first_at.get(p.pk, {}))
        last = batch[-1].pk


def dashboard_counts(*, user: object, today: dt.date | None = None) -> dict[str, int]:
    """The card on the staff dashboard: new, awaiting moderation, due soon, overdue."""
    day = today or timezone.localdate()
    qs = Petition.objects.filter(petition_scope(user), duplicate_of__isnull=True)
    return qs.aggregate(
        new=Count("id", filter=Q(status="received") & ~Q(moderation__in=("pending", "rejected"))),
        moderation=Count("id", filter=Q(moderation="pending")),
        due_soon=Count(
            "id",
            filter=Q(
                status="assigned",
                overdue_since__isnull=True,
                due_date__gte=day,
                due_date__lte=day + dt.timedelta(days=DUE_SOON_DAYS),
            ),
        ),
        overdue=Count("id", filter=OVERDUE),
    )


def has_petition_role(user: object) -> bool:
    return Petition.objects.filter(petition_scope(user)).exists() or bool(agency_ids_of(user))
