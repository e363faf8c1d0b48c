"""Import JSON Lines: our own export format and the legal-retrieval bench corpus format.

Bench format (one article per line): ``{"id", "law_id", "article_id", "text"}`` where the first
line of ``text`` is the article heading. Consecutive lines of one ``law_id`` become one Work
(title = law_id) with one Expression whose Provisions are the articles, their clauses and points
(parsed by ``documents.parsing.parse_article_text``).

Own format (one work per line, written by ``documents.ingest.export.export_jsonl``):
``{"format": "nghitruong.work/1", "frbr_uri", "doc_type", "number", "title", …,
"expressions": [{"language", "version_date", "provisions": [{"eid", "parent_eid", …}]}],
"relations": [{"kind", "source_eid", "target_frbr_uri", "target_eid", "effective_date", …}]}``.
Relations are created after every work of the file, so targets may come later in the file.

Each document is imported in its own transaction: a bad line refuses that document only and
leaves nothing of it behind.
"""

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.ingest.common import (
    doc_type_from_title,
    duplicate_reason,
    notify_changed,
    parse_date,
)
from nghitruong.documents.ingest.report import DocumentRefusedError, ImportReport, Progress
from nghitruong.documents.ingest.safety import MAX_FILE_BYTES
from nghitruong.documents.models import Confidentiality, RelationOrigin, Work
from nghitruong.documents.services import (
    content_hash,
    expression_create,
    relation_create,
    work_create,
)
from nghitruong.documents.services.tree import rows_to_tree

OWN_FORMAT = "nghitruong.work/1"


def _read_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import gzip

    if path.stat().st_size > MAX_FILE_BYTES * 20:
        raise DocumentRefusedError("Tệp quá lớn / File too large", code="too_large")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DocumentRefusedError(
                    f"Dòng {lineno}: không phải JSON hợp lệ / line {lineno}: invalid JSON",
                    code="bad_json",
                ) from exc
            if not isinstance(obj, dict):
                raise DocumentRefusedError(
                    f"Dòng {lineno}: cần một đối tượng JSON / line {lineno}: expected an object",
                    code="bad_json",
                )
            yield lineno, obj


def _article_node(article_id: str, text: str) -> Any:
    from nghitruong.documents.parsing.structure import parse_article_text

    return parse_article_text(article_id, text.strip())


def _import_bench_law(
    law_id: str,
    articles: list[tuple[str, str]],
    *,
    actor: Any,
    body: ElectedBody,
    confidentiality: str,
    metadata: dict[str, Any],
    report: ImportReport,
) -> Work | None:
    full = "\n".join(f"Điều {a}. {t}" for a, t in articles)
    digest = content_hash(full)
    meta = metadata.get(law_id, {})
    number = meta.get("number") or ""
    reason = duplicate_reason(number=number, content_hash=digest)
    if reason:
        report.skipped.append((law_id, reason))
        return None
    issued = parse_date(meta.get("issued_date"))
    effective = parse_date(meta.get("effective_date"))
    nodes = [_article_node(a, t) for a, t in articles]
    with transaction.atomic():
        work = work_create(
            actor=actor,
            body=body,
            doc_type=meta.get("doc_type") or doc_type_from_title(law_id),
            title=meta.get("title") or law_id,
            number=number,
            summary=meta.get("summary", ""),
            issuer=meta.get("issuer", ""),
            signer=meta.get("signer", ""),
            issued_date=issued,
            effective_date=effective,
            status=meta.get("status", ""),
            fields=meta.get("fields", []),
            confidentiality=confidentiality,
            content_hash=digest,
            provenance={"source": "jsonl-articles", "law_id": law_id, **meta.get("provenance", {})},
            notify=False,
        )
        expression = expression_create(
            actor=actor,
            work=work,
            version_date=issued or effective or timezone.localdate(),
            tree=nodes,
            note="Nhập từ tệp JSONL theo điều / imported from per-article JSONL",
            notify=False,
        )
    report.created_work_ids.append(work.pk)
    report.provisions += expression.provisions.count()
    return work


def _import_own(
    obj: dict[str, Any],
    *,
    actor: Any,
    body: ElectedBody,
    confidentiality: str,
    report: ImportReport,
) -> Work | None:
    name = obj.get("frbr_uri") or obj.get("title") or "?"
    reason = duplicate_reason(frbr_uri=obj.get("frbr_uri", ""), number=obj.get("number", ""))
    if reason:
        report.skipped.append((name, reason))
        return None
    expressions = obj.get("expressions") or []
    count = 0
    with transaction.atomic():
        work = work_create(
            actor=actor,
            body=body,
            frbr_uri=obj.get("frbr_uri", ""),
            doc_type=obj.get("doc_type") or "other",
            title=obj.get("title", ""),
            number=obj.get("number", ""),
            summary=obj.get("summary", ""),
            issuer=obj.get("issuer", ""),
            signer=obj.get("signer", ""),
            issued_date=parse_date(obj.get("issued_date")),
            effective_date=parse_date(obj.get("effective_date")),
            expiry_date=parse_date(obj.get("expiry_date")),
            status=obj.get("status", ""),
            fields=obj.get("fields", []),
            confidentiality=confidentiality,
            content_hash=obj.get("content_hash", ""),
            provenance={"source": "jsonl-export", **(obj.get("provenance") or {})},
            notify=False,
        )
        for e in expressions:
            expression = expression_create(
                actor=actor,
                work=work,
                version_date=dt.date.fromisoformat(e["version_date"]),
                language=e.get("language", "vie"),
                tree=rows_to_tree(e.get("provisions") or []),
                note=e.get("note", ""),
                notify=False,
            )
            count += expression.provisions.count()
    report.created_work_ids.append(work.pk)
    report.provisions += count
    return work


