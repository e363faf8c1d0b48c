"""Folder import: good files, duplicates, and bad files refused with nothing changed."""

import datetime as dt
import io
import zipfile

import pytest
from pypdf import PdfWriter

from nghitruong.core.hooks import _subscribers, subscribe
from nghitruong.core.models import AuditEntry
from nghitruong.documents.ingest import import_path
from nghitruong.documents.ingest.ocr import MISSING_OCR, ocr_available
from nghitruong.documents.models import (
    Expression,
    ImportJob,
    Provision,
    Relation,
    SourceFile,
    Work,
)
from nghitruong.documents.tests.factories import make_text_pdf, make_user
from nghitruong.documents.tests.samples import LAW_TEXT, SECRET_TEXT


@pytest.fixture(autouse=True)
def media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


def counts():
    return (
        Work.objects.count(),
        Expression.objects.count(),
        Provision.objects.count(),
        SourceFile.objects.count(),
        Relation.objects.count(),
        AuditEntry.objects.count(),
    )


def test_txt_import_with_header_structure_and_file(tmp_path, na, media):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "luat.txt").write_text(LAW_TEXT, encoding="utf-8")
    report = import_path(tmp_path / "in", body=na)
    assert report.refused == []
    work = Work.objects.get()
    assert (work.number, work.number_key, work.doc_type) == ("5/2022/QH15", "5/2022/QH15", "law")
    assert work.title == "Luật Thử nghiệm nhập văn bản"
    assert (work.issued_date, work.effective_date) == (dt.date(2022, 6, 15), dt.date(2023, 1, 1))
    assert work.frbr_uri == "/akn/vn/act/luat/qh/2022-06-15/5-2022-qh15"
    eids = list(work.expressions.get().provisions.values_list("eid", flat=True))
    assert "chp_I__art_2__cls_2__pnt_b" in eids
    src = SourceFile.objects.get()
    assert (src.original_name, src.size, src.mime) == (
        "luat.txt",
        len(LAW_TEXT.encode()),
        "text/plain",
    )
    assert (media / src.storage_path).read_text(encoding="utf-8") == LAW_TEXT
    assert report.works == 1


def test_docx_import(tmp_path, na):
    import docx

    document = docx.Document()
    for line in LAW_TEXT.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "luat.docx")
    report = import_path(tmp_path / "luat.docx", body=na)
    assert report.refused == []
    work = Work.objects.get()
    assert work.number_key == "5/2022/QH15"
    assert work.expressions.get().provisions.filter(kind="article").count() == 3


def test_text_pdf_import(tmp_path, na):
    (tmp_path / "luat.pdf").write_bytes(make_text_pdf(LAW_TEXT))
    report = import_path(tmp_path, body=na)
    assert (report.works, report.refused, report.queued_job_ids) == (1, [], [])
    work = Work.objects.get()
    assert (work.number_key, work.title) == ("5/2022/QH15", "Luật Thử nghiệm nhập văn bản")
    assert work.expressions.get().provisions.filter(kind="point").count() == 2
    assert SourceFile.objects.get().mime == "application/pdf"


def test_secret_pdf_refused(tmp_path, na):
    (tmp_path / "mat.pdf").write_bytes(make_text_pdf(SECRET_TEXT))
    before = counts()
    report = import_path(tmp_path, body=na)
    assert counts() == before
    assert [(n, c) for n, c, _m in report.refused] == [("mat.pdf", "state_secret")]


def test_duplicates_skipped(tmp_path, na):
    (tmp_path / "a.txt").write_text(LAW_TEXT, encoding="utf-8")
    import_path(tmp_path / "a.txt", body=na)
    before = counts()
    (tmp_path / "b.txt").write_text(LAW_TEXT + "\n", encoding="utf-8")  # same number, other bytes
    report = import_path(tmp_path, body=na)
    assert counts() == before
    assert [name for name, _ in report.skipped] == ["a.txt", "b.txt"]
    assert "tệp đã nhập" in report.skipped[0][1]
    assert "trùng số ký hiệu 5/2022/QH15" in report.skipped[1][1]


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "corrupt_file"),
        ("khong-phai.pdf", b"this is not a pdf", "corrupt_file"),
        ("bom.docx", _zip_bomb(), "zip_bomb"),
        ("hong.docx", b"PK\x03\x04 broken zip", "corrupt_file"),
        ("cp1258.txt", LAW_TEXT.encode("cp1258", errors="replace"), "bad_encoding"),
        ("mat.txt", SECRET_TEXT.encode("utf-8"), "state_secret"),
        ("anh.png", b"\x89PNG\r\n", "unsupported_type"),
        ("rong.txt", b"", "empty_file"),
    ],
)
def test_bad_files_refused_and_nothing_changed(tmp_path, na, media, name, content, code):
    (tmp_path / name).write_bytes(content)
    before = counts()
    report = import_path(tmp_path / name, body=na)
    assert counts() == before
    assert [(n, c) for n, c, _m in report.refused] == [(name, code)]
    assert " / " in report.refused[0][2]  # Vietnamese / English message
    assert not (media / "documents").exists() or not any((media / "documents").rglob("*.*"))


