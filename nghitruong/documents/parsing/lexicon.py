"""Vietnamese words the parsers key on, in accented (running text) and folded (typed query) forms."""

from nghitruong.core.text import fold
from nghitruong.documents.parsing.numbers import DocumentType

#: Letters that number points (điểm), in order: the Vietnamese alphabet without ă â ê ô ơ ư, and
#: without f j w z; "đ" follows "d".
POINT_LETTERS: tuple[str, ...] = (*"abcd", "đ", *"eghiklmnopqrstuvxy")

#: Words after a number that show it is a quantity, not a list item ("Điều 5 và 10 ngày").
MEASURE_WORDS = frozenset(
    [
        "ngày",
        "tháng",
        "năm",
        "giờ",
        "phút",
        "lần",
        "người",
        "triệu",
        "tỷ",
        "đồng",
        "tuổi",
        "%",
        "năm_học",
        "ha",
        "m",
        "km",
        "kg",
        "tấn",
    ]
)

#: Syllables that form a compound with "điểm" (thời điểm, địa điểm …): never a point reference.
NOT_POINT_BEFORE = frozenset(
    [
        "thời",
        "địa",
        "đặc",
        "quan",
        "ưu",
        "nhược",
        "trọng",
        "khuyết",
        "giao",
        "tiêu",
        "xuất",
        "hạt",
        "thí",
        "cao",
        "yếu",
        "chấm",
        "tụ",
    ]
)

#: Syllables that form a compound with "khoản": "điều khoản" (terms), "tài khoản" (an account).
NOT_CLAUSE_BEFORE = frozenset(["điều", "tài"])

#: Syllables that make "luật" part of another word: "kỷ luật", "pháp luật", "dự luật" is kept.
NOT_DOCUMENT_BEFORE = frozenset(["kỷ", "pháp"])

#: Words that end a title not in the title list ("Luật Điện ảnh số …", "Luật Du lịch thì …").
TITLE_STOP_WORDS = frozenset(
    [
        "số",
        "năm",
        "này",
        "của",
        "và",
        "hoặc",
        "thì",
        "được",
        "đã",
        "để",
        "có",
        "theo",
        "tại",
        "với",
        "không",
        "mà",
        "là",
        "khi",
        "do",
        "trong",
        "đối",
        "cho",
        "về",
        "như",
        "sau",
        "hết",
        "phải",
        "ngày",
        "quy",
        "định",
        "nếu",
        "trừ",
        "từ",
        "đến",
        "các",
        "những",
        "bị",
        "sẽ",
        "đang",
    ]
)

_ORDINALS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}


def ordinal_value(words: str) -> int | None:
    """``"nhất"`` → 1, ``"tư"`` → 4, ``"mười một"`` → 11 (accents optional); ``None`` otherwise."""
    folded = {fold(k): v for k, v in _ORDINALS.items()}
    parts = fold(words).split()
    if len(parts) == 1:
        value = folded.get(parts[0])
        # Folded "tu" (tư) and "nam" (năm) are unambiguous among ordinals.
        return value
    if len(parts) == 2 and parts[0] == "muoi" and parts[1] in folded:
        second = parts[1]
        return 10 + (5 if second == "lam" else 1 if second == "mot" else folded[second])
    return None


_UNITS: tuple[tuple[str, str], ...] = (
    ("tiểu mục", "subsection"),
    ("phụ lục", "appendix"),
    ("điểm", "point"),
    ("khoản", "clause"),
    ("điều", "article"),
    ("mục", "section"),
    ("chương", "chapter"),
    ("phần", "part"),
)

_DOC_TYPES: tuple[tuple[str, DocumentType], ...] = (
    ("thông tư liên tịch", DocumentType.JOINT_CIRCULAR),
    ("nghị quyết liên tịch", DocumentType.JOINT_RESOLUTION),
    ("văn bản hợp nhất", DocumentType.CONSOLIDATED_TEXT),
    ("bộ luật", DocumentType.CODE),
    ("hiến pháp", DocumentType.CONSTITUTION),
    ("pháp lệnh", DocumentType.ORDINANCE),
    ("nghị quyết", DocumentType.RESOLUTION),
    ("nghị định", DocumentType.DECREE),
    ("quyết định", DocumentType.DECISION),
    ("thông tư", DocumentType.CIRCULAR),
    ("chỉ thị", DocumentType.DIRECTIVE),
    ("luật", DocumentType.LAW),
    ("lệnh", DocumentType.ORDER),
)


class Keywords:
    """The keyword table in one form: accented lower case, or folded (no accents) for queries."""

    def __init__(self, *, folded: bool) -> None:
        def f(word: str) -> str:
            return fold(word) if folded else word

        self.units = tuple((tuple(f(w).split()), level) for w, level in _UNITS)
        self.doc_types = tuple((tuple(f(w).split()), t) for w, t in _DOC_TYPES)
        self.this = f("này")
        self.ordinal_prefix = f("thứ")
        self.number_word = f("số")
        self.plural = f("các")
        self.from_word = f("từ")
        self.to_word = f("đến")
        self.end_word = f("hết")
        self.of_word = f("của")
        self.day_word = f("ngày")
        self.month_word = f("tháng")
        self.year_word = f("năm")
        self.separators = frozenset({",", f("và"), f("hoặc")})
        self.measures = frozenset(f(w) for w in MEASURE_WORDS)
        self.not_point_before = frozenset(f(w) for w in NOT_POINT_BEFORE)
        self.not_clause_before = frozenset(f(w) for w in NOT_CLAUSE_BEFORE)
        self.not_document_before = frozenset(f(w) for w in NOT_DOCUMENT_BEFORE)
        self.point_lead_ins = frozenset(
            f(w)
            for w in (
                "tại",
                "theo",
                "các",
                "và",
                "hoặc",
                ",",
                "từ",
                "ở",
                "thuộc",
                "trong",
                "bỏ",
                "đổi",
                "sung",  # bãi bỏ / sửa đổi / bổ sung điểm …
            )
        )
        self.country = tuple(fold("nước cộng hòa xã hội chủ nghĩa việt nam").split())
