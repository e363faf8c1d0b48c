import pytest

from nghitruong.documents.parsing import (
    AKN_SUBTYPES,
    DocumentNumberError,
    DocumentType,
    document_type_from_name,
    normalize_document_number,
    parse_document_number,
    try_parse_document_number,
)


@pytest.mark.parametrize(
    ("printed", "key", "number", "year", "type_code", "issuer", "term", "doc_type", "slug"),
    [
        ("Số: 59/2020/QH14", "59/2020/QH14", "59", 2020, None, "QH14", 14, None, "59-2020-qh14"),
        ("59/2020/qh14", "59/2020/QH14", "59", 2020, None, "QH14", 14, None, "59-2020-qh14"),
        (
            "15/2020/NĐ–CP",
            "15/2020/NĐ-CP",
            "15",
            2020,
            "NĐ",
            "CP",
            None,
            DocumentType.DECREE,
            "15-2020-nd-cp",
        ),
        (
            "15/2020/nđ-cp",
            "15/2020/NĐ-CP",
            "15",
            2020,
            "NĐ",
            "CP",
            None,
            DocumentType.DECREE,
            "15-2020-nd-cp",
        ),
        (
            "15/2020/NÐ-CP",
            "15/2020/NĐ-CP",
            "15",
            2020,
            "NĐ",
            "CP",
            None,
            DocumentType.DECREE,
            "15-2020-nd-cp",
        ),
        (
            "02/2021/TT-BTP",
            "02/2021/TT-BTP",
            "02",
            2021,
            "TT",
            "BTP",
            None,
            DocumentType.CIRCULAR,
            "02-2021-tt-btp",
        ),
        (
            "27/2022/UBTVQH15",
            "27/2022/UBTVQH15",
            "27",
            2022,
            None,
            "UBTVQH15",
            15,
            None,
            "27-2022-ubtvqh15",
        ),
        (
            "88/NQ-HĐND",
            "88/NQ-HĐND",
            "88",
            None,
            "NQ",
            "HĐND",
            None,
            DocumentType.RESOLUTION,
            "88-nq-hdnd",
        ),
        (
            "1234/QĐ-TTg",
            "1234/QĐ-TTg",
            "1234",
            None,
            "QĐ",
            "TTg",
            None,
            DocumentType.DECISION,
            "1234-qd-ttg",
        ),
        (
            "1234/qđ-ttg",
            "1234/QĐ-TTg",
            "1234",
            None,
            "QĐ",
            "TTg",
            None,
            DocumentType.DECISION,
            "1234-qd-ttg",
        ),
        (
            "1170/2016/NQ-UBTVQH13",
            "1170/2016/NQ-UBTVQH13",
            "1170",
            2016,
            "NQ",
            "UBTVQH13",
            13,
            DocumentType.RESOLUTION,
            "1170-2016-nq-ubtvqh13",
        ),
        (
            "15/2004/PL-UBTVQH11",
            "15/2004/PL-UBTVQH11",
            "15",
            2004,
            "PL",
            "UBTVQH11",
            11,
            DocumentType.ORDINANCE,
            "15-2004-pl-ubtvqh11",
        ),
        (
            "31/VBHN-VPQH",
            "31/VBHN-VPQH",
            "31",
            None,
            "VBHN",
            "VPQH",
            None,
            DocumentType.CONSOLIDATED_TEXT,
            "31-vbhn-vpqh",
        ),
        (
            "18/2013/L-CTN",
            "18/2013/L-CTN",
            "18",
            2013,
            "L",
            "CTN",
            None,
            DocumentType.ORDER,
            "18-2013-l-ctn",
        ),
        (
            "Số 01 / 2014 / TTLT-BTP-BCA",
            "01/2014/TTLT-BTP-BCA",
            "01",
            2014,
            "TTLT",
            "BTP-BCA",
            None,
            DocumentType.JOINT_CIRCULAR,
            "01-2014-ttlt-btp-bca",
        ),
    ],
)
def test_parse_document_number(printed, key, number, year, type_code, issuer, term, doc_type, slug):
    parsed = parse_document_number(printed)
    assert (parsed.key, parsed.number, parsed.year, parsed.type_code) == (
        key,
        number,
        year,
        type_code,
    )
    assert (parsed.issuer_code, parsed.term, parsed.document_type, parsed.slug) == (
        issuer,
        term,
        doc_type,
        slug,
    )
    assert parsed.raw == printed
    assert normalize_document_number(printed) == key


def test_issuer_family_drops_the_term():
    assert parse_document_number("59/2020/QH14").issuer_family == "qh"
    assert parse_document_number("27/2022/UBTVQH15").issuer_family == "ubtvqh"
    assert parse_document_number("88/NQ-HĐND").issuer_family == "hdnd"
    assert parse_document_number("1234/QĐ-TTg").issuer_family == "ttg"


@pytest.mark.parametrize("text", ["", "điều kiện", "2020", "59/2020", "abc/2020/QH14", "Số: "])
def test_not_a_number(text):
    with pytest.raises(DocumentNumberError, match=r"not a document number|invalid serial number"):
        parse_document_number(text)
    assert try_parse_document_number(text) is None


def test_type_names_and_akn_subtypes():
    assert document_type_from_name("Nghị định") is DocumentType.DECREE
    assert document_type_from_name("NGHỊ ĐỊNH") is DocumentType.DECREE
    assert document_type_from_name("thong tu lien tich") is DocumentType.JOINT_CIRCULAR
    assert document_type_from_name("Bộ luật") is DocumentType.CODE
    assert document_type_from_name("Công văn") is DocumentType.OFFICIAL_LETTER
    assert document_type_from_name("Bản tin") is None
    assert AKN_SUBTYPES[DocumentType.LAW] == "luat"
    assert AKN_SUBTYPES[DocumentType.CODE] == "bo-luat"
    assert AKN_SUBTYPES[DocumentType.JOINT_RESOLUTION] == "nghi-quyet-lien-tich"
    assert AKN_SUBTYPES[DocumentType.CONSOLIDATED_TEXT] == "van-ban-hop-nhat"
