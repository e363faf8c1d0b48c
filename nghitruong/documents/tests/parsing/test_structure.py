from pathlib import Path

from nghitruong.documents.parsing import parse_article_text, parse_structure

DATA = Path(__file__).parent / "data"


def outline(document):
    return [(p.eid, p.label, p.heading) for p in document.walk() if p.kind != "point"]


def test_law_layout_tree_and_eids():
    text = (DATA / "luat_thanh_nien_excerpt.txt").read_text(encoding="utf-8")
    document = parse_structure(text)
    assert document.header.splitlines() == [
        "QUỐC HỘI",
        "--------",
        "Luật số: 57/2020/QH14",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Hà Nội, ngày 16 tháng 6 năm 2020",
        "LUẬT",
        "THANH NIÊN",
    ]
    assert document.preamble is not None
    assert document.preamble.text == (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "Quốc hội ban hành Luật Thanh niên."
    )
    assert [p.eid for p in document.children] == [
        "preamble",
        "chp_I",
        "chp_V",
        "chp_VI",
        "signature",
        "att_1",
    ]
    assert [(a.eid, a.label, a.heading) for a in document.articles()] == [
        ("chp_I__art_1", "Điều 1", "Thanh niên"),
        ("chp_I__art_2", "Điều 2", "Phạm vi điều chỉnh"),
        ("chp_I__art_3", "Điều 3", "Đối tượng áp dụng"),
        ("chp_I__art_4", "Điều 4", "Vai trò, quyền và nghĩa vụ của thanh niên"),
        (
            "chp_I__art_5",
            "Điều 5",
            "Nguyên tắc bảo đảm thực hiện quyền, nghĩa vụ của thanh niên và chính sách của "
            "Nhà nước đối với thanh niên",
        ),
        ("chp_I__art_5a", "Điều 5a", "Đối tượng áp dụng"),
        (
            "chp_V__sec_1__art_40",
            "Điều 40",
            "Trách nhiệm của Hội đồng nhân dân, Ủy ban nhân dân cấp tỉnh",
        ),
        ("chp_VI__art_41", "Điều 41", "Hiệu lực thi hành"),
    ]
    chapter = document.find("chp_V")
    assert chapter is not None
    assert (chapter.label, chapter.heading) == (
        "Chương V",
        "TRÁCH NHIỆM CỦA CƠ QUAN, TỔ CHỨC, GIA ĐÌNH VÀ CÁ NHÂN ĐỐI VỚI THANH NIÊN",
    )
    section = document.find("chp_V__sec_1")
    assert section is not None
    assert (section.label, section.heading) == ("Mục 1", "TRÁCH NHIỆM CỦA CƠ QUAN NHÀ NƯỚC")


def test_points_follow_the_vietnamese_alphabet():
    document = parse_structure((DATA / "luat_thanh_nien_excerpt.txt").read_text(encoding="utf-8"))
    clause = document.find("chp_V__sec_1__art_40__cls_2")
    assert clause is not None
    assert clause.text == (
        "Ủy ban nhân dân cấp tỉnh, trong phạm vi nhiệm vụ, quyền hạn của mình, thực hiện quản lý "
        "nhà nước về thanh niên và có trách nhiệm sau đây:"
    )
    assert [(p.number, p.label, p.eid.rsplit("__", 1)[1]) for p in clause.children] == [
        ("a", "Điểm a", "pnt_a"),
        ("b", "Điểm b", "pnt_b"),
        ("c", "Điểm c", "pnt_c"),
        ("d", "Điểm d", "pnt_d"),
        ("đ", "Điểm đ", "pnt_dd"),
        ("e", "Điểm e", "pnt_e"),
        ("g", "Điểm g", "pnt_g"),
        ("h", "Điểm h", "pnt_h"),
    ]
    point = document.find("chp_V__sec_1__art_40__cls_1__pnt_dd")
    assert point is not None
    assert point.text == (
        "Quyết định biên chế của cơ quan được giao thực hiện nhiệm vụ quản lý nhà nước về thanh niên."
    )


