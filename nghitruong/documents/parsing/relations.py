"""Relations between documents stated in a preamble or in final provisions, and delegation clauses.

* ``based_on`` — "Căn cứ Hiến pháp …; Căn cứ Luật Tổ chức Chính phủ …;"
* ``amends`` — "Luật này sửa đổi, bổ sung một số điều của Luật …", "Sửa đổi, bổ sung khoản 1 Điều 73 …"
* ``replaces`` — "Luật này thay thế Luật …", "… hết hiệu lực kể từ ngày Luật này có hiệu lực" when
  the same sentence says "thay thế"; otherwise such expiry is ``repeals``.
* ``repeals`` / ``partially_repeals`` — "Bãi bỏ Điều 37 và điểm đ khoản 1 Điều 38", "… hết hiệu lực":
  a whole document → ``repeals``, provisions → ``partially_repeals``.

Inside an amending provision ("Sửa đổi, bổ sung một số điều của Luật Tài nguyên nước số 17/2012/QH13"
followed by "a) Bãi bỏ Điều 37"), provisions cited without a document are resolved against the
document that provision amends, given by the caller as ``amended`` or found earlier in the same text.
Quoted amended text (“…”) is ignored.

Delegations ("Chính phủ quy định chi tiết Điều này", "… do Bộ trưởng Bộ Y tế quy định",
"Giao Chính phủ hướng dẫn …") say who must issue what for which provision — the input of
implementation tracking.
"""

import re
from dataclasses import dataclass, replace

from nghitruong.documents.parsing.citations import find_citations
from nghitruong.documents.parsing.refs import THIS, CitationContext, DocumentRef, Target

_SENTENCE = re.compile(r"[^\n;]+?(?=;|(?<!\d)\.(?:\s|$)|\n|$)")
_HISTORY = re.compile(r"\bđã được sửa đổi, bổ sung\b")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_AMEND = re.compile(r"\bsửa đổi\b|\bbổ sung\b", re.IGNORECASE)
_REPEAL = re.compile(r"\bbãi bỏ\b", re.IGNORECASE)
_EXPIRE = re.compile(r"\bhết hiệu lực\b", re.IGNORECASE)
_REPLACE = re.compile(r"\bthay thế\b", re.IGNORECASE)
_BASED_ON = re.compile(r"^\s*Căn cứ\b")
_SOME_PROVISIONS = re.compile(r"\bmột số (?:điều|điểm|khoản|nội dung)\b", re.IGNORECASE)

_AUTHORITY_HEAD = (
    r"Ủy ban [Tt]hường vụ Quốc hội|Thủ tướng Chính phủ|Chính phủ|Ngân hàng Nhà nước Việt Nam"
    r"|Tòa án nhân dân tối cao|Viện kiểm sát nhân dân tối cao|Kiểm toán nhà nước"
    r"|(?:Bộ trưởng|Thủ trưởng|Chánh án|Viện trưởng|Tổng Kiểm toán|Thống đốc|Chủ tịch"
    r"|Hội đồng nhân dân|Ủy ban nhân dân|Hội đồng Thẩm phán|Bộ [A-ZĐ]\w*|Ủy ban [A-ZĐ]\w*"
    r"|Hội đồng [A-ZĐ]\w*)"
)
# The rest of a name ("Bộ trưởng | Bộ Tài nguyên và Môi trường"): never a word that starts the
# predicate or the next phrase.
_NAME_WORD = (
    r"(?:[ ,]+(?!(?:có|được|phải|xem|thực|chủ|phối|trong|theo|về|khi|để|là|quy|hướng|ban|các"
    r"|những|của|chịu|thì|đối|với)\b)[^\s,.;:]+)"
)
_ACTION = (
    r"quy định chi tiết(?: và hướng dẫn thi hành)?|hướng dẫn(?: thi hành| chi tiết| thực hiện)?"
    r"|quy định|ban hành"
)
# "Chính phủ quy định chi tiết Điều này", "Giao Chính phủ hướng dẫn …", "… do Bộ trưởng … ban hành".
_DELEGATION = re.compile(
    rf"(?P<lead>\bGiao\s+|\bdo\s+)?(?P<authority>(?:{_AUTHORITY_HEAD}){_NAME_WORD}{{0,10}}?)"
    rf"(?:\s+(?:có trách nhiệm|chịu trách nhiệm|có thẩm quyền))?"
    rf"\s+(?P<action>{_ACTION})\b(?!\s+tại\b)(?P<scope>[^.;]*)"
)
# "… theo quy định của Chính phủ", "… theo quy định của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch".
_DELEGATION_PASSIVE = re.compile(
    rf"\btheo quy định của\s+(?P<authority>(?:{_AUTHORITY_HEAD}){_NAME_WORD}{{0,10}})"
)


