"""Bulk import from the delegation template: good rows in, bad rows reported by row and column."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import services
from nghitruong.petitions.models import Petition, PetitionEvent
from nghitruong.petitions.services import COLUMNS, RowError
from nghitruong.petitions.tests.conftest import World

HEADER = list(COLUMNS.values())


def good_row(n: int) -> list[object]:
    return [
        n,
        f"Kiến nghị số {n}: đề nghị đầu tư nâng cấp trạm y tế xã",
        "Y tế, bảo hiểm y tế" if n % 2 else "y-te",
        "Trung ương",
        "Bộ Y tế" if n % 3 else "bo-tai-chinh",
        "01" if n % 5 else "00004",
        "Tiếp xúc cử tri" if n % 4 else "Thư, đơn",
        dt.date(2025, 10, 1) if n % 2 else "02/10/2025",
    ]


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def meeting(world: World):  # type: ignore[no-untyped-def]
    return services.voter_meeting_create(
        actor=world.users["staff01"],
        body=world.bodies["d01"],
        kind="periodic",
        held_on=dt.date(2025, 10, 1),
        venue="Nhà văn hóa phường Ba Đình",
    )


def test_200_rows_with_3_bad_ones(world: World, meeting: object) -> None:
    rows = [good_row(n) for n in range(1, 201)]
    rows[16][5] = "99"  # spreadsheet row 18: unknown locality
    rows[99][2] = "Thiên văn học"  # row 101: unknown field
    rows[149][7] = "31/02/2025"  # row 151: impossible date
    report = services.petition_import(
        actor=world.users["staff01"],
        body=world.bodies["d01"],
        data=xlsx(rows),
        filename="tong-hop-kien-nghi.xlsx",
        meeting=meeting,  # type: ignore[arg-type]
    )
    assert report.total_rows == 200
    assert len(report.created) == 197
    assert report.errors == [
        RowError(
            18,
            "Địa phương (mã tỉnh/xã)",
            "Không có mã địa phương “99” / Unknown province/commune code",
        ),
        RowError(101, "Lĩnh vực", "Không có lĩnh vực “Thiên văn học” / Unknown field"),
        RowError(
            151, "Ngày tiếp nhận", "Ngày không hợp lệ (dd/mm/yyyy) / Invalid date (dd/mm/yyyy)"
        ),
    ]
    assert Petition.objects.count() == 197
    assert PetitionEvent.objects.count() == 197
    third = Petition.objects.get(content__startswith="Kiến nghị số 3:")
    assert (
        third.field.code,
        third.agency.code,
        third.province.code,
        third.source,  # type: ignore[union-attr]
        third.meeting_id,
        third.received_on,
        third.status,
    ) == ("y-te", "bo-tai-chinh", "01", "meeting", meeting.pk, dt.date(2025, 10, 1), "received")  # type: ignore[attr-defined]
    fifth = Petition.objects.get(content__startswith="Kiến nghị số 5:")
    assert (fifth.province.code, fifth.commune.code) == ("01", "00004")  # type: ignore[union-attr]
    letter = Petition.objects.get(content__startswith="Kiến nghị số 4:")
    assert (letter.source, letter.meeting_id, letter.received_on) == (
        "letter",
        None,
        dt.date(2025, 10, 2),
    )
    entry = AuditEntry.objects.get(action="petition.import")
    assert entry.after["created"] == 197
    assert entry.after["errors"] == [
        [18, "Địa phương (mã tỉnh/xã)"],
        [101, "Lĩnh vực"],
        [151, "Ngày tiếp nhận"],
    ]


def test_csv_with_semicolons_and_a_meeting_row_without_meeting(world: World) -> None:
    lines = [
        ";".join(HEADER),
        "1;Đề nghị sửa đường liên xã bị hỏng;;;;01;Đường dây nóng;05/10/2025",
        "2;Đề nghị hỗ trợ học phí cho học sinh;;;;01;Tiếp xúc cử tri;05/10/2025",
        "3;Ngắn;;;;01;Thư;05/10/2025",
        ";;;;;;;",
    ]
    report = services.petition_import(
        actor=world.users["staff01"],
        body=world.bodies["d01"],
        data="\n".join(lines).encode("utf-8-sig"),
        filename="kien-nghi.csv",
    )
    assert (report.total_rows, len(report.created)) == (3, 1)
    assert [(e.row, e.column) for e in report.errors] == [(3, "Nguồn"), (4, "Nội dung kiến nghị")]
    assert Petition.objects.get().source == "hotline"


def test_missing_column_or_wrong_user_imports_nothing(world: World) -> None:
    book = xlsx([good_row(1)])
    with pytest.raises(ApplicationError):
        services.petition_import(
            actor=world.users["staff79"], body=world.bodies["d01"], data=book, filename="a.xlsx"
        )
    lines = ["STT,Nội dung kiến nghị,Nguồn", "1,Đề nghị sửa đường liên xã,Thư"]
    with pytest.raises(ApplicationError) as err:
        services.petition_import(
            actor=world.users["staff01"],
            body=world.bodies["d01"],
            data="\n".join(lines).encode(),
            filename="a.csv",
        )
    assert err.value.code == "missing_columns"
    assert err.value.detail == ["Địa phương (mã tỉnh/xã)", "Ngày tiếp nhận"]
    with pytest.raises(ApplicationError) as err:
        services.petition_import(
            actor=world.users["staff01"], body=world.bodies["d01"], data=b"x", filename="a.docx"
        )
    assert err.value.code == "unsupported_file"
    assert (
        Petition.objects.count(),
        AuditEntry.objects.filter(action="petition.import").count(),
    ) == (0, 0)
