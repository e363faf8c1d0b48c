"""Minutes content, exact: the structure (API JSON), the DOCX and the PDF carry the same text."""

import datetime as dt
import io
import re
import unicodedata

import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from nghitruong.accounts.models import Person
from nghitruong.documents.models import Work
from nghitruong.meetings import services
from nghitruong.meetings.minutes import minutes_build
from nghitruong.meetings.minutes.docx import minutes_docx
from nghitruong.meetings.minutes.layout import date_vi, duration_vi
from nghitruong.meetings.minutes.pdf import minutes_pdf
from nghitruong.meetings.tests.conftest import Hall, build_hall
from nghitruong.voting import services as voting

ICT = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=ICT)


def run_sitting(code: str = "qh", secret: bool = False) -> Hall:
    """08:00 open; 3 present (2 hall, 1 remote), 1 excused, 1 not recorded; a presentation
    (08:01:00–08:13:30), a first speech over its limit (08:14:00–08:21:05), a written opinion,
    a published poll 3 for / 1 against; closed at 08:30."""
    with time_machine.travel(T0, tick=False) as clock:
        h = build_hall(code)
        if secret:
            h.sitting.contains_state_secrets = True
            h.sitting.save(update_fields=["contains_state_secrets"])
        people = [h.person(u) for u in h.deputies]
        services.attendance_check_in(actor=h.deputies[0], sitting=h.sitting, person=people[0])
        services.attendance_check_in(actor=h.deputies[1], sitting=h.sitting, person=people[1])
        services.attendance_check_in(
            actor=h.deputies[2], sitting=h.sitting, person=people[2], mode="remote"
        )
        services.attendance_mark_absent(
            actor=h.staff, sitting=h.sitting, person=people[4], excused=True, reason="Đi công tác"
        )
        work = Work.objects.create(
            body=h.body,
            frbr_uri=f"/akn/vn/bill/{code}",
            doc_type="submission",
            title="Tờ trình về dự án Luật Thủ đô (sửa đổi)",
            number="123/TTr-CP",
        )
        services.package_entry_add(actor=h.staff, item=h.items[0], work_id=work.pk)
        minister = Person.objects.create(full_name="Bộ trưởng Bộ Tư pháp")
        presentation = services.speaker_register(
            actor=h.staff, item=h.items[0], kind="presentation", person=minister
        )
        services.current_item_set(actor=h.staff, sitting=h.sitting, item=h.items[0])
        clock.move_to(T0 + dt.timedelta(minutes=1))
        services.speaker_start(actor=h.staff, request=presentation)
        clock.move_to(T0 + dt.timedelta(minutes=13, seconds=30))
        services.speaker_stop(actor=h.staff, request=presentation)
        services.current_item_set(actor=h.staff, sitting=h.sitting, item=h.items[1])
        first = services.speaker_register(actor=h.deputies[0], item=h.items[1], kind="first")
        clock.move_to(T0 + dt.timedelta(minutes=14))
        services.speaker_start(actor=h.staff, request=first)
        clock.move_to(T0 + dt.timedelta(minutes=21, seconds=5))
        services.speaker_stop(actor=h.staff, request=first)
        services.written_opinion_submit(
            actor=h.deputies[1], item=h.items[1], text="Đề nghị làm rõ cơ chế tài chính."
        )
        poll = voting.poll_create(
            actor=h.staff,
            body=h.body,
            title="Biểu quyết thông qua Luật Thủ đô (sửa đổi)",
            kind="electronic_aggregate",
            subject=h.items[1],
        )
        voting.poll_start(actor=h.staff, poll=poll)
        for user, meaning in zip(h.deputies[:4], ["for", "for", "for", "against"], strict=True):
            voting.ballot_cast(poll=poll, user=user, option=poll.options.get(meaning=meaning))
        voting.poll_stop(actor=h.staff, poll=poll)
        voting.poll_publish(actor=h.staff, poll=poll)
        clock.move_to(T0 + dt.timedelta(minutes=30))
        services.sitting_close(actor=h.staff, sitting=h.sitting)
    return h


