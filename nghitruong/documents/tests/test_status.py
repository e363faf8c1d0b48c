"""Point in time: versions and status before/after an amendment and a repeal."""

import datetime as dt

import pytest

from nghitruong.documents.selectors import (
    expression_diff,
    provision_status_at,
    work_expression_at,
    work_status_at,
)
from nghitruong.documents.services import expression_create, relation_create
from nghitruong.documents.tests.factories import article

D = dt.date


@pytest.fixture
def amended(make_work, staff):
    base = make_work("Luật Gốc", "1/2020/QH14")  # issued 2020-06-01, effective 2021-01-01
    amending = make_work(
        "Luật sửa đổi Luật Gốc",
        "5/2022/QH15",
        issued_date=D(2022, 6, 1),
        effective_date=D(2023, 1, 1),
    )
    expression_create(
        actor=staff,
        work=base,
        version_date=D(2023, 1, 1),
        amending_work=amending,
        tree=[
            article("1", "Phạm vi điều chỉnh", "Luật này quy định về thử nghiệm có kiểm soát."),
            article("2", "Nguyên tắc", "Công khai, minh bạch.", "Bảo đảm quyền con người."),
            article("2a", "Thử nghiệm số", "Áp dụng trên môi trường điện tử."),
        ],
    )
    relation_create(
        actor=staff,
        kind="amends",
        source_work=amending,
        target_work=base,
        target_eid="art_1",
        effective_date=D(2023, 1, 1),
    )
    repealing = make_work(
        "Luật bãi bỏ", "9/2024/QH15", issued_date=D(2024, 1, 1), effective_date=D(2024, 7, 1)
    )
    relation_create(
        actor=staff,
        kind="partially_repeals",
        source_work=repealing,
        target_work=base,
        target_eid="art_2__cls_2",
        effective_date=D(2024, 7, 1),
    )
    return base, amending, repealing


def test_expression_at_dates(amended):
    base, amending, _ = amended
    assert work_expression_at(base, D(2020, 5, 31)) is None
    first = work_expression_at(base, D(2022, 12, 31))
    second = work_expression_at(base, D(2023, 1, 1))
    assert first.version_date == D(2020, 6, 1)
    assert second.version_date == D(2023, 1, 1)
    assert second.amending_work == amending
    assert work_expression_at(base, D(2022, 1, 1), exact=True) is None
    assert work_expression_at(base, D(2023, 1, 1), exact=True) == second
    assert second.frbr_uri == "/akn/vn/act/luat/qh/2020-06-01/1-2020-qh14/vie@2023-01-01"


def test_status_before_and_after_repeal(amended):
    base, _, repealing = amended
    clause = work_expression_at(base, D(2025, 1, 1)).provisions.get(eid="art_2__cls_2")
    art2 = clause.parent
    art1 = clause.expression.provisions.get(eid="art_1")
    assert work_status_at(base, D(2020, 12, 31)).status == "not_yet_effective"
    assert work_status_at(base, D(2021, 1, 1)).status == "in_force"
    assert work_status_at(base, D(2024, 6, 30)).status == "in_force"
    after = work_status_at(base, D(2024, 7, 1))
    assert after.status == "partially_expired"
    assert after.cause.source_work == repealing
    assert provision_status_at(clause, D(2024, 6, 30)).status == "in_force"
    assert provision_status_at(clause, D(2024, 7, 1)).status == "expired"
    assert provision_status_at(art2, D(2024, 7, 1)).status == "partially_expired"
    assert provision_status_at(art1, D(2024, 7, 1)).status == "in_force"
    assert provision_status_at(art1, D(2020, 7, 1)).status == "not_yet_effective"


def test_whole_repeal_and_suspension(make_work, staff):
    base = make_work("Luật Gốc", "1/2020/QH14")
    new = make_work(
        "Luật Mới", "2/2023/QH15", issued_date=D(2023, 1, 1), effective_date=D(2024, 1, 1)
    )
    relation_create(actor=staff, kind="replaces", source_work=new, target_work=base)
    art = base.expressions.get().provisions.get(eid="art_1")
    # no effective date on the relation: it takes effect with the replacing law
    assert work_status_at(base, D(2023, 12, 31)).status == "in_force"
    assert work_status_at(base, D(2024, 1, 1)).status == "expired"
    assert provision_status_at(art, D(2024, 1, 1)).status == "expired"
    other = make_work("Luật Khác", "3/2020/QH14")
    suspender = make_work("NQ đình chỉ", "4/2022/QH15", doc_type="resolution")
    relation_create(
        actor=staff,
        kind="suspends",
        source_work=suspender,
        target_work=other,
        effective_date=D(2022, 3, 1),
    )
    assert work_status_at(other, D(2022, 3, 1)).status == "suspended"
    assert work_status_at(other, D(2022, 3, 1)).label == "Ngưng hiệu lực"


def test_diff_of_two_expressions(amended):
    base, _, _ = amended
    old = work_expression_at(base, D(2022, 1, 1))
    new = work_expression_at(base, D(2023, 1, 1))
    changes = expression_diff(old, new)
    assert [(c.eid, c.change) for c in changes] == [
        ("art_1__cls_1", "changed"),
        ("art_2a", "added"),
        ("art_2a__cls_1", "added"),
    ]
    changed = changes[0]
    assert [(w.op, w.text) for w in changed.words] == [
        ("equal", "Luật này quy định về thử "),
        ("delete", "nghiệm."),
        ("insert", "nghiệm có kiểm soát."),
    ]
    back = expression_diff(new, old)
    assert [(c.eid, c.change) for c in back] == [
        ("art_1__cls_1", "changed"),
        ("art_2a", "removed"),
        ("art_2a__cls_1", "removed"),
    ]
