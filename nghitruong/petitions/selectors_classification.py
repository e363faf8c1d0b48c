"""Reads for classification and routing (issue 5 §3): the training samples, the stored model, the
suggestions staff see on a petition (field, agency, level, legal provisions), confirmed provision
links and their public form.

Legal provisions are suggested from (a) citations in the petition text ("Điều 5 Luật Đất đai",
"Nghị định 100/2019/NĐ-CP"), parsed by ``documents.parsing`` and resolved like the knowledge base's
resolver, and (b) the search app's top article hits for the petition's folded text, among documents
the user may read that are in force. The search app is asked through its public read
(``search.selectors.search``), never its tables.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from nghitruong.core.exceptions import NotFoundError
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.documents.models import Confidentiality, Provision, Work
from nghitruong.documents.parsing import find_citations
from nghitruong.documents.selectors import (
    find_work_by_ref,
    provision_by_eid,
    work_current_expression,
)
from nghitruong.documents.selectors.resolve import path_eid
from nghitruong.petitions import classifier, similarity, tracking
from nghitruong.petitions.models import (
    ClassifierModel,
    Petition,
    PetitionEvent,
    PetitionField,
    PetitionProvisionLink,
)
from nghitruong.petitions.permissions import can_manage, petition_scope
from nghitruong.petitions.selectors import access_petition
from nghitruong.search.selectors import search

LOCAL_COUNCILS = (
    ElectedBody.Kind.PROVINCIAL_COUNCIL,
    ElectedBody.Kind.PROVINCIAL_COUNCIL_BOARD,
    ElectedBody.Kind.COMMUNE_COUNCIL,
    ElectedBody.Kind.COMMUNE_COUNCIL_BOARD,
)
# Petitions routed to an agency that staff did not correct afterwards (a "not competent" answer
# leaves the petition ``forwarded``: its agency was wrong and is not learned).
ROUTED = (
    Petition.Status.ASSIGNED,
    Petition.Status.ANSWERED,
    Petition.Status.BEING_RESOLVED,
    Petition.Status.RESOLVED,
    Petition.Status.CLOSED,
)
PROVISIONS_FROM_SEARCH = 3
SEARCH_WORDS = 60
_WORD = re.compile(r"[a-z0-9]+")


# --- training data and the stored model -------------------------------------------------------


def confirmed_samples(*, body: ElectedBody | None = None) -> list[tuple[int, classifier.Sample]]:
    """(petition id, sample) for every petition whose field staff confirmed (``petition_classify``
    wrote its "classified" event), with the agency when it was routed and not sent back."""
    classified = PetitionEvent.objects.filter(petition=OuterRef("pk"), kind="classified")
    qs = Petition.objects.filter(Exists(classified), field__isnull=False)
    if body is not None:
        qs = qs.filter(body=body)
    rows = qs.order_by("pk").values_list(
        "pk", "content", "field__code", "agency__code", "status", "body_id"
    )
    return [
        (
            pk,
            classifier.Sample(
                text=content,
                field=code,
                agency=(agency or "") if status in ROUTED else "",
                body=str(body_id),
            ),
        )
        for pk, content, code, agency, status, body_id in rows
    ]


def latest_model(*, body: ElectedBody | None) -> ClassifierModel | None:
    """The newest model trained for ``body``, else the newest trained on every body."""
    if body is not None:
        own = ClassifierModel.objects.filter(body=body).first()
        if own is not None:
            return own
    return ClassifierModel.objects.filter(body__isnull=True).first()


# --- suggestions -------------------------------------------------------------------------------


@dataclass
class FieldSuggestion:
    field: PetitionField
    score: float
    reasons: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass
class AgencySuggestion:
    agency: Agency
    score: float
    reasons: tuple[str, ...]
    level: str

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def level_label(self) -> str:
        return str(Petition.Level(self.level).label)


@dataclass
class ProvisionSuggestion:
    work: Work
    provision: Provision | None
    label: str
    source: str
    reason: str


@dataclass
class PetitionSuggestions:
    petition: Petition
    fields: list[FieldSuggestion]
    agencies: list[AgencySuggestion]
    level: str  # "" when nothing points to a level
    level_reason: str
    provisions: list[ProvisionSuggestion]
    links: list[PetitionProvisionLink]
    model: ClassifierModel | None
    manage: bool

    @property
    def level_label(self) -> str:
        return str(Petition.Level(self.level).label) if self.level else ""


def agency_level(agency: Agency) -> str:
    """Competence level of an agency: a People's Committee or department of a province or commune
    is at that level; every other agency (ministries, courts, procuracy) is central."""
    unit = agency.admin_unit
    if unit is None or agency.kind not in (Agency.Kind.PEOPLES_COMMITTEE, Agency.Kind.DEPARTMENT):
        return Petition.Level.CENTRAL
    return Petition.Level.COMMUNE if unit.level == "commune" else Petition.Level.PROVINCIAL


def _local_committee(body: ElectedBody) -> Agency | None:
    if body.kind not in LOCAL_COUNCILS or body.admin_unit_id is None:
        return None
    return (
        Agency.objects.filter(
            kind=Agency.Kind.PEOPLES_COMMITTEE, admin_unit_id=body.admin_unit_id, is_active=True
        )
        .order_by("code")
        .first()
    )


def _field_suggestions(
    petition: Petition, model: classifier.Model | None
) -> tuple[list[classifier.Suggestion], dict[str, PetitionField]]:
    active = {f.code: f for f in PetitionField.objects.filter(is_active=True)}
    ranked = classifier.suggest_fields(petition.content, model=model, top=len(active) or 1)
    return [s for s in ranked if s.key in active][: classifier.TOP], active


def _agency_suggestions(
    petition: Petition,
    fields: list[classifier.Suggestion],
    model: classifier.Model | None,
    names: dict[str, str],
) -> list[AgencySuggestion]:
    rules = classifier.default_rules()
    local = _local_committee(petition.body)
    active = {a.code: a for a in Agency.objects.filter(is_active=True).select_related("admin_unit")}

    def rule_agencies(code: str) -> list[str]:
        if local is not None:
            return [local.code]
        return [c for c in rules.agencies.get(code, ()) if c in active]

    ranked = classifier.suggest_agencies(
        fields,
        model=model,
        rule_agencies=rule_agencies,
        body=str(petition.body_id),
        field_names=names,
        agency_names={c: a.name for c, a in active.items()},
        top=len(active) or 1,
    )
    return [
        AgencySuggestion(active[s.key], s.score, s.reasons, agency_level(active[s.key]))
        for s in ranked
        if s.key in active
    ][: classifier.TOP]


def petition_suggestions(*, user: Any, petition: Petition) -> PetitionSuggestions:
    """What the staff detail page offers for one petition. ``NotFoundError`` when ``user`` may not
    reach the petition (``access_petition``)."""
    petition = access_petition(user, petition.pk)
    stored = latest_model(body=petition.body)
    model = classifier.Model.from_json(stored.parameters) if stored else None
    raw_fields, active = _field_suggestions(petition, model)
    names = {code: f.name for code, f in active.items()}
    fields = [FieldSuggestion(active[s.key], s.score, s.reasons) for s in raw_fields]
    agencies = _agency_suggestions(petition, raw_fields, model, names)
    level, level_reason = "", ""
    if agencies:
        level = agencies[0].level
        level_reason = f"theo cơ quan: {agencies[0].agency.name}"
    links = provision_links(petition=petition)
    return PetitionSuggestions(
        petition=petition,
        fields=fields,
        agencies=agencies,
        level=level,
        level_reason=level_reason,
        provisions=provision_suggestions(user=user, petition=petition, links=links),
        links=links,
        model=stored,
        manage=can_manage(user, petition),
    )


# --- legal provisions --------------------------------------------------------------------------


def provision_label(work: Work, provision: Provision | None) -> str:
    """ "Khoản 2 Điều 5 — Luật Đất đai (31/2024/QH15)"; the document alone without a provision."""
    doc = work.title + (f" ({work.number})" if work.number else "")
    if provision is None:
        return doc[:300]
    parts: list[str] = []
    node: Provision | None = provision
    while node is not None and node.kind in ("point", "clause", "article"):
        parts.append(node.label or node.eid)
        node = node.parent
    if not parts:
        parts.append(provision.label or provision.eid)
    words = [parts[0]] + [p[:1].lower() + p[1:] if p[:1] != "Đ" else p for p in parts[1:]]
    return f"{' '.join(words)} — {doc}"[:300]


def access_provision_link(user: Any, link_id: int) -> PetitionProvisionLink:
    """A confirmed link of a petition ``user`` may reach; ``NotFoundError`` otherwise."""
    link = (
        PetitionProvisionLink.objects.select_related("petition__body", "work")
        .filter(pk=link_id, petition__in=Petition.objects.filter(petition_scope(user)))
        .first()
    )
    if link is None:
        raise NotFoundError("Không tìm thấy liên kết / Link not found")
    return link


def provision_links(*, petition: Petition) -> list[PetitionProvisionLink]:
    return list(
        PetitionProvisionLink.objects.filter(petition=petition)
        .select_related("work", "provision", "confirmed_by")
        .order_by("confirmed_at", "id")
    )


def _cited(user: Any, petition: Petition) -> list[ProvisionSuggestion]:
    out: list[ProvisionSuggestion] = []
    for citation in find_citations(petition.content):
        for target in citation.targets[:5]:
            if target.document.kind == "this":
                continue
            work = find_work_by_ref(target.document, user)
            if work is None:
                continue
            provision = None
            eid = path_eid(target.path)
            if eid:
                expression = work_current_expression(work)
                provision = provision_by_eid(expression, eid) if expression else None
            out.append(
                ProvisionSuggestion(
                    work=work,
                    provision=provision,
                    label=provision_label(work, provision),
                    source=PetitionProvisionLink.Source.CITATION,
                    reason=f"trích dẫn trong nội dung: “{citation.text}”",
                )
            )
    return out


def search_query(text: str) -> str:
    """The petition's folded words for the search app: no preamble, no function syllables."""
    words = [w for w in _WORD.findall(similarity.normalise(text)) if w not in similarity.STOP]
    return " ".join(words[:SEARCH_WORDS])


