"""The demo logins (``accounts.DEMO_ACCOUNTS``): password, confirmed TOTP device, recovery codes.

Each part is checked separately, so a re-run adds only what is missing (nothing, normally) and the
accounts are always complete. Writes go through ``accounts.services`` only.
"""

from dataclasses import dataclass, field

from django.db import transaction

from nghitruong.accounts.models import Role, User
from nghitruong.accounts.services import (
    agency_officer_assign,
    membership_create,
    person_create,
    person_update,
    recovery_codes_generate,
    totp_device_confirm,
    totp_device_create,
    user_create,
)
from nghitruong.core.selectors import agency_get, term_current
from nghitruong.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    KIND_AGENCY,
    KIND_MEMBER,
    KIND_STAFF,
    KIND_SYSTEM_ADMIN,
    DemoAccount,
    demo_totp_base32,
    demo_totp_key_hex,
    totp_code,
)
from nghitruong.demo.common import DEMO_SEED, Say, StepResult
from nghitruong.demo.names import FEMALE, MALE, NameGenerator
from nghitruong.demo.selectors import (
    account_user,
    agency_officer_exists,
    body,
    confirmed_totp_device,
    demo_person_names,
    first_plain_member,
    na_start,
    recovery_codes,
)

RECOVERY_CODES_SHOWN = 2


@dataclass
class AccountLine:
    """One row of the printed table of demo logins."""

    account: DemoAccount
    full_name: str
    body_name: str
    recovery: list[str] = field(default_factory=list)


def _staff_person_name(account: DemoAccount) -> tuple[str, str]:
    spec = NameGenerator(f"{DEMO_SEED}:{account.username}", taken=demo_person_names()).person(
        gender=FEMALE if account.username.endswith("hn") else MALE
    )
    return spec.full_name, spec.gender


def _ensure_user(account: DemoAccount, result: StepResult) -> User:
    user = account_user(account.username)
    if user is not None:
        return user
    admin = account.kind == KIND_SYSTEM_ADMIN
    user = user_create(
        username=account.username,
        password=DEMO_PASSWORD,
        actor=None,
        full_name="Quản trị hệ thống (demo)" if admin else "",
        is_staff=admin,
        is_superuser=admin,
        is_system_admin=admin,
    )
    result.add("accounts")
    return user


def _ensure_role(account: DemoAccount, user: User, result: StepResult) -> str:
    """Attach the account to its person / body / agency; return the body or agency name."""
    if account.kind == KIND_SYSTEM_ADMIN:
        return "toàn hệ thống / whole system"
    if account.kind == KIND_AGENCY:
        agency = agency_get(code=account.agency_code)
        if not agency_officer_exists(user, agency):
            agency_officer_assign(user=user, agency=agency, start_date=na_start(), actor=None)
            result.add("agency officers")
        return agency.name
    where = body(account.body_code)
    if getattr(user, "person", None) is not None:
        return where.name
    if account.kind == KIND_MEMBER:
        person = first_plain_member(where, account.role)
        if person is None:
            raise RuntimeError(f"{account.username}: no demo {account.role} in {where.code}")
        person_update(person=person, user=user, actor=None)
        return where.name
    assert account.kind == KIND_STAFF  # noqa: S101 - the registry has four kinds
    name, gender = _staff_person_name(account)
    person = person_create(
        full_name=name,
        gender=gender,
        position=f"Chuyên viên, cơ quan tham mưu giúp việc {where.name}",
        user=user,
        is_demo=True,
        actor=None,
    )
    term = term_current(body=where)
    start = term.start_date if term is not None else na_start()
    membership_create(
        person=person, body=where, role=Role.SECRETARIAT, start_date=start, actor=None
    )
    result.add("staff")
    return where.name


def _ensure_second_factor(account: DemoAccount, user: User, result: StepResult) -> list[str]:
    if confirmed_totp_device(user) is None:
        device = totp_device_create(user=user, actor=None, key=demo_totp_key_hex(account.username))
        code = totp_code(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        totp_device_confirm(device=device, token=code, actor=None)
        result.add("TOTP devices")
    codes = recovery_codes(user)
    if not codes:
        codes = recovery_codes_generate(user=user, actor=None)
        result.add("recovery code sets")
    return codes[:RECOVERY_CODES_SHOWN]


def seed_accounts(*, say: Say) -> StepResult:
    result = StepResult("Tài khoản demo / demo accounts")
    lines: list[AccountLine] = []
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user = _ensure_user(account, result)
            where = _ensure_role(account, user, result)
            recovery = _ensure_second_factor(account, user, result)
            person = getattr(user, "person", None)
            full_name = person.full_name if person is not None else user.full_name
            lines.append(AccountLine(account, full_name, where, recovery))
    if not result.created:
        result.skipped = f"đã đủ {len(lines)} tài khoản / all {len(lines)} accounts present"
    result.notes = login_table(lines)
    return result


def login_table(lines: list[AccountLine]) -> list[str]:
    """The printed table of demo logins (username, role, person and body, TOTP secret, codes)."""
    out = ["", f"Tài khoản demo / demo logins — mật khẩu chung / password: {DEMO_PASSWORD}"]
    width = max(len(line.account.username) for line in lines) + 2
    pad = " " * width
    for line in lines:
        a = line.account
        who = f"{line.full_name} — " if line.full_name else ""
        recovery = ", ".join(line.recovery) or "—"
        out += [
            f"  {a.username.ljust(width)}{a.role_label}",
            f"  {pad}{who}{line.body_name}",
            f"  {pad}TOTP: {demo_totp_base32(a.username)}  · khôi phục / recovery: {recovery}",
        ]
    out.append(
        "Mã 6 số hiện tại / current 6-digit code: nghitruong demo-totp <tài khoản / username>"
    )
    return out
