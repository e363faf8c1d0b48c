"""Ingestion of documents: JSONL (own export, bench corpus), TXT / DOCX / PDF files, OCR jobs."""

from nghitruong.documents.ingest.files import import_file, import_path, import_text
from nghitruong.documents.ingest.jsonl import import_jsonl
from nghitruong.documents.ingest.report import DocumentRefusedError, ImportReport

__all__ = [
    "DocumentRefusedError",
    "ImportReport",
    "import_file",
    "import_jsonl",
    "import_path",
    "import_text",
]