def _searched(user: Any, petition: Petition) -> list[ProvisionSuggestion]:
    query = search_query(petition.content)
    if not query:
        return []
    result = search(user=user, query=query, filters={"status": "in_force"}, snippets=False)
    hits = [h for h in result.hits if h.provision_id and h.work_id]
    provisions = Provision.objects.select_related("parent", "expression__work").in_bulk(
        [h.provision_id for h in hits if h.provision_id]
    )
    out: list[ProvisionSuggestion] = []
    for hit in hits:
        provision = provisions.get(hit.provision_id or 0)
        if provision is None:
            continue
        work = provision.expression.work
        out.append(
            ProvisionSuggestion(
                work=work,
                provision=provision,
                label=provision_label(work, provision),
                source=PetitionProvisionLink.Source.SEARCH,
                reason=f"tìm kiếm văn bản còn hiệu lực (điểm {hit.score:.2f})",
            )
        )
    return out


def provision_suggestions(
    *, user: Any, petition: Petition, links: list[PetitionProvisionLink] | None = None
) -> list[ProvisionSuggestion]:
    """Citations first (in text order), then up to ``PROVISIONS_FROM_SEARCH`` search hits; never a
    provision already linked, never one twice, only documents ``user`` may read."""
    linked = {(link.work_id, link.eid) for link in links or provision_links(petition=petition)}
    seen: set[tuple[int, str]] = set()
    out: list[ProvisionSuggestion] = []
    searched = 0
    for s in _cited(user, petition) + _searched(user, petition):
        key = (s.work.pk, s.provision.eid if s.provision else "")
        if key in linked or key in seen:
            continue
        if s.source == PetitionProvisionLink.Source.SEARCH:
            if searched >= PROVISIONS_FROM_SEARCH:
                continue
            searched += 1
        seen.add(key)
        out.append(s)
    return out