def test_state_secret_message(tmp_path, na):
    (tmp_path / "mat.txt").write_text(SECRET_TEXT, encoding="utf-8")
    report = import_path(tmp_path, body=na)
    assert report.refused[0][2].startswith("Văn bản có dấu chỉ độ mật (MẬT)")


def test_oversize_refused_before_reading(tmp_path, na):
    big = tmp_path / "lon.pdf"
    with big.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no disk used
    before = counts()
    report = import_path(big, body=na)
    assert counts() == before
    assert [(n, c) for n, c, _m in report.refused] == [("lon.pdf", "too_large")]


def test_import_by_non_staff_refused_and_nothing_changed(tmp_path, na):
    (tmp_path / "a.txt").write_text(LAW_TEXT, encoding="utf-8")
    before = counts()
    member = make_user("khach", na, "deputy")  # a deputy, not staff: may not create works
    report = import_path(tmp_path, body=na, actor=member)
    assert counts() == before
    assert report.refused[0][1] == "permission_denied"


def test_scanned_pdf_becomes_ocr_job(tmp_path, na, django_capture_on_commit_callbacks):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with (tmp_path / "scan.pdf").open("wb") as fh:
        writer.write(fh)
    with django_capture_on_commit_callbacks(execute=True):
        report = import_path(tmp_path, body=na)
    assert Work.objects.count() == 0
    job = ImportJob.objects.get()
    assert report.queued_job_ids == [job.pk]
    assert job.state == "failed"
    missing = ocr_available()
    if missing:
        assert job.message == MISSING_OCR
    else:  # OCR ran on a blank page: nothing recognised
        assert (
            job.message == "Không nhận ra điều khoản nào trong văn bản / No provisions recognised"
        )
        assert job.progress == 100


def test_hook_fired_after_commit(tmp_path, na, django_capture_on_commit_callbacks):
    calls = []

    def on_changed(*, work_ids):
        calls.append(list(work_ids))

    subscribe("document.changed", on_changed)
    try:
        (tmp_path / "a.txt").write_text(LAW_TEXT, encoding="utf-8")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report = import_path(tmp_path, body=na)
        assert calls == []  # nothing before commit
        for cb in callbacks:
            cb()
        assert calls == [report.created_work_ids]
    finally:
        _subscribers["document.changed"].remove(on_changed)


def test_relations_extracted_from_preamble_and_final_provisions(tmp_path, na, make_work):
    from nghitruong.documents.selectors import provision_status_at

    base = make_work("Luật Thử nghiệm", "1/2020/QH14")
    text = LAW_TEXT.replace(
        "Quốc hội ban hành", "Căn cứ Luật Thử nghiệm số 1/2020/QH14;\nQuốc hội ban hành"
    ).replace(
        "từ ngày 01 tháng 01 năm 2023.",
        "từ ngày 01 tháng 01 năm 2023.\nBãi bỏ khoản 2 Điều 2 của Luật số 1/2020/QH14.",
    )
    (tmp_path / "moi.txt").write_text(text, encoding="utf-8")
    report = import_path(tmp_path, body=na)
    new = Work.objects.get(number_key="5/2022/QH15")
    rows = sorted(
        Relation.objects.filter(source_work=new).values_list(
            "kind", "target_work", "target_eid", "effective_date", "origin"
        )
    )
    assert rows == [
        ("based_on", base.pk, "", dt.date(2023, 1, 1), "extraction"),
        ("partially_repeals", base.pk, "art_2__cls_2", dt.date(2023, 1, 1), "extraction"),
    ]
    assert report.relations == 2
    assert [name for name, _ in report.unresolved] == ["moi.txt"]  # Hiến pháp: not stored
    clause = base.expressions.get().provisions.get(eid="art_2__cls_2")
    assert provision_status_at(clause, dt.date(2022, 12, 31)).status == "in_force"
    assert provision_status_at(clause, dt.date(2023, 1, 1)).status == "expired"


def _scanned_pdf(path, text: str) -> None:
    """An image-only PDF of ``text`` at 300 dpi, as a scanner would make it."""
    from PIL import Image, ImageDraw, ImageFont

    from nghitruong.core.pdf_fonts import font_paths

    font = ImageFont.truetype(str(font_paths()["NTSerif"]), 42)
    page = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(page)
    y = 150
    for line in text.splitlines():
        draw.text((250, y), line, font=font, fill=0)
        y += 62
    page.save(path, "PDF", resolution=300.0)


@pytest.mark.skipif(bool(ocr_available()), reason="needs ocrmypdf and tesseract-ocr-vie")
def test_scanned_law_is_recognised_by_vietnamese_ocr(
    tmp_path, na, django_capture_on_commit_callbacks
):
    _scanned_pdf(tmp_path / "scan.pdf", LAW_TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        report = import_path(tmp_path, body=na)
    job = ImportJob.objects.get()
    assert report.queued_job_ids == [job.pk]
    assert (job.state, job.progress) == ("done", 100)
    work = Work.objects.get()
    assert (work.number_key, work.doc_type) == ("5/2022/QH15", "law")
    articles = Provision.objects.filter(expression__work=work, kind="article").order_by("order")
    assert [a.number for a in articles] == ["1", "2", "3"]
    assert articles[0].heading == "Phạm vi điều chỉnh"
