"""The demo seat allocation and the name generator (no database)."""

import unicodedata

from nghitruong.demo.allocation import (
    MINORITY_DEPUTIES,
    PROVINCE_POPULATION,
    largest_remainder,
    minorities_per_province,
    seats_per_province,
    women_per_province,
)
from nghitruong.demo.names import FEMALE, KINH, MALE, NameGenerator


def test_seats_floor_sum_and_largest_delegations() -> None:
    seats = seats_per_province()
    assert len(seats) == 34
    assert sum(seats.values()) == 500
    assert min(seats.values()) == 8
    assert seats["79"] == 40  # TP. Hồ Chí Minh, the most populous
    assert seats["01"] == 27  # Hà Nội
    assert seats["12"] == 8  # Lai Châu, the least populous: floor 7 + one remainder seat
    assert set(seats) == set(PROVINCE_POPULATION)


def test_largest_remainder_exact_and_floor_honoured() -> None:
    assert largest_remainder({"a": 1.0, "b": 1.0, "c": 1.0}, 10) == {"a": 4, "b": 3, "c": 3}
    assert largest_remainder({"a": 0.0}, 3) == {"a": 0}
    tiny = seats_per_province({"01": 1, "02": 1, "03": 1000}, total=30, floor=7)
    assert tiny == {"01": 7, "02": 7, "03": 16}


def test_women_and_minorities_totals() -> None:
    seats = seats_per_province()
    women = women_per_province(seats)
    assert sum(women.values()) == 190  # 38 % of 500
    minorities = minorities_per_province(seats)
    assert sum(minorities.values()) == MINORITY_DEPUTIES == 90
    assert all(minorities[c] <= seats[c] for c in seats)
    assert minorities["01"] == 0
    assert minorities["04"] == 7  # Cao Bằng: 7 of 8


def test_names_are_deterministic_unique_and_nfc() -> None:
    first = NameGenerator("seed")
    second = NameGenerator("seed")
    a = [first.person(gender=FEMALE if i % 2 else MALE) for i in range(300)]
    b = [second.person(gender=FEMALE if i % 2 else MALE) for i in range(300)]
    assert a == b
    names = [p.full_name for p in a]
    assert len(set(names)) == 300
    assert all(unicodedata.normalize("NFC", n) == n for n in names)
    assert all(p.ethnicity == KINH for p in a)
    assert all(len(p.full_name.split()) >= 2 for p in a)


def test_minority_name_patterns() -> None:
    gen = NameGenerator("patterns")
    hmong_man = gen.person(gender=MALE, ethnicity="H'Mông")
    assert hmong_man.full_name.split()[1] == "A"
    ede_woman = gen.person(gender=FEMALE, ethnicity="Ê Đê")
    assert ede_woman.full_name.startswith("H'")
    ede_man = gen.person(gender=MALE, ethnicity="Ê Đê")
    assert ede_man.full_name.startswith("Y ")
    thai_woman = gen.person(gender=FEMALE, ethnicity="Thái")
    assert thai_woman.ethnicity == "Thái"
    assert thai_woman.full_name.split()[0] in {
        "Lò",
        "Lường",
        "Cầm",
        "Quàng",
        "Tòng",
        "Vì",
        "Điêu",
        "Hà",
        "Lừ",
    }
