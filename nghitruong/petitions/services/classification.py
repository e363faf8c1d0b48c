"""Classification and routing support (issue 5 §3): training the suggestion model, confirming and
removing the legal provisions related to a petition. Each write is audited.

The field, level and agency themselves are still set by ``petition_classify`` / ``petition_assign``
/ ``petition_reassign`` (workflow.py): a suggestion is only ever applied by staff through them.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import is_staff_of
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Provision, Work
from nghitruong.documents.permissions import NOT_FOUND_WORK, can_read_work
from nghitruong.petitions import classifier
from nghitruong.petitions.models import ClassifierModel, Petition, PetitionProvisionLink
from nghitruong.petitions.permissions import DENIED, require_manage
from nghitruong.petitions.selectors_classification import confirmed_samples, provision_label

MIN_EVALUATION_SAMPLES = 20  # below this a held-out figure says nothing; none is recorded


def _evaluation(rows: list[tuple[int, classifier.Sample]]) -> dict[str, Any]:
    """Top-1/top-3 field accuracy on a fixed fifth of the petitions (``classifier.held_out``)."""
    if len(rows) < MIN_EVALUATION_SAMPLES:
        return {}
    train_set = [s for pk, s in rows if not classifier.held_out(f"petition:{pk}")]
    test_set = [s for pk, s in rows if classifier.held_out(f"petition:{pk}")]
    if not train_set or not test_set:
        return {}
    return classifier.evaluate(train_set, test_set) | {"split": "held-out fifth by petition id"}


@transaction.atomic
def petition_classifier_train(*, actor: Any, body: ElectedBody | None = None) -> ClassifierModel:
    """Train on the confirmed classifications (of ``body``, or of every body) and store the model.

    ``actor`` None is the system (the ``train-classifier`` command); a user needs to be staff of
    ``body``, or a superuser for the model of every body."""
    if actor is not None:
        allowed = is_staff_of(actor, body) if body is not None else actor.is_superuser
        if not allowed:
            raise PermissionDeniedError(DENIED)
    rows = confirmed_samples(body=body)
    if not rows:
        raise ConflictError(
            "Chưa có kiến nghị nào được phân loại để huấn luyện / No confirmed classifications "
            "to train on",
            code="no_samples",
        )
    samples = [s for _pk, s in rows]
    model = classifier.train(samples)
    row = ClassifierModel.objects.create(
        body=body,
        trained_at=timezone.now(),
        trained_by=actor,
        samples=len(samples),
        agency_samples=sum(1 for s in samples if s.agency),
        fields_seen=len(model.docs),
        parameters=model.as_json(),
        evaluation=_evaluation(rows),
    )
    audit_record(
        actor=actor,
        action="petition.classifier_train",
        obj=row,
        body=body,
        after={
            "samples": row.samples,
            "agency_samples": row.agency_samples,
            "fields": row.fields_seen,
            "evaluation": row.evaluation,
        },
    )
    return row


def _link_state(link: PetitionProvisionLink) -> dict[str, Any]:
    return {
        "link": link.pk,
        "work": link.work_id,
        "provision": link.provision_id,
        "eid": link.eid,
        "label": link.label,
        "source": link.source,
    }


@transaction.atomic
def petition_provision_link(
    *,
    actor: Any,
    petition: Petition,
    work: Work,
    provision: Provision | None = None,
    source: str = PetitionProvisionLink.Source.MANUAL,
) -> PetitionProvisionLink:
    """Confirm that ``provision`` (or the whole ``work``) relates to ``petition``."""
    require_manage(actor, petition)
    if not can_read_work(actor, work):
        raise NotFoundError(NOT_FOUND_WORK)
    if source not in PetitionProvisionLink.Source.values:
        raise ApplicationError(
            "Nguồn gợi ý không hợp lệ / Invalid suggestion source", code="invalid_source"
        )
    if provision is not None and provision.expression.work_id != work.pk:
        raise ApplicationError(
            "Điều khoản không thuộc văn bản đã chọn / The provision is not part of that document",
            code="provision_mismatch",
        )
    eid = provision.eid if provision is not None else ""
    Petition.objects.select_for_update().filter(pk=petition.pk).first()  # serialise per petition
    if PetitionProvisionLink.objects.filter(petition=petition, work=work, eid=eid).exists():
        raise ConflictError(
            "Điều khoản này đã được liên kết / This provision is already linked",
            code="already_linked",
        )
    link = PetitionProvisionLink.objects.create(
        petition=petition,
        work=work,
        provision=provision,
        eid=eid,
        label=provision_label(work, provision),
        source=source,
        confirmed_by=actor,
        confirmed_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="petition.provision_link",
        obj=petition,
        body=petition.body,
        after=_link_state(link),
    )
    return link


@transaction.atomic
def petition_provision_unlink(*, actor: Any, link: PetitionProvisionLink) -> None:
    """Remove a confirmed provision link."""
    petition = link.petition
    require_manage(actor, petition)
    before = _link_state(link)
    deleted, _ = PetitionProvisionLink.objects.filter(pk=link.pk).delete()
    if not deleted:
        raise NotFoundError("Không tìm thấy liên kết / Link not found")
    audit_record(
        actor=actor,
        action="petition.provision_unlink",
        obj=petition,
        body=petition.body,
        before=before,
    )