EXPECTED_LINES = [
    "QUỐC HỘI",
    "KỲ HỌP THỨ 10",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Nội, ngày 23 tháng 11 năm 2026",
    "BIÊN BẢN",
    "Thảo luận dự án Luật Thủ đô (sửa đổi) (Thảo luận ở hội trường)",
    "I. THỜI GIAN, ĐỊA ĐIỂM",
    "Phiên họp khai mạc lúc 08 giờ 00, kết thúc lúc 08 giờ 30 ngày 23 tháng 11 năm 2026 tại Hà Nội.",
    "II. THÀNH PHẦN THAM DỰ",
    "Tổng số đại biểu: 5.",
    "Có mặt: 3 (60,00%), trong đó tại hội trường: 2, trực tuyến: 1.",
    "Tạm vắng: 0. Vắng có lý do: 1. Vắng không có lý do: 0. Chưa điểm danh: 1.",
    "Số đại biểu cần có mặt: quá nửa tổng số đại biểu (tối thiểu 3 đại biểu) — Đủ.",
    "- Vắng có lý do: Đỗ Quốc Hưng (Đi công tác).",
    "- Chưa điểm danh: Phạm Thị Duyên.",
    "III. CHƯƠNG TRÌNH PHIÊN HỌP",
    "1. Tờ trình dự án Luật Thủ đô (sửa đổi) (Trình bày tờ trình, báo cáo). "
    "Người trình bày: Bộ trưởng Bộ Tư pháp.",
    "- Tài liệu: Tờ trình về dự án Luật Thủ đô (sửa đổi) (123/TTr-CP).",
    "2. Thảo luận về dự án Luật Thủ đô (sửa đổi) (Thảo luận).",
    "IV. Ý KIẾN PHÁT BIỂU",
    "Nội dung 1: Tờ trình dự án Luật Thủ đô (sửa đổi)",
    "- Bộ trưởng Bộ Tư pháp — Trình bày tờ trình, báo cáo — 08:01:00–08:13:30 (12 phút 30 giây)",
    "Nội dung 2: Thảo luận về dự án Luật Thủ đô (sửa đổi)",
    "- Nguyễn Thị Ánh — Phát biểu lần thứ nhất — 08:14:00–08:21:05 (7 phút 5 giây) — "
    "vượt thời lượng quy định 7 phút",
    "- Gửi ý kiến bằng văn bản: Trần Văn Bình.",
    "V. KẾT QUẢ BIỂU QUYẾT",
    "Nội dung 2: Biểu quyết thông qua Luật Thủ đô (sửa đổi)",
    "- Số đại biểu tham gia biểu quyết: 4 (80,00%)",
    "- Tán thành: 3 (60,00%)",
    "- Không tán thành: 1 (20,00%)",
    "- Không biểu quyết: 0 (0,00%)",
    "- Số đại biểu không tham gia: 1 (20,00%)",
    "THƯ KÝ PHIÊN HỌP",
    "CHỦ TỌA PHIÊN HỌP",
]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.django_db
def test_minutes_structure_exact() -> None:
    h = run_sitting()
    data = minutes_build(sitting=h.sitting, user=h.staff).as_dict()
    assert data["attendance"]["present"] == 3
    assert data["attendance"]["lists"]["absent_excused"] == [
        {"name": "Đỗ Quốc Hưng", "reason": "Đi công tác"}
    ]
    assert (data["attendance"]["quorum_required"], data["attendance"]["quorum_met"]) == (3, True)
    assert [item["title"] for item in data["items"]] == [
        "Tờ trình dự án Luật Thủ đô (sửa đổi)",
        "Thảo luận về dự án Luật Thủ đô (sửa đổi)",
    ]
    speaker = data["items"][1]["speakers"][0]
    assert speaker == {
        "name": "Nguyễn Thị Ánh",
        "kind": "first",
        "kind_label": "Phát biểu lần thứ nhất",
        "group": "",
        "started_at": "2026-11-23T08:14:00+07:00",
        "ended_at": "2026-11-23T08:21:05+07:00",
        "duration_seconds": 425,
        "limit_seconds": 420,
        "over_limit": True,
    }
    poll = data["items"][1]["polls"][0]
    assert (poll["verdict"], poll["required_votes"], poll["total_members"]) == ("Thông qua", 3, 5)
    assert [(line["key"], line["count"], line["percent"]) for line in poll["lines"]] == [
        ("participants", 4, "80,00%"),
        ("for", 3, "60,00%"),
        ("against", 1, "20,00%"),
        ("abstain", 0, "0,00%"),
        ("did_not_vote", 1, "20,00%"),
    ]
    assert data["items"][1]["written_opinions"] == ["Trần Văn Bình"]


