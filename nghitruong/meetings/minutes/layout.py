"""The printed minutes as a list of blocks, shared by the DOCX and the PDF renderers.

Layout follows Decree 30/2020/NĐ-CP Annex I for administrative documents: national motto at the top
right, the issuing body at the top left, place and date ("ngày 05 tháng 01 năm 2026": days below 10
and months below 3 take a leading zero), the document name in capitals, then the body.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from nghitruong.meetings.minutes import Minutes
from nghitruong.voting.display import format_percent_vi
from nghitruong.voting.rules import percent_hundredths

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_NAME = "BIÊN BẢN"

ATTENDANCE_LABELS = {
    "present_hall": "Có mặt tại hội trường",
    "present_remote": "Tham dự trực tuyến",
    "left": "Tạm vắng",
    "absent_excused": "Vắng có lý do",
    "absent": "Vắng không có lý do",
    "not_recorded": "Chưa điểm danh",
}


@dataclass
class Header:
    left: list[str]
    right: list[str]
    place_date: str


@dataclass
class Block:
    kind: str  # "title", "subtitle", "heading", "para", "bullet", "note"
    text: str


@dataclass
class Signatures:
    left: list[str]
    right: list[str]


@dataclass
class Layout:
    header: Header
    blocks: list[Block] = field(default_factory=list)
    signatures: Signatures | None = None

    def all_text(self) -> list[str]:
        lines = [*self.header.left, *self.header.right, self.header.place_date]
        lines += [block.text for block in self.blocks]
        if self.signatures:
            lines += [*self.signatures.left, *self.signatures.right]
        return lines


def date_vi(day: dt.date) -> str:
    """Decree 30: "ngày 05 tháng 01 năm 2026" (zero before days < 10 and months < 3)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def clock_vi(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d}"


