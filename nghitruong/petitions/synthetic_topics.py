"""The constructed subjects behind ``petitions.synthetic`` (written for this project, see there)."""

PROVINCES = [
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Thành phố Hồ Chí Minh",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
]

# (key, field code, wordings). Pairs of keys ending in "-a"/"-b" are deliberately close but
# different petitions (hard negatives).
TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "bhyt-nguoi-cao-tuoi-a",
        "y-te",
        [
            "Chính phủ nghiên cứu nâng mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ 70 đến dưới 80 tuổi không có lương hưu, trợ cấp bảo hiểm xã hội",
            "mở rộng đối tượng được ngân sách nhà nước hỗ trợ mua thẻ bảo hiểm y tế cho người từ đủ 70 tuổi đến dưới 80 tuổi chưa có lương hưu",
        ],
    ),
    (
        "bhyt-nguoi-cao-tuoi-b",
        "y-te",
        [
            "Bộ Y tế bổ sung danh mục thuốc điều trị bệnh mãn tính cho người cao tuổi được bảo hiểm y tế thanh toán tại trạm y tế xã",
        ],
    ),
    (
        "thuoc-vat-tu-benh-vien",
        "y-te",
        [
            "Chính phủ có giải pháp căn cơ khắc phục tình trạng thiếu thuốc, vật tư y tế, hóa chất xét nghiệm tại các bệnh viện công lập, người bệnh phải tự mua bên ngoài",
            "tình trạng bệnh viện tuyến tỉnh thiếu thuốc và vật tư y tế kéo dài, bệnh nhân bảo hiểm y tế phải tự bỏ tiền mua thuốc ngoài, đề nghị Bộ Y tế sớm tháo gỡ vướng mắc về đấu thầu",
        ],
    ),
    (
        "luong-huu-truoc-1995",
        "lao-dong-xa-hoi",
        [
            "Chính phủ điều chỉnh tăng lương hưu cho cán bộ nghỉ hưu trước năm 1995 có mức hưởng thấp, để bảo đảm cuộc sống trong bối cảnh giá cả tăng cao",
            "quan tâm điều chỉnh lương hưu đối với người nghỉ hưu trước năm 1995 vì mức lương hưu hiện nay quá thấp so với người nghỉ hưu sau này",
        ],
    ),
    (
        "tro-cap-nguoi-co-cong",
        "lao-dong-xa-hoi",
        [
            "nâng mức trợ cấp ưu đãi hằng tháng đối với người có công với cách mạng cho tương xứng với mức chuẩn trợ cấp và mức sống hiện nay",
        ],
    ),
    (
        "bhxh-mot-lan",
        "lao-dong-xa-hoi",
        [
            "Chính phủ có giải pháp hạn chế tình trạng người lao động rút bảo hiểm xã hội một lần, đồng thời tăng tính hấp dẫn của chính sách bảo hiểm xã hội tự nguyện",
            "tình trạng công nhân ồ ạt rút bảo hiểm xã hội một lần sau khi mất việc làm ngày càng tăng, cần có chính sách để người lao động yên tâm tiếp tục tham gia",
        ],
    ),
    (
        "no-dong-bhxh",
        "lao-dong-xa-hoi",
        [
            "xử lý nghiêm các doanh nghiệp nợ đóng, trốn đóng bảo hiểm xã hội kéo dài làm ảnh hưởng đến quyền lợi của người lao động khi nghỉ việc, ốm đau, thai sản",
            "nhiều doanh nghiệp chây ỳ nợ tiền bảo hiểm xã hội của công nhân nhiều năm, người lao động không chốt được sổ, đề nghị có chế tài xử lý mạnh hơn",
        ],
    ),
    (
        "giao-vien-thieu-a",
        "giao-duc",
        [
            "Bộ Giáo dục và Đào tạo có giải pháp khắc phục tình trạng thiếu giáo viên mầm non và tiểu học tại các địa phương, giao đủ biên chế giáo viên theo định mức",
            "tình trạng thừa thiếu giáo viên cục bộ, đặc biệt thiếu giáo viên mầm non, tiểu học ở vùng khó khăn vẫn chưa được giải quyết, đề nghị bổ sung chỉ tiêu biên chế",
        ],
    ),
    (
        "giao-vien-thieu-b",
        "giao-duc",
        [
            "Bộ Giáo dục và Đào tạo sớm có chính sách hỗ trợ nhà ở công vụ cho giáo viên mầm non và tiểu học công tác tại vùng đặc biệt khó khăn",
        ],
    ),
    (
        "sach-giao-khoa",
        "giao-duc",
        [
            "Bộ Giáo dục và Đào tạo có giải pháp ổn định giá sách giáo khoa, tránh tình trạng mỗi năm học phụ huynh phải mua bộ sách mới, gây lãng phí",
            "giá sách giáo khoa theo chương trình mới quá cao và thường xuyên thay đổi, gây khó khăn cho gia đình có nhiều con đi học, đề nghị xem xét lại việc xã hội hóa sách giáo khoa",
        ],
    ),
    (
        "hoc-them",
        "giao-duc",
        [
            "tăng cường quản lý tình trạng dạy thêm, học thêm tràn lan, gây áp lực cho học sinh và tốn kém cho phụ huynh",
        ],
    ),
    (
        "phu-cap-giao-vien",
        "giao-duc",
        [
            "Chính phủ sớm ban hành chính sách phụ cấp ưu đãi nghề cho giáo viên mầm non cao hơn, tương xứng với tính chất công việc vất vả, thời gian làm việc kéo dài",
        ],
    ),
    (
        "so-do-dat",
        "dat-dai-moi-truong",
        [
            "chỉ đạo đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình đang sử dụng đất ổn định, không tranh chấp nhưng chưa được cấp giấy do vướng hồ sơ",
            "nhiều hộ dân sử dụng đất ổn định lâu năm nhưng vẫn chưa được cấp sổ đỏ vì thủ tục phức tạp, đề nghị có hướng dẫn tháo gỡ để người dân sớm được cấp giấy chứng nhận",
        ],
    ),
    (
        "bang-gia-dat",
        "dat-dai-moi-truong",
        [
            "hướng dẫn cụ thể việc xây dựng bảng giá đất mới theo Luật Đất đai 2024, vì giá đất tăng cao làm tiền sử dụng đất khi chuyển mục đích vượt khả năng chi trả của người dân",
            "bảng giá đất điều chỉnh tăng nhiều lần khiến tiền chuyển mục đích sử dụng đất ở quá lớn, người dân không đủ tiền làm thủ tục, đề nghị có chính sách giảm hoặc ghi nợ",
        ],
    ),
    (
        "o-nhiem-song",
        "dat-dai-moi-truong",
        [
            "xử lý dứt điểm tình trạng ô nhiễm nguồn nước sông do nước thải của các khu công nghiệp, làng nghề xả thẳng ra môi trường chưa qua xử lý",
            "các cơ sở sản xuất và khu công nghiệp xả nước thải chưa xử lý ra sông gây ô nhiễm nghiêm trọng, ảnh hưởng sức khỏe người dân ven sông, đề nghị kiểm tra xử lý nghiêm",
        ],
    ),
    (
        "rac-thai-nong-thon",
        "dat-dai-moi-truong",
        [
            "có cơ chế hỗ trợ kinh phí xây dựng khu xử lý rác thải sinh hoạt tập trung ở nông thôn, nhiều bãi rác tạm đã quá tải gây ô nhiễm",
        ],
    ),
    (
        "sat-lo-bo-song",
        "dat-dai-moi-truong",
        [
            "bố trí vốn xây dựng kè chống sạt lở bờ sông, bờ biển tại các khu vực sạt lở đặc biệt nguy hiểm đe dọa nhà cửa và tính mạng người dân",
            "tình trạng sạt lở bờ sông diễn biến phức tạp, nhiều hộ dân phải di dời khẩn cấp, đề nghị Trung ương hỗ trợ vốn làm kè chống sạt lở",
        ],
    ),
    (
        "cao-toc-bac-nam",
        "giao-thong-xay-dung",
        [
            "đẩy nhanh tiến độ các dự án thành phần đường bộ cao tốc Bắc – Nam phía Đông, đồng thời đầu tư đầy đủ trạm dừng nghỉ trên các tuyến cao tốc đã đưa vào khai thác",
            "các tuyến cao tốc đã thông xe nhưng thiếu trạm dừng nghỉ, chỉ có hai làn xe không có làn dừng khẩn cấp, tiềm ẩn nguy cơ tai nạn, đề nghị Bộ Xây dựng sớm khắc phục",
        ],
    ),
    (
        "quoc-lo-xuong-cap",
        "giao-thong-xay-dung",
        [
            "bố trí vốn sửa chữa, nâng cấp các đoạn quốc lộ đã xuống cấp nghiêm trọng, nhiều ổ gà, gây mất an toàn giao thông",
        ],
    ),
    (
        "tram-bot",
        "giao-thong-xay-dung",
        [
            "rà soát lại vị trí và mức thu phí của các trạm thu phí BOT, không để người dân ở gần trạm phải trả phí nhiều lần cho quãng đường ngắn",
        ],
    ),
    (
        "dang-kiem",
        "giao-thong-xay-dung",
        [
            "có giải pháp giải quyết tình trạng ùn tắc tại các trung tâm đăng kiểm xe cơ giới, người dân phải xếp hàng nhiều ngày mới được kiểm định",
        ],
    ),
    (
        "giay-phep-lai-xe",
        "an-ninh-trat-tu",
        [
            "đơn giản hóa thủ tục đổi giấy phép lái xe từ ngành giao thông sang ngành công an quản lý, cho phép thực hiện trực tuyến toàn trình",
        ],
    ),
    (
        "lua-dao-mang",
        "an-ninh-trat-tu",
        [
            "tăng cường các biện pháp phòng ngừa, xử lý tội phạm lừa đảo chiếm đoạt tài sản qua mạng, qua điện thoại giả danh cơ quan công an, ngân hàng",
            "tình trạng các đối tượng giả danh công an, nhân viên ngân hàng gọi điện lừa đảo chiếm đoạt tiền của người dân ngày càng nhiều, đề nghị có giải pháp mạnh để ngăn chặn",
        ],
    ),
    (
        "tin-dung-den",
        "an-ninh-trat-tu",
        [
            "đấu tranh quyết liệt với hoạt động tín dụng đen, cho vay nặng lãi qua ứng dụng di động và đòi nợ kiểu khủng bố",
        ],
    ),
    (
        "sim-rac",
        "khoa-hoc-cong-nghe",
        [
            "chỉ đạo các nhà mạng xử lý triệt để sim rác, sim không chính chủ và tin nhắn quảng cáo rác làm phiền người dùng",
        ],
    ),
    (
        "vneid",
        "khoa-hoc-cong-nghe",
        [
            "khắc phục tình trạng ứng dụng định danh điện tử VNeID thường xuyên lỗi, chậm, người cao tuổi gặp khó khăn khi kích hoạt tài khoản định danh mức 2",
            "nhiều người dân, nhất là người cao tuổi, không kích hoạt được tài khoản định danh điện tử trên VNeID do ứng dụng hay bị lỗi, đề nghị Bộ Công an có bộ phận hỗ trợ tại xã",
        ],
    ),
    (
        "dich-vu-cong",
        "khoa-hoc-cong-nghe",
        [
            "nâng cấp cổng dịch vụ công quốc gia, bảo đảm kết nối thông suốt dữ liệu dân cư để người dân không phải nộp lại giấy tờ đã có trong cơ sở dữ liệu",
        ],
    ),
    (
        "gia-dien-a",
        "cong-thuong-nang-luong",
        [
            "xem xét lại biểu giá điện sinh hoạt bậc thang, vì hóa đơn tiền điện mùa nắng nóng tăng đột biến, ảnh hưởng đời sống người dân",
            "giá điện sinh hoạt tính theo bậc thang khiến tiền điện những tháng hè tăng rất cao, đề nghị giảm số bậc và công khai cách tính giá điện",
        ],
    ),
    (
        "gia-dien-b",
        "cong-thuong-nang-luong",
        [
            "có cơ chế khuyến khích người dân lắp đặt điện mặt trời mái nhà tự sản tự tiêu và mua lại phần điện dư phát lên lưới",
        ],
    ),
    (
        "xang-dau",
        "cong-thuong-nang-luong",
        [
            "tăng cường quản lý thị trường xăng dầu, bảo đảm nguồn cung, không để tình trạng cửa hàng xăng dầu đóng cửa, hết hàng như thời gian qua",
        ],
    ),
    (
        "hang-gia",
        "cong-thuong-nang-luong",
        [
            "xử lý nghiêm tình trạng buôn bán hàng giả, hàng kém chất lượng, thực phẩm chức năng không rõ nguồn gốc trên các sàn thương mại điện tử và mạng xã hội",
            "hàng giả, hàng nhái, mỹ phẩm và thực phẩm chức năng kém chất lượng bán tràn lan trên mạng xã hội, người tiêu dùng khó phân biệt, đề nghị siết chặt quản lý thương mại điện tử",
        ],
    ),
    (
        "gia-phan-bon",
        "nong-nghiep",
        [
            "có giải pháp bình ổn giá phân bón, thuốc bảo vệ thực vật, thức ăn chăn nuôi vì giá vật tư nông nghiệp tăng cao trong khi giá nông sản bấp bênh",
            "giá phân bón và vật tư đầu vào tăng liên tục nhưng giá lúa, giá nông sản lại thấp, nông dân sản xuất thua lỗ, đề nghị Nhà nước có biện pháp kiểm soát giá phân bón",
        ],
    ),
    (
        "tieu-thu-nong-san",
        "nong-nghiep",
        [
            "hỗ trợ tìm thị trường tiêu thụ nông sản, tránh tình trạng được mùa mất giá, giải cứu nông sản lặp đi lặp lại",
        ],
    ),
    (
        "dich-ta-lon",
        "nong-nghiep",
        [
            "hỗ trợ kịp thời kinh phí cho các hộ chăn nuôi có lợn bị tiêu hủy do dịch tả lợn châu Phi và đẩy nhanh việc sản xuất vắc xin",
        ],
    ),
    (
        "thuy-loi-noi-dong",
        "nong-nghiep",
        [
            "bố trí vốn kiên cố hóa kênh mương nội đồng và sửa chữa các hồ đập thủy lợi nhỏ đã xuống cấp, không bảo đảm an toàn mùa mưa lũ",
        ],
    ),
    (
        "thue-ho-kinh-doanh",
        "tai-chinh-ngan-sach",
        [
            "hướng dẫn rõ việc bỏ thuế khoán đối với hộ kinh doanh và áp dụng hóa đơn điện tử, có lộ trình phù hợp để hộ kinh doanh nhỏ kịp thích ứng",
            "hộ kinh doanh cá thể lo lắng khi chuyển từ thuế khoán sang kê khai và phải dùng hóa đơn điện tử khởi tạo từ máy tính tiền, đề nghị có thời gian chuyển đổi và hỗ trợ chi phí",
        ],
    ),
    (
        "giam-tru-gia-canh",
        "tai-chinh-ngan-sach",
        [
            "nâng mức giảm trừ gia cảnh khi tính thuế thu nhập cá nhân cho phù hợp với mức sống và chỉ số giá tiêu dùng hiện nay",
            "mức giảm trừ gia cảnh thuế thu nhập cá nhân đã lạc hậu so với giá cả, người làm công ăn lương chịu thuế cao, đề nghị điều chỉnh tăng mức giảm trừ cho bản thân và người phụ thuộc",
        ],
    ),
    (
        "dau-tu-cong-cham",
        "tai-chinh-ngan-sach",
        [
            "có giải pháp đẩy nhanh tiến độ giải ngân vốn đầu tư công, xử lý trách nhiệm người đứng đầu để dự án chậm tiến độ kéo dài",
        ],
    ),
    (
        "tinh-gon-bo-may-a",
        "noi-vu",
        [
            "có chính sách thỏa đáng đối với cán bộ, công chức, viên chức dôi dư sau khi sắp xếp đơn vị hành chính cấp xã và tổ chức chính quyền địa phương hai cấp",
            "sau sắp xếp bộ máy và bỏ cấp huyện, nhiều cán bộ không chuyên trách cấp xã dôi dư, đề nghị Chính phủ có chế độ hỗ trợ nghỉ việc thỏa đáng cho các đối tượng này",
        ],
    ),
    (
        "tinh-gon-bo-may-b",
        "noi-vu",
        [
            "bố trí trụ sở làm việc và xử lý tài sản công dôi dư sau khi sắp xếp đơn vị hành chính cấp xã, tránh để trụ sở cũ bỏ hoang gây lãng phí",
        ],
    ),
    (
        "giay-to-sau-sap-xep",
        "noi-vu",
        [
            "hướng dẫn việc chuyển đổi địa chỉ trên giấy tờ của người dân sau sắp xếp đơn vị hành chính, không yêu cầu người dân phải làm lại căn cước, sổ đỏ",
            "người dân băn khoăn có phải đi đổi căn cước, giấy chứng nhận quyền sử dụng đất, đăng ký xe khi địa danh hành chính thay đổi sau sáp nhập tỉnh, xã hay không, đề nghị có hướng dẫn thống nhất",
        ],
    ),
    (
        "luong-can-bo-xa",
        "noi-vu",
        [
            "sớm thực hiện cải cách tiền lương theo vị trí việc làm, nâng phụ cấp cho người hoạt động không chuyên trách ở thôn, tổ dân phố",
        ],
    ),
    (
        "ho-tich",
        "tu-phap",
        [
            "đơn giản hóa thủ tục trích lục hộ tịch và xác nhận tình trạng hôn nhân, cho phép cấp bản điện tử có giá trị như bản giấy",
        ],
    ),
    (
        "luat-dat-dai-huong-dan",
        "tu-phap",
        [
            "khẩn trương ban hành đầy đủ văn bản quy định chi tiết các luật đã có hiệu lực, tránh tình trạng luật chờ nghị định, nghị định chờ thông tư",
        ],
    ),
    (
        "di-tich-xuong-cap",
        "van-hoa-the-thao",
        [
            "bố trí kinh phí tu bổ, tôn tạo các di tích lịch sử cấp quốc gia đang xuống cấp nghiêm trọng tại địa phương",
        ],
    ),
    (
        "thiet-che-van-hoa",
        "van-hoa-the-thao",
        [
            "quan tâm đầu tư thiết chế văn hóa, sân chơi cho trẻ em và điểm sinh hoạt thể thao cho người dân tại khu dân cư, khu công nghiệp",
        ],
    ),
    (
        "dan-toc-dat-o",
        "dan-toc-ton-giao",
        [
            "tiếp tục hỗ trợ đất ở, đất sản xuất, nhà ở và nước sinh hoạt cho hộ đồng bào dân tộc thiểu số nghèo theo Chương trình mục tiêu quốc gia",
            "nhiều hộ đồng bào dân tộc thiểu số vẫn thiếu đất sản xuất, thiếu nước sinh hoạt, đề nghị đẩy nhanh giải ngân nguồn vốn chương trình mục tiêu quốc gia phát triển kinh tế xã hội vùng dân tộc",
        ],
    ),
    (
        "vung-kho-khan-xa",
        "dan-toc-ton-giao",
        [
            "giữ ổn định chính sách cho học sinh, cán bộ ở các xã, thôn đã được công nhận hoàn thành nông thôn mới nhưng thực tế đời sống còn nhiều khó khăn",
        ],
    ),
    (
        "tai-dinh-cu",
        "giao-thong-xay-dung",
        [
            "giải quyết dứt điểm việc bồi thường, hỗ trợ tái định cư cho các hộ dân bị thu hồi đất làm dự án đã nhiều năm nhưng chưa được nhận tiền",
        ],
    ),
    (
        "nha-o-xa-hoi",
        "giao-thong-xay-dung",
        [
            "đẩy mạnh phát triển nhà ở xã hội cho công nhân, người thu nhập thấp, đơn giản hóa thủ tục xét duyệt đối tượng được mua, thuê mua",
            "công nhân và người lao động thu nhập thấp rất khó tiếp cận nhà ở xã hội do ít dự án và thủ tục xác nhận điều kiện phức tạp, đề nghị có chính sách tháo gỡ",
        ],
    ),
    (
        "chung-cu-cu",
        "giao-thong-xay-dung",
        [
            "có cơ chế đặc thù để cải tạo, xây dựng lại các chung cư cũ đã hết niên hạn sử dụng, nguy hiểm cho người dân đang sinh sống",
        ],
    ),
    (
        "thuoc-la-dien-tu",
        "y-te",
        [
            "sớm cấm kinh doanh và sử dụng thuốc lá điện tử, thuốc lá nung nóng do tác hại lớn đối với sức khỏe học sinh, thanh thiếu niên",
            "thuốc lá điện tử đang lan rộng trong học sinh, sinh viên, gây nghiện và nhiều ca ngộ độc, đề nghị Quốc hội, Chính phủ có quy định cấm",
        ],
    ),
    (
        "tram-y-te-xa",
        "y-te",
        [
            "nâng cao năng lực trạm y tế xã, bổ sung bác sĩ và trang thiết bị để người dân được khám chữa bệnh ban đầu ngay tại địa phương",
        ],
    ),
    (
        "ngap-do-thi",
        "giao-thong-xay-dung",
        [
            "có giải pháp tổng thể chống ngập úng đô thị, nhiều tuyến phố ngập sâu sau mỗi trận mưa lớn gây ách tắc giao thông",
        ],
    ),
    (
        "an-toan-thuc-pham",
        "y-te",
        [
            "tăng cường kiểm tra an toàn thực phẩm tại bếp ăn tập thể trường học và khu công nghiệp sau nhiều vụ ngộ độc thực phẩm hàng loạt",
        ],
    ),
    (
        "ma-tuy-hoc-duong",
        "an-ninh-trat-tu",
        [
            "ngăn chặn tình trạng ma túy trà trộn vào bánh kẹo, nước uống, thâm nhập trường học, tăng cường giáo dục phòng chống ma túy cho học sinh",
            "các chất ma túy mới ngụy trang dưới dạng kẹo, nước giải khát đang len lỏi vào trường học, đề nghị Bộ Công an và ngành giáo dục phối hợp phòng ngừa",
        ],
    ),
    (
        "dat-nong-lam-truong",
        "dat-dai-moi-truong",
        [
            "rà soát, thu hồi đất của các công ty nông, lâm nghiệp sử dụng không hiệu quả để giao lại cho địa phương cấp cho người dân thiếu đất sản xuất",
        ],
    ),
    (
        "tien-dien-khu-tro",
        "cong-thuong-nang-luong",
        [
            "kiểm tra việc chủ nhà trọ thu tiền điện, tiền nước của công nhân thuê trọ cao hơn giá quy định của Nhà nước",
        ],
    ),
    (
        "ho-tro-thien-tai",
        "nong-nghiep",
        [
            "sớm hỗ trợ giống cây trồng, vật nuôi và kinh phí khôi phục sản xuất cho nông dân bị thiệt hại do bão lũ",
            "sau cơn bão vừa qua diện tích lúa, hoa màu và ao nuôi trồng thủy sản của người dân bị thiệt hại nặng, đề nghị Trung ương hỗ trợ giống và kinh phí để khôi phục sản xuất",
        ],
    ),
    (
        "internet-vung-sau",
        "khoa-hoc-cong-nghe",
        [
            "phủ sóng di động và internet cho các thôn, bản vùng sâu, vùng xa còn lõm sóng để học sinh học trực tuyến và người dân dùng dịch vụ công",
        ],
    ),
    (
        "thu-tuc-dat-tach-thua",
        "dat-dai-moi-truong",
        [
            "hướng dẫn thống nhất điều kiện tách thửa, hợp thửa đất theo Luật Đất đai 2024, nhiều địa phương quy định diện tích tối thiểu khác nhau gây khó khăn cho người dân",
        ],
    ),
]
