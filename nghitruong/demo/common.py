"""Small helpers shared by the demo seeders (no writes here: writes go through the apps' services)."""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from nghitruong.demo.names import FEMALE, KINH, MALE, NameGenerator, PersonSpec

Say = Callable[[str], None]

# One seed for the whole demo: the same run always produces the same people.
DEMO_SEED = "nghitruong-demo-2026"
NA_TERM_NUMBER = 16  # Quốc hội khóa XVI
ELECTION_DAY = dt.date(2026, 3, 15)
COUNCIL_TERM_NUMBER = 2026  # People's Council term 2026–2031 (Term.number = first year)


@dataclass
class StepResult:
    """What one seeding step did: ``created`` counts by kind, or ``skipped`` with the reason;
    ``notes`` are lines for the end of the run (e.g. the table of demo logins)."""

    name: str
    created: dict[str, int] = field(default_factory=dict)
    skipped: str = ""
    notes: list[str] = field(default_factory=list)  # printed at the end of the run

    def add(self, kind: str, n: int = 1) -> None:
        if n:
            self.created[kind] = self.created.get(kind, 0) + n


def unit_phrase(name: str) -> str:
    """``"Thành phố Hà Nội"`` → ``"thành phố Hà Nội"`` (as it reads inside a title)."""
    return name[:1].lower() + name[1:] if name else name


def spec_list(
    names: NameGenerator,
    *,
    count: int,
    women: int,
    minorities: int,
    ethnicities: tuple[str, ...],
    age_range: tuple[int, int] = (30, 64),
) -> list[PersonSpec]:
    """``count`` people, of whom ``women`` are women and ``minorities`` are of ``ethnicities``.

    Women and minority members are spread through the list (not bunched at the start), so the
    leaders picked from the front of the list are a realistic mix.
    """
    rng = names.rng
    genders = [FEMALE] * women + [MALE] * (count - women)
    rng.shuffle(genders)
    minority_slots = set(rng.sample(range(count), minorities)) if minorities else set()
    specs = []
    for i, gender in enumerate(genders):
        ethnicity = rng.choice(ethnicities) if i in minority_slots and ethnicities else KINH
        specs.append(names.person(gender=gender, ethnicity=ethnicity, age_range=age_range))
    return specs


def seniors_first(
    specs: list[PersonSpec], count: int, rng: random.Random, *, min_age: int = 45
) -> list[PersonSpec]:
    """Move ``count`` randomly chosen people aged ``min_age``+ (on election day) to the front, so
    the leaders taken from the head of the list are of a plausible age."""
    cutoff = ELECTION_DAY.replace(year=ELECTION_DAY.year - min_age)
    seniors = [s for s in specs if s.birth_date <= cutoff]
    chosen = rng.sample(seniors, min(count, len(seniors)))
    return chosen + [s for s in specs if s not in chosen]
