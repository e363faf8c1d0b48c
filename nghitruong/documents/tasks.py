"""Background tasks of the documents app (django.tasks); each calls one service."""

from django_tasks import task

from nghitruong.documents.ingest.ocr import import_job_run_ocr


@task()
def ocr_import_task(job_id: int) -> None:
    """OCR a scanned PDF and import it (progress on the ImportJob row)."""
    import_job_run_ocr(job_id=job_id)
