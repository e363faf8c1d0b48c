"""The batch write/read helpers of the hot paths (a batch of ballots), on both databases:
``insert_rows`` (COPY on PostgreSQL, multi-row INSERT elsewhere), ``audit_record_many`` and the
``__in_many`` lookup (``= ANY(array)`` on PostgreSQL, ``IN`` elsewhere)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from nghitruong.core.audit import (
    AUDIT_FIELDS,
    AuditInput,
    audit_record,
    audit_record_many,
    audit_verify,
    insert_rows,
    prepare_value,
)
from nghitruong.core.models import AuditChainHead, AuditEntry, ElectedBody

pytestmark = pytest.mark.django_db


def _body(code: str, parent: ElectedBody | None = None) -> ElectedBody:
    return ElectedBody.objects.create(
        code=code,
        name=f"Hội đồng nhân dân {code}",
        kind=ElectedBody.Kind.NATIONAL_ASSEMBLY if parent is None else "provincial_council",
        level="central" if parent is None else "provincial",
        parent=parent,
    )


# Text that COPY's text format must escape (tab, newline, backslash) and Vietnamese in NFC.
AWKWARD = "Điều 5\tkhoản 2\nđiểm a \\ “trích dẫn” 'nháy' ,;|"


def test_audit_record_many_chains_as_one_by_one_and_keeps_every_value() -> None:
    body = _body("qh")
    audit_record(actor=None, action="body.create", obj=body, body=body, after={"a": 1})
    count = audit_record_many(
        [
            AuditInput(
                actor=None,
                action="ballot.cast",
                object_type="voting.poll",
                object_id=AWKWARD,
                body=body,
                before={"ghi_chú": AWKWARD, "n": [1, 2, None]},
                after={"option_id": 7},
            ),
            AuditInput(actor=None, action="ballot.cast", object_type="voting.poll", object_id="9"),
        ]
    )
    assert count == 2
    assert audit_verify() == (3, [])
    rows = list(
        AuditEntry.objects.order_by("seq").values_list(
            "seq", "actor_label", "body_id", "action", "object_id", "before", "after"
        )
    )
    assert rows == [
        (1, "system", body.pk, "body.create", str(body.pk), None, {"a": 1}),
        (
            2,
            "system",
            body.pk,
            "ballot.cast",
            AWKWARD,
            {"ghi_chú": AWKWARD, "n": [1, 2, None]},
            {"option_id": 7},
        ),
        (3, "system", None, "ballot.cast", "9", None, None),
    ]
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (3, AuditEntry.objects.get(seq=3).hash)


def test_insert_rows_meeting_a_unique_constraint_raises_integrity_error_and_writes_nothing() -> (
    None
):
    audit_record(actor=None, action="first", object_type="x", object_id="1")
    created = prepare_value(AuditEntry, "created_at", AuditEntry.objects.get().created_at)
    row = (2, created, None, "system", None, "second", "x", "2", None, None, "0" * 64, "a" * 64)
    duplicate_seq = (1, *row[1:-1], "b" * 64)  # seq 1 exists already
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(AuditEntry, AUDIT_FIELDS, [row, duplicate_seq])
    assert list(AuditEntry.objects.values_list("seq", "action")) == [(1, "first")]


def test_in_many_means_in_on_values_and_foreign_keys() -> None:
    parent = _body("qh")
    hanoi, hue, hcm = (_body(code, parent) for code in ("ha-noi", "hue", "tp-hcm"))
    codes = ElectedBody.objects.filter(code__in_many=["hue", None, "tp-hcm", "hue", "khong-co"])
    assert sorted(codes.values_list("code", flat=True)) == ["hue", "tp-hcm"]
    assert list(ElectedBody.objects.filter(code__in_many=[])) == []
    assert list(ElectedBody.objects.filter(code__in_many=[None])) == []
    by_pk = ElectedBody.objects.filter(pk__in_many=[hanoi.pk, hcm.pk]).order_by("code")
    assert list(by_pk.values_list("code", flat=True)) == ["ha-noi", "tp-hcm"]
    by_parent = ElectedBody.objects.filter(parent__in_many=[parent.pk]).order_by("code")
    assert list(by_parent.values_list("code", flat=True)) == ["ha-noi", "hue", "tp-hcm"]
    by_instance = ElectedBody.objects.filter(parent__in_many=[parent, hue]).order_by("code")
    assert list(by_instance.values_list("code", flat=True)) == ["ha-noi", "hue", "tp-hcm"]
    excluded = ElectedBody.objects.exclude(code__in_many=["qh", "hue"]).order_by("code")
    assert list(excluded.values_list("code", flat=True)) == ["ha-noi", "tp-hcm"]


def test_in_many_sends_one_array_parameter_on_postgresql() -> None:
    _body("qh")
    with CaptureQueriesContext(connection) as queries:
        list(ElectedBody.objects.filter(pk__in_many=list(range(1, 601))))
    sql = queries.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert '"core_electedbody"."id" = ANY(' in sql
        assert " IN (" not in sql
    else:
        assert '"core_electedbody"."id" IN (1, 2, 3,' in sql
