"""Bulk import from the delegations' spreadsheet template (xlsx or csv), with a row-level report.

Template (header row 1; names matched ignoring case and diacritics):

    STT | Nội dung kiến nghị | Lĩnh vực | Cấp thẩm quyền | Cơ quan có thẩm quyền |
    Địa phương (mã tỉnh/xã) | Nguồn | Ngày tiếp nhận

Good rows are imported; each bad cell is reported with its spreadsheet row number, the column
and a Vietnamese/English message. A file with a missing required column imports nothing.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody
from nghitruong.core.text import fold, nfc
from nghitruong.petitions.models import Petition, PetitionEvent, PetitionField, VoterMeeting
from nghitruong.petitions.services.intake import CONTENT_MAX, CONTENT_MIN, new_petition

COLUMNS: dict[str, str] = {
    "stt": "STT",
    "content": "Nội dung kiến nghị",
    "field": "Lĩnh vực",
    "level": "Cấp thẩm quyền",
    "agency": "Cơ quan có thẩm quyền",
    "locality": "Địa phương (mã tỉnh/xã)",
    "source": "Nguồn",
    "received_on": "Ngày tiếp nhận",
}
REQUIRED = ("content", "locality", "source", "received_on")
MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024

SOURCE_WORDS = {
    "meeting": Petition.Source.MEETING,
    "tiep xuc cu tri": Petition.Source.MEETING,
    "txct": Petition.Source.MEETING,
    "online": Petition.Source.ONLINE,
    "truc tuyen": Petition.Source.ONLINE,
    "cong truc tuyen": Petition.Source.ONLINE,
    "letter": Petition.Source.LETTER,
    "thu": Petition.Source.LETTER,
    "don thu": Petition.Source.LETTER,
    "thu, don": Petition.Source.LETTER,
    "hotline": Petition.Source.HOTLINE,
    "duong day nong": Petition.Source.HOTLINE,
}
LEVEL_WORDS = {
    "central": "central",
    "trung uong": "central",
    "provincial": "provincial",
    "cap tinh": "provincial",
    "tinh": "provincial",
    "commune": "commune",
    "cap xa": "commune",
    "xa": "commune",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    total_rows: int = 0
    created: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _read_rows(data: bytes, filename: str) -> list[list[Any]]:
    if len(data) > MAX_BYTES:
        raise ApplicationError(
            "Tệp quá lớn (tối đa 10 MB) / File too large (10 MB max)", code="file_too_large"
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise ApplicationError(
                "Không đọc được tệp Excel / Unreadable Excel file", code="unreadable_file"
            ) from exc
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ApplicationError(
                "Tệp CSV phải mã hóa UTF-8 / CSV must be UTF-8", code="unreadable_file"
            ) from exc
        delimiter = (
            ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        )
        return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ApplicationError(
        "Chỉ nhận tệp .xlsx hoặc .csv / Only .xlsx or .csv files", code="unsupported_file"
    )


def _header_map(header: list[Any]) -> dict[str, int]:
    wanted = {fold(label): key for key, label in COLUMNS.items()}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = wanted.get(fold(str(cell or "")))
        if key and key not in found:
            found[key] = index
    missing = [COLUMNS[k] for k in REQUIRED if k not in found]
    if missing:
        raise ApplicationError(
            f"Thiếu cột bắt buộc / Missing required columns: {', '.join(missing)}",
            code="missing_columns",
            detail=missing,
        )
    return found


class _Lookups:
    def __init__(self) -> None:
        self.fields: dict[str, PetitionField] = {}
        for f in PetitionField.objects.filter(is_active=True):
            self.fields[f.code] = f
            self.fields[fold(f.name)] = f
        self.agencies: dict[str, Agency] = {}
        for a in Agency.objects.filter(is_active=True):
            self.agencies[a.code] = a
            self.agencies[fold(a.name)] = a
            if a.short_name:
                self.agencies.setdefault(fold(a.short_name), a)
        self.units = {
            u.code: u for u in AdministrativeUnit.objects.filter(effective_to__isnull=True)
        }


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _cell(row: list[Any], cols: dict[str, int], key: str) -> str:
    index = cols.get(key)
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _parse_row(
    row: list[Any],
    number: int,
    cols: dict[str, int],
    look: _Lookups,
    meeting: VoterMeeting | None,
    today: dt.date,
) -> tuple[dict[str, Any], list[RowError]]:
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def bad(key: str, message: str) -> None:
        errors.append(RowError(row=number, column=COLUMNS[key], message=message))

    content = _cell(row, cols, "content")
    if not CONTENT_MIN <= len(content) <= CONTENT_MAX:
        bad(
            "content",
            f"Nội dung phải từ {CONTENT_MIN} đến {CONTENT_MAX} ký tự / "
            f"Text must be {CONTENT_MIN}–{CONTENT_MAX} characters",
        )
    values["content"] = content
    raw_field = _cell(row, cols, "field")
    values["field"] = look.fields.get(raw_field) or look.fields.get(fold(raw_field))
    if raw_field and values["field"] is None:
        bad("field", f"Không có lĩnh vực “{raw_field}” / Unknown field")
    raw_level = _cell(row, cols, "level")
    values["level"] = LEVEL_WORDS.get(fold(raw_level), "")
    if raw_level and not values["level"]:
        bad("level", f"Cấp thẩm quyền “{raw_level}” không hợp lệ / Invalid level")
    raw_agency = _cell(row, cols, "agency")
    values["agency"] = look.agencies.get(raw_agency) or look.agencies.get(fold(raw_agency))
    if raw_agency and values["agency"] is None:
        bad("agency", f"Không có cơ quan “{raw_agency}” / Unknown agency")
    raw_unit = _cell(row, cols, "locality")
    if raw_unit.isdigit() and len(raw_unit) in (1, 4):  # Excel drops leading zeros
        raw_unit = raw_unit.zfill(len(raw_unit) + 1)
    unit = look.units.get(raw_unit)
    if unit is None:
        bad("locality", f"Không có mã địa phương “{raw_unit}” / Unknown province/commune code")
    elif unit.level == AdministrativeUnit.Level.COMMUNE:
        values["province"], values["commune"] = (
            look.units.get(unit.parent.code if unit.parent else ""),
            unit,
        )
    else:
        values["province"], values["commune"] = unit, None
    raw_source = _cell(row, cols, "source")
    source = SOURCE_WORDS.get(fold(raw_source))
    if source is None:
        bad(
            "source",
            f"Nguồn “{raw_source}” không hợp lệ (Tiếp xúc cử tri, Cổng trực tuyến, "
            "Thư, đơn, Đường dây nóng) / Invalid source",
        )
    elif source == Petition.Source.MEETING and meeting is None:
        bad(
            "source",
            "Nguồn là tiếp xúc cử tri nhưng chưa chọn cuộc tiếp xúc / Source is a "
            "voter meeting but no meeting was chosen",
        )
    values["source"] = source
    index = cols["received_on"]
    received = _date(row[index] if index < len(row) else None)
    if received is None:
        bad("received_on", "Ngày không hợp lệ (dd/mm/yyyy) / Invalid date (dd/mm/yyyy)")
    elif received > today:
        bad("received_on", "Ngày tiếp nhận ở tương lai / The receipt date is in the future")
    values["received_on"] = received
    return values, errors


@transaction.atomic
def petition_import(
    *,
    actor: Any,
    body: ElectedBody,
    data: bytes,
    filename: str,
    meeting: VoterMeeting | None = None,
) -> ImportReport:
    require_staff(actor, body)
    if meeting is not None and meeting.body_id != body.pk:
        raise ApplicationError(
            "Cuộc tiếp xúc thuộc cơ quan khác / The meeting belongs to another body",
            code="meeting_body_mismatch",
        )
    rows = _read_rows(data, filename)
    if not rows:
        raise ApplicationError("Tệp rỗng / Empty file", code="empty_file")
    cols = _header_map(rows[0])
    look = _Lookups()
    today = timezone.localdate()
    report = ImportReport()
    pending: list[Petition] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        report.total_rows += 1
        if report.total_rows > MAX_ROWS:
            raise ApplicationError(
                f"Tối đa {MAX_ROWS} dòng / At most {MAX_ROWS} rows", code="too_many_rows"
            )
        values, errors = _parse_row(row, number, cols, look, meeting, today)
        if errors:
            report.errors.extend(errors)
            continue
        pending.append(
            new_petition(
                body=body,
                actor=actor,
                meeting=meeting if values["source"] == Petition.Source.MEETING else None,
                **{
                    k: values[k]
                    for k in (
                        "content",
                        "source",
                        "received_on",
                        "field",
                        "level",
                        "agency",
                        "province",
                        "commune",
                    )
                },
            )
        )
    created = Petition.objects.bulk_create(pending)
    now = timezone.now()
    PetitionEvent.objects.bulk_create(
        [
            PetitionEvent(
                petition=p, at=now, kind="received", status=p.status, note="Nhập từ tệp tổng hợp"
            )
            for p in created
        ]
    )
    report.created = [p.pk for p in created]
    audit_record(
        actor=actor,
        action="petition.import",
        body=body,
        object_type="petitions.petition",
        after={
            "filename": filename,
            "rows": report.total_rows,
            "created": len(created),
            "errors": [[e.row, e.column] for e in report.errors],
        },
    )
    return report
