"""People's Councils (term 2026–2031) of Hà Nội and TP. Hồ Chí Minh and four communes of each.

A provincial council: ~90 deputies, a chair, vice-chairs, four boards (head = ``chair``, deputy
heads = ``vice_chair``, members = ``committee_member``); board heads also sit on the council's
Standing Board (role ``standing_member``). A commune council: 20–30 deputies, a chair, a vice-chair
and three boards. Every elected member also holds ``deputy`` in the council. Sizes are demo values.
"""

from dataclasses import dataclass

from django.db import transaction

from nghitruong.accounts.models import Person, Role
from nghitruong.accounts.services import membership_create, person_create
from nghitruong.core.models import AdministrativeUnit, ElectedBody
from nghitruong.core.selectors import body_public_list, unit_list
from nghitruong.core.services import council_boards_ensure
from nghitruong.demo.common import (
    COUNCIL_TERM_NUMBER,
    DEMO_SEED,
    Say,
    StepResult,
    seniors_first,
    spec_list,
    unit_phrase,
)
from nghitruong.demo.names import NameGenerator
from nghitruong.demo.selectors import body, demo_person_names, member_count, term_of

WOMEN_SHARE = 0.38


@dataclass(frozen=True)
class CouncilPlan:
    province_code: str
    size: int
    vice_chairs: int
    minorities: int
    ethnicities: tuple[str, ...]
    communes: tuple[str, ...]  # commune codes whose councils are filled in too


COUNCILS = (
    # Hà Nội: Ba Vì has Mường and Dao communities; four wards/communes from centre to outskirts.
    CouncilPlan("01", 95, 2, 3, ("Mường", "Dao"), ("00070", "00004", "09556", "09700")),
    # TP. Hồ Chí Minh: Hoa and Khmer communities; Sài Gòn, Thủ Đức, Cần Giờ, Côn Đảo.
    CouncilPlan("79", 90, 3, 4, ("Hoa", "Khmer"), ("26740", "26824", "27664", "26732")),
)
PROVINCIAL_BOARD_SIZE = (2, 8)  # per board, besides its head: deputy heads, members
COMMUNE_BOARD_SIZE = (1, 2)
COMMUNE_SIZES = (27, 23, 25, 21)  # demo sizes of the four commune councils of each province

PROVINCIAL_POSITIONS = (
    "Giám đốc Sở Tư pháp {p}",
    "Giám đốc Sở Xây dựng {p}",
    "Phó Giám đốc Sở Y tế {p}",
    "Hiệu trưởng Trường Trung học phổ thông {c}",
    "Chủ tịch Ủy ban nhân dân {c}",
    "Bí thư Đảng ủy {c}",
    "Giám đốc Bệnh viện Đa khoa {c}",
    "Phó Chủ tịch Hội Liên hiệp Phụ nữ {p}",
    "Chủ tịch Hội Cựu chiến binh {p}",
    "Giám đốc doanh nghiệp, {p}",
    "Luật sư, Đoàn Luật sư {p}",
    "Đại biểu Hội đồng nhân dân hoạt động chuyên trách, {p}",
)
COMMUNE_POSITIONS = (
    "Bí thư Chi bộ, Trưởng thôn/tổ dân phố, {c}",
    "Giáo viên Trường Tiểu học {c}",
    "Trạm trưởng Trạm Y tế {c}",
    "Chủ tịch Hội Cựu chiến binh {c}",
    "Chủ tịch Hội Nông dân {c}",
    "Trưởng Công an {c}",
    "Chủ hộ kinh doanh, {c}",
    "Chủ tịch Hội Liên hiệp Phụ nữ {c}",
    "Bí thư Đoàn Thanh niên {c}",
)


