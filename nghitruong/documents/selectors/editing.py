"""Reads behind the staff editing pages: the editable work, relation targets, suggestions.

Editing needs staff of the owning body (``documents.permissions``): a work the user may not read
is "not found" (existence never leaks); a work the user reads but may not edit is "forbidden".
"""

from django.db.models import QuerySet

from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.text import fold
from nghitruong.documents.frbr import number_key
from nghitruong.documents.models import Relation, Work
from nghitruong.documents.permissions import access_work, require_document_staff
from nghitruong.documents.selectors.works import work_list

NOT_FOUND_RELATION = "Không tìm thấy quan hệ văn bản / Relation not found"
SUGGESTIONS = 10


def access_work_for_edit(user: object, work_id: int) -> Work:
    """The work if ``user`` is staff of its body; ``NotFoundError`` if the user may not read it,
    ``PermissionDeniedError`` if the user reads it but may not edit it."""
    work = access_work(user, work_id)
    require_document_staff(user, work.body)
    return work


def access_relation_for_edit(user: object, relation_id: int) -> Relation:
    """A relation whose source work the user reads (else not found) and may edit (else
    forbidden): relations belong to the document that states them."""
    relation = (
        Relation.objects.select_related("source_work__body", "target_work")
        .filter(pk=relation_id)
        .first()
    )
    if relation is None:
        raise NotFoundError(NOT_FOUND_RELATION)
    try:
        access_work_for_edit(user, relation.source_work_id)
    except NotFoundError as exc:
        raise NotFoundError(NOT_FOUND_RELATION) from exc
    return relation


def relation_target_suggestions(user: object, q: str, *, exclude: int | None = None) -> list[Work]:
    """Readable works for the relation-target autocomplete: an exact số ký hiệu first, then
    titles / numbers containing ``q``."""
    q = " ".join(q.split())
    if len(q) < 2:
        return []
    base: QuerySet[Work] = work_list(user)
    matching: QuerySet[Work] = work_list(user, q=q)
    if exclude is not None:
        base, matching = base.exclude(pk=exclude), matching.exclude(pk=exclude)
    exact = list(base.filter(number_key=number_key(q))[:SUGGESTIONS])
    seen = {w.pk for w in exact}
    rest = [w for w in matching[:SUGGESTIONS] if w.pk not in seen]
    return (exact + rest)[:SUGGESTIONS]


def relation_target(user: object, *, target_id: int | None, text: str) -> Work:
    """The target a staff member chose: a suggestion's id, else a typed số ký hiệu, else a title
    that matches exactly one readable work (accents and case ignored)."""
    if target_id is not None:
        try:
            return access_work(user, target_id)
        except NotFoundError as exc:
            raise ApplicationError(_NO_TARGET, code="unknown_target") from exc
    text = " ".join(text.split())
    if not text:
        raise ApplicationError(
            "Chưa chọn văn bản đích / Choose the target document", code="target_required"
        )
    readable = work_list(user)
    key = number_key(text)
    found = list(readable.filter(number_key=key).values_list("pk", flat=True)[:2]) if key else []
    if not found:
        found = list(readable.filter(title__iexact=text).values_list("pk", flat=True)[:2])
    if not found:
        wanted = fold(text)
        found = [pk for pk, title in readable.values_list("pk", "title") if fold(title) == wanted]
    if not found:
        raise ApplicationError(_NO_TARGET, code="unknown_target")
    if len(found) > 1:
        raise ApplicationError(
            "Có nhiều văn bản khớp, hãy chọn một trong danh sách gợi ý / "
            "Several documents match: pick one from the suggestions",
            code="ambiguous_target",
        )
    return Work.objects.select_related("body").get(pk=found[0])


_NO_TARGET = (
    "Không tìm thấy văn bản đích theo số ký hiệu hoặc tên đã nhập / "
    "No document matches that number or title"
)
