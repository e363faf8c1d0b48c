from nghitruong.documents.parsing import (
    CitationContext,
    DocumentRef,
    extract_delegations,
    extract_relations,
)

# Luật Bảo vệ môi trường 2020 (72/2020/QH14), Điều 169 khoản 1–3, verbatim from the retrieval
# corpus (/work/shared/bench/legal-retrieval/corpus.jsonl, id "Luật Bảo vệ môi trường#169").
BVMT_169 = (
    "1. Bãi bỏ, sửa đổi, bổ sung một số điều của Luật Tài nguyên nước số 17/2012/QH13 đã được sửa "
    "đổi, bổ sung một số điều theo Luật số 08/2017/QH14 và Luật số 35/2018/QH14 như sau:\n\n"
    "a) Bãi bỏ Điều 37 và điểm đ khoản 1 Điều 38;\n\n"
    "b) Sửa đổi, bổ sung khoản 1 Điều 73 như sau:\n\n"
    "“1. Bộ Tài nguyên và Môi trường, Ủy ban nhân dân cấp tỉnh thực hiện việc cấp, gia hạn, điều "
    "chỉnh, đình chỉ, thu hồi giấy phép về tài nguyên nước.\n\n"
    "Việc cấp giấy phép môi trường trong đó có nội dung xả nước thải vào nguồn nước được thực hiện "
    "theo quy định của pháp luật về bảo vệ môi trường.”.\n\n"
    "2. Bãi bỏ điểm d khoản 1 Điều 44 và Điều 58 của Luật Thủy lợi số 08/2017/QH14 đã được sửa đổi, "
    "bổ sung một số điều theo Luật số 35/2018/QH14 và Luật số 59/2020/QH14.\n\n"
    "3. Sửa đổi, bổ sung một số điều của Luật Đầu tư công số 39/2019/QH14 đã được sửa đổi, bổ sung "
    "một số điều theo Luật số 64/2020/QH14 như sau:\n\n"
    "a) Sửa đổi, bổ sung điểm g khoản 2 Điều 30 như sau:\n\n"
    "“g) Phân tích, đánh giá sơ bộ tác động xã hội; đánh giá sơ bộ tác động môi trường (nếu có) "
    "theo quy định của pháp luật về bảo vệ môi trường;”;"
)


def rows(relations):
    return [
        (
            r.kind,
            [(t.document.number or t.document.title, t.label) for t in r.targets],
        )
        for r in relations
    ]


def test_amending_article_resolves_provisions_against_the_amended_law():
    assert rows(extract_relations(BVMT_169, CitationContext(article="169"))) == [
        ("amends", [("17/2012/QH13", "")]),
        (
            "partially_repeals",
            [("17/2012/QH13", "Điều 37"), ("17/2012/QH13", "điểm đ khoản 1 Điều 38")],
        ),
        ("amends", [("17/2012/QH13", "khoản 1 Điều 73")]),
        (
            "partially_repeals",
            [("08/2017/QH14", "điểm d khoản 1 Điều 44"), ("08/2017/QH14", "Điều 58")],
        ),
        ("amends", [("39/2019/QH14", "")]),
        ("amends", [("39/2019/QH14", "điểm g khoản 2 Điều 30")]),
    ]


def test_preamble_based_on():
    preamble = (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Bộ luật Dân sự số 91/2015/QH13;\n"
        "Quốc hội ban hành Luật Thanh niên."
    )
    relations = extract_relations(preamble)
    assert rows(relations) == [
        ("based_on", [("Hiến pháp", "")]),
        ("based_on", [("Luật Tổ chức Chính phủ", "")]),
        ("based_on", [("91/2015/QH13", "")]),
    ]
    assert relations[1].targets[0].document.year == 2015
    assert relations[0].text == "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert preamble[relations[0].start : relations[0].end] == relations[0].text


def test_final_provisions_repeal_and_replace():
    # Luật Thanh niên 2020, Điều 41 khoản 2 (corpus, verbatim).
    text = (
        "2. Luật Thanh niên số 53/2005/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
    )
    assert rows(extract_relations(text)) == [("repeals", [("53/2005/QH11", "")])]
    text = "Luật này thay thế Pháp lệnh Giống cây trồng số 15/2004/PL-UBTVQH11."
    assert rows(extract_relations(text)) == [("replaces", [("15/2004/PL-UBTVQH11", "")])]
    # Luật Cư trú 2020, Điều 37 khoản 3 (corpus, verbatim).
    text = "3. Bãi bỏ khoản 3 và khoản 4 Điều 19 của Luật Thủ đô số 25/2012/QH13."
    assert rows(extract_relations(text)) == [
        (
            "partially_repeals",
            [("25/2012/QH13", "khoản 3 Điều 19"), ("25/2012/QH13", "khoản 4 Điều 19")],
        )
    ]


