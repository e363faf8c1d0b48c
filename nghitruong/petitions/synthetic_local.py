"""A constructed corpus at scale for the clustering benchmark: national topics and local subjects.

Real petition rounds are mostly LOCAL: one road, one school, one resettlement project, raised by
one or a few delegations or councils; national policy topics (``synthetic.TOPICS``) are a minority
raised by many provinces. So a subject here is either a national topic or a local template
(``LOCAL``, two independently written wordings each) filled with its own place and object names
(communes, hamlets, projects made up from common place-name syllables, plus road numbers, lengths
and years), i.e. subjects × templates × place names; each subject is sent by 1–10 petitions, each
worded by ``synthetic.variant`` (another preamble, synonyms, tone style, no accents, a clause
dropped or added). Every text is CONSTRUCTED; no name refers to a real place on purpose.
Deterministic for a given seed.
"""

import random

from nghitruong.petitions import synthetic

SYLLABLES = [
    "an",
    "bình",
    "minh",
    "phú",
    "thạnh",
    "hòa",
    "đông",
    "tây",
    "nam",
    "bắc",
    "tân",
    "long",
    "hưng",
    "thuận",
    "lợi",
    "quang",
    "trung",
    "sơn",
    "hải",
    "thủy",
    "lâm",
    "cát",
    "vĩnh",
    "mỹ",
    "phước",
    "khánh",
    "thịnh",
    "tiến",
    "đức",
    "tài",
    "nghĩa",
    "hiệp",
    "lộc",
    "kim",
    "ngọc",
    "xuân",
    "hồng",
    "phong",
    "thái",
    "hà",
    "yên",
    "định",
    "lập",
    "thành",
    "quý",
    "hậu",
    "tường",
    "vân",
    "châu",
    "giang",
    "hoàng",
    "liên",
    "tuấn",
    "cường",
    "dương",
    "hiển",
    "thọ",
    "tú",
    "lạc",
    "mai",
    "quế",
    "trà",
    "ninh",
    "hội",
    "khê",
    "điền",
    "viên",
    "cầu",
    "đại",
    "thắng",
    "hợp",
    "tiên",
    "chánh",
    "nhân",
    "hạnh",
    "lương",
    "thượng",
    "hạ",
    "phổ",
    "hoài",
    "linh",
    "sa",
    "kỳ",
    "vạn",
    "yên",
]

