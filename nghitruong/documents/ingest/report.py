"""What an import did: created, skipped (duplicates), refused (bad files), queued (OCR)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from nghitruong.core.exceptions import ApplicationError

#: ``progress(done, total, name)`` — called after each document.
Progress = Callable[[int, int, str], None]


class DocumentRefusedError(ApplicationError):
    """A file or record that must not be imported; nothing of it was stored."""

    default_code = "document_refused"


@dataclass
class ImportReport:
    created_work_ids: list[int] = field(default_factory=list)
    provisions: int = 0
    relations: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (name, code, message)
    queued_job_ids: list[int] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (name, citation text)

    @property
    def works(self) -> int:
        return len(self.created_work_ids)

    def summary(self) -> str:
        return (
            f"Đã nhập {self.works} văn bản, {self.provisions} điều khoản, {self.relations} quan hệ; "
            f"bỏ qua {len(self.skipped)} trùng; từ chối {len(self.refused)}; "
            f"chờ OCR {len(self.queued_job_ids)} / Imported {self.works} documents, "
            f"{self.provisions} provisions, {self.relations} relations; skipped "
            f"{len(self.skipped)} duplicates; refused {len(self.refused)}; "
            f"queued for OCR {len(self.queued_job_ids)}"
        )