@pytest.mark.django_db
def test_docx_contains_exact_vietnamese_text() -> None:
    h = run_sitting()
    document = Document(io.BytesIO(minutes_docx(minutes_build(sitting=h.sitting, user=h.staff))))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            lines += [p.text for p in cell.paragraphs]
    for expected in EXPECTED_LINES:
        assert expected in lines, expected
    assert all(line == unicodedata.normalize("NFC", line) for line in lines)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.django_db
def test_pdf_contains_exact_vietnamese_text_with_embedded_fonts() -> None:
    h = run_sitting()
    reader = PdfReader(io.BytesIO(minutes_pdf(minutes_build(sitting=h.sitting, user=h.staff))))
    pages = [page.extract_text() for page in reader.pages]
    text = _collapse(" ".join(pages))
    for expected in EXPECTED_LINES:
        assert _collapse(expected) in text, expected
    assert text == unicodedata.normalize("NFC", text)
    assert len(reader.pages) == 2
    assert pages[1].split("\n")[0].strip() == "2"  # page numbers from page 2, at the top
    assert not pages[0].startswith("1")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font["/FontDescriptor"]
    assert fonts
    assert all(fonts.values()), fonts
    assert all(
        name.endswith(("LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"))
        for name in fonts
    )


@pytest.mark.django_db
def test_secret_sitting_minutes_hold_agenda_and_attendance_only() -> None:
    h = run_sitting("qh-m", secret=True)
    data = minutes_build(sitting=h.sitting, user=h.staff).as_dict()
    assert data["contains_state_secrets"] is True
    assert [len(i["speakers"]) + len(i["polls"]) + len(i["documents"]) for i in data["items"]] == [
        0,
        0,
    ]
    assert data["attendance"]["present"] == 3
    document = Document(io.BytesIO(minutes_docx(minutes_build(sitting=h.sitting, user=h.staff))))
    lines = [p.text for p in document.paragraphs]
    assert "IV. Ý KIẾN PHÁT BIỂU" not in lines
    assert (
        "Phiên họp có nội dung bí mật nhà nước: biên bản trên hệ thống chỉ gồm chương trình"
        " và điểm danh."
    ) in lines


def test_date_and_duration_formats() -> None:
    assert date_vi(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert date_vi(dt.date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"
    assert duration_vi(425) == "7 phút 5 giây"
    assert duration_vi(420) == "7 phút"
    assert duration_vi(45) == "45 giây"


def test_missing_vietnamese_font_is_a_clear_error(settings, tmp_path) -> None:
    from nghitruong.core.pdf_fonts import PdfFontError as MinutesFontError
    from nghitruong.core.pdf_fonts import font_paths

    settings.NGHITRUONG_PDF_FONT_DIR = str(tmp_path)
    with pytest.raises(MinutesFontError) as exc:
        font_paths()
    assert exc.value.message.startswith("Thiếu phông chữ tiếng Việt để xuất PDF")
    assert exc.value.detail == {"searched": [str(tmp_path)]}


def test_default_font_is_liberation_serif_2() -> None:
    from nghitruong.core.pdf_fonts import font_paths

    assert font_paths()["NTSerif"].name == "LiberationSerif-Regular.ttf"
    assert font_paths()["NTSerif"].parent.name == "liberation2"
