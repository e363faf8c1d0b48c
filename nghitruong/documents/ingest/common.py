"""Shared steps of every importer: duplicate checks, doc type from a title, the hook."""

import datetime as dt
from typing import Any

from nghitruong.core.hooks import fire_on_commit
from nghitruong.documents.frbr import number_key
from nghitruong.documents.models import DocType, SourceFile, Work
from nghitruong.documents.parsing.numbers import document_type_from_name


def duplicate_reason(
    *, frbr_uri: str = "", number: str = "", content_hash: str = "", sha256: str = ""
) -> str:
    """Why a document would duplicate one already stored ("" when it would not)."""
    if frbr_uri and Work.objects.filter(frbr_uri=frbr_uri).exists():
        return f"trùng URI / same URI {frbr_uri}"
    key = number_key(number) if number else ""
    if key:
        other = Work.objects.filter(number_key=key).first()
        if other is not None:
            return f"trùng số ký hiệu {key} với văn bản #{other.pk} / same number as #{other.pk}"
    if content_hash:
        other = Work.objects.filter(content_hash=content_hash).first()
        if other is not None:
            return f"trùng nội dung với văn bản #{other.pk} / same content as #{other.pk}"
    if sha256:
        src = SourceFile.objects.filter(sha256=sha256).first()
        if src is not None:
            return f"tệp đã nhập (văn bản #{src.work_id}) / file already imported (#{src.work_id})"
    return ""


def doc_type_from_title(title: str) -> str:
    """ "Bộ luật dân sự" → code, "Luật Cư trú" → law, "Hiến pháp" → constitution; else other."""
    words = title.split()
    for n in range(min(4, len(words)), 0, -1):
        found = document_type_from_name(" ".join(words[:n]))
        if found is not None:
            return str(found)
    return DocType.OTHER


def parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def notify_changed(work_ids: list[int]) -> None:
    """Tell subscribers (search) after commit; one call for the whole import."""
    if work_ids:
        fire_on_commit("document.changed", work_ids=list(work_ids))