def test_signature_and_appendix():
    document = parse_structure((DATA / "luat_thanh_nien_excerpt.txt").read_text(encoding="utf-8"))
    assert document.signature is not None
    assert document.signature.text.splitlines() == [
        "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 9 "
        "thông qua ngày 16 tháng 6 năm 2020.",
        "CHỦ TỊCH QUỐC HỘI",
        "(Đã ký)",
        "Nguyễn Thị Kim Ngân",
    ]
    last = document.find("chp_VI__art_41")
    assert last is not None
    assert [c.eid for c in last.children] == ["chp_VI__art_41__cls_1", "chp_VI__art_41__cls_2"]
    [appendix] = document.of_kind("appendix")
    assert (appendix.eid, appendix.label, appendix.heading) == (
        "att_1",
        "Phụ lục",
        "MẪU BÁO CÁO TÌNH HÌNH THANH NIÊN",
    )
    assert appendix.text.splitlines() == [
        "(Kèm theo Luật số 57/2020/QH14)",
        "1. Số lượng thanh niên theo độ tuổi.",
        "2. Tình hình thực hiện chính sách đối với thanh niên.",
    ]


def test_eids_are_unique_and_stable_across_reparses():
    text = (DATA / "luat_thanh_nien_excerpt.txt").read_text(encoding="utf-8")
    first = [p.eid for p in parse_structure(text).walk()]
    second = [p.eid for p in parse_structure(text.replace("\n", "\r\n")).walk()]
    assert first == second
    assert len(first) == len(set(first)) == 41


def test_amending_law_keeps_quoted_articles_inside_its_clauses():
    text = (DATA / "luat_sua_doi_du_thao.txt").read_text(encoding="utf-8")
    document = parse_structure(text)
    assert [(a.eid, a.heading) for a in document.articles()] == [
        ("art_1", "Sửa đổi, bổ sung một số điều của Luật Thanh niên"),
        ("art_2", "Hiệu lực thi hành"),
    ]
    assert [(p.eid, p.kind) for p in document.walk() if p.eid.startswith("art_1")] == [
        ("art_1", "article"),
        ("art_1__cls_1", "clause"),
        ("art_1__cls_1__qstr_1", "quotation"),
        ("art_1__cls_2", "clause"),
        ("art_1__cls_2__qstr_1", "quotation"),
        ("art_1__cls_3", "clause"),
        ("art_1__cls_3__qstr_1", "quotation"),
        ("art_1__cls_4", "clause"),
    ]
    quoted = document.find("art_1__cls_1__qstr_1")
    assert quoted is not None
    assert quoted.text.splitlines()[0].startswith("“Điều 5. Nguyên tắc bảo đảm")
    assert quoted.text.splitlines()[-1].endswith("nghĩa vụ của thanh niên.”")
    assert len(quoted.text.splitlines()) == 3
    point_quote = document.find("art_1__cls_3__qstr_1")
    assert point_quote is not None
    assert point_quote.text.startswith("“đ) Quyết định biên chế")
    clause_4 = document.find("art_1__cls_4")
    assert clause_4 is not None
    assert clause_4.text == (
        "Bãi bỏ điểm h khoản 2 Điều 40.\nChính phủ quy định chi tiết khoản 2 Điều này."
    )
    assert document.signature is not None
    assert document.signature.text.splitlines()[-1] == "CHỦ TỊCH QUỐC HỘI"


def test_article_from_the_corpus_with_a_trailing_paragraph():
    # Bộ luật dân sự 2015, Điều 468 khoản 1 (verbatim, retrieval corpus): a clause whose closing
    # sentence is an unnumbered paragraph.
    text = (
        "Lãi suất\n\n"
        "1. Lãi suất vay do các bên thỏa thuận.\n\n"
        "Trường hợp các bên có thỏa thuận về lãi suất thì lãi suất theo thỏa thuận không được vượt "
        "quá 20%/năm của khoản tiền vay, trừ trường hợp luật khác có liên quan quy định khác.\n\n"
        "2. Trường hợp các bên có thỏa thuận về việc trả lãi, nhưng không xác định rõ lãi suất "
        "và có tranh chấp về lãi suất thì lãi suất được xác định bằng 50% mức lãi suất giới hạn "
        "quy định tại khoản 1 Điều này tại thời điểm trả nợ."
    )
    article = parse_article_text("468", text)
    assert (article.eid, article.label, article.heading, article.text) == (
        "art_468",
        "Điều 468",
        "Lãi suất",
        "",
    )
    clause = article.children[0]
    # The continuation sentence has no number and the clause has no children yet: own text.
    assert (clause.eid, clause.text.splitlines()) == (
        "art_468__cls_1",
        [
            "Lãi suất vay do các bên thỏa thuận.",
            "Trường hợp các bên có thỏa thuận về lãi suất thì lãi suất theo thỏa thuận không được "
            "vượt quá 20%/năm của khoản tiền vay, trừ trường hợp luật khác có liên quan quy định khác.",
        ],
    )
    assert clause.children == []
    assert [c.eid for c in article.children] == ["art_468__cls_1", "art_468__cls_2"]


