"""Generated Vietnamese names for demo people (every generated person is stored with is_demo=True).

The frequencies are rounded from published surveys of Vietnamese surnames (Nguyễn ≈ 38 %, Trần ≈ 11 %,
Lê ≈ 9.5 %, Phạm ≈ 7 % …); the minority naming patterns follow common public usage (H'Mông clan
surnames with "A"/"Thị", Ê Đê "Y"/"H'" + name + clan, Gia Rai clan + name, Khmer Thạch/Sơn/Danh …).
The names are invented combinations: any resemblance to a real office-holder is a coincidence.
Everything is drawn from a seeded ``random.Random`` so a run always yields the same people.
"""

import datetime as dt
import random
from dataclasses import dataclass

from nghitruong.core.text import nfc

KINH = "Kinh"
FEMALE = "female"
MALE = "male"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# (surname, weight in ‰) — rounded national frequencies.
KINH_SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 22),
    ("Võ", 17),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Trương", 7),
    ("Lương", 5),
    ("Đào", 6),
    ("Cao", 5),
    ("Tạ", 3),
    ("Hà", 5),
    ("Lại", 3),
    ("Mai", 4),
    ("Chu", 3),
    ("Triệu", 2),
    ("Thái", 3),
    ("Văn", 2),
    ("Đoàn", 6),
    ("Tô", 3),
    ("Kiều", 2),
    ("Lưu", 3),
    ("Quách", 2),
    ("Vương", 2),
    ("Nghiêm", 2),
)

MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 30),
    ("Hữu", 6),
    ("Đức", 8),
    ("Minh", 8),
    ("Quang", 6),
    ("Thanh", 6),
    ("Công", 5),
    ("Xuân", 4),
    ("Ngọc", 4),
    ("Quốc", 6),
    ("Đình", 5),
    ("Trọng", 4),
    ("Tiến", 3),
    ("Mạnh", 3),
    ("Việt", 3),
    ("Thế", 3),
    ("Bá", 2),
    ("Anh", 3),
    ("Hoàng", 3),
    ("Duy", 3),
    ("Hồng", 2),
    ("Khắc", 2),
    ("Tuấn", 2),
)
FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 45),
    ("Thu", 6),
    ("Ngọc", 6),
    ("Thanh", 6),
    ("Minh", 4),
    ("Thúy", 4),
    ("Hồng", 5),
    ("Kim", 4),
    ("Phương", 3),
    ("Bích", 2),
    ("Mai", 2),
    ("Hải", 2),
    ("Diệu", 2),
    ("Khánh", 2),
    ("Thùy", 3),
    ("Lan", 2),
    ("Như", 2),
)
MALE_GIVEN: tuple[str, ...] = _words(
    "An Anh Bảo Bình Cường Chiến Chính Dũng Đạt Đông Dương Giang Hải Hiếu Hiển Hòa Hoàn "
    "Hùng Huy Hưng Khải Khánh Khoa Kiên Lâm Long Lộc Lợi Luân Minh Nam Nghĩa Ngọc Nhân "
    "Phong Phúc Phương Quân Quang Quý Sơn Tài Tân Thắng Thành Thanh Thịnh Thuận Tiến Toàn "
    "Trí Trung Trường Tuấn Tùng Tú Việt Vinh Vũ Vượng Hoàng Hậu Đức Định Hà Khang Lực "
    "Mạnh Sang Thái Thông"
)
FEMALE_GIVEN: tuple[str, ...] = _words(
    "An Anh Ánh Bích Châm Chi Dung Duyên Giang Hà Hằng Hạnh Hiền Hoa Hồng Huệ Hương Hường "
    "Huyền Lan Liên Linh Loan Ly Mai Minh Nga Ngân Ngọc Nhung Oanh Phương Quyên Quỳnh Tâm "
    "Thảo Thoa Thu Thúy Thủy Trang Tuyết Vân Xuân Yến Hậu Hòa Lụa Nguyệt Nhàn Phượng Sen "
    "Thanh Thơm Trinh Uyên Vy"
)

# Naming patterns of minority groups (a simplification: many use Kinh-style names too).
PATTERN_KINH_LIKE = "kinh_like"  # surname + Văn/Thị + given name
PATTERN_HMONG = "hmong"  # clan surname + A (men) / Thị (women) + given name
PATTERN_PREFIX_CLAN = "prefix_clan"  # Ê Đê: Y (men) / H' (women) + given name + clan
PATTERN_CLAN_FIRST = "clan_first"  # Gia Rai: clan + (H' for women) + given name
PATTERN_PREFIX = "prefix"  # Ba Na, Xơ Đăng, Cơ Ho: A/K' (men) / Y/Ka (women) + given name
PATTERN_KHMER = "khmer"  # Thạch/Sơn/Danh … + (Kinh or Khmer) given name


