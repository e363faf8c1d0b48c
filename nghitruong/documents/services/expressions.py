"""Writes on expressions (versions of a work's text)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.hooks import fire_on_commit
from nghitruong.documents.frbr import expression_frbr_uri
from nghitruong.documents.models import Expression, Work
from nghitruong.documents.permissions import require_document_staff
from nghitruong.documents.services.tree import bulk_create_provisions, flatten
from nghitruong.documents.services.works import content_hash


def _parse(text: str) -> list[Any]:
    from nghitruong.documents.parsing.structure import parse_structure

    return list(parse_structure(text).children)


def expression_create(
    *,
    actor: Any,
    work: Work,
    version_date: dt.date,
    text: str = "",
    tree: Iterable[Any] | None = None,
    language: str = "vie",
    amending_work: Work | None = None,
    note: str = "",
    notify: bool = True,
) -> Expression:
    """Add a version of ``work`` as of ``version_date``, from a provision tree or from text
    (parsed by ``documents.parsing.parse_structure``). One version per (language, date)."""
    require_document_staff(actor, work.body)
    if tree is None and not text.strip():
        raise ApplicationError(
            "Phiên bản không có nội dung / The version has no text", code="empty_expression"
        )
    nodes = list(tree) if tree is not None else _parse(text)
    rows = flatten(nodes)
    if not rows:
        raise ApplicationError(
            "Không nhận ra điều khoản nào / No provisions recognised", code="empty_expression"
        )
    with transaction.atomic():
        if Expression.objects.filter(
            work=work, language=language, version_date=version_date
        ).exists():
            raise ConflictError(
                f"Đã có phiên bản ngày {version_date:%d/%m/%Y} / A version of that date exists",
                code="duplicate_expression",
            )
        full_text = text or "\n".join(f"{r.heading}\n{r.text}" for r in rows)
        expression = Expression.objects.create(
            work=work,
            language=language,
            version_date=version_date,
            frbr_uri=expression_frbr_uri(
                work.frbr_uri, language=language, version_date=version_date
            ),
            source_text=text,
            content_hash=content_hash(full_text),
            amending_work=amending_work,
            note=note,
        )
        bulk_create_provisions(expression, rows)
        audit_record(
            actor=actor,
            action="document.expression_create",
            obj=expression,
            body=work.body,
            after={
                "work_id": work.pk,
                "frbr_uri": expression.frbr_uri,
                "provisions": len(rows),
                "amending_work_id": amending_work.pk if amending_work else None,
            },
        )
        if notify:
            fire_on_commit("document.changed", work_ids=[work.pk])
    return expression
