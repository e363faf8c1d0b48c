import datetime as dt

import pytest

from nghitruong.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Relation, Status, Work
from nghitruong.documents.selectors import work_relations
from nghitruong.documents.services import (
    relation_create,
    relation_delete,
    work_create,
    work_set_status,
    work_update,
)


def test_work_create_normalises_number_and_builds_uri(na, staff):
    work = work_create(
        actor=staff,
        body=na,
        doc_type="decree",
        title="Nghị định  thử",
        number="Số: 15/2020/nđ–cp",
        issued_date=dt.date(2020, 2, 3),
    )
    assert work.number_key == "15/2020/NĐ-CP"
    assert work.frbr_uri == "/akn/vn/act/nghi-dinh/cp/2020-02-03/15-2020-nd-cp"
    assert work.title == "Nghị định thử"
    entry = AuditEntry.objects.get(action="document.work_create")
    assert entry.actor == staff
    assert entry.object_id == str(work.pk)


def test_work_create_denied_for_non_staff(na, member):
    with pytest.raises(PermissionDeniedError):
        work_create(actor=member, body=na, doc_type="law", title="Luật X")
    assert Work.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_work_create_duplicate_uri_conflict(make_work, na):
    work = make_work()
    with pytest.raises(ConflictError):
        work_create(actor=None, body=na, doc_type="law", title="Khác", frbr_uri=work.frbr_uri)
    assert Work.objects.count() == 1


def test_work_update_audits_before_and_after(make_work, staff):
    work = make_work()
    work_update(actor=staff, work=work, title="Luật Thử nghiệm (sửa)", number="11/2020/QH14")
    work.refresh_from_db()
    assert (work.title, work.number_key) == ("Luật Thử nghiệm (sửa)", "11/2020/QH14")
    entry = AuditEntry.objects.get(action="document.work_update")
    assert entry.before["title"] == "Luật Thử nghiệm"
    assert entry.after["title"] == "Luật Thử nghiệm (sửa)"


def test_work_update_refuses_unknown_field_and_bad_dates(make_work, staff):
    work = make_work()
    with pytest.raises(ApplicationError):
        work_update(actor=staff, work=work, frbr_uri="/x")
    with pytest.raises(ApplicationError):
        work_update(actor=staff, work=work, expiry_date=dt.date(2000, 1, 1))
    work.refresh_from_db()
    assert work.expiry_date is None
    assert not AuditEntry.objects.filter(action="document.work_update").exists()


def test_work_set_status(make_work, staff, member):
    work = make_work()
    with pytest.raises(PermissionDeniedError):
        work_set_status(actor=member, work=work, status=Status.NO_LONGER_APPLICABLE)
    work.refresh_from_db()
    assert work.status == ""
    work_set_status(actor=staff, work=work, status=Status.NO_LONGER_APPLICABLE)
    work.refresh_from_db()
    assert work.status == "no_longer_applicable"


def test_relation_inverse_labels(make_work, staff):
    base = make_work("Luật Gốc", "1/2019/QH14")
    amending = make_work("Luật Sửa đổi", "2/2021/QH15")
    relation_create(
        actor=staff, kind="amends", source_work=amending, target_work=base, target_eid="art_2"
    )
    [on_base] = work_relations(base)
    [on_amending] = work_relations(amending)
    assert (on_base.direction, on_base.label, on_base.other, on_base.own_eid) == (
        "in",
        "Được sửa đổi bởi",
        amending,
        "art_2",
    )
    assert (on_amending.direction, on_amending.label, on_amending.other) == (
        "out",
        "Sửa đổi",
        base,
    )


def test_relation_create_validates(make_work, staff, member):
    base = make_work("Luật Gốc", "1/2019/QH14")
    other = make_work("Luật Khác", "2/2021/QH15")
    with pytest.raises(ApplicationError) as exc:
        relation_create(
            actor=staff, kind="amends", source_work=other, target_work=base, target_eid="art_99"
        )
    assert exc.value.code == "unknown_eid"
    with pytest.raises(ApplicationError):
        relation_create(actor=staff, kind="amends", source_work=base, target_work=base)
    with pytest.raises(PermissionDeniedError):
        relation_create(actor=member, kind="cites", source_work=other, target_work=base)
    relation_create(actor=staff, kind="cites", source_work=other, target_work=base)
    with pytest.raises(ConflictError):
        relation_create(actor=staff, kind="cites", source_work=other, target_work=base)
    assert Relation.objects.count() == 1


def test_relation_delete(make_work, staff, member):
    base = make_work("Luật Gốc", "1/2019/QH14")
    other = make_work("Luật Khác", "2/2021/QH15")
    rel = relation_create(actor=staff, kind="cites", source_work=other, target_work=base)
    with pytest.raises(PermissionDeniedError):
        relation_delete(actor=member, relation=rel)
    assert Relation.objects.count() == 1
    relation_delete(actor=staff, relation=rel)
    assert Relation.objects.count() == 0
    assert AuditEntry.objects.get(action="document.relation_delete").before["kind"] == "cites"
