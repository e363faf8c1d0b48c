"""The append-only, hash-chained audit log (house rule 4: every transition writes an entry).

``audit_record`` must be called inside the service's transaction, as its last write, so that the
entry commits or rolls back with the change it describes. The chain head row is locked while the
entry is appended, so entries form one unbroken sequence even under concurrent writers.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from nghitruong.core.models import AuditChainHead, AuditEntry, ElectedBody

GENESIS_HASH = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    body_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    payload = _canonical(
        {
            "seq": seq,
            "created_at": created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "body_id": body_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "before": before,
            "after": after,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    """Round-trip through canonical JSON so what is hashed equals what the database returns."""
    if value is None:
        return None
    return json.loads(_canonical(value))


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    body: ElectedBody | None = None,
    before: Any = None,
    after: Any = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    """Append one entry. ``actor`` is a user or None (system); ``action`` like ``poll.start``."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_id, actor_label = _actor_fields(actor)
    before_j, after_j = _jsonable(before), _jsonable(after)
    with transaction.atomic():
        head = _locked_head()
        seq = head.last_seq + 1
        created_at = timezone.now()
        digest = entry_hash(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            actor_label=actor_label,
            body_id=body.pk if body is not None else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            before=before_j,
            after=after_j,
            prev_hash=head.last_hash,
        )
        entry = AuditEntry.objects.create(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            actor_label=actor_label,
            body=body,
            action=action,
            object_type=object_type,
            object_id=object_id,
            before=before_j,
            after=after_j,
            prev_hash=head.last_hash,
            hash=digest,
        )
        head.last_seq = seq
        head.last_hash = digest
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    """``(actor_id, actor_label)`` of an entry: a user's id and username, or the system."""
    if actor is None:
        return None, "system"
    return getattr(actor, "pk", None), getattr(actor, "username", "") or ""


def _locked_head() -> AuditChainHead:
    """The chain head, created on first use, locked until the transaction ends."""
    AuditChainHead.objects.get_or_create(id=1)
    return AuditChainHead.objects.select_for_update().get(id=1)


@dataclass(frozen=True)
class AuditInput:
    """One entry for ``audit_record_many``: the same fields as ``audit_record``'s arguments."""

    actor: Any
    action: str
    body: ElectedBody | None = None
    before: Any = None
    after: Any = None
    object_type: str = ""
    object_id: str = ""


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Multi-row insert without ``RETURNING`` and without model instances: the hot paths that
    write hundreds of rows at once (audit entries and ballots of a batch). ``rows`` hold values
    already prepared for the database (``prepare_value``).

    PostgreSQL: ``COPY … FROM STDIN`` — no statement text to build and no placeholders for the
    driver to split (psycopg converts ``%s`` placeholders in Python: 7,200 of them for 600 audit
    rows cost more than the insert itself; docs/benchmarks.md, "Electronic voting"). Other
    databases: multi-row ``INSERT … VALUES`` chunked below the parameter limit."""
    if not rows:
        return
    connection = transaction.get_connection()
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    meta = model._meta
    columns = ", ".join(qn(meta.get_field(f).column) for f in fields)  # type: ignore[union-attr]
    if connection.vendor == "postgresql":
        # Identifiers come from the model's metadata; every value goes through COPY's encoder.
        # ``wrap_database_errors``: a unique violation raises Django's ``IntegrityError`` as the
        # INSERT did (the batch's fallback relies on it).
        copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        with (
            connection.wrap_database_errors,
            connection.cursor() as cursor,
            cursor.cursor.copy(copy_sql) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    limit = connection.features.max_query_params or 32766
    per_statement = max(1, min(500, limit // len(fields)))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([row_sql] * len(chunk))
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
            cursor.execute(sql, [value for row in chunk for value in row])


def prepare_value(model: type[models.Model], field: str, value: Any) -> Any:
    """``value`` as the database stores it in ``model.field`` (for ``insert_rows``)."""
    connection = transaction.get_connection()
    model_field = model._meta.get_field(field)
    assert isinstance(model_field, models.Field)  # noqa: S101 - a concrete column
    return model_field.get_db_prep_save(value, connection)


AUDIT_FIELDS = [
    "seq",
    "created_at",
    "actor",
    "actor_label",
    "body",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "prev_hash",
    "hash",
]


def audit_record_many(items: list[AuditInput]) -> int:
    """Append several entries in one go (a batch of ballots): ONE lock of the chain head, one
    multi-row insert, one head update; returns how many. The entries chain exactly as if
    ``audit_record`` had been called for each in order, so ``audit_verify`` cannot tell the
    difference. Must be called inside the service's transaction, as its last write."""
    if not items:
        return 0
    with transaction.atomic():
        head = _locked_head()
        seq, prev_hash = head.last_seq, head.last_hash
        created_at = timezone.now()
        created_db = prepare_value(AuditEntry, "created_at", created_at)

        def as_db(field: str, value: Any) -> Any:
            return None if value is None else prepare_value(AuditEntry, field, value)

        rows: list[tuple[Any, ...]] = []
        for item in items:
            actor_id, actor_label = _actor_fields(item.actor)
            before_j, after_j = _jsonable(item.before), _jsonable(item.after)
            body_id = item.body.pk if item.body is not None else None
            seq += 1
            digest = entry_hash(
                seq=seq,
                created_at=created_at,
                actor_id=actor_id,
                actor_label=actor_label,
                body_id=body_id,
                action=item.action,
                object_type=item.object_type,
                object_id=item.object_id,
                before=before_j,
                after=after_j,
                prev_hash=prev_hash,
            )
            rows.append(
                (
                    seq,
                    created_db,
                    actor_id,
                    actor_label,
                    body_id,
                    item.action,
                    item.object_type,
                    item.object_id,
                    as_db("before", before_j),
                    as_db("after", after_j),
                    prev_hash,
                    digest,
                )
            )
            prev_hash = digest
        insert_rows(AuditEntry, AUDIT_FIELDS, rows)
        head.last_seq, head.last_hash = seq, prev_hash
        head.save(update_fields=["last_seq", "last_hash"])
    return len(rows)


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    problem: str


def audit_verify(*, batch_size: int = 2000) -> tuple[int, list[AuditProblem]]:
    """Walk the whole chain; return (entries checked, problems). An empty list means intact.

    Detects: an edited entry (hash mismatch), a deleted entry (a gap in ``seq`` or a broken
    ``prev_hash`` link), a truncated tail (chain head ahead of the last entry).
    """
    problems: list[AuditProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in _iter_entries(batch_size):
        checked += 1
        if entry.seq != expected_seq:
            problems.append(
                AuditProblem(entry.seq, f"missing entries {expected_seq}..{entry.seq - 1}")
            )
        if entry.prev_hash != expected_prev:
            problems.append(AuditProblem(entry.seq, "prev_hash does not match previous entry"))
        recomputed = entry_hash(
            seq=entry.seq,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            body_id=entry.body_id,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            before=entry.before,
            after=entry.after,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            problems.append(AuditProblem(entry.seq, "content does not match its hash (edited)"))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_seq != expected_seq - 1:
        problems.append(
            AuditProblem(
                head.last_seq, f"chain head at {head.last_seq}, last entry {expected_seq - 1}"
            )
        )
    if head is not None and checked and head.last_hash != expected_prev:
        problems.append(AuditProblem(head.last_seq, "chain head hash does not match last entry"))
    return checked, problems


def _iter_entries(batch_size: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        batch = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
