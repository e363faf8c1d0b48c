"""How the demo spreads its 500 National Assembly deputies over the 34 provincial delegations.

THIS IS A DEMO ALLOCATION, NOT THE OFFICIAL ONE. The real seats per province are fixed by the
National Election Council (NQ 85/NQ-HĐBCQG of 15/12/2025, 182 constituencies). Here every province
gets the legal floor of 7 deputies and the remaining 262 seats are shared in proportion to an
approximate 2024 population of the merged province (largest-remainder method). The result lands
close to the published figures (e.g. Hà Nội 32 and TP. Hồ Chí Minh 38 officially) without copying
them. Ethnic-minority shares per province are a rough judgement for plausible demo names.
"""

from nghitruong.demo.names import KINH

NA_SEATS = 500
MIN_SEATS_PER_PROVINCE = 7  # each province ≥ 7 deputies (NQ 1891/NQ-UBTVQH15 planning, 2025)
WOMEN_SHARE_TARGET = 0.38  # the structure aims at ≥ 35 % women
MINORITY_DEPUTIES = 90  # 18 % of 500, the planned share of ethnic-minority deputies

# Approximate population in thousands (2024, provinces as merged on 1 July 2025).
PROVINCE_POPULATION: dict[str, int] = {
    "01": 8700, "04": 570, "08": 1870, "11": 640, "12": 490, "14": 1300, "15": 1780, "19": 1800,
    "20": 800, "22": 1400, "24": 3600, "25": 4000, "31": 4700, "33": 3600, "37": 4400, "38": 4300,
    "40": 3800, "42": 1600, "44": 1900, "46": 1400, "48": 3100, "51": 2200, "52": 3600,
    "56": 2200, "66": 3300, "68": 3900, "75": 4500, "79": 14000, "80": 3300, "82": 4400,
    "86": 4300, "91": 4900, "92": 4200, "96": 2600,
}  # fmt: skip

# Province → (share of minority deputies, ethnicities to draw from), a judgement for the demo.
PROVINCE_MINORITIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "04": (0.85, ("Tày", "Nùng", "H'Mông", "Dao")),
    "08": (0.6, ("Tày", "H'Mông", "Dao")),
    "11": (0.8, ("Thái", "H'Mông")),
    "12": (0.85, ("Thái", "H'Mông", "Dao")),
    "14": (0.8, ("Thái", "H'Mông", "Mường")),
    "15": (0.6, ("Tày", "H'Mông", "Dao", "Thái")),
    "19": (0.3, ("Tày", "Nùng", "Sán Dìu", "Dao")),
    "20": (0.8, ("Nùng", "Tày")),
    "22": (0.15, ("Dao", "Tày", "Sán Dìu")),
    "24": (0.1, ("Nùng", "Tày", "Sán Dìu")),
    "25": (0.25, ("Mường", "Dao")),
    "38": (0.15, ("Mường", "Thái")),
    "40": (0.15, ("Thái", "Khơ Mú", "H'Mông")),
    "44": (0.05, ("Bru - Vân Kiều",)),
    "51": (0.15, ("Hrê", "Xơ Đăng", "Ba Na")),
    "52": (0.3, ("Gia Rai", "Ba Na")),
    "56": (0.1, ("Raglai", "Chăm")),
    "66": (0.25, ("Ê Đê",)),
    "68": (0.2, ("Cơ Ho", "Chăm")),
    "79": (0.03, ("Hoa", "Khmer")),
    "91": (0.1, ("Khmer", "Chăm")),
    "92": (0.2, ("Khmer", "Hoa")),
    "86": (0.15, ("Khmer",)),
    "96": (0.05, ("Khmer",)),
}


def largest_remainder(weights: dict[str, float], total: int) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights`` (Hamilton's method; ties broken by key)."""
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        return dict.fromkeys(weights, 0)
    quotas = {k: total * w / weight_sum for k, w in weights.items()}
    result = {k: int(q) for k, q in quotas.items()}
    left = total - sum(result.values())
    by_remainder = sorted(quotas, key=lambda k: (-(quotas[k] - result[k]), k))
    for key in by_remainder[:left]:
        result[key] += 1
    return result


def seats_per_province(
    population: dict[str, int] | None = None,
    *,
    total: int = NA_SEATS,
    floor: int = MIN_SEATS_PER_PROVINCE,
) -> dict[str, int]:
    """``floor`` seats each, the rest by population (demo allocation, see the module docstring)."""
    population = population or PROVINCE_POPULATION
    extra = largest_remainder(
        {k: float(v) for k, v in population.items()}, total - floor * len(population)
    )
    return {code: floor + extra[code] for code in sorted(population)}


def women_per_province(
    seats: dict[str, int], *, share: float = WOMEN_SHARE_TARGET
) -> dict[str, int]:
    """How many of each delegation's deputies are women (total = round(share × seats))."""
    total = round(share * sum(seats.values()))
    return largest_remainder({k: float(v) for k, v in seats.items()}, total)


def minorities_per_province(
    seats: dict[str, int], *, total: int = MINORITY_DEPUTIES
) -> dict[str, int]:
    """How many ethnic-minority deputies each delegation has (never more than its seats)."""
    weights = {
        code: seats[code] * PROVINCE_MINORITIES[code][0]
        for code in seats
        if code in PROVINCE_MINORITIES
    }
    counts = largest_remainder(weights, total)
    result = {code: min(counts.get(code, 0), seats[code]) for code in seats}
    # Seats lost to the cap go to the delegations with the most room, so the total stays exact.
    short = total - sum(result.values())
    for code in sorted(weights, key=lambda c: (-(seats[c] - result[c]), c)):
        if short <= 0:
            break
        room = seats[code] - result[code]
        take = min(room, short)
        result[code] += take
        short -= take
    return result


def minority_ethnicities(province_code: str) -> tuple[str, ...]:
    return PROVINCE_MINORITIES.get(province_code, (0.0, (KINH,)))[1]