def _link_own_relations(
    pending: list[tuple[Work, dict[str, Any]]], *, actor: Any, report: ImportReport
) -> None:
    for work, rel in pending:
        target = Work.objects.filter(frbr_uri=rel.get("target_frbr_uri", "")).first()
        if target is None:
            report.unresolved.append((work.frbr_uri, rel.get("target_frbr_uri", "")))
            continue
        try:
            with transaction.atomic():
                relation_create(
                    actor=actor,
                    kind=rel["kind"],
                    source_work=work,
                    target_work=target,
                    source_eid=rel.get("source_eid", ""),
                    target_eid=rel.get("target_eid", ""),
                    effective_date=parse_date(rel.get("effective_date")),
                    scope_text=rel.get("scope_text", ""),
                    origin=rel.get("origin") or RelationOrigin.IMPORT,
                    note=rel.get("note", ""),
                    notify=False,
                )
            report.relations += 1
        except ApplicationError as exc:
            report.refused.append((work.frbr_uri, exc.code, exc.message))


def import_jsonl(
    path: str | Path,
    *,
    actor: Any = None,
    body: ElectedBody | None = None,
    confidentiality: str = Confidentiality.PUBLIC,
    metadata: dict[str, dict[str, Any]] | None = None,
    progress: Progress | None = None,
    notify: bool = True,
) -> ImportReport:
    """Import a ``.jsonl`` (or ``.jsonl.gz``) file; ``metadata`` maps a bench ``law_id`` to
    known fields (number, issued_date, effective_date, doc_type, …)."""
    if body is None:
        raise ApplicationError(
            "Cần chọn cơ quan quản lý / A body is required", code="body_required"
        )
    path = Path(path)
    report = ImportReport()
    meta = metadata or {}
    laws: dict[str, list[tuple[str, str]]] = {}
    own: list[dict[str, Any]] = []
    try:
        for _lineno, obj in _read_lines(path):
            if "law_id" in obj and "article_id" in obj:
                laws.setdefault(str(obj["law_id"]), []).append(
                    (str(obj["article_id"]), str(obj.get("text", "")))
                )
            elif obj.get("format") == OWN_FORMAT:
                own.append(obj)
            else:
                raise DocumentRefusedError(
                    f"Dòng {_lineno}: định dạng không nhận ra / line {_lineno}: unknown format",
                    code="unknown_format",
                )
    except DocumentRefusedError as exc:
        report.refused.append((path.name, exc.code, exc.message))
        return report
    except UnicodeDecodeError:
        report.refused.append(
            (path.name, "bad_encoding", "Tệp không phải mã UTF-8 / File is not UTF-8")
        )
        return report
    total = len(laws) + len(own)
    done = 0
    pending: list[tuple[Work, dict[str, Any]]] = []
    for law_id, articles in laws.items():
        _guarded(
            law_id,
            report,
            lambda law_id=law_id, articles=articles: _import_bench_law(
                law_id,
                articles,
                actor=actor,
                body=body,
                confidentiality=confidentiality,
                metadata=meta,
                report=report,
            ),
        )
        done += 1
        if progress:
            progress(done, total, law_id)
    for obj in own:
        work = _guarded(
            obj.get("frbr_uri") or obj.get("title") or "?",
            report,
            lambda obj=obj: _import_own(
                obj, actor=actor, body=body, confidentiality=confidentiality, report=report
            ),
        )
        if work is not None:
            pending.extend((work, rel) for rel in obj.get("relations") or [])
        done += 1
        if progress:
            progress(done, total, obj.get("title", ""))
    _link_own_relations(pending, actor=actor, report=report)
    if notify:
        notify_changed(report.created_work_ids)
    return report


def _guarded(name: str, report: ImportReport, fn: Any) -> Work | None:
    try:
        result: Work | None = fn()
        return result
    except ApplicationError as exc:
        report.refused.append((name, exc.code, exc.message))
    except (KeyError, ValueError, TypeError, IntegrityError) as exc:
        report.refused.append(
            (name, "invalid_record", f"Bản ghi không hợp lệ / Invalid record: {exc}")
        )
    return None
