"""OCR of scanned PDFs (no text layer) in the background: ``ocrmypdf -l vie`` then the normal
text import. Progress and the outcome are recorded on an ``ImportJob`` row."""

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.ingest.common import notify_changed
from nghitruong.documents.ingest.report import ImportReport
from nghitruong.documents.ingest.storage import source_path, store_bytes
from nghitruong.documents.models import ImportJob

OCR_TIMEOUT_SECONDS = 30 * 60
MISSING_OCR = (
    "Máy chủ chưa cài công cụ nhận dạng chữ: cần gói ocrmypdf và tesseract-ocr-vie "
    "(apt-get install ocrmypdf tesseract-ocr-vie) / OCR is not available on this server: "
    "install ocrmypdf and tesseract-ocr-vie"
)


def ocr_available() -> str:
    """ "" when OCR can run, otherwise the message to show."""
    tesseract = shutil.which("tesseract")
    if shutil.which("ocrmypdf") is None or tesseract is None:
        return MISSING_OCR
    langs = subprocess.run(  # noqa: S603 - absolute path from shutil.which, fixed arguments
        [tesseract, "--list-langs"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if "vie" not in (langs.stdout + langs.stderr).split():
        return MISSING_OCR
    return ""


def import_job_create_ocr(
    *, actor: Any, body: ElectedBody, name: str, data: bytes, confidentiality: str
) -> ImportJob:
    """Keep the scanned PDF and queue its OCR after commit."""
    from nghitruong.documents.tasks import ocr_import_task

    sha = hashlib.sha256(data).hexdigest()
    stored, _created = store_bytes(data, sha, ".pdf")
    with transaction.atomic():
        job = ImportJob.objects.create(
            body=body,
            created_by=actor if getattr(actor, "pk", None) else None,
            kind="ocr",
            original_name=name[:255],
            storage_path=stored,
            sha256=sha,
            confidentiality=confidentiality,
            message="Đang chờ nhận dạng chữ (OCR) / Waiting for OCR",
        )
        audit_record(
            actor=actor,
            action="document.import_job_create",
            obj=job,
            body=body,
            after={"name": name, "sha256": sha},
        )
        job_id = job.pk
        transaction.on_commit(lambda: ocr_import_task.enqueue(job_id))
    return job


def _set(job: ImportJob, *, state: str, progress: int, message: str) -> None:
    job.state, job.progress, job.message = state, progress, message
    job.save(update_fields=["state", "progress", "message", "work", "updated_at"])


def import_job_run_ocr(*, job_id: int) -> ImportJob:
    """Run OCR for a queued job, then import the recognised text like any other document."""
    from nghitruong.documents.ingest.files import import_text

    job = ImportJob.objects.select_related("body", "created_by").get(pk=job_id)
    if job.state in (ImportJob.State.DONE, ImportJob.State.RUNNING):
        return job
    missing = ocr_available()
    if missing:
        _set(job, state=ImportJob.State.FAILED, progress=0, message=missing)
        return job
    _set(
        job, state=ImportJob.State.RUNNING, progress=10, message="Đang nhận dạng chữ / Running OCR"
    )
    pdf = source_path(job.storage_path)
    ocrmypdf = shutil.which("ocrmypdf") or "ocrmypdf"
    with tempfile.TemporaryDirectory() as tmp:
        out, sidecar = Path(tmp) / "out.pdf", Path(tmp) / "text.txt"
        result = subprocess.run(  # noqa: S603 - absolute path, arguments are paths we made
            [ocrmypdf, "-l", "vie", "--skip-text", "--sidecar", str(sidecar), str(pdf), str(out)],
            capture_output=True,
            text=True,
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
        )
        if result.returncode != 0 or not sidecar.exists():
            tail = (result.stderr or "").strip().splitlines()[-1:] or [""]
            _set(
                job,
                state=ImportJob.State.FAILED,
                progress=100,
                message=f"Nhận dạng chữ thất bại / OCR failed: {tail[0][:300]}",
            )
            return job
        text = sidecar.read_text(encoding="utf-8", errors="replace").replace("\f", "\n")
    _set(job, state=ImportJob.State.RUNNING, progress=70, message="Đang nhập văn bản / Importing")
    report = ImportReport()
    try:
        work = import_text(
            text,
            name=job.original_name,
            actor=job.created_by,
            body=job.body,
            confidentiality=job.confidentiality,
            report=report,
            data=pdf.read_bytes(),
            mime="application/pdf",
            ocr=True,
        )
    except ApplicationError as exc:
        _set(job, state=ImportJob.State.FAILED, progress=100, message=exc.message)
        return job
    job.work = work
    _set(job, state=ImportJob.State.DONE, progress=100, message=report.summary())
    notify_changed(report.created_work_ids)
    return job
