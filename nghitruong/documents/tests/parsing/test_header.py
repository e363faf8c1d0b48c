import datetime
from pathlib import Path

import pytest

from nghitruong.documents.parsing import DocumentType, detect_state_secret, extract_header

DATA = Path(__file__).parent / "data"


def test_law_first_page():
    header = extract_header((DATA / "luat_thanh_nien_excerpt.txt").read_text(encoding="utf-8"))
    assert header.issuer == "QUỐC HỘI"
    assert header.number is not None
    assert header.number.key == "57/2020/QH14"
    assert (header.place, header.date) == ("Hà Nội", datetime.date(2020, 6, 16))
    assert (header.doc_type, header.subject, header.title) == (
        DocumentType.LAW,
        "THANH NIÊN",
        "Luật Thanh niên",
    )
    assert header.state_secret is None


def test_interleaved_two_column_header_of_a_provincial_decision():
    text = (
        "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH BẮC NINH        Độc lập - Tự do - Hạnh phúc\n"
        "-------        ---------------\n"
        "Số: 12/2021/QĐ-UBND        Bắc Ninh, ngày 05 tháng 3 năm 2021\n"
        "QUYẾT ĐỊNH\n"
        "Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Ninh\n"
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    )
    header = extract_header(text)
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert header.number is not None
    assert (header.number.key, header.number.issuer_code) == ("12/2021/QĐ-UBND", "UBND")
    assert (header.place, header.date) == ("Bắc Ninh", datetime.date(2021, 3, 5))
    assert header.doc_type is DocumentType.DECISION
    assert header.subject == "Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Ninh"
    assert header.title == (
        "Quyết định Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Ninh"
    )


def test_decree_header_without_place_on_the_number_line():
    text = (
        "CHÍNH PHỦ\n"
        "-------\n"
        "Số: 15/2020/NĐ-CP\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 03 tháng 02 năm 2020\n"
        "NGHỊ ĐỊNH\n"
        "QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC BƯU CHÍNH, VIỄN THÔNG,\n"
        "TẦN SỐ VÔ TUYẾN ĐIỆN, CÔNG NGHỆ THÔNG TIN VÀ GIAO DỊCH ĐIỆN TỬ\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
    )
    header = extract_header(text)
    assert header.issuer == "CHÍNH PHỦ"
    assert header.number is not None
    assert header.number.key == "15/2020/NĐ-CP"
    assert header.date == datetime.date(2020, 2, 3)
    assert header.doc_type is DocumentType.DECREE
    assert header.subject == (
        "QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC BƯU CHÍNH, VIỄN THÔNG, "
        "TẦN SỐ VÔ TUYẾN ĐIỆN, CÔNG NGHỆ THÔNG TIN VÀ GIAO DỊCH ĐIỆN TỬ"
    )


def test_draft_without_number():
    header = extract_header((DATA / "luat_sua_doi_du_thao.txt").read_text(encoding="utf-8"))
    assert (header.issuer, header.number, header.date) == ("QUỐC HỘI", None, None)
    assert header.doc_type is DocumentType.LAW
    assert header.subject == "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THANH NIÊN"


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("BỘ QUỐC PHÒNG\nMẬT\nSố: 12/BC-BQP\nBÁO CÁO", "MẬT"),
        ("BỘ CÔNG AN\n[TỐI MẬT]\nSố: 3/KH-BCA", "TỐI MẬT"),
        ("*** TUYỆT MẬT ***\nKẾ HOẠCH", "TUYỆT MẬT"),
        ("BỘ QUỐC PHÒNG            MẬT\nSố: 12/BC-BQP", "MẬT"),
        ("VĂN PHÒNG QUỐC HỘI\nĐộ mật: Tối mật\nSố: 7/BC-VPQH", "TỐI MẬT"),
        ("trang 1\nMẬT\nnội dung\n\nTUYỆT MẬT\ntrang 2", "TUYỆT MẬT"),
    ],
)
def test_state_secret_stamps(text, grade):
    assert detect_state_secret(text) == grade


@pytest.mark.parametrize(
    "text",
    [
        "QUỐC HỘI\nLuật số: 29/2018/QH14\nLUẬT\nBẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Điều 8. Phân loại bí mật nhà nước\n"
        "Bí mật nhà nước được phân loại thành 03 độ mật: Tuyệt mật, Tối mật và Mật.\n"
        "1. Bí mật nhà nước độ Tuyệt mật là bí mật nhà nước liên quan đến chính trị.",
        "Người có trách nhiệm giữ bí mật nhà nước theo quy định của pháp luật.",
        "LUẬT\nCƠ YẾU\nSản phẩm MẬT MÃ dùng để bảo vệ thông tin.",
        "Tài khoản và mật khẩu phải được bảo vệ.",
        "",
    ],
)
def test_ordinary_uses_of_the_word_are_not_stamps(text):
    assert detect_state_secret(text) is None