def test_text_before_the_first_article_of_a_chapter_is_kept():
    document = parse_structure("Chương II\nQUYỀN\nGhi chú của chương.\nĐiều 6. Quyền\nNội dung.")
    assert [(p.eid, p.kind, p.heading, p.text) for p in document.walk()] == [
        ("chp_II", "chapter", "QUYỀN", ""),
        ("chp_II__para_1", "paragraph", "", "Ghi chú của chương."),
        ("chp_II__art_6", "article", "Quyền", "Nội dung."),
    ]


def test_paragraph_children_after_points_and_dash_items():
    text = (
        "Điều 7. Hồ sơ\n"
        "1. Hồ sơ gồm:\n"
        "a) Đơn đề nghị;\n"
        "- bản chính;\n"
        "- bản sao;\n"
        "b) Giấy tờ khác.\n"
        "Hồ sơ nộp trực tiếp hoặc qua bưu chính.\n"
        "a1) không được đánh số như vậy ở đây\n"
    )
    document = parse_structure(text)
    assert [(p.eid, p.kind, p.text) for p in document.walk()] == [
        ("art_7", "article", ""),
        ("art_7__cls_1", "clause", "Hồ sơ gồm:"),
        ("art_7__cls_1__pnt_a", "point", "Đơn đề nghị;"),
        ("art_7__cls_1__pnt_a__para_1", "paragraph", "- bản chính;"),
        ("art_7__cls_1__pnt_a__para_2", "paragraph", "- bản sao;"),
        ("art_7__cls_1__pnt_b", "point", "Giấy tờ khác."),
        ("art_7__cls_1__para_1", "paragraph", "Hồ sơ nộp trực tiếp hoặc qua bưu chính."),
        ("art_7__cls_1__pnt_a1", "point", "không được đánh số như vậy ở đây"),
    ]


def test_sub_points_nest_under_their_point():
    document = parse_structure(
        "Điều 3. Giải thích\n1. Gồm:\na) Loại A:\na1) loại A1;\na2) loại A2;\nb) Loại B."
    )
    assert [p.eid for p in document.walk()] == [
        "art_3",
        "art_3__cls_1",
        "art_3__cls_1__pnt_a",
        "art_3__cls_1__pnt_a__pnt_a1",
        "art_3__cls_1__pnt_a__pnt_a2",
        "art_3__cls_1__pnt_b",
    ]


def test_parts_headings_on_next_line_and_duplicate_numbers():
    text = (
        "PHẦN THỨ NHẤT\nNHỮNG QUY ĐỊNH CHUNG\n"
        "Chương I. PHẠM VI\n"
        "Điều 1.\nPhạm vi điều chỉnh\nBộ luật này quy định địa vị pháp lý.\n"
        "Điều 1. Trùng số\n"
        "Phần thứ hai\nQUYỀN SỞ HỮU\n"
        "Điều 2. Quyết định việc thành lập cơ quan.\n"
    )
    document = parse_structure(text)
    assert [(p.eid, p.label, p.heading, p.text) for p in document.walk()] == [
        ("part_1", "Phần thứ nhất", "NHỮNG QUY ĐỊNH CHUNG", ""),
        ("part_1__chp_I", "Chương I", "PHẠM VI", ""),
        (
            "part_1__chp_I__art_1",
            "Điều 1",
            "Phạm vi điều chỉnh",
            "Bộ luật này quy định địa vị pháp lý.",
        ),
        ("part_1__chp_I__art_1-2", "Điều 1", "Trùng số", ""),
        ("part_2", "Phần thứ hai", "QUYỀN SỞ HỮU", ""),
        ("part_2__art_2", "Điều 2", "", "Quyết định việc thành lập cơ quan."),
    ]


def test_full_text_recomposes_an_article():
    article = parse_article_text(
        "4", "Vai trò\n\n1. Thanh niên.\n\n2. Quyền:\n\na) học tập;\n\nb) lao động."
    )
    assert article.full_text() == "Vai trò\n1. Thanh niên.\n2. Quyền:\na) học tập;\nb) lao động."
