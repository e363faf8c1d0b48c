"""Writes on works: create, update metadata, set status, delete. Each is audited."""

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.hooks import fire_on_commit
from nghitruong.core.models import Agency, ElectedBody
from nghitruong.documents.frbr import number_key, work_frbr_uri
from nghitruong.documents.models import Confidentiality, DocType, Status, Work
from nghitruong.documents.permissions import require_document_staff

EDITABLE_FIELDS = (
    "doc_type",
    "number",
    "title",
    "summary",
    "issuer",
    "issuer_agency",
    "signer",
    "issued_date",
    "effective_date",
    "expiry_date",
    "status",
    "fields",
    "confidentiality",
)


def content_hash(text: str) -> str:
    """SHA-256 of the NFC text with whitespace collapsed: the same text hashes the same."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def work_snapshot(work: Work) -> dict[str, Any]:
    return {
        "frbr_uri": work.frbr_uri,
        "body_id": work.body_id,
        "doc_type": work.doc_type,
        "number": work.number,
        "title": work.title,
        "summary": work.summary,
        "issuer": work.issuer,
        "issuer_agency_id": work.issuer_agency_id,
        "signer": work.signer,
        "issued_date": work.issued_date,
        "effective_date": work.effective_date,
        "expiry_date": work.expiry_date,
        "status": work.status,
        "fields": work.fields,
        "confidentiality": work.confidentiality,
    }


def _validate(work: Work) -> None:
    if work.doc_type not in DocType.values:
        raise ApplicationError(
            f"Loại văn bản không hợp lệ / Invalid document type: {work.doc_type!r}",
            code="invalid_doc_type",
        )
    if work.status and work.status not in Status.values:
        raise ApplicationError(
            f"Tình trạng hiệu lực không hợp lệ / Invalid status: {work.status!r}",
            code="invalid_status",
        )
    if work.confidentiality not in Confidentiality.values:
        raise ApplicationError(
            "Mức truy cập không hợp lệ / Invalid access level", code="invalid_confidentiality"
        )
    if not work.title.strip():
        raise ApplicationError("Thiếu tên văn bản / Title is required", code="title_required")
    if work.effective_date and work.expiry_date and work.expiry_date < work.effective_date:
        raise ApplicationError(
            "Ngày hết hiệu lực trước ngày có hiệu lực / Expiry date is before the effective date",
            code="dates_out_of_order",
        )


def work_create(
    *,
    actor: Any,
    body: ElectedBody,
    doc_type: str,
    title: str,
    number: str = "",
    frbr_uri: str = "",
    summary: str = "",
    issuer: str = "",
    issuer_agency: Agency | None = None,
    signer: str = "",
    issued_date: dt.date | None = None,
    effective_date: dt.date | None = None,
    expiry_date: dt.date | None = None,
    status: str = "",
    fields: Iterable[str] = (),
    confidentiality: str = Confidentiality.PUBLIC,
    content_hash: str = "",
    provenance: dict[str, Any] | None = None,
    notify: bool = True,
) -> Work:
    """Create a work (metadata only; add text with ``expression_create``)."""
    require_document_staff(actor, body)
    nfc = unicodedata.normalize
    work = Work(
        body=body,
        doc_type=doc_type,
        number=nfc("NFC", number.strip()),
        number_key=number_key(number),
        title=nfc("NFC", " ".join(title.split())),
        summary=nfc("NFC", summary.strip()),
        issuer=nfc("NFC", issuer.strip()),
        issuer_agency=issuer_agency,
        signer=nfc("NFC", signer.strip()),
        issued_date=issued_date,
        effective_date=effective_date,
        expiry_date=expiry_date,
        status=status,
        fields=[nfc("NFC", f) for f in fields],
        confidentiality=confidentiality,
        content_hash=content_hash,
        provenance=provenance or {},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _validate(work)
    work.frbr_uri = frbr_uri or work_frbr_uri(
        doc_type=doc_type,
        number=work.number,
        title=work.title,
        issued_date=issued_date,
        issuer=work.issuer,
    )
    with transaction.atomic():
        if Work.objects.filter(frbr_uri=work.frbr_uri).exists():
            raise ConflictError(
                f"Đã có văn bản với URI {work.frbr_uri} / A document with this URI exists",
                code="duplicate_work",
            )
        work.save()
        audit_record(
            actor=actor,
            action="document.work_create",
            obj=work,
            body=body,
            after=work_snapshot(work),
        )
        if notify:
            fire_on_commit("document.changed", work_ids=[work.pk])
    return work


def work_update(*, actor: Any, work: Work, **changes: Any) -> Work:
    """Change metadata fields (``EDITABLE_FIELDS``); the URI stays (it is the identifier)."""
    require_document_staff(actor, work.body)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(
            f"Không sửa được trường / Cannot edit fields: {', '.join(sorted(unknown))}",
            code="invalid_field",
        )
    with transaction.atomic():
        work = Work.objects.select_for_update().get(pk=work.pk)
        before = work_snapshot(work)
        for name, value in changes.items():
            if isinstance(value, str):
                value = unicodedata.normalize("NFC", value.strip())
            setattr(work, name, value)
        if "number" in changes:
            work.number_key = number_key(work.number)
        _validate(work)
        work.save()
        audit_record(
            actor=actor,
            action="document.work_update",
            obj=work,
            body=work.body,
            before=before,
            after=work_snapshot(work),
        )
        fire_on_commit("document.changed", work_ids=[work.pk])
    return work


def work_set_status(*, actor: Any, work: Work, status: str, note: str = "") -> Work:
    """Record the status as published (e.g. "Không còn phù hợp", which no relation implies)."""
    require_document_staff(actor, work.body)
    if status not in Status.values:
        raise ApplicationError(
            f"Tình trạng hiệu lực không hợp lệ / Invalid status: {status!r}", code="invalid_status"
        )
    with transaction.atomic():
        work = Work.objects.select_for_update().get(pk=work.pk)
        before = work.status
        work.status = status
        work.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="document.work_set_status",
            obj=work,
            body=work.body,
            before={"status": before},
            after={"status": status, "note": note},
        )
        fire_on_commit("document.changed", work_ids=[work.pk])
    return work


def work_delete(*, actor: Any, work: Work) -> None:
    """Remove a work with its versions, provisions, files and relations."""
    require_document_staff(actor, work.body)
    with transaction.atomic():
        snapshot = work_snapshot(work)
        work_id = work.pk
        audit_record(
            actor=actor,
            action="document.work_delete",
            body=work.body,
            object_type="documents.work",
            object_id=str(work_id),
            before=snapshot,
        )
        work.delete()
        fire_on_commit("document.deleted", work_ids=[work_id])
