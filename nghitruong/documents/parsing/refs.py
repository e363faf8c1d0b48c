"""Value types shared by the citation and relation parsers."""

from dataclasses import dataclass

from nghitruong.documents.parsing.numbers import DOCUMENT_TYPE_NAMES, DocumentType

#: Number used for a relative reference ("Điều này") when no context tells which provision it is.
THIS = "this"

#: Order of provision levels, smallest first; a path is written largest first.
LEVELS: tuple[str, ...] = (
    "point",
    "clause",
    "article",
    "subsection",
    "section",
    "chapter",
    "part",
    "appendix",
)


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The document a citation points into.

    ``kind`` is ``"this"`` (the citing document itself: "Luật này", or no document named),
    ``"number"`` (a số ký hiệu was given; ``number`` holds its canonical key) or ``"title"``
    (only a title such as "Luật Đất đai" / "Bộ luật Hình sự"; ``title`` holds its canonical spelling).
    """

    kind: str
    number: str | None = None
    title: str | None = None
    doc_type: DocumentType | None = None
    year: int | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form used by the labelled data set and the API."""
        out: dict[str, object] = {"kind": self.kind}
        if self.number:
            out["number"] = self.number
        if self.title:
            out["title"] = self.title
        if self.doc_type:
            out["type"] = self.doc_type.value
        if self.year:
            out["year"] = self.year
        return out

    @property
    def label(self) -> str:
        """Vietnamese label: ``"Luật số 101/2015/QH13"``, ``"Bộ luật Hình sự"``, ``"văn bản này"``."""
        if self.kind == "this":
            name = DOCUMENT_TYPE_NAMES[self.doc_type] if self.doc_type else "văn bản"
            return f"{name} này"
        base = self.title or (DOCUMENT_TYPE_NAMES[self.doc_type] if self.doc_type else "Văn bản")
        return f"{base} số {self.number}" if self.number else base


THIS_DOCUMENT = DocumentRef(kind="this")


@dataclass(frozen=True, slots=True)
class Target:
    """One provision (or whole document when ``path`` is empty) a citation points to.

    ``path`` runs from the largest unit down: ``(("article", "8"), ("clause", "2"), ("point", "c"))``.
    """

    document: DocumentRef
    path: tuple[tuple[str, str], ...] = ()

    def get(self, level: str) -> str | None:
        """Number at ``level`` ("article", "clause", …) or ``None``."""
        return next((n for k, n in self.path if k == level), None)

    @property
    def label(self) -> str:
        """Vietnamese citation label, smallest unit first: ``"điểm c khoản 2 Điều 8"``."""
        words = {
            "point": "điểm",
            "clause": "khoản",
            "article": "Điều",
            "subsection": "Tiểu mục",
            "section": "Mục",
            "chapter": "Chương",
            "part": "Phần",
            "appendix": "Phụ lục",
        }
        return " ".join(f"{words[k]} {'này' if n == THIS else n}" for k, n in reversed(self.path))

    def as_dict(self) -> dict[str, object]:
        return {"doc": self.document.as_dict(), "path": [list(p) for p in self.path]}


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference found in text: ``text[start:end]`` and the provisions it resolves to."""

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class CitationContext:
    """Where the citing text stands, to resolve "Điều này", "khoản này", "Luật này", bare "khoản 2"."""

    article: str | None = None
    clause: str | None = None
    point: str | None = None
    chapter: str | None = None
    section: str | None = None
    document: DocumentRef | None = None

    def level(self, level: str) -> str | None:
        return {
            "article": self.article,
            "clause": self.clause,
            "point": self.point,
            "chapter": self.chapter,
            "section": self.section,
        }.get(level)
