import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from nghitruong.documents.models import Expression, Provision, Relation, Work


def test_frbr_uri_is_unique(make_work, na):
    work = make_work()
    with pytest.raises(IntegrityError), transaction.atomic():
        Work.objects.create(body=na, frbr_uri=work.frbr_uri, doc_type="law", title="Khác")
    assert Work.objects.count() == 1


def test_expiry_before_effective_rejected_by_database(na):
    with pytest.raises(IntegrityError), transaction.atomic():
        Work.objects.create(
            body=na,
            frbr_uri="/akn/vn/act/luat/qh/2020-01-01/x",
            doc_type="law",
            title="X",
            effective_date=dt.date(2021, 1, 1),
            expiry_date=dt.date(2020, 12, 31),
        )
    assert Work.objects.count() == 0


def test_provision_eid_unique_per_expression(make_work):
    work = make_work()
    expression = work.expressions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Provision.objects.create(
            expression=expression, kind="article", eid="art_1", order=999, depth=0
        )
    assert Provision.objects.filter(expression=expression).count() == 5


def test_one_expression_per_language_and_date(make_work):
    work = make_work()
    first = work.expressions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Expression.objects.create(
            work=work, language="vie", version_date=first.version_date, frbr_uri="/other"
        )
    assert work.expressions.count() == 1


def test_relation_to_itself_rejected_by_database(make_work):
    work = make_work()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(kind="amends", source_work=work, target_work=work)
    assert Relation.objects.count() == 0


def test_provision_tree_stored_with_parents_depth_and_order(make_work):
    work = make_work()
    rows = list(
        work.expressions.get()
        .provisions.order_by("order")
        .values_list("eid", "kind", "depth", "parent__eid", "order")
    )
    assert rows == [
        ("art_1", "article", 0, None, 0),
        ("art_1__cls_1", "clause", 1, "art_1", 1),
        ("art_2", "article", 0, None, 2),
        ("art_2__cls_1", "clause", 1, "art_2", 3),
        ("art_2__cls_2", "clause", 1, "art_2", 4),
    ]