# Slots: {xa} commune, {thon} hamlet, {ten} an object's own name, {so} a road number,
# {km} a length, {nam} a year, {ha} an area.
LOCAL: list[tuple[str, str, list[str]]] = [
    (
        "duong-xuong-cap",
        "giao-thong-xay-dung",
        [
            "sửa chữa tuyến đường tỉnh ĐT.{so} đoạn qua xã {xa} dài khoảng {km} km, mặt đường hư hỏng nặng, nhiều ổ gà gây mất an toàn giao thông",
            "tuyến ĐT.{so} qua địa bàn xã {xa} xuống cấp nghiêm trọng suốt {km} km, đề nghị bố trí vốn nâng cấp",
        ],
    ),
    (
        "cau-tam",
        "giao-thong-xay-dung",
        [
            "đầu tư xây dựng cầu {ten} nối thôn {thon} với trung tâm xã {xa}, cầu tạm hiện nay đã hư hỏng, người dân và học sinh đi lại nguy hiểm",
            "cầu tạm {ten} ở thôn {thon}, xã {xa} xuống cấp, mùa mưa lũ bị cô lập, đề nghị sớm xây cầu kiên cố",
        ],
    ),
    (
        "boi-thuong-tai-dinh-cu",
        "dat-dai-moi-truong",
        [
            "giải quyết dứt điểm việc bồi thường, hỗ trợ tái định cư cho các hộ dân thôn {thon}, xã {xa} bị thu hồi đất thực hiện dự án khu đô thị {ten} từ năm {nam}",
            "dự án khu đô thị {ten} thu hồi đất của người dân thôn {thon} xã {xa} từ năm {nam} nhưng đến nay chưa chi trả xong tiền bồi thường",
        ],
    ),
    (
        "phong-hoc",
        "giao-duc",
        [
            "xây dựng thêm phòng học cho Trường Tiểu học {ten}, xã {xa}, hiện nhiều lớp phải học nhờ nhà văn hóa thôn {thon}",
            "Trường Tiểu học {ten} ở xã {xa} thiếu phòng học, học sinh thôn {thon} phải học ghép, đề nghị đầu tư xây mới",
        ],
    ),
    (
        "o-nhiem-chan-nuoi",
        "dat-dai-moi-truong",
        [
            "xử lý tình trạng trang trại chăn nuôi lợn {ten} xả thải gây ô nhiễm môi trường, ảnh hưởng sức khỏe người dân thôn {thon}, xã {xa}",
            "trang trại lợn {ten} gần khu dân cư thôn {thon} xã {xa} gây mùi hôi thối, nước thải chảy ra kênh, đề nghị kiểm tra xử lý",
        ],
    ),
    (
        "kenh-muong",
        "nong-nghiep",
        [
            "nạo vét, kiên cố hóa kênh {ten} phục vụ tưới tiêu cho khoảng {ha} ha lúa của xã {xa}",
            "kênh {ten} của xã {xa} bị bồi lắng, không đủ nước tưới cho {ha} ha đất lúa, đề nghị đầu tư nạo vét",
        ],
    ),
    (
        "sat-lo",
        "dat-dai-moi-truong",
        [
            "đầu tư xây dựng kè chống sạt lở bờ sông {ten} đoạn qua thôn {thon}, xã {xa}, nhiều hộ dân phải di dời khẩn cấp",
            "bờ sông {ten} ở thôn {thon} xã {xa} sạt lở ngày càng nghiêm trọng, uy hiếp nhà cửa của người dân, đề nghị sớm làm kè",
        ],
    ),
    (
        "cho-xuong-cap",
        "kinh-te",
        [
            "đầu tư cải tạo chợ {ten} của xã {xa}, chợ xây dựng từ năm {nam} nay đã xuống cấp, mất an toàn phòng cháy",
            "chợ {ten} ở xã {xa} dột nát, nguy cơ cháy nổ cao, tiểu thương đề nghị được xây dựng lại chợ",
        ],
    ),
    (
        "tram-y-te",
        "y-te",
        [
            "nâng cấp Trạm Y tế xã {xa}, bổ sung trang thiết bị và bác sĩ, người dân thôn {thon} phải đi xa để khám bệnh",
            "Trạm Y tế xã {xa} xuống cấp, thiếu bác sĩ và máy móc, đề nghị đầu tư để người dân thôn {thon} được khám chữa bệnh gần nhà",
        ],
    ),
    (
        "nuoc-sach",
        "dat-dai-moi-truong",
        [
            "đầu tư hệ thống cấp nước sạch cho thôn {thon}, xã {xa}, người dân đang phải dùng nước giếng khoan nhiễm phèn",
            "thôn {thon} xã {xa} chưa có nước máy, nguồn nước giếng bị ô nhiễm, đề nghị kéo đường ống nước sạch về thôn",
        ],
    ),
    (
        "giay-chung-nhan",
        "dat-dai-moi-truong",
        [
            "cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân khu tái định cư {ten}, xã {xa}, đã bàn giao đất từ năm {nam}",
            "các hộ dân ở khu tái định cư {ten} xã {xa} nhận đất từ năm {nam} đến nay vẫn chưa được cấp sổ đỏ",
        ],
    ),
    (
        "den-tin-hieu",
        "giao-thong-xay-dung",
        [
            "lắp đặt đèn tín hiệu giao thông và gờ giảm tốc tại ngã ba {ten} trên quốc lộ {so}, xã {xa}, nơi thường xảy ra tai nạn",
            "ngã ba {ten} giao với quốc lộ {so} ở xã {xa} nhiều vụ tai nạn chết người, đề nghị sớm lắp đèn tín hiệu",
        ],
    ),
    (
        "bai-rac",
        "dat-dai-moi-truong",
        [
            "xử lý bãi rác {ten} của xã {xa} quá tải, rác thải ứ đọng gây ô nhiễm cho thôn {thon}",
            "bãi rác {ten} xã {xa} đầy, bốc mùi, nước rỉ rác tràn ra ruộng của người dân thôn {thon}, đề nghị đóng cửa và di dời",
        ],
    ),
    (
        "dien-luoi",
        "kinh-te",
        [
            "đầu tư lưới điện cho thôn {thon}, xã {xa}, điện yếu thường xuyên mất điện ảnh hưởng sản xuất và sinh hoạt",
            "điện ở thôn {thon} xã {xa} chập chờn, đề nghị ngành điện nâng công suất trạm biến áp {ten}",
        ],
    ),
    (
        "nha-van-hoa",
        "van-hoa-the-thao",
        [
            "hỗ trợ kinh phí xây dựng nhà văn hóa thôn {thon}, xã {xa} sau sáp nhập thôn, nhà cũ quá chật không đủ chỗ sinh hoạt",
            "thôn {thon} xã {xa} sau khi sáp nhập chưa có nhà văn hóa đủ rộng, đề nghị hỗ trợ vốn xây mới",
        ],
    ),
    (
        "dat-cong-ich",
        "dat-dai-moi-truong",
        [
            "kiểm tra việc cho thuê đất công ích tại khu đồng {ten}, xã {xa}, có dấu hiệu sai quy định từ năm {nam}",
            "việc xã {xa} cho thuê đất công ích ở khu đồng {ten} từ năm {nam} không công khai, người dân đề nghị thanh tra",
        ],
    ),
]


def _name(rng: random.Random) -> str:
    return " ".join(rng.sample(SYLLABLES, 2)).title()


def _fill(rng: random.Random, wordings: list[str]) -> list[str]:
    slots = {
        "xa": _name(rng),
        "thon": f"{_name(rng)} {rng.randint(1, 9)}" if rng.random() < 0.5 else _name(rng),
        "ten": _name(rng),
        "so": str(rng.randint(100, 999)),
        "km": str(rng.randint(2, 30)),
        "nam": str(rng.randint(2005, 2022)),
        "ha": str(rng.randint(3, 60) * 10),
    }
    return [w.format(**slots) for w in wordings]


def corpus(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """``n`` shuffled texts and their subject labels.

    Each national topic is one subject raised by 1–34 provinces (at most a fifth of ``n``); the
    rest are local subjects sent by 1–10 petitions each.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    rows: list[tuple[str, str]] = []
    for key, _field, wordings in synthetic.TOPICS:
        for k in range(rng.randint(1, 34)):
            if len(rows) >= n // 5:
                break
            rows.append((synthetic.variant(rng, wordings[k % len(wordings)])[1], key))
    subject = 0
    while len(rows) < n:
        key, _field, template = rng.choice(LOCAL)
        wordings = _fill(rng, template)
        size = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6, 10])
        for k in range(min(size, n - len(rows))):
            rows.append(
                (synthetic.variant(rng, wordings[k % len(wordings)])[1], f"{key}#{subject}")
            )
        subject += 1
    rng.shuffle(rows)
    return [t for t, _ in rows], [label for _, label in rows]
