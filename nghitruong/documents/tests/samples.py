"""Sample documents for the import tests (written for the tests; not real laws)."""

LAW_TEXT = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5/2022/QH15
Hà Nội, ngày 15 tháng 6 năm 2022
LUẬT
THỬ NGHIỆM NHẬP VĂN BẢN
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Thử nghiệm nhập văn bản.
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định việc thử nghiệm nhập văn bản.
Điều 2. Nguyên tắc
1. Công khai, minh bạch.
2. Bảo đảm an toàn dữ liệu:
a) Không làm mất dữ liệu;
b) Không nhập dở dang.
Chương II
ĐIỀU KHOẢN THI HÀNH
Điều 3. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2023.
"""

SECRET_TEXT = "MẬT\n" + LAW_TEXT.replace("5/2022/QH15", "6/2022/QH15")
