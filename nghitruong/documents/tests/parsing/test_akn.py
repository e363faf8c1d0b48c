import datetime

import pytest

from nghitruong.documents.parsing import (
    DocumentType,
    FrbrUriError,
    build_expression_uri,
    build_work_uri,
    parse_document_number,
    parse_frbr_uri,
)


def test_work_and_expression_uris_of_a_law():
    work = build_work_uri(
        doc_type=DocumentType.LAW,
        date=datetime.date(2020, 6, 17),
        number=parse_document_number("59/2020/QH14"),
    )
    assert str(work) == "/akn/vn/act/luat/qh/2020-06-17/59-2020-qh14"
    expression = build_expression_uri(work, date=datetime.date(2021, 1, 1))
    assert str(expression) == "/akn/vn/act/luat/qh/2020-06-17/59-2020-qh14/vie@2021-01-01"
    assert parse_frbr_uri(str(expression)) == expression
    assert parse_frbr_uri(str(work)) == work


def test_decree_code_constitution_and_local_document():
    decree = build_work_uri(
        doc_type=DocumentType.DECREE,
        date=datetime.date(2024, 7, 26),
        number=parse_document_number("100/2024/NĐ-CP"),
    )
    assert str(decree) == "/akn/vn/act/nghi-dinh/cp/2024-07-26/100-2024-nd-cp"
    constitution = build_work_uri(
        doc_type=DocumentType.CONSTITUTION,
        date=datetime.date(2013, 11, 28),
        actor="qh",
        name="Hiến pháp",
    )
    assert str(constitution) == "/akn/vn/act/hien-phap/qh/2013-11-28/hien-phap"
    personnel = build_work_uri(
        doc_type=DocumentType.RESOLUTION,
        date=datetime.date(2016, 4, 2),
        number=parse_document_number("88/NQ-HĐND"),
        normative=False,
        locality="79",
    )
    assert str(personnel) == "/akn/vn-79/doc/nghi-quyet/hdnd/2016-04-02/88-nq-hdnd"
    assert parse_frbr_uri(str(personnel)).place == "vn-79"


def test_portion_and_at_or_before_expression():
    uri = "/akn/vn/act/bo-luat/qh/2015-11-27/101-2015-qh13/vie:2018-01-01~chp_IV__art_10a__cls_2__pnt_dd"
    parsed = parse_frbr_uri(uri)
    assert (parsed.subtype, parsed.actor, parsed.number) == ("bo-luat", "qh", "101-2015-qh13")
    assert (parsed.language, parsed.expression_date, parsed.exact) == (
        "vie",
        datetime.date(2018, 1, 1),
        False,
    )
    assert parsed.portion == "chp_IV__art_10a__cls_2__pnt_dd"
    assert parsed.work_uri == "/akn/vn/act/bo-luat/qh/2015-11-27/101-2015-qh13"
    assert str(parsed) == uri


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "/akn/vn/act/luat/qh/2020-13-45/59-2020-qh14",
        "akn/vn/act/luat",
        "/akn/vn/act/luat/qh/59",
    ],
)
def test_invalid_uris(uri):
    with pytest.raises(FrbrUriError, match="invalid"):
        parse_frbr_uri(uri)


def test_missing_actor_is_refused():
    with pytest.raises(FrbrUriError, match="missing issuing body"):
        build_work_uri(doc_type=DocumentType.LAW, date=datetime.date(2020, 1, 1), name="Luật")
