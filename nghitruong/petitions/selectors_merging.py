"""Reads for merging: a group's sources and near-duplicate suggestions (similarity.py)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nghitruong.petitions import similarity
from nghitruong.petitions.models import Petition
from nghitruong.petitions.permissions import petition_scope

SUGGESTION_STATUSES = ("received", "classified", "assigned")


def group_sources(petition: Petition) -> list[Petition]:
    """The primary and every petition merged into it, with body, meeting and province."""
    primary_id = petition.duplicate_of_id or petition.pk
    return list(
        Petition.objects.filter(Q(pk=primary_id) | Q(duplicate_of_id=primary_id))
        .select_related("body__admin_unit", "meeting", "province")
        .order_by("received_on", "id")
    )


def provinces_label(petition: Petition) -> str:
    """ "Cử tri N tỉnh, thành phố kiến nghị" for a merged group (1 province: its name)."""
    names: dict[int, str] = {}
    for p in group_sources(petition):
        unit = p.province or p.body.admin_unit
        if unit is not None:
            names[unit.pk] = unit.name
    if len(names) <= 1:
        return f"Cử tri {next(iter(names.values()))} kiến nghị" if names else "Cử tri kiến nghị"
    return f"Cử tri {len(names)} tỉnh, thành phố kiến nghị"


@dataclass(frozen=True)
class Suggestion:
    petitions: list[Petition]
    score: float  # the highest pair cosine in the group


def merge_suggestions(
    *, petitions: Sequence[Petition], threshold: float = similarity.DEFAULT_THRESHOLD
) -> list[Suggestion]:
    """Groups of near-duplicates among ``petitions`` (diacritic-insensitive text similarity)."""
    groups = similarity.cluster([p.content for p in petitions], threshold=threshold)
    return [
        Suggestion(
            petitions=[petitions[i] for i in g.members],
            score=max(s for _i, _j, s in g.pairs),
        )
        for g in groups
    ]


def suggestion_candidates(*, user: object, limit: int = 2000) -> QuerySet[Petition]:
    """Unmerged open petitions the user may read, the pool suggestions are drawn from."""
    return (
        Petition.objects.filter(
            petition_scope(user),
            duplicate_of__isnull=True,
            status__in=SUGGESTION_STATUSES,
        )
        .exclude(moderation__in=("pending", "rejected"))
        .select_related("body", "province", "meeting")
        .order_by("-received_on", "-id")[:limit]
    )