def test_text_without_relations():
    assert extract_relations("Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 30 tuổi.") == []
    assert extract_relations("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.") == []


def delegation_rows(text, context):
    return [
        (d.authority, d.action, d.subject, [t.label for t in d.targets])
        for d in extract_delegations(text, context)
    ]


def test_delegations_from_real_articles():
    # Luật Phòng, chống ma túy 2021, Điều 14 khoản 2 and Điều 2 khoản 1; Luật Bảo vệ môi trường
    # 2020, Điều 32 khoản 2 and Điều 37 khoản 7; Luật Giáo dục 2019, Điều 99 khoản 5 (corpus, verbatim).
    assert delegation_rows(
        "2. Chính phủ quy định chi tiết Điều này.", CitationContext(article="14")
    ) == [("Chính phủ", "quy định chi tiết", "Điều này", ["Điều 14"])]
    text = (
        "1. Chất ma túy là chất gây nghiện, chất hướng thần được quy định trong danh mục chất ma "
        "túy do Chính phủ ban hành."
    )
    assert delegation_rows(text, CitationContext(article="2", clause="1")) == [
        (
            "Chính phủ",
            "ban hành",
            "Chất ma túy là chất gây nghiện, chất hướng thần được quy định trong danh mục chất ma túy",
            ["khoản 1 Điều 2"],
        )
    ]
    text = "2. Bộ trưởng Bộ Tài nguyên và Môi trường quy định chi tiết Điều này."
    assert delegation_rows(text, CitationContext(article="32")) == [
        ("Bộ trưởng Bộ Tài nguyên và Môi trường", "quy định chi tiết", "Điều này", ["Điều 32"])
    ]
    text = "7. Chính phủ quy định chi tiết khoản 4 Điều này."
    assert delegation_rows(text, CitationContext(article="37")) == [
        ("Chính phủ", "quy định chi tiết", "khoản 4 Điều này", ["khoản 4 Điều 37"])
    ]
    text = (
        "5. Trẻ em mầm non 05 tuổi không thuộc đối tượng quy định tại khoản 4 Điều này và học sinh "
        "trung học cơ sở được miễn học phí theo lộ trình do Chính phủ quy định."
    )
    assert delegation_rows(text, CitationContext(article="99", clause="5")) == [
        (
            "Chính phủ",
            "quy định",
            "Trẻ em mầm non 05 tuổi không thuộc đối tượng quy định tại khoản 4 Điều này và học sinh "
            "trung học cơ sở được miễn học phí theo lộ trình",
            ["khoản 5 Điều 99"],
        )
    ]


def test_delegation_targets_use_the_context_document():
    law = DocumentRef(kind="number", number="57/2020/QH14")
    [delegation] = extract_delegations(
        "Giao Chính phủ quy định chi tiết khoản 2 Điều này.",
        CitationContext(article="9", document=law),
    )
    assert (delegation.authority, delegation.action) == ("Chính phủ", "quy định chi tiết")
    assert [(t.document, t.label) for t in delegation.targets] == [(law, "khoản 2 Điều 9")]


def test_passive_delegation_concerns_the_current_provision():
    # Luật An ninh mạng 2018, Điều 26 khoản 2 điểm (shortened), corpus.
    text = (
        "Ngăn chặn việc chia sẻ thông tin có nội dung quy định tại các khoản 1 và 2 Điều 16 "
        "của Luật này theo quy định của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch."
    )
    assert delegation_rows(text, CitationContext(article="26", clause="2")) == [
        (
            "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch",
            "quy định",
            "Ngăn chặn việc chia sẻ thông tin có nội dung quy định tại các khoản 1 và 2 Điều 16 "
            "của Luật này",
            ["khoản 2 Điều 26"],
        )
    ]


def test_no_delegation_in_ordinary_sentences():
    assert extract_delegations("Chính phủ thống nhất quản lý nhà nước về thanh niên.") == []
    assert (
        extract_delegations(
            "Hội đồng Thẩm phán Tòa án nhân dân tối cao quy định tại Điều 296 của Luật này."
        )
        == []
    )
    assert extract_delegations("Quyết định của Tòa án có hiệu lực pháp luật.") == []
