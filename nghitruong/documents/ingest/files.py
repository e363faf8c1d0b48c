"""Import folders of TXT / DOCX / PDF files (and JSONL files found in them).

Per file: size limit → type-specific safety checks and text extraction (``safety``) → scanned PDF
queued for OCR (``ocr``) → refuse state-secret marks → header metadata, provision tree, relations
(``documents.parsing``) → duplicate checks (file hash, số ký hiệu, content hash) → one transaction
creating the work, its version, its source file and the extracted relations. A refusal or error
leaves nothing of that file behind (the stored copy is removed when the transaction fails).
"""

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.ingest.common import doc_type_from_title, duplicate_reason, notify_changed
from nghitruong.documents.ingest.report import DocumentRefusedError, ImportReport, Progress
from nghitruong.documents.ingest.safety import check_not_state_secret, check_size, extract
from nghitruong.documents.ingest.storage import remove_stored, store_bytes
from nghitruong.documents.models import Confidentiality, RelationOrigin, SourceFile, Work
from nghitruong.documents.selectors.resolve import path_eid
from nghitruong.documents.selectors.works import find_work_by_ref
from nghitruong.documents.services import (
    content_hash,
    expression_create,
    relation_create,
    work_create,
)

# "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2018" (the usual final-article wording).
_EFFECTIVE = re.compile(
    r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})"
)


def _effective_date(text: str) -> Any:
    import datetime as dt

    match = _EFFECTIVE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _link_relations(work: Work, text: str, *, actor: Any, report: ImportReport, name: str) -> int:
    from nghitruong.documents.parsing.relations import extract_relations

    made = 0
    for rel in extract_relations(text):
        for target in rel.targets:
            other = find_work_by_ref(target.document)
            if other is None or other.pk == work.pk:
                report.unresolved.append((name, rel.text[:200]))
                continue
            eid = path_eid(target.path)
            kind = rel.kind
            try:
                with transaction.atomic():
                    relation_create(
                        actor=actor,
                        kind=kind,
                        source_work=work,
                        target_work=other,
                        target_eid=eid,
                        effective_date=work.effective_date,
                        scope_text=rel.text[:500],
                        origin=RelationOrigin.EXTRACTION,
                        notify=False,
                    )
                made += 1
            except ApplicationError:
                report.unresolved.append((name, rel.text[:200]))
    return made


def import_text(
    text: str,
    *,
    name: str,
    actor: Any,
    body: ElectedBody,
    confidentiality: str,
    report: ImportReport,
    data: bytes | None = None,
    mime: str = "text/plain",
    ocr: bool = False,
) -> Work | None:
    """Import one document's text (already extracted). Returns the work, or None if skipped."""
    from nghitruong.documents.parsing.header import extract_header
    from nghitruong.documents.parsing.structure import parse_structure

    text = unicodedata.normalize("NFC", text)
    check_not_state_secret(text)
    sha = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    header = extract_header(text)
    parsed = parse_structure(text)
    if not any(p.kind not in ("preamble", "signature") for p in parsed.children):
        raise DocumentRefusedError(
            "Không nhận ra điều khoản nào trong văn bản / No provisions recognised",
            code="no_provisions",
        )
    number = header.number.key if header.number else ""
    title = header.title or Path(name).stem
    digest = content_hash(text)
    reason = duplicate_reason(number=number, content_hash=digest, sha256=sha)
    if reason:
        report.skipped.append((name, reason))
        return None
    doc_type = str(header.doc_type) if header.doc_type else doc_type_from_title(title)
    issued = header.date
    stored, created = ("", False)
    if data is not None:
        stored, created = store_bytes(data, sha, Path(name).suffix or ".txt")
    try:
        with transaction.atomic():
            work = work_create(
                actor=actor,
                body=body,
                doc_type=doc_type,
                title=title,
                number=number,
                summary=header.subject or "",
                issuer=header.issuer or "",
                issued_date=issued,
                effective_date=_effective_date(text),
                confidentiality=confidentiality,
                content_hash=digest,
                provenance={"source": "file", "file": name, "sha256": sha, "ocr": ocr},
                notify=False,
            )
            expression = expression_create(
                actor=actor,
                work=work,
                version_date=issued or timezone.localdate(),
                text=text,
                tree=parsed.children,
                notify=False,
            )
            if data is not None:
                SourceFile.objects.create(
                    work=work,
                    expression=expression,
                    original_name=name[:255],
                    sha256=sha,
                    size=len(data),
                    mime=mime,
                    storage_path=stored,
                    ocr=ocr,
                )
            report.relations += _link_relations(work, text, actor=actor, report=report, name=name)
    except Exception:
        if created:
            remove_stored(stored)
        raise
    report.created_work_ids.append(work.pk)
    report.provisions += expression.provisions.count()
    return work


def import_file(
    path: Path,
    *,
    actor: Any,
    body: ElectedBody,
    confidentiality: str,
    report: ImportReport,
) -> Work | None:
    check_size(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    reason = duplicate_reason(sha256=sha)
    if reason:
        report.skipped.append((path.name, reason))
        return None
    extracted = extract(path, data)
    if extracted.needs_ocr:
        from nghitruong.documents.ingest.ocr import import_job_create_ocr

        job = import_job_create_ocr(
            actor=actor, body=body, name=path.name, data=data, confidentiality=confidentiality
        )
        report.queued_job_ids.append(job.pk)
        return None
    return import_text(
        extracted.text,
        name=path.name,
        actor=actor,
        body=body,
        confidentiality=confidentiality,
        report=report,
        data=data,
        mime=extracted.mime,
    )


def import_path(
    path: str | Path,
    *,
    actor: Any = None,
    body: ElectedBody | None = None,
    confidentiality: str = Confidentiality.PUBLIC,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a file or every file under a folder; JSONL files go through ``import_jsonl``."""
    from nghitruong.documents.ingest.jsonl import import_jsonl

    if body is None:
        raise ApplicationError(
            "Cần chọn cơ quan quản lý / A body is required", code="body_required"
        )
    root = Path(path)
    if not root.exists():
        raise ApplicationError(f"Không tìm thấy {root} / Not found", code="not_found")
    files = (
        [root]
        if root.is_file()
        else sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    )
    report = ImportReport()
    for done, file in enumerate(files, start=1):
        if file.name.endswith((".jsonl", ".jsonl.gz")):
            sub = import_jsonl(
                file, actor=actor, body=body, confidentiality=confidentiality, notify=False
            )
            _merge(report, sub)
        else:
            try:
                import_file(
                    file, actor=actor, body=body, confidentiality=confidentiality, report=report
                )
            except ApplicationError as exc:
                report.refused.append((file.name, exc.code, exc.message))
        if progress:
            progress(done, len(files), file.name)
    notify_changed(report.created_work_ids)
    return report


def _merge(into: ImportReport, sub: ImportReport) -> None:
    into.created_work_ids += sub.created_work_ids
    into.provisions += sub.provisions
    into.relations += sub.relations
    into.skipped += sub.skipped
    into.refused += sub.refused
    into.queued_job_ids += sub.queued_job_ids
    into.unresolved += sub.unresolved