def public_provision_links(*, petition: Petition) -> list[dict[str, str]]:
    """Confirmed links to PUBLIC documents only, with their address in the public reader."""
    rows = (
        PetitionProvisionLink.objects.filter(
            petition=petition, work__confidentiality=Confidentiality.PUBLIC
        )
        .select_related("work")
        .order_by("confirmed_at", "id")
    )
    return [
        {
            "label": link.label,
            "url": reverse("documents:detail", args=[link.work_id])
            + (f"#{link.eid}" if link.eid else ""),
        }
        for link in rows
    ]


def public_links_for_code(*, code: str) -> list[dict[str, str]]:
    """The follow page's links: those of the petition the code follows (a merged petition is
    followed through its group's primary, as ``selectors.petition_follow`` does)."""
    if not tracking.is_valid(code):
        return []
    own = (
        Petition.objects.filter(tracking_code=tracking.normalise(code))
        .select_related("duplicate_of")
        .first()
    )
    if own is None or own.moderation in (
        Petition.Moderation.PENDING,
        Petition.Moderation.REJECTED,
    ):
        return []
    return public_provision_links(petition=own.duplicate_of or own)


__all__ = [
    "AgencySuggestion",
    "FieldSuggestion",
    "PetitionSuggestions",
    "ProvisionSuggestion",
    "access_provision_link",
    "agency_level",
    "confirmed_samples",
    "latest_model",
    "petition_suggestions",
    "provision_label",
    "provision_links",
    "provision_suggestions",
    "public_links_for_code",
    "public_provision_links",
    "search_query",
]
