"""Checks on untrusted files before any parser touches them, and text extraction.

Refusals (each a ``DocumentRefusedError`` with a stable code and a Vietnamese / English message):
too large (> ``MAX_FILE_BYTES``), unsupported type, corrupt or encrypted PDF, DOCX that is not a
valid zip or whose declared uncompressed size / compression ratio / member count looks like a
zip bomb (checked from the zip directory *before* decompressing anything), text that is not UTF-8
or UTF-16 with a BOM, and any text marked MẬT / TỐI MẬT / TUYỆT MẬT (the platform never holds
state secrets; DEVELOPERS.md).
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nghitruong.documents.ingest.report import DocumentRefusedError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100
MAX_DOCX_MEMBERS = 5000
MAX_PDF_PAGES = 3000
#: Fewer non-space characters than this per page on average → treat the PDF as scanned.
MIN_TEXT_CHARS_PER_PAGE = 20

SUPPORTED = {
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


@dataclass
class Extracted:
    text: str
    mime: str
    needs_ocr: bool = False
    pages: int = 0


def check_size(path: Path) -> int:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DocumentRefusedError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB > {MAX_FILE_BYTES // 1048576} MB) / "
            f"File too large",
            code="too_large",
        )
    if size == 0:
        raise DocumentRefusedError("Tệp rỗng / Empty file", code="empty_file")
    return size


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _bad_encoding() from exc
    if b"\x00" in data:
        raise _bad_encoding()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _bad_encoding() from exc


def _bad_encoding() -> DocumentRefusedError:
    return DocumentRefusedError(
        "Tệp văn bản không phải mã UTF-8 (hãy lưu lại dưới dạng UTF-8) / "
        "Text file is not UTF-8 encoded (save it as UTF-8)",
        code="bad_encoding",
    )


def check_docx_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentRefusedError(
            "Tệp DOCX bị hỏng (không phải tệp zip hợp lệ) / Corrupt DOCX (not a valid zip)",
            code="corrupt_file",
        ) from exc
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    bomb = (
        len(infos) > MAX_DOCX_MEMBERS
        or total > MAX_DOCX_UNCOMPRESSED
        or (total > 1024 * 1024 and total > MAX_DOCX_RATIO * max(packed, 1))
    )
    if bomb:
        raise DocumentRefusedError(
            f"Tệp DOCX có dấu hiệu 'bom nén' ({total} byte khi giải nén, {len(infos)} mục) / "
            "DOCX looks like a zip bomb",
            code="zip_bomb",
        )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise DocumentRefusedError(
            "Tệp DOCX không có nội dung văn bản (word/document.xml) / Not a Word document",
            code="corrupt_file",
        )


def extract_docx(data: bytes) -> str:
    check_docx_zip(data)
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on malformed XML
        raise DocumentRefusedError(
            "Không đọc được tệp DOCX / Cannot read the DOCX file", code="corrupt_file"
        ) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def extract_pdf(data: bytes) -> Extracted:
    import pypdf
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentRefusedError(
                "Tệp PDF có mật khẩu / The PDF is encrypted", code="encrypted_file"
            )
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise DocumentRefusedError(
                f"Tệp PDF quá nhiều trang ({pages}) / Too many pages", code="too_large"
            )
        if pages == 0:
            raise PdfReadError("no pages")
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except DocumentRefusedError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentRefusedError(
            "Tệp PDF bị hỏng hoặc không đọc được / Corrupt or unreadable PDF", code="corrupt_file"
        ) from exc
    visible = sum(1 for ch in text if not ch.isspace())
    return Extracted(
        text=text,
        mime=SUPPORTED[".pdf"],
        needs_ocr=visible < MIN_TEXT_CHARS_PER_PAGE * pages,
        pages=pages,
    )


def extract(path: Path, data: bytes) -> Extracted:
    """Text of a TXT / DOCX / PDF file, after every safety check."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentRefusedError(
            f"Không hỗ trợ định dạng {suffix or '(không có phần mở rộng)'}; chỉ nhận TXT, DOCX, "
            f"PDF / Unsupported file type",
            code="unsupported_type",
        )
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise DocumentRefusedError(
                "Tệp PDF bị hỏng (thiếu phần đầu %PDF) / Corrupt PDF (no %PDF header)",
                code="corrupt_file",
            )
        return extract_pdf(data)
    if suffix == ".docx":
        return Extracted(text=extract_docx(data), mime=SUPPORTED[".docx"])
    return Extracted(text=decode_text(data), mime=SUPPORTED[".txt"])


def check_not_state_secret(text: str) -> None:
    """Refuse any text carrying a state-secret mark (Luật Bảo vệ bí mật nhà nước 29/2018/QH14,
    Điều 8: MẬT, TỐI MẬT, TUYỆT MẬT). The detection itself is documents.parsing's."""
    from nghitruong.documents.parsing.header import detect_state_secret

    grade = detect_state_secret(text)
    if grade:
        raise DocumentRefusedError(
            f"Văn bản có dấu chỉ độ mật ({_grade_label(grade)}): hệ thống không lưu giữ bí mật "
            "nhà nước, tệp bị từ chối / The document is marked as a state secret: refused",
            code="state_secret",
        )


def _grade_label(grade: object) -> str:
    for attr in ("label", "value", "name"):
        value = getattr(grade, attr, None)
        if isinstance(value, str):
            return value
    return str(grade)
