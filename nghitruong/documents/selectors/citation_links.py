"""Provision text as safe HTML with a link on every citation the reader can follow.

A citation of the same document ("khoản 2 Điều 5", "Điều 5 của Luật này", "khoản 1 Điều này")
links to ``#<eid>`` of that provision in the version shown: the parser's short path (``art_5__cls_2``)
is completed to the stored eid (``chp_I__art_5__cls_2``). A citation of another document
("Luật số 101/2015/QH13", "Điều 8 Luật Đất đai") links, when the user may read that document, to
the work (no provision named) or to the resolver ``/documents/resolve?q=<citation>``, which
redirects to the provision. A document the user may not read, or that the knowledge base does not
hold, is left as plain text (no link that would only say "not found"). A span with several targets
("các khoản 1, 2 và 3 Điều này") links to the first one. Everything else is escaped.
"""

from typing import Any

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from nghitruong.core.text import fold
from nghitruong.documents.frbr import number_key
from nghitruong.documents.models import Provision, Work
from nghitruong.documents.parsing import Citation, CitationContext, DocumentRef, find_citations
from nghitruong.documents.parsing.refs import THIS_DOCUMENT, Target
from nghitruong.documents.selectors.resolve import path_eid
from nghitruong.documents.selectors.works import find_work_by_ref

_CONTEXT_LEVELS = ("article", "clause", "point", "chapter", "section")


class _EidIndex:
    """Stored eids of one version, found by full eid or by a short key ending one."""

    def __init__(self, eids: list[str]) -> None:
        self.full = set(eids)
        self.by_suffix: dict[str, str] = {}
        for eid in eids:  # document order: the first provision wins an ambiguous suffix
            parts = eid.split("__")
            for i in range(1, len(parts)):
                self.by_suffix.setdefault("__".join(parts[i:]), eid)

    def find(self, short: str) -> str:
        if not short:
            return ""
        return short if short in self.full else self.by_suffix.get(short, "")


def _context(p: Provision, by_pk: dict[int, Provision]) -> CitationContext:
    """The numbers of ``p`` and its ancestors: "Điều này" in a clause of Điều 8 means Điều 8."""
    levels: dict[str, str] = {}
    node: Provision | None = p
    while node is not None:
        if node.kind in _CONTEXT_LEVELS and node.number and node.kind not in levels:
            levels[node.kind] = node.number
        node = by_pk.get(node.parent_id) if node.parent_id else None
    return CitationContext(document=THIS_DOCUMENT, **levels)


class _Linker:
    def __init__(self, user: Any, work: Work, provisions: list[Provision]) -> None:
        self.user = user
        self.work = work
        self.index = _EidIndex([p.eid for p in provisions])
        self.own_number = work.number_key or (number_key(work.number) if work.number else "")
        self.own_title = fold(work.title)
        self.works: dict[DocumentRef, Work | None] = {}
        self.detail = reverse("documents:detail", args=[work.pk])

    def _is_own(self, ref: DocumentRef) -> bool:
        if ref.kind == "this":
            return True
        if ref.number:
            return bool(self.own_number) and number_key(ref.number) == self.own_number
        return bool(ref.title) and fold(ref.title or "") == self.own_title

    def _other(self, ref: DocumentRef) -> Work | None:
        key = DocumentRef(ref.kind, ref.number, ref.title, ref.doc_type)  # the year is not used
        if key not in self.works:
            self.works[key] = find_work_by_ref(key, self.user)
        return self.works[key]

    def href(self, citation: Citation) -> str:
        target: Target = citation.targets[0]
        if self._is_own(target.document):
            eid = self.index.find(path_eid(target.path))
            return f"#{eid}" if eid else ""
        other = self._other(target.document)
        if other is None:
            return ""
        if not target.path:
            return reverse("documents:detail", args=[other.pk])
        return f"{reverse('documents:resolve')}?{urlencode({'q': citation.text})}"


def _render(text: str, citations: list[Citation], linker: _Linker) -> SafeString:
    out: list[str] = []
    pos = 0
    for citation in citations:
        href = linker.href(citation) if citation.targets else ""
        if not href or citation.start < pos:
            continue
        out.append(escape(text[pos : citation.start]))
        out.append(format_html('<a class="cite" href="{}">{}</a>', href, citation.text))
        pos = citation.end
    out.append(escape(text[pos:]))
    # Every piece above is escaped or built by format_html.
    return mark_safe("".join(out).replace("\n", "<br>"))


def linked_provision_texts(
    user: Any, work: Work, provisions: list[Provision]
) -> dict[int, SafeString]:
    """``{provision pk: its text as safe HTML with citation links}`` for one version's provisions
    (all of them, in order: citations inside the version resolve against this list)."""
    linker = _Linker(user, work, provisions)
    by_pk = {p.pk: p for p in provisions}
    out: dict[int, SafeString] = {}
    for p in provisions:
        if not p.text:
            out[p.pk] = mark_safe("")
            continue
        citations = find_citations(p.text, _context(p, by_pk))
        out[p.pk] = _render(p.text, citations, linker)
    return out
