"""The National Assembly XVI: 500 generated deputies in 34 delegations, its leadership and organs.

Each deputy is a member of the NA (role ``deputy``, term XVI) and of the delegation of their
province (head = ``chair``, deputy head = ``vice_chair``, the rest ``deputy``). The NA Chairman and
vice-chairs also chair the Standing Committee; the chairs of the Ethnic Council and the seven
committees sit on the Standing Committee; every other deputy belongs to one committee (or the Ethnic
Council). Writes go through ``accounts.services`` only.
"""

import itertools
from dataclasses import dataclass

from django.db import transaction

from nghitruong.accounts.models import Person, Role
from nghitruong.accounts.services import membership_create, person_create
from nghitruong.core.models import AdministrativeUnit, ElectedBody
from nghitruong.core.selectors import body_public_list, unit_list
from nghitruong.demo.allocation import (
    minorities_per_province,
    minority_ethnicities,
    seats_per_province,
    women_per_province,
)
from nghitruong.demo.common import (
    DEMO_SEED,
    ELECTION_DAY,
    NA_TERM_NUMBER,
    Say,
    StepResult,
    seniors_first,
    spec_list,
    unit_phrase,
)
from nghitruong.demo.names import FEMALE, NameGenerator, PersonSpec
from nghitruong.demo.selectors import (
    body,
    communes_by_province,
    demo_person_names,
    member_count,
    term_of,
)

NA_VICE_CHAIRS = 4
COMMITTEE_VICE_CHAIRS = 3
COMMITTEE_STANDING_MEMBERS = 2

LOCAL_POSITIONS = (
    "Phó Chủ tịch Ủy ban nhân dân {p}",
    "Giám đốc Sở Tư pháp {p}",
    "Giám đốc Sở Y tế {p}",
    "Giám đốc Sở Giáo dục và Đào tạo {p}",
    "Giám đốc Sở Tài chính {p}",
    "Chủ tịch Hội Nông dân {p}",
    "Chủ tịch Liên đoàn Lao động {p}",
    "Chánh án Tòa án nhân dân {p}",
    "Viện trưởng Viện kiểm sát nhân dân {p}",
    "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {p}",
    "Phó Giám đốc Công an {p}",
    "Bác sĩ, Bệnh viện Đa khoa {p}",
    "Hiệu trưởng Trường Trung học phổ thông chuyên {p}",
    "Chủ nhiệm Hợp tác xã nông nghiệp {c}",
    "Giám đốc doanh nghiệp, {p}",
    "Đại biểu Quốc hội hoạt động chuyên trách tại Đoàn đại biểu Quốc hội {p}",
)
WOMEN_POSITION = "Chủ tịch Hội Liên hiệp Phụ nữ {p}"


@dataclass
class Seat:
    """One deputy to create: who, where from, and what they hold."""

    spec: PersonSpec
    province: AdministrativeUnit
    hometown: AdministrativeUnit
    delegation_role: str = Role.DEPUTY
    position: str = ""
    na_role: str = ""  # chair / vice_chair of the NA (and of its Standing Committee)
    organ_code: str = ""  # the committee or the Ethnic Council
    organ_role: str = Role.COMMITTEE_MEMBER


def _organ_titles(organ: ElectedBody) -> tuple[str, str, str]:
    """(chair, vice-chair, standing member) titles: Chủ tịch HĐDT vs Chủ nhiệm Ủy ban."""
    if organ.kind == ElectedBody.Kind.NA_ETHNIC_COUNCIL:
        return (
            f"Chủ tịch {organ.name}",
            f"Phó Chủ tịch {organ.name}",
            f"Ủy viên Thường trực {organ.name}",
        )
    return (
        f"Chủ nhiệm {organ.name}",
        f"Phó Chủ nhiệm {organ.name}",
        f"Ủy viên Thường trực {organ.name}",
    )


