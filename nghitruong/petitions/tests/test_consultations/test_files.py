"""Public consultations: the linked knowledge-base work (public only), the attached draft file
(PDF/DOCX, size-limited, refused when marked MẬT / TỐI MẬT / TUYỆT MẬT) and editing a draft."""

import datetime as dt
from typing import Any

import pytest

from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.documents.services import work_create
from nghitruong.documents.tests.factories import make_text_pdf
from nghitruong.petitions import services
from nghitruong.petitions.models import DraftConsultation
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_consultations.support import (
    CLOSES,
    OPENS,
    Upload,
    docx_bytes,
)

pytestmark = pytest.mark.django_db


def test_only_a_public_work_may_be_linked(world: World, make_consultation) -> None:
    public = work_create(
        actor=None,
        body=world.bodies["c01"],
        doc_type="resolution",
        title="Dự thảo Nghị quyết về phí tham quan",
        number="",
        frbr_uri="/akn/vn/test/du-thao-phi",
    )
    internal = work_create(
        actor=None,
        body=world.bodies["c01"],
        doc_type="resolution",
        title="Tờ trình nội bộ",
        frbr_uri="/akn/vn/test/to-trinh",
        confidentiality="internal",
    )
    assert make_consultation(work=public).work_id == public.pk
    with pytest.raises(ApplicationError) as exc:
        make_consultation(work=internal)
    assert exc.value.code == "work_not_public"
    assert DraftConsultation.objects.count() == 1


# --- the attached draft file -------------------------------------------------------------------


def test_a_docx_and_a_text_pdf_are_stored(make_consultation) -> None:
    data = docx_bytes("DỰ THẢO", "NGHỊ QUYẾT", "Điều 1. Phạm vi điều chỉnh")
    c = make_consultation(draft_file=Upload(data, "Du thao NQ phi.docx"))
    assert c.draft_file_name == "Du thao NQ phi.docx"
    with c.draft_file.open("rb") as f:
        assert f.read() == data
    pdf = make_text_pdf("DỰ THẢO\nLUẬT THỬ NGHIỆM\nĐiều 1. Phạm vi điều chỉnh")
    assert make_consultation(draft_file=Upload(pdf, "du-thao.pdf")).draft_file_name == (
        "du-thao.pdf"
    )


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (docx_bytes("MẬT", "DỰ THẢO NGHỊ QUYẾT", "Điều 1. Phạm vi"), "a.docx", "state_secret"),
        (make_text_pdf("TỐI MẬT\nDỰ THẢO LUẬT\nĐiều 1. Phạm vi"), "b.pdf", "state_secret"),
        (
            docx_bytes("Độ mật: Tuyệt mật", "DỰ THẢO LUẬT", "Điều 1. Phạm vi"),
            "c.docx",
            "state_secret",
        ),
        (b"Dieu 1. Pham vi", "d.txt", "unsupported_type"),
        (b"not a pdf at all", "e.pdf", "corrupt_file"),
        (b"", "f.docx", "empty_file"),
    ],
)
def test_refused_files_store_nothing(
    make_consultation, settings: Any, data: bytes, name: str, code: str
) -> None:
    with pytest.raises(ApplicationError) as exc:
        make_consultation(draft_file=Upload(data, name))
    assert exc.value.code == code
    assert " / " in exc.value.message
    assert DraftConsultation.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or list(media.rglob("*.*")) == []


def test_file_size_limit(make_consultation, monkeypatch: Any) -> None:
    data = docx_bytes("DỰ THẢO", "Điều 1. Phạm vi")
    monkeypatch.setattr(
        "nghitruong.petitions.services.consultations.DRAFT_FILE_MAX_BYTES", len(data) - 1
    )
    with pytest.raises(ApplicationError) as exc:
        make_consultation(draft_file=Upload(data, "g.docx"))
    assert exc.value.code == "too_large"
    assert DraftConsultation.objects.count() == 0


def test_editing_only_while_draft(world: World, make_consultation) -> None:
    c = make_consultation()
    staff = world.users["council01"]
    data = docx_bytes("DỰ THẢO", "Điều 1. Phạm vi")
    c = services.consultation_update(
        actor=staff,
        consultation=c,
        title="Dự thảo Nghị quyết (lần 2)",
        summary="Tóm tắt đã sửa của dự thảo.",
        opens_on=OPENS,
        closes_on=CLOSES + dt.timedelta(days=5),
        draft_file=Upload(data, "lan-2.docx"),
        questions=["Mức phí?"],
    )
    c.refresh_from_db()
    assert (c.title, c.closes_on, c.draft_file_name, c.questions) == (
        "Dự thảo Nghị quyết (lần 2)",
        dt.date(2026, 3, 25),
        "lan-2.docx",
        ["Mức phí?"],
    )
    c = services.consultation_open(actor=staff, consultation=c)
    with pytest.raises(ConflictError):
        services.consultation_update(
            actor=staff,
            consultation=c,
            title="Sửa sau khi công bố",
            summary="Tóm tắt sửa sau khi công bố",
            opens_on=OPENS,
            closes_on=CLOSES,
        )
    c.refresh_from_db()
    assert (c.title, c.closes_on) == ("Dự thảo Nghị quyết (lần 2)", dt.date(2026, 3, 25))
