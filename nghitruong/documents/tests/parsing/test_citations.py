from nghitruong.documents.parsing import (
    THIS,
    CitationContext,
    DocumentRef,
    DocumentType,
    Target,
    find_citations,
    parse_citation_query,
)

HERE = DocumentRef(kind="this")
ART_20_CLS_3 = CitationContext(article="20", clause="3")


def summary(text, context=ART_20_CLS_3):
    """(span text, [(document, path)]) per citation, with the span checked against the text."""
    out = []
    for citation in find_citations(text, context):
        assert text[citation.start : citation.end] == citation.text
        targets = []
        for t in citation.targets:
            doc = t.document
            key = doc.kind if doc.kind == "this" else (doc.number or doc.title)
            targets.append((key, t.path))
        out.append((citation.text, targets))
    return out


def test_full_citation_with_law_number():
    text = "Theo điểm c khoản 2 Điều 8 Luật số 101/2015/QH13 thì"
    [citation] = find_citations(text)
    assert (citation.start, citation.end) == (5, 48)
    assert citation.text == "điểm c khoản 2 Điều 8 Luật số 101/2015/QH13"
    [target] = citation.targets
    assert target.document == DocumentRef(
        kind="number", number="101/2015/QH13", doc_type=DocumentType.LAW
    )
    assert target.path == (("article", "8"), ("clause", "2"), ("point", "c"))
    assert target.label == "điểm c khoản 2 Điều 8"
    assert target.document.label == "Luật số 101/2015/QH13"


def test_lists_of_clauses_and_points():
    assert summary("khoản 1 và khoản 3 Điều 5") == [
        (
            "khoản 1 và khoản 3 Điều 5",
            [
                ("this", (("article", "5"), ("clause", "1"))),
                ("this", (("article", "5"), ("clause", "3"))),
            ],
        )
    ]
    assert summary("tại các điểm a, b và c khoản 1 Điều 12") == [
        (
            "các điểm a, b và c khoản 1 Điều 12",
            [("this", (("article", "12"), ("clause", "1"), ("point", p))) for p in ("a", "b", "c")],
        )
    ]


def test_list_distributes_the_article_to_an_earlier_chain():
    assert summary("quy định tại điểm a khoản 1 và khoản 2 Điều 5 của Luật này") == [
        (
            "điểm a khoản 1 và khoản 2 Điều 5 của Luật này",
            [
                ("this", (("article", "5"), ("clause", "1"), ("point", "a"))),
                ("this", (("article", "5"), ("clause", "2"))),
            ],
        )
    ]


def test_two_chains_share_the_document():
    text = "theo quy định tại khoản 2 Điều 59 và khoản 3 Điều 60 của Luật Đất đai số 31/2024/QH15"
    assert summary(text) == [
        (
            "khoản 2 Điều 59 và khoản 3 Điều 60 của Luật Đất đai số 31/2024/QH15",
            [
                ("31/2024/QH15", (("article", "59"), ("clause", "2"))),
                ("31/2024/QH15", (("article", "60"), ("clause", "3"))),
            ],
        )
    ]


def test_range_of_articles_expands():
    [(span, targets)] = summary("từ Điều 10 đến Điều 15 của Bộ luật này")
    assert span == "từ Điều 10 đến Điều 15 của Bộ luật này"
    assert [path for _, path in targets] == [(("article", str(n)),) for n in range(10, 16)]
    [(span, targets)] = summary("Điều 10 đến Điều 12")
    assert [path for _, path in targets] == [(("article", str(n)),) for n in (10, 11, 12)]


def test_range_of_points_follows_the_vietnamese_alphabet():
    [(_, targets)] = summary("từ điểm c đến điểm g khoản 2 Điều 7")
    assert [path[-1][1] for _, path in targets] == ["c", "d", "đ", "e", "g"]


def test_relative_references_resolve_against_the_context():
    assert summary("quy định tại khoản 2 Điều này") == [
        ("khoản 2 Điều này", [("this", (("article", "20"), ("clause", "2")))])
    ]
    assert summary("trừ trường hợp quy định tại điểm a khoản này") == [
        ("điểm a khoản này", [("this", (("article", "20"), ("clause", "3"), ("point", "a")))])
    ]
    assert summary("Chính phủ quy định chi tiết Điều này.") == [
        ("Điều này", [("this", (("article", "20"),))])
    ]
    assert summary("theo quy định tại khoản 2") == [
        ("khoản 2", [("this", (("article", "20"), ("clause", "2")))])
    ]


def test_relative_references_without_context_stay_relative():
    [citation] = find_citations("khoản 2 Điều này")
    assert citation.targets == (Target(HERE, (("article", THIS), ("clause", "2"))),)
    assert citation.targets[0].label == "khoản 2 Điều này"


def test_this_document_is_replaced_by_the_context_document():
    law = DocumentRef(kind="number", number="57/2020/QH14", doc_type=DocumentType.LAW)
    context = CitationContext(article="4", document=law)
    [citation] = find_citations("Điều 5 của Luật này", context)
    assert citation.targets == (Target(law, (("article", "5"),)),)