@dataclass(frozen=True, slots=True)
class Relation:
    """``kind`` from the citing document to ``targets``; ``text`` is the sentence that says so."""

    kind: str
    targets: tuple[Target, ...]
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Delegation:
    """``authority`` must ``action`` (quy định chi tiết / hướng dẫn / quy định / ban hành) ``subject``.

    ``targets`` are the provisions of the citing document the delegation is about: the provisions
    cited in the subject ("quy định chi tiết Điều này") or, when none is cited, the provision the
    sentence stands in (from the context).
    """

    authority: str
    action: str
    subject: str
    targets: tuple[Target, ...]
    start: int
    end: int
    text: str


def _mask_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _retarget(target: Target, amended: DocumentRef | None) -> Target:
    if amended is not None and target.document.kind == "this" and target.path:
        return replace(target, document=amended)
    return target


def extract_relations(
    text: str, context: CitationContext | None = None, amended: DocumentRef | None = None
) -> list[Relation]:
    """Relations stated in ``text`` (a preamble, an article, or a whole document body)."""
    masked = _mask_quotes(text)
    out: list[Relation] = []
    current_amended = amended
    for start, end in _sentences(masked):
        sentence = masked[start:end]
        citations = find_citations(sentence, context)
        history = _HISTORY.search(sentence)
        if history is not None:
            # "… Luật X đã được sửa đổi, bổ sung một số điều theo Luật số Y": Y is X's history.
            citations = [c for c in citations if c.start < history.start()]
        external = [t for c in citations for t in c.targets if t.document.kind != "this" or t.path]
        if not external:
            continue
        if _BASED_ON.match(sentence):
            kind = "based_on"
        elif _REPEAL.search(sentence):
            kind = "repeals"
        elif _EXPIRE.search(sentence):
            kind = "replaces" if _REPLACE.search(sentence) else "repeals"
        elif _REPLACE.search(sentence):
            kind = "replaces"
        elif _AMEND.search(sentence):
            kind = "amends"
        else:
            continue
        if kind == "based_on":
            targets = [t for t in external if t.document.kind != "this"]
        else:
            targets = [_retarget(t, current_amended) for t in external]
            targets = [t for t in targets if t.document.kind != "this"]
        if not targets:
            continue
        whole_docs = [t for t in targets if not t.path]
        if kind == "repeals" and _SOME_PROVISIONS.search(sentence) and whole_docs:
            kind = "amends"  # "Bãi bỏ, sửa đổi, bổ sung một số điều của Luật X như sau:"
        if kind == "amends" and whole_docs:
            current_amended = whole_docs[0].document
        if kind == "repeals" and any(t.path for t in targets):
            whole = tuple(t for t in targets if not t.path)
            part = tuple(t for t in targets if t.path)
            if whole:
                out.append(Relation("repeals", whole, start, end, text[start:end].strip()))
            out.append(Relation("partially_repeals", part, start, end, text[start:end].strip()))
            continue
        out.append(Relation(kind, tuple(targets), start, end, text[start:end].strip()))
    return out


def _clean_authority(authority: str) -> str:
    return re.sub(r"[\s,]+(?:và)?\s*$", "", authority).strip()


def extract_delegations(text: str, context: CitationContext | None = None) -> list[Delegation]:
    """Delegation clauses in ``text``, with the provisions they concern resolved against ``context``."""
    ctx = context or CitationContext()
    masked = _mask_quotes(text)
    out: list[Delegation] = []
    for start, end in _sentences(masked):
        sentence = masked[start:end]
        # (match, action, subject, whether the subject names the provisions delegated)
        found: list[tuple[re.Match[str], str, str, bool]] = []
        for match in _DELEGATION.finditer(sentence):
            if (match.group("lead") or "").strip() == "do":
                # "… do Chính phủ quy định": the subject precedes and is the current provision.
                found.append((match, match.group("action"), sentence[: match.start()], False))
            else:
                found.append((match, match.group("action"), match.group("scope"), True))
        for match in _DELEGATION_PASSIVE.finditer(sentence):
            found.append((match, "quy định", sentence[: match.start()], False))
        for match, action, raw_subject, names_provisions in sorted(
            found, key=lambda f: f[0].start()
        ):
            subject = re.sub(r"^\s*(?:\d+[a-zđ]?\.|[a-zđ]\d*\)|[-+])\s*", "", raw_subject)
            subject = subject.strip(" ,:")
            cited = [
                t
                for c in (find_citations(subject, ctx) if names_provisions else [])
                for t in c.targets
                if t.document.kind == "this" or t.document == ctx.document
            ]
            if not cited:
                path = tuple(
                    (level, value)
                    for level, value in (
                        ("article", ctx.article),
                        ("clause", ctx.clause),
                        ("point", ctx.point),
                    )
                    if value
                )
                cited = [
                    Target(ctx.document or DocumentRef(kind="this"), path or (("article", THIS),))
                ]
            out.append(
                Delegation(
                    authority=_clean_authority(match.group("authority")),
                    action=action,
                    subject=subject,
                    targets=tuple(cited),
                    start=start + match.start(),
                    end=start + match.end(),
                    text=sentence[match.start() : match.end()].strip(),
                )
            )
    return out