@dataclass(frozen=True)
class Ethnicity:
    name: str
    pattern: str
    surnames: tuple[str, ...] = ()
    male_given: tuple[str, ...] = MALE_GIVEN
    female_given: tuple[str, ...] = FEMALE_GIVEN
    male_prefix: str = ""
    female_prefix: str = ""


ETHNICITIES: dict[str, Ethnicity] = {
    e.name: e
    for e in (
        Ethnicity(
            "Tày",
            PATTERN_KINH_LIKE,
            ("Hoàng", "Nông", "Lương", "Bế", "Hà", "Ma", "Lục", "Đàm", "Vi", "Triệu"),
        ),
        Ethnicity(
            "Nùng", PATTERN_KINH_LIKE, ("Hoàng", "Nông", "Lương", "Vi", "Lăng", "Chu", "Mã", "Lý")
        ),
        Ethnicity(
            "Thái",
            PATTERN_KINH_LIKE,
            ("Lò", "Lường", "Cầm", "Quàng", "Tòng", "Vì", "Điêu", "Hà", "Lừ"),
        ),
        Ethnicity("Mường", PATTERN_KINH_LIKE, ("Bùi", "Đinh", "Quách", "Hà", "Xa", "Bạch")),
        Ethnicity("Dao", PATTERN_KINH_LIKE, ("Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Phùng")),
        Ethnicity("Sán Dìu", PATTERN_KINH_LIKE, ("Diệp", "Lưu", "Trương", "Lý", "Tạ")),
        Ethnicity("Khơ Mú", PATTERN_KINH_LIKE, ("Lò", "Vi", "Cụt", "Lô", "Moong")),
        Ethnicity("Chăm", PATTERN_KINH_LIKE, ("Đàng", "Thổ", "Châu", "Quảng", "Thiên", "Lưu")),
        Ethnicity("Bru - Vân Kiều", PATTERN_KINH_LIKE, ("Hồ", "Lê", "Trần")),
        Ethnicity("Hrê", PATTERN_KINH_LIKE, ("Đinh", "Phạm", "Bùi")),
        Ethnicity("Hoa", PATTERN_KINH_LIKE, ("Lâm", "Trương", "Quách", "Lý", "Hứa", "Mã", "Tăng")),
        Ethnicity(
            "H'Mông",
            PATTERN_HMONG,
            ("Giàng", "Sùng", "Vàng", "Lầu", "Thào", "Mùa", "Hờ", "Lý", "Sình", "Hạng", "Tráng"),
            ("Chu", "Páo", "Sử", "Dính", "Pó", "Chứ", "Tủa", "Của", "Lử", "Sính", "Pùa", "Vư"),
            ("Dua", "Mỷ", "Xay", "Dế", "Cở", "Mai", "Súa", "Dợ", "Lan", "Chá", "Pà"),
        ),
        Ethnicity(
            "Ê Đê",
            PATTERN_PREFIX_CLAN,
            ("Niê", "Mlô", "Êban", "Ktla", "Byă", "Adrơng", "Kđoh", "Hwing"),
            ("Biêr", "Khim", "Jim", "Ngông", "Blốc", "Thông", "Dhăm", "Wang", "Kông"),
            ("Ma", "Yim", "Bích", "Luân", "Hoan", "Nhi", "Jing", "Wen", "Ngơm"),
            "Y",
            "H'",
        ),
        Ethnicity(
            "Gia Rai",
            PATTERN_CLAN_FIRST,
            ("Rơ Châm", "Ksor", "Siu", "Rah Lan", "Nay", "Rơ Mah", "Kpă", "Puih"),
            ("Phước", "Tuấn", "Blơi", "Dih", "Thơ", "Hyưk", "Ngưl", "Wưn"),
            ("Bơ Khăp", "Lan", "Hiền", "Nguyên", "Juel", "Duyên", "Tú"),
            "",
            "H'",
        ),
        Ethnicity(
            "Ba Na",
            PATTERN_PREFIX,
            (),
            ("Sang", "Pui", "Sơn", "Thút", "Blưm", "Đeo", "Hyang"),
            ("Ngọc", "Thanh", "Nhiếu", "Bưm", "Hiên", "Ka"),
            "A",
            "Y",
        ),
        Ethnicity(
            "Xơ Đăng",
            PATTERN_PREFIX,
            (),
            ("Khiên", "Tiêu", "Pớt", "Mếch", "Rin"),
            ("Rang", "Hiền", "Đêm", "Lương"),
            "A",
            "Y",
        ),
        Ethnicity(
            "Cơ Ho",
            PATTERN_PREFIX,
            (),
            ("Bình", "Kriêng", "Brèo", "Điệp", "Mák"),
            ("Hòa", "Liên", "Dung", "Thoan"),
            "K'",
            "Ka",
        ),
        Ethnicity(
            "Raglai",
            PATTERN_KINH_LIKE,
            ("Chamaléa", "Pinăng", "Katơr", "Mấu"),
        ),
        Ethnicity(
            "Khmer",
            PATTERN_KHMER,
            ("Thạch", "Sơn", "Kim", "Danh", "Lâm", "Châu"),
            ("Phước", "Sóc", "Phol", "Rinh", "Sa Rươne", "Sô Phone", "Chanh Đa", "Út", "Sang"),
            ("Sa Ra", "Sà Ly", "Ngọc Hà", "Sóc Khêm", "Mỹ Linh", "Phương", "Kim Ny"),
        ),
    )
}