def test_documents_named_alone():
    assert summary("Nghị định số 15/2020/NĐ-CP") == [
        ("Nghị định số 15/2020/NĐ-CP", [("15/2020/NĐ-CP", ())])
    ]
    assert summary("Nghị quyết số 27/2022/UBTVQH15 quy định") == [
        ("Nghị quyết số 27/2022/UBTVQH15", [("27/2022/UBTVQH15", ())])
    ]
    assert summary("tội phạm được quy định tại Bộ luật Hình sự.") == [
        ("Bộ luật Hình sự", [("Bộ luật Hình sự", ())])
    ]
    assert summary("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;") == [
        ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", [("Hiến pháp", ())])
    ]
    [citation] = find_citations("Luật Đất đai số 31/2024/QH15")
    assert citation.targets[0].document == DocumentRef(
        kind="number", number="31/2024/QH15", title="Luật Đất đai", doc_type=DocumentType.LAW
    )


def test_titles_are_canonical_and_may_be_longer_than_the_list():
    assert summary("theo Bộ luật dân sự số 33/2005/QH11") == [
        ("Bộ luật dân sự số 33/2005/QH11", [("33/2005/QH11", ())])
    ]
    [citation] = find_citations("Bộ luật dân sự")
    assert citation.targets[0].document.title == "Bộ luật Dân sự"
    [citation] = find_citations("khoản 1 Điều 9 của Luật Căn cước công dân năm 2014")
    assert citation.targets[0].document == DocumentRef(
        kind="title", title="Luật Căn cước công dân", doc_type=DocumentType.LAW, year=2014
    )


def test_structural_units():
    assert summary("theo quy định tại Chương III") == [
        ("Chương III", [("this", (("chapter", "III"),))])
    ]
    assert summary("tại Mục 3 Chương XI của Luật này") == [
        ("Mục 3 Chương XI của Luật này", [("this", (("chapter", "XI"), ("section", "3")))])
    ]
    assert summary("quy định tại Phần thứ năm của Bộ luật này") == [
        ("Phần thứ năm của Bộ luật này", [("this", (("part", "5"),))])
    ]
    assert summary("Phụ lục số 01") == [("Phụ lục số 01", [("this", (("appendix", "1"),))])]


def test_hard_negatives():
    for text in (
        "Cơ sở phải đáp ứng các điều kiện sau đây;",
        "Luật này quy định phạm vi điều chỉnh và đối tượng áp dụng.",
        "Học phí là khoản tiền người học phải nộp.",
        "điểm thi, điểm chuẩn và điểm yếu của hệ thống",
        "từ thời điểm này đến thời điểm khác",
        "tại địa điểm a hoặc địa điểm b",
        "chấp nhận các điều khoản này",
        "chỉ được sử dụng tài khoản này",
        "khen thưởng, kỷ Luật Viên chức",
        "theo quy định của luật khác có liên quan và Hiến pháp",
        "Quyết định công nhận lưu hành giống cây trồng",
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.",
        "Điều 5 và 10 ngày",
    ):
        found = summary(text)
        if text == "Điều 5 và 10 ngày":
            assert found == [("Điều 5", [("this", (("article", "5"),))])]
        else:
            assert found == [], text


def test_query_parsing_with_and_without_accents():
    target = parse_citation_query("điểm c khoản 2 Điều 8 Luật 101/2015/QH13")
    assert target == Target(
        DocumentRef(kind="number", number="101/2015/QH13", doc_type=DocumentType.LAW),
        (("article", "8"), ("clause", "2"), ("point", "c")),
    )
    target = parse_citation_query("dieu 8 luat 101/2015")
    assert target == Target(
        DocumentRef(kind="number", number="101/2015", doc_type=DocumentType.LAW),
        (("article", "8"),),
    )
    target = parse_citation_query("khoan 2 dieu 3 bo luat dan su")
    assert target == Target(
        DocumentRef(kind="title", title="Bộ luật Dân sự", doc_type=DocumentType.CODE),
        (("article", "3"), ("clause", "2")),
    )
    assert parse_citation_query("diem dd khoan 1 dieu 5") == Target(
        HERE, (("article", "5"), ("clause", "1"), ("point", "đ"))
    )
    assert parse_citation_query("chuong iii luat dat dai") == Target(
        DocumentRef(kind="title", title="Luật Đất đai", doc_type=DocumentType.LAW),
        (("chapter", "III"),),
    )
    assert parse_citation_query("nghị định 15/2020/nđ-cp") == Target(
        DocumentRef(kind="number", number="15/2020/NĐ-CP", doc_type=DocumentType.DECREE), ()
    )


def test_query_without_a_citation():
    assert parse_citation_query("thủ tục đăng ký kết hôn") is None
    assert parse_citation_query("dieu kien ket hon") is None
    assert parse_citation_query("") is None