def _plan(names: NameGenerator, organs: list[ElectedBody]) -> list[Seat]:
    """Every seat with its roles decided up front, so each person is written once."""
    rng = names.rng
    na = body("qh")
    on = term_of(na, NA_TERM_NUMBER).start_date
    provinces = {u.code: u for u in unit_list(level=AdministrativeUnit.Level.PROVINCE, on=on)}
    communes = communes_by_province(on)
    seats = seats_per_province()
    if set(seats) != set(provinces):
        raise RuntimeError("demo seat table does not match the provinces in force")
    women = women_per_province(seats)
    minorities = minorities_per_province(seats)
    plan: list[Seat] = []
    for code in sorted(seats):
        province = provinces[code]
        p = unit_phrase(province.name)
        specs = spec_list(
            names,
            count=seats[code],
            women=women[code],
            minorities=minorities[code],
            ethnicities=minority_ethnicities(code),
            age_range=(28, 66),
        )
        specs = seniors_first(specs, 2, rng)  # the head and the deputy head
        for i, spec in enumerate(specs):
            commune = rng.choice(communes.get(code, [province]))
            template = rng.choice(LOCAL_POSITIONS)
            if spec.gender == FEMALE and rng.random() < 0.1:
                template = WOMEN_POSITION
            seat = Seat(
                spec=spec,
                province=province,
                hometown=commune,
                position=template.format(p=p, c=unit_phrase(commune.name)),
            )
            if i == 0:
                seat.delegation_role = Role.CHAIR
                city = province.unit_type == AdministrativeUnit.UnitType.CITY
                party = "Thành ủy" if city else "Tỉnh ủy"
                seat.position = f"Bí thư {party}, Trưởng Đoàn đại biểu Quốc hội {p}"
            elif i == 1:
                seat.delegation_role = Role.VICE_CHAIR
                seat.position = f"Phó Trưởng Đoàn chuyên trách Đoàn đại biểu Quốc hội {p}"
            plan.append(seat)
    # Leadership comes from ordinary deputies (not delegation heads), in a seeded order.
    cutoff = ELECTION_DAY.replace(year=ELECTION_DAY.year - 45)
    ordinary = [s for s in plan if s.delegation_role == Role.DEPUTY and s.spec.birth_date <= cutoff]
    rng.shuffle(ordinary)
    leaders = iter(ordinary)
    chairman = next(leaders)
    chairman.na_role, chairman.position = Role.CHAIR, "Chủ tịch Quốc hội"
    for _ in range(NA_VICE_CHAIRS):
        seat = next(leaders)
        seat.na_role, seat.position = Role.VICE_CHAIR, "Phó Chủ tịch Quốc hội"
    for organ in organs:
        chair_title, vice_title, standing_title = _organ_titles(organ)
        roles = (
            [(Role.CHAIR, chair_title)]
            + [(Role.VICE_CHAIR, vice_title)] * COMMITTEE_VICE_CHAIRS
            + [(Role.STANDING_MEMBER, standing_title)] * COMMITTEE_STANDING_MEMBERS
        )
        for role, title in roles:
            seat = next(leaders)
            seat.organ_code, seat.organ_role, seat.position = organ.code, role, title
    # Everyone else (delegation heads included) joins one organ, round-robin.
    rest = [s for s in plan if not s.na_role and not s.organ_code]
    rng.shuffle(rest)
    for seat, organ in zip(rest, itertools.cycle(organs), strict=False):
        seat.organ_code = organ.code
    return plan


def seed_national_assembly(*, say: Say) -> StepResult:
    result = StepResult("Quốc hội khóa XVI / National Assembly XVI")
    na = body("qh")
    existing = member_count(na, role=Role.DEPUTY)
    if existing:
        result.skipped = f"đã có {existing} đại biểu / {existing} deputies already present"
        return result
    term = term_of(na, NA_TERM_NUMBER)
    start = term.start_date
    standing = body("qh-ubtvqh")
    organs = [
        b
        for b in body_public_list(parent=na)
        if b.kind in (ElectedBody.Kind.NA_ETHNIC_COUNCIL, ElectedBody.Kind.NA_COMMITTEE)
    ]
    organ_by_code = {o.code: o for o in organs}
    plan = _plan(NameGenerator(f"{DEMO_SEED}:na", taken=demo_person_names()), organs)
    delegations = {
        b.admin_unit_id: b for b in body_public_list(kind=ElectedBody.Kind.NA_DELEGATION)
    }

    def member(person: Person, where: ElectedBody, role: str) -> None:
        membership_create(
            person=person,
            body=where,
            role=role,
            start_date=start,
            term=term if where.pk == na.pk else None,
            actor=None,
        )
        result.add("memberships")

    with transaction.atomic():
        for n, seat in enumerate(plan, start=1):
            spec = seat.spec
            person = person_create(
                full_name=spec.full_name,
                gender=spec.gender,
                birth_date=spec.birth_date,
                ethnicity=spec.ethnicity,
                hometown=seat.hometown,
                position=seat.position,
                is_demo=True,
                actor=None,
            )
            result.add("deputies")
            member(person, na, Role.DEPUTY)
            member(person, delegations[seat.province.pk], seat.delegation_role)
            if seat.na_role:
                member(person, na, seat.na_role)
                member(person, standing, seat.na_role)
            if seat.organ_code:
                member(person, organ_by_code[seat.organ_code], seat.organ_role)
                if seat.organ_role == Role.CHAIR:
                    member(person, standing, Role.COMMITTEE_MEMBER)
            if n % 100 == 0:
                say(f"  … {n}/{len(plan)} đại biểu / deputies")
    return result