def hms(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S")


def duration_vi(seconds: int) -> str:
    minutes, rest = divmod(max(seconds, 0), 60)
    if minutes and rest:
        return f"{minutes} phút {rest} giây"
    if minutes:
        return f"{minutes} phút"
    return f"{rest} giây"


def percent_vi(count: int, total: int) -> str:
    return format_percent_vi(percent_hundredths(count, total))


def _attendance(minutes: Minutes, blocks: list[Block]) -> None:
    a = minutes.attendance
    blocks.append(Block("heading", "II. THÀNH PHẦN THAM DỰ"))
    blocks.append(Block("para", f"Tổng số đại biểu: {a.total}."))
    blocks.append(
        Block(
            "para",
            f"Có mặt: {a.present} ({percent_vi(a.present, a.total)}), trong đó tại hội trường: "
            f"{a.present_hall}, trực tuyến: {a.present_remote}.",
        )
    )
    blocks.append(
        Block(
            "para",
            f"Tạm vắng: {a.left}. Vắng có lý do: {a.absent_excused}. Vắng không có lý do: "
            f"{a.absent}. Chưa điểm danh: {a.not_recorded}.",
        )
    )
    verdict = "Đủ" if a.quorum_met else "Không đủ"
    blocks.append(
        Block(
            "para",
            f"Số đại biểu cần có mặt: {a.quorum_label.lower()} (tối thiểu {a.quorum_required} "
            f"đại biểu) — {verdict}.",
        )
    )
    for status, label in ATTENDANCE_LABELS.items():
        names = a.lists.get(status, [])
        if not names or status in ("present_hall", "present_remote"):
            continue
        listed = "; ".join(
            f"{entry['name']} ({entry['reason']})" if entry["reason"] else entry["name"]
            for entry in names
        )
        blocks.append(Block("bullet", f"{label}: {listed}."))


def _agenda(minutes: Minutes, blocks: list[Block]) -> None:
    blocks.append(Block("heading", "III. CHƯƠNG TRÌNH PHIÊN HỌP"))
    for item in minutes.items:
        text = f"{item.position}. {item.title} ({item.kind_label})"
        if item.presenters:
            text += f". Người trình bày: {', '.join(item.presenters)}"
        blocks.append(Block("para", text + "."))
        if item.documents:
            blocks.append(Block("bullet", f"Tài liệu: {'; '.join(item.documents)}."))


def _speeches(minutes: Minutes, blocks: list[Block]) -> None:
    blocks.append(Block("heading", "IV. Ý KIẾN PHÁT BIỂU"))
    spoke = False
    for item in minutes.items:
        if not item.speakers and not item.written_opinions:
            continue
        spoke = True
        blocks.append(Block("para", f"Nội dung {item.position}: {item.title}"))
        for s in item.speakers:
            text = (
                f"{s.name} — {s.kind_label}"
                + (f" ({s.group})" if s.group else "")
                + f" — {hms(s.started_at)}–{hms(s.ended_at)} ({duration_vi(s.duration_seconds)})"
            )
            if s.over_limit:
                text += f" — vượt thời lượng quy định {duration_vi(s.limit_seconds)}"
            blocks.append(Block("bullet", text))
        if item.written_opinions:
            blocks.append(
                Block("bullet", f"Gửi ý kiến bằng văn bản: {', '.join(item.written_opinions)}.")
            )
    if not spoke:
        blocks.append(Block("para", "Không có ý kiến phát biểu."))


def _votes(minutes: Minutes, blocks: list[Block]) -> None:
    blocks.append(Block("heading", "V. KẾT QUẢ BIỂU QUYẾT"))
    polls = [(item, poll) for item in minutes.items for poll in item.polls]
    if not polls:
        blocks.append(Block("para", "Không có nội dung biểu quyết."))
    for item, poll in polls:
        blocks.append(Block("para", f"Nội dung {item.position}: {poll.title}"))
        if not poll.result_available:
            blocks.append(Block("bullet", "Kết quả chưa được công bố."))
            continue
        for line in poll.lines:
            blocks.append(Block("bullet", f"{line.label}: {line.count} ({line.percent})"))
        blocks.append(
            Block(
                "bullet",
                f"Kết quả: {poll.verdict} (cần ít nhất {poll.required_votes} phiếu tán thành — "
                f"{poll.majority_label.lower()}; {poll.rule_citation}).",
            )
        )


def minutes_layout(minutes: Minutes) -> Layout:
    place = f"{minutes.location}, " if minutes.location else ""
    header = Header(
        left=[minutes.body_name.upper(), f"KỲ HỌP THỨ {minutes.session_number}"],
        right=[NATIONAL_NAME, NATIONAL_MOTTO],
        place_date=f"{place}{date_vi(minutes.date)}",
    )
    blocks = [
        Block("title", DOCUMENT_NAME),
        Block("subtitle", f"{minutes.sitting_title} ({minutes.sitting_kind_label})"),
        Block("heading", "I. THỜI GIAN, ĐỊA ĐIỂM"),
    ]
    if minutes.opened_at is None:
        blocks.append(Block("para", "Phiên họp chưa khai mạc."))
    else:
        text = f"Phiên họp khai mạc lúc {clock_vi(minutes.opened_at)}"
        if minutes.closed_at is not None:
            text += f", kết thúc lúc {clock_vi(minutes.closed_at)}"
        text += f" {date_vi(minutes.date)}"
        if minutes.location:
            text += f" tại {minutes.location}"
        blocks.append(Block("para", text + "."))
    _attendance(minutes, blocks)
    _agenda(minutes, blocks)
    if minutes.contains_state_secrets:
        blocks.append(
            Block(
                "note",
                "Phiên họp có nội dung bí mật nhà nước: biên bản trên hệ thống chỉ gồm chương trình"
                " và điểm danh.",
            )
        )
    else:
        _speeches(minutes, blocks)
        _votes(minutes, blocks)
    blocks.append(
        Block(
            "note",
            f"Biên bản được lập tự động lúc {hms(minutes.generated_at)} "
            f"{date_vi(timezone.localdate(minutes.generated_at))} từ dữ liệu của phiên họp.",
        )
    )
    return Layout(
        header=header,
        blocks=blocks,
        signatures=Signatures(
            left=["THƯ KÝ PHIÊN HỌP", "(Ký, ghi rõ họ tên)"],
            right=["CHỦ TỌA PHIÊN HỌP", "(Ký, ghi rõ họ tên)"],
        ),
    )