@dataclass(frozen=True)
class PersonSpec:
    """A generated person, ready for ``accounts.services.person_create``."""

    full_name: str
    gender: str
    ethnicity: str
    birth_date: dt.date


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in table], weights=[w for _v, w in table], k=1)[0]


class NameGenerator:
    """Deterministic generator of unique full names (unique within one generator)."""

    def __init__(self, seed: str, *, taken: set[str] | None = None) -> None:
        """``taken``: names already in use (e.g. demo people in the database) to avoid."""
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo names, not secrets
        self.used: set[str] = set(taken or ())

    def _kinh(self, gender: str) -> str:
        surname = _weighted(self.rng, KINH_SURNAMES)
        if gender == FEMALE:
            return f"{surname} {_weighted(self.rng, FEMALE_MIDDLE)} {self.rng.choice(FEMALE_GIVEN)}"
        return f"{surname} {_weighted(self.rng, MALE_MIDDLE)} {self.rng.choice(MALE_GIVEN)}"

    def _minority(self, gender: str, ethnicity: Ethnicity) -> str:
        rng = self.rng
        female = gender == FEMALE
        given = rng.choice(ethnicity.female_given if female else ethnicity.male_given)
        prefix = ethnicity.female_prefix if female else ethnicity.male_prefix
        if ethnicity.pattern == PATTERN_HMONG:
            return f"{rng.choice(ethnicity.surnames)} {'Thị' if female else 'A'} {given}"
        if ethnicity.pattern == PATTERN_PREFIX_CLAN:
            sep = "" if prefix.endswith("'") else " "
            return f"{prefix}{sep}{given} {rng.choice(ethnicity.surnames)}"
        if ethnicity.pattern == PATTERN_CLAN_FIRST:
            return f"{rng.choice(ethnicity.surnames)} {prefix}{given}"
        if ethnicity.pattern == PATTERN_PREFIX:
            sep = "" if prefix.endswith("'") else " "
            return f"{prefix}{sep}{given}"
        if ethnicity.pattern == PATTERN_KHMER:
            surname = rng.choice(ethnicity.surnames)
            if rng.random() < 0.5:
                middle = "Thị" if female else rng.choice(("Văn", "Ngọc", "Minh", ""))
                given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
                return " ".join(p for p in (surname, middle, given) if p)
            return f"{surname} {given}"
        middle = "Thị" if female else "Văn"
        if rng.random() < 0.3:
            middle = _weighted(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
        return f"{rng.choice(ethnicity.surnames)} {middle} {given}"

    def person(
        self, *, gender: str, ethnicity: str = KINH, age_range: tuple[int, int] = (32, 62)
    ) -> PersonSpec:
        """A new person of this gender and ethnicity with a unique name, aged within ``age_range``
        on 2026-03-15 (the election day)."""
        eth = ETHNICITIES.get(ethnicity)
        for attempt in range(200):
            raw = self._kinh(gender) if eth is None else self._minority(gender, eth)
            name = nfc(raw)
            if attempt > 50:  # rare: fall back to a two-syllable given name to stay unique
                pool = FEMALE_GIVEN if gender == FEMALE else MALE_GIVEN
                name = nfc(f"{name} {self.rng.choice(pool)}")
            if name not in self.used:
                self.used.add(name)
                break
        else:  # pragma: no cover - 200 collisions in a row cannot happen with these pools
            raise RuntimeError("name pool exhausted")
        low, high = age_range
        age = round(self.rng.triangular(low, high, low + (high - low) * 0.65))
        election_day = dt.date(2026, 3, 15)
        birth = election_day - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return PersonSpec(full_name=name, gender=gender, ethnicity=ethnicity, birth_date=birth)
