"""The audit chain detects edits, deletions and truncation (issue 2 §5)."""

import pytest
from django.db import connection

from nghitruong.core.audit import GENESIS_HASH, audit_record, audit_verify
from nghitruong.core.models import AuditChainHead, AuditEntry, ElectedBody

pytestmark = pytest.mark.django_db


def _body() -> ElectedBody:
    return ElectedBody.objects.create(
        code="qh", name="Quốc hội", kind=ElectedBody.Kind.NATIONAL_ASSEMBLY, level="central"
    )


def _three_entries() -> list[AuditEntry]:
    body = _body()
    return [
        audit_record(
            actor=None, action="body.create", obj=body, body=body, after={"name": "Quốc hội"}
        ),
        audit_record(
            actor=None,
            action="body.rename",
            obj=body,
            body=body,
            before={"name": "Quốc hội"},
            after={"name": "Quốc hội Việt Nam"},
        ),
        audit_record(actor=None, action="body.deactivate", obj=body, body=body),
    ]


def test_chain_links_entries_in_order() -> None:
    first, second, third = _three_entries()
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert audit_verify() == (3, [])


def test_edited_entry_is_detected() -> None:
    _three_entries()
    # Tamper behind the ORM's back, as an attacker with database access would.
    AuditEntry.objects.filter(seq=2).update(after={"name": "Quốc hội giả mạo"})
    checked, problems = audit_verify()
    assert checked == 3
    assert [(p.seq, p.problem) for p in problems] == [
        (2, "content does not match its hash (edited)")
    ]


def test_deleted_entry_is_detected() -> None:
    _three_entries()
    AuditEntry.objects.filter(seq=2).delete()
    checked, problems = audit_verify()
    assert checked == 2
    assert [(p.seq, p.problem) for p in problems] == [
        (3, "missing entries 2..2"),
        (3, "prev_hash does not match previous entry"),
    ]


def test_deleted_tail_is_detected() -> None:
    _three_entries()
    AuditEntry.objects.filter(seq=3).delete()
    checked, problems = audit_verify()
    assert checked == 2
    assert [p.problem for p in problems] == [
        "chain head at 3, last entry 2",
        "chain head hash does not match last entry",
    ]


def test_rewritten_entry_with_recomputed_own_hash_breaks_the_next_link() -> None:
    _three_entries()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET hash = %s WHERE seq = 2", ["f" * 64])
    _checked, problems = audit_verify()
    assert {p.seq for p in problems} == {2, 3}
    assert AuditChainHead.objects.get(id=1).last_seq == 3
