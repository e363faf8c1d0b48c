"""Illustrative demo petitions (every text says "minh họa"; all CONSTRUCTED, none from a report).

``demo_petitions_load()`` is idempotent (nothing is written when its voter meeting exists) and
writes only through the petitions services, as the demo staff and agency officers: a voter-contact
meeting of the Hà Nội NA delegation (``doan-dbqh-01``) and one of the Hà Nội People's Council
(``hdnd-01``) before the current session, their petitions across fields, some classified and routed
(``bo-tu-phap``, ``ubnd-01``), a few answered, one overdue, two near-duplicates from Hà Nội and
Hồ Chí Minh City left for the merge suggestion, and three online submissions awaiting moderation.
What is missing (a body, an account, an agency) is skipped. The demo app's step calls it.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from nghitruong.core.models import Agency, ElectedBody
from nghitruong.petitions import services
from nghitruong.petitions.models import Petition, PetitionField, VoterMeeting

MARK = "(minh họa)"
VENUE = f"Nhà văn hóa phường Ba Đình, Hà Nội {MARK}"
COUNCIL_VENUE = f"Hội trường UBND xã Sóc Sơn, Hà Nội {MARK}"

# (field, text, agency, fate): fate "" = received only, "classified", "assigned", "resolved",
# "being_resolved", "explanation_only", "overdue".
DELEGATION: list[tuple[str, str, str, str]] = [
    (
        "tu-phap",
        "Bộ Tư pháp hướng dẫn thống nhất việc chứng thực bản sao điện tử từ bản chính, nhiều nơi vẫn yêu cầu bản giấy",
        "bo-tu-phap",
        "being_resolved",
    ),
    (
        "tu-phap",
        "rút ngắn thời gian cấp phiếu lý lịch tư pháp trực tuyến, người dân chờ quá 10 ngày làm việc",
        "bo-tu-phap",
        "resolved",
    ),
    (
        "tu-phap",
        "sửa đổi quy định về hòa giải ở cơ sở, tăng mức hỗ trợ cho hòa giải viên",
        "bo-tu-phap",
        "explanation_only",
    ),
    (
        "tu-phap",
        "hướng dẫn đăng ký khai sinh cho trẻ em có cha mẹ là người nước ngoài cư trú không ổn định",
        "bo-tu-phap",
        "overdue",
    ),
    (
        "tu-phap",
        "đẩy nhanh ban hành văn bản hướng dẫn Luật Công chứng năm 2024 về công chứng điện tử",
        "bo-tu-phap",
        "assigned",
    ),
    (
        "y-te",
        "bảo đảm đủ thuốc, vật tư y tế tại các bệnh viện công lập, người bệnh bảo hiểm y tế không phải tự mua thuốc ngoài",
        "",
        "classified",
    ),
    (
        "y-te",
        "nâng mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ 70 đến dưới 80 tuổi không có lương hưu",
        "",
        "classified",
    ),
    (
        "giao-duc",
        "khắc phục tình trạng thiếu giáo viên mầm non và tiểu học, giao đủ biên chế theo định mức",
        "",
        "classified",
    ),
    (
        "giao-duc",
        "giảm áp lực thi tuyển vào lớp 10 công lập tại các đô thị lớn, tăng số trường công lập",
        "",
        "",
    ),
    (
        "lao-dong-xa-hoi",
        "điều chỉnh lương hưu cho người nghỉ hưu trước năm 1995 có mức hưởng thấp",
        "",
        "",
    ),
    (
        "lao-dong-xa-hoi",
        "xử lý nghiêm doanh nghiệp nợ đóng, trốn đóng bảo hiểm xã hội kéo dài",
        "",
        "",
    ),
    (
        "giao-thong-xay-dung",
        "sớm hoàn thành đường Vành đai 4 vùng Thủ đô, giải phóng mặt bằng còn chậm",
        "",
        "",
    ),
    (
        "dat-dai-moi-truong",
        "hướng dẫn cấp giấy chứng nhận quyền sử dụng đất cho đất có nguồn gốc giao trái thẩm quyền trước năm 2014",
        "",
        "",
    ),
    (
        "dat-dai-moi-truong",
        "xử lý ô nhiễm không khí tại các đô thị lớn, kiểm soát khí thải phương tiện giao thông",
        "",
        "",
    ),
    (
        "tai-chinh-ngan-sach",
        "nâng mức giảm trừ gia cảnh thuế thu nhập cá nhân cho phù hợp với giá cả hiện nay",
        "",
        "",
    ),
    (
        "an-ninh-trat-tu",
        "tăng cường phòng chống lừa đảo qua mạng, mạo danh cơ quan công an gọi điện cho người cao tuổi",
        "",
        "",
    ),
    (
        "cong-thuong-nang-luong",
        "kiểm soát chất lượng hàng hóa bán trên sàn thương mại điện tử, xử lý hàng giả",
        "",
        "",
    ),
    (
        "khoa-hoc-cong-nghe",
        "bảo đảm an toàn dữ liệu cá nhân trên ứng dụng định danh điện tử VNeID",
        "",
        "",
    ),
    (
        "van-hoa-the-thao",
        "đầu tư thiết chế văn hóa, sân chơi cho trẻ em tại các khu đô thị mới",
        "",
        "",
    ),
    (
        "noi-vu",
        "có chính sách đối với cán bộ không chuyên trách cấp xã dôi dư sau sắp xếp đơn vị hành chính",
        "",
        "",
    ),
]
DUPLICATE = (
    "có giải pháp khắc phục tình trạng ùn tắc tại các trung tâm đăng kiểm xe cơ giới, người dân "
    "phải xếp hàng nhiều ngày mới được kiểm định"
)
COUNCIL: list[tuple[str, str, str, str]] = [
    (
        "giao-thong-xay-dung",
        "sửa chữa tuyến đường liên xã qua thôn Đông Xuân, xã Sóc Sơn, mặt đường hư hỏng nặng",
        "ubnd-01",
        "being_resolved",
    ),
    (
        "dat-dai-moi-truong",
        "xử lý bãi rác tự phát gây ô nhiễm tại thôn Thanh Nhàn, xã Sóc Sơn",
        "ubnd-01",
        "resolved",
    ),
    (
        "giao-duc",
        "xây thêm phòng học cho Trường Tiểu học Sóc Sơn A, nhiều lớp học quá 45 học sinh",
        "ubnd-01",
        "explanation_only",
    ),
    ("y-te", "bổ sung bác sĩ và trang thiết bị cho Trạm Y tế xã Sóc Sơn", "ubnd-01", "assigned"),
    (
        "nong-nghiep",
        "nạo vét kênh tưới tiêu phục vụ sản xuất vụ Đông Xuân tại thôn Đông Xuân, xã Sóc Sơn",
        "",
        "classified",
    ),
    (
        "van-hoa-the-thao",
        "hỗ trợ kinh phí xây nhà văn hóa thôn sau sáp nhập thôn, xã Sóc Sơn",
        "",
        "",
    ),
]
ONLINE = [
    "Đề nghị lắp đèn chiếu sáng ngõ 12 phố Đội Cấn, phường Ba Đình, buổi tối rất tối và mất an toàn",
    "Đề nghị kiểm tra việc thu phí trông giữ xe vượt giá quy định tại chung cư trên phố Kim Mã",
    "Đề nghị có thêm tuyến xe buýt từ xã Sóc Sơn vào trung tâm thành phố vào buổi tối",
]


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def _text(text: str) -> str:
    return f"Cử tri thành phố Hà Nội kiến nghị {text} {MARK}."


def _run(
    *,
    rows: list[tuple[str, str, str, str]],
    body: ElectedBody,
    meeting: VoterMeeting,
    staff: Any,
    level: str,
    day: dt.date,
    counts: dict[str, int],
) -> None:
    for field_code, text, agency_code, fate in rows:
        field = PetitionField.objects.filter(code=field_code).first()
        petition = services.petition_create(
            actor=staff,
            body=body,
            content=_text(text),
            source=Petition.Source.MEETING,
            received_on=meeting.held_on,
            meeting=meeting,
        )
        counts["petitions"] += 1
        if not fate or field is None:
            continue
        petition = services.petition_classify(
            actor=staff, petition=petition, field=field, level=level
        )
        agency = Agency.objects.filter(code=agency_code).first() if agency_code else None
        if agency is None or fate == "classified":
            continue
        overdue = fate == "overdue"
        assigned_on = day - dt.timedelta(days=150 if overdue else 30)
        petition = services.petition_assign(
            actor=staff, petition=petition, agency=agency, on=assigned_on
        )
        counts["assigned"] += 1
        officer = _user("canbo.bo" if agency_code == "bo-tu-phap" else "canbo.ubnd.hn")
        if fate in ("assigned", "overdue") or officer is None:
            continue
        answered_on = day - dt.timedelta(days=7)
        services.petition_answer(
            actor=officer,
            petition=petition,
            outcome=fate,
            text=f"{agency.name} đã tiếp thu và trả lời kiến nghị của cử tri {MARK}.",
            document_number=f"{100 + counts['answered']}/MH-{agency_code.upper()}",
            document_date=answered_on,
            signer="Thứ trưởng (minh họa)" if agency_code == "bo-tu-phap" else "Phó Chủ tịch",
            committed_date=day + dt.timedelta(days=60) if fate == "being_resolved" else None,
            on=answered_on,
        )
        counts["answered"] += 1


def demo_petitions_load(*, today: dt.date | None = None) -> dict[str, int]:
    day = today or timezone.localdate()
    counts = {"meetings": 0, "petitions": 0, "assigned": 0, "answered": 0, "online": 0}
    delegation = ElectedBody.objects.filter(code="doan-dbqh-01").first()
    council = ElectedBody.objects.filter(code="hdnd-01").first()
    na_staff, council_staff = _user("thuky.qh"), _user("thuky.hdnd.hn")
    if delegation is None or na_staff is None or VoterMeeting.objects.filter(venue=VENUE).exists():
        return counts
    held_on = day - dt.timedelta(days=40)
    with transaction.atomic():
        meeting = services.voter_meeting_create(
            actor=na_staff,
            body=delegation,
            kind=VoterMeeting.Kind.PERIODIC,
            held_on=held_on,
            venue=VENUE,
            admin_unit=delegation.admin_unit,
            attendance=180,
        )
        counts["meetings"] += 1
        _run(
            rows=DELEGATION,
            body=delegation,
            meeting=meeting,
            staff=na_staff,
            level=Petition.Level.CENTRAL,
            day=day,
            counts=counts,
        )
        services.petitions_check_deadlines(on=day)
        # The same petition from two delegations, for the merge suggestion.
        services.petition_create(
            actor=na_staff,
            body=delegation,
            content=_text(DUPLICATE),
            source=Petition.Source.MEETING,
            received_on=held_on,
            meeting=meeting,
        )
        other = ElectedBody.objects.filter(code="doan-dbqh-79").first()
        if other is not None:
            services.petition_create(
                actor=na_staff,
                body=other,
                content=f"Cu tri Thanh pho Ho Chi Minh de nghi som {DUPLICATE} {MARK}.",
                source=Petition.Source.LETTER,
                received_on=held_on,
            )
            counts["petitions"] += 1
        counts["petitions"] += 1
        if council is not None and council_staff is not None:
            council_meeting = services.voter_meeting_create(
                actor=council_staff,
                body=council,
                kind=VoterMeeting.Kind.PERIODIC,
                held_on=held_on + dt.timedelta(days=3),
                venue=COUNCIL_VENUE,
                admin_unit=council.admin_unit,
                attendance=120,
            )
            counts["meetings"] += 1
            _run(
                rows=COUNCIL,
                body=council,
                meeting=council_meeting,
                staff=council_staff,
                level=Petition.Level.PROVINCIAL,
                day=day,
                counts=counts,
            )
        for k, text in enumerate(ONLINE, start=1):
            services.petition_submit_online(
                idempotency_key=f"demo-petition-online-{k}",
                body=delegation,
                content=f"{text} {MARK}",
            )
            counts["online"] += 1
        counts["consultations"] = _consultations(day)
    return counts


# Public consultations on drafts (issue 5 §7): (body, staff, title, drafting agency, summary,
# questions, feedback as (article, text)). Constructed, like everything here.
CONSULTATIONS: list[tuple[str, str, str, str, str, list[str], list[tuple[str, str]]]] = [
    (
        "hdnd-01",
        "thuky.hdnd.hn",
        f"Dự thảo Nghị quyết quy định mức thu phí tham quan di tích trên địa bàn Thành phố Hà Nội "
        f"{MARK}",
        "ubnd-01",
        "Dự thảo quy định mức thu phí tham quan tại các di tích do Thành phố quản lý, các "
        f"trường hợp miễn, giảm phí cho học sinh, người cao tuổi, người khuyết tật {MARK}.",
        ["Mức thu phí đề xuất có phù hợp không?", "Đối tượng được miễn, giảm phí đã đủ chưa?"],
        [
            ("Điều 3", "Đề nghị miễn phí cho học sinh tiểu học đi theo đoàn của nhà trường"),
            ("Điều 4", "Mức phí ngày lễ nên giữ như ngày thường để người dân dễ tham quan"),
        ],
    ),
    (
        "qh",
        "thuky.qh",
        f"Dự thảo Luật sửa đổi, bổ sung một số điều của Luật Hòa giải ở cơ sở {MARK}",
        "bo-tu-phap",
        "Dự thảo sửa đổi quy định về hòa giải viên, kinh phí hỗ trợ hoạt động hòa giải và "
        f"việc ứng dụng công nghệ thông tin trong hòa giải ở cơ sở {MARK}.",
        [],
        [("Điều 7", "Đề nghị tăng mức thù lao cho hòa giải viên ở thôn, tổ dân phố")],
    ),
]


def _consultations(day: dt.date) -> int:
    """Open one draft resolution (Hà Nội council) and one draft law (NA), with some feedback."""
    made = 0
    for n, (code, username, title, agency, summary, questions, feedback) in enumerate(
        CONSULTATIONS
    ):
        body, staff = ElectedBody.objects.filter(code=code).first(), _user(username)
        if body is None or staff is None:
            continue
        consultation = services.consultation_create(
            actor=staff,
            body=body,
            title=title,
            summary=summary,
            opens_on=day - dt.timedelta(days=5),
            closes_on=day + dt.timedelta(days=25 + 5 * n),
            drafting_agency=Agency.objects.filter(code=agency).first(),
            questions=questions,
        )
        consultation = services.consultation_open(actor=staff, consultation=consultation)
        for k, (article, text) in enumerate(feedback, start=1):
            services.consultation_feedback_submit(
                client_ip=f"192.0.2.{10 * n + k}",
                idempotency_key=f"demo-consultation-{n}-feedback-{k}",
                consultation=consultation,
                content=f"{text} {MARK}.",
                article=article,
                question=k if k <= len(questions) else None,
            )
        made += 1
    return made