def _fill_council(
    council: ElectedBody,
    *,
    size: int,
    vice_chairs: int,
    minorities: int,
    ethnicities: tuple[str, ...],
    boards: list[ElectedBody],
    board_size: tuple[int, int],
    positions: tuple[str, ...],
    result: StepResult,
) -> None:
    """Create the council's deputies and their roles (the council must be empty of demo people)."""
    term = term_of(council, COUNCIL_TERM_NUMBER)
    names = NameGenerator(f"{DEMO_SEED}:{council.code}", taken=demo_person_names())
    rng = names.rng
    specs = spec_list(
        names,
        count=size,
        women=round(size * WOMEN_SHARE),
        minorities=minorities,
        ethnicities=ethnicities,
    )
    unit = council.admin_unit
    if unit is None:
        raise RuntimeError(f"{council.code} has no administrative unit")
    province = unit.parent or unit
    p = unit_phrase(province.name)
    # Where people live and work: any commune of the province, or the commune itself.
    places = list(unit_list(level=AdministrativeUnit.Level.COMMUNE, parent_code=unit.code)) or [
        unit
    ]
    council_title = council.name.replace("Hội đồng nhân dân", "HĐND", 1)
    # Roles: [chair, vice-chairs…, board heads…, then per board: deputy heads…, members…], the rest
    # are deputies only.
    roles: list[list[tuple[ElectedBody, str]]] = [[(council, Role.CHAIR)]]
    titles = [f"Chủ tịch {council_title}"]
    roles += [[(council, Role.VICE_CHAIR)]] * vice_chairs
    titles += [f"Phó Chủ tịch {council_title}"] * vice_chairs
    deputies, members = board_size
    for board in boards:  # board heads first: they sit on the Standing Board too
        roles.append([(board, Role.CHAIR), (council, Role.STANDING_MEMBER)])
        titles.append(f"Trưởng {board.name}")
    for board in boards:
        roles += [[(board, Role.VICE_CHAIR)]] * deputies
        titles += [f"Phó Trưởng {board.name}"] * deputies
        roles += [[(board, Role.COMMITTEE_MEMBER)]] * members
        titles += [""] * members
    start = term.start_date
    specs = seniors_first(specs, 1 + vice_chairs + len(boards), rng, min_age=40)
    for i, spec in enumerate(specs):
        home = rng.choice(places)
        title = titles[i] if i < len(titles) else ""
        if not title:
            title = rng.choice(positions).format(p=p, c=unit_phrase(home.name))
        person: Person = person_create(
            full_name=spec.full_name,
            gender=spec.gender,
            birth_date=spec.birth_date,
            ethnicity=spec.ethnicity,
            hometown=home,
            position=title,
            is_demo=True,
            actor=None,
        )
        result.add("council deputies")
        extra = roles[i] if i < len(roles) else []
        for where, role in [(council, Role.DEPUTY), *extra]:
            membership_create(
                person=person,
                body=where,
                role=role,
                start_date=start,
                term=term if where.pk == council.pk else None,
                actor=None,
            )
            result.add("memberships")


def seed_councils(*, say: Say) -> StepResult:
    result = StepResult("Hội đồng nhân dân / People's Councils")
    skipped: list[str] = []
    with transaction.atomic():
        for plan in COUNCILS:
            council = body(f"hdnd-{plan.province_code}")
            boards = list(
                body_public_list(kind=ElectedBody.Kind.PROVINCIAL_COUNCIL_BOARD, parent=council)
            )
            if member_count(council, role=Role.DEPUTY):
                skipped.append(council.code)
            else:
                _fill_council(
                    council,
                    size=plan.size,
                    vice_chairs=plan.vice_chairs,
                    minorities=plan.minorities,
                    ethnicities=plan.ethnicities,
                    boards=boards,
                    board_size=PROVINCIAL_BOARD_SIZE,
                    positions=PROVINCIAL_POSITIONS,
                    result=result,
                )
                say(f"  … {council.name}: {plan.size} đại biểu / deputies")
            for code, size in zip(plan.communes, COMMUNE_SIZES, strict=True):
                commune = body(f"hdnd-{code}")
                made = council_boards_ensure(council=commune, actor=None)
                result.add("commune boards", len(made))
                if member_count(commune, role=Role.DEPUTY):
                    skipped.append(commune.code)
                    continue
                boards = list(
                    body_public_list(kind=ElectedBody.Kind.COMMUNE_COUNCIL_BOARD, parent=commune)
                )
                _fill_council(
                    commune,
                    size=size,
                    vice_chairs=1,
                    minorities=0 if code != "09700" else 3,
                    ethnicities=plan.ethnicities,
                    boards=boards,
                    board_size=COMMUNE_BOARD_SIZE,
                    positions=COMMUNE_POSITIONS,
                    result=result,
                )
                say(f"  … {commune.name}: {size} đại biểu / deputies")
    if skipped and not result.created:
        result.skipped = f"đã có / already present: {len(skipped)} HĐND"
    return result
