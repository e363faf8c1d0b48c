"""``nghitruong demo-data`` end to end (one full run, then a second run) and ``demo-totp``.

The full run takes several seconds, so it happens once, in a single test with many asserts.
"""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import AgencyMembership, Membership, Person, Role, User
from nghitruong.accounts.services import (
    login_check_password,
    second_factor_verify,
    totp_device_confirm,
    totp_device_create,
    user_create,
)
from nghitruong.core.models import AuditEntry, ElectedBody
from nghitruong.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    demo_totp_key_hex,
    demo_totp_secret,
    totp_code,
)
from nghitruong.demo.allocation import seats_per_province
from nghitruong.demo.selectors import na_summary, non_demo_usernames
from nghitruong.meetings.demo import DEPUTY_ACCOUNT_PREFIX, OPEN_POLL, PUBLISHED_POLL
from nghitruong.voting.models import Poll, Vote

# Audit entries written by the demo's own steps on a first run (documents excluded: their loader
# belongs to the documents app). Every number follows from the plan in the seeders.
EXPECTED_AUDIT = {
    "reference_data.load": 1,
    "person.create": 880,  # 500 NA + 95 + 90 provincial + 2 × 96 commune + 3 staff
    "membership.create": 2132,  # 1513 NA + 616 councils + 3 secretariat
    "body.create": 24,  # 3 boards in each of the 8 demo commune councils
    "user.create": 509,  # 11 demo logins + 498 NA deputies' accounts that cannot log in
    # chutich.qh, daibieu.qh, chutich.hdnd.hn, daibieu.xa linked to people, and the 498 deputies'
    # accounts
    "person.update": 502,
    "poll.create": 2,
    "ballot.cast": 784,  # 472 in the published poll, 312 in the open one
    "poll.publish": 1,
    "agency_officer.assign": 3,
    "otp.totp_create": 11,
    "otp.totp_confirm": 11,
    "otp.recovery_codes_generate": 11,
}


def _roles(code: str) -> dict[str, int]:
    rows = Membership.objects.filter(body__code=code).values_list("role").annotate(n=Count("id"))
    return dict(rows)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_data_full_run_is_complete_and_second_run_changes_nothing() -> None:
    first = _run()

    # --- National Assembly XVI -------------------------------------------------------------
    summary = na_summary()
    assert summary.deputies == 500
    assert summary.delegations == 34
    assert summary.women == 190  # 38 % ≥ 35 %
    assert summary.women / summary.deputies >= 0.35
    assert summary.minorities == 90  # 18 %
    seats = seats_per_province()
    per_delegation = dict(
        Membership.objects.filter(body__kind=ElectedBody.Kind.NA_DELEGATION)
        .values_list("body__code")
        .annotate(n=Count("person_id", distinct=True))
    )
    assert per_delegation == {f"doan-dbqh-{code}": n for code, n in seats.items()}
    assert min(per_delegation.values()) >= 7
    assert sum(per_delegation.values()) == 500
    for code in per_delegation:
        assert _roles(code).get(Role.CHAIR) == 1, code
        assert _roles(code).get(Role.VICE_CHAIR) == 1, code
    assert _roles("qh") == {
        Role.DEPUTY: 500,
        Role.CHAIR: 1,
        Role.VICE_CHAIR: 4,
        Role.SECRETARIAT: 1,
    }
    assert _roles("qh-ubtvqh") == {Role.CHAIR: 1, Role.VICE_CHAIR: 4, Role.COMMITTEE_MEMBER: 8}
    organs = ElectedBody.objects.filter(
        kind__in=[ElectedBody.Kind.NA_COMMITTEE, ElectedBody.Kind.NA_ETHNIC_COUNCIL]
    )
    assert organs.count() == 8
    sizes = []
    for organ in organs:
        roles = _roles(organ.code)
        assert roles[Role.CHAIR] == 1
        assert roles[Role.VICE_CHAIR] == 3
        assert roles[Role.STANDING_MEMBER] == 2
        sizes.append(sum(roles.values()))
    # 495 deputies: 8 × 6 leaders, the other 447 round-robin (seven organs get 56, one 55).
    assert sorted(sizes) == [61, 62, 62, 62, 62, 62, 62, 62]
    in_organs = Membership.objects.filter(body__in=organs).values("person_id")
    assert in_organs.count() == in_organs.distinct().count() == 495  # one organ each
    assert not Person.objects.filter(is_demo=False).exists()

    # --- People's Councils -------------------------------------------------------------------
    assert _roles("hdnd-01") == {
        Role.DEPUTY: 95,
        Role.CHAIR: 1,
        Role.VICE_CHAIR: 2,
        Role.STANDING_MEMBER: 4,
        Role.SECRETARIAT: 1,
    }
    assert _roles("hdnd-79")[Role.DEPUTY] == 90
    assert _roles("hdnd-79")[Role.VICE_CHAIR] == 3
    assert _roles("hdnd-01-ban-phap-che") == {
        Role.CHAIR: 1,
        Role.VICE_CHAIR: 2,
        Role.COMMITTEE_MEMBER: 8,
    }
    communes = {"00070": 27, "00004": 23, "09556": 25, "09700": 21}
    communes |= {"26740": 27, "26824": 23, "27664": 25, "26732": 21}
    for code, size in communes.items():
        roles = _roles(f"hdnd-{code}")
        assert roles[Role.DEPUTY] == size
        assert roles[Role.CHAIR] == 1
        assert roles[Role.VICE_CHAIR] == 1
        assert _roles(f"hdnd-{code}-ban-phap-che") == {
            Role.CHAIR: 1,
            Role.VICE_CHAIR: 1,
            Role.COMMITTEE_MEMBER: 2,
        }
    assert Person.objects.filter(is_demo=True).count() == 880

    # --- audit: exactly what the plan says -------------------------------------------------
    actions = dict(
        AuditEntry.objects.filter(action__in=EXPECTED_AUDIT)
        .values_list("action")
        .annotate(n=Count("id"))
    )
    assert actions == EXPECTED_AUDIT
    assert "nghitruong demo-totp" in first
    assert DEMO_PASSWORD in first

    # --- second run: nothing changes, no audit entry ----------------------------------------
    audit_count = AuditEntry.objects.count()
    counts = (Person.objects.count(), Membership.objects.count(), User.objects.count())
    second = _run()
    assert AuditEntry.objects.count() == audit_count
    assert (Person.objects.count(), Membership.objects.count(), User.objects.count()) == counts
    assert "Nothing changed" in second
    assert TOTPDevice.objects.count() == 11

    # --- every demo login: password, confirmed TOTP with the public secret, recovery codes ----
    for account in DEMO_ACCOUNTS:
        user = login_check_password(username=account.username, password=DEMO_PASSWORD, ip=None)
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed is True
        assert device.key == demo_totp_key_hex(account.username)
        assert StaticToken.objects.filter(device__user=user).count() == 10
        assert account.username in first
    assert User.objects.get(username="admin").is_superuser is True
    assert User.objects.get(username="admin").is_system_admin is True
    deputy = User.objects.get(username="daibieu.qh").person
    assert deputy.is_demo is True
    assert set(deputy.memberships.values_list("body__code", "role")) >= {
        ("qh", Role.DEPUTY),
        ("doan-dbqh-01", Role.DEPUTY),
    }
    chair = User.objects.get(username="chutich.hdnd.hn").person
    assert chair.memberships.filter(body__code="hdnd-01", role=Role.CHAIR).count() == 1
    member = User.objects.get(username="daibieu.xa").person
    assert member.memberships.filter(body__code="hdnd-00070", role=Role.DEPUTY).count() == 1
    assert set(AgencyMembership.objects.values_list("user__username", "agency__code")) == {
        ("canbo.bo", "bo-tu-phap"),
        ("canbo.ubnd.hn", "ubnd-01"),
        ("canbo.ubnd.hcm", "ubnd-79"),
    }

    # --- votes: a published result and a poll still open for the demo deputy -----------------
    published = Poll.objects.get(title=PUBLISHED_POLL)
    result = published.result
    assert (published.state, result.total_members, result.participants) == ("published", 500, 472)
    assert (result.votes_for, result.votes_against, result.abstained, result.passed) == (
        455,
        9,
        8,
        True,
    )
    still_open = Poll.objects.get(title=OPEN_POLL)
    demo_deputy = User.objects.get(username="daibieu.qh").person
    assert still_open.state == "started"
    assert still_open.entitled_voters.filter(person=demo_deputy).exists()
    assert not Vote.objects.filter(poll=still_open, voter=demo_deputy).exists()
    assert Vote.objects.filter(poll=still_open).count() == 312
    deputy_accounts = User.objects.filter(username__startswith=DEPUTY_ACCOUNT_PREFIX)
    assert deputy_accounts.count() == 498
    assert not any(u.has_usable_password() for u in deputy_accounts)
    assert non_demo_usernames() == []

    # --- demo-totp gives a code the login accepts -------------------------------------------
    out = StringIO()
    call_command("demo_totp", "daibieu.qh", "--quiet", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    user = User.objects.get(username="daibieu.qh")
    assert isinstance(second_factor_verify(user=user, token=code, ip=None), TOTPDevice)
    # The same code again is a replay: demo-totp now offers the next one instead.
    out = StringIO()
    call_command("demo_totp", "daibieu.qh", "--quiet", stdout=out)
    device = TOTPDevice.objects.get(user=user)
    expected = totp_code(
        demo_totp_secret("daibieu.qh"), at=float(device.t0 + (device.last_t + 1) * device.step)
    )
    assert out.getvalue().strip() == expected != code


@pytest.mark.django_db
def test_demo_data_refuses_a_database_with_real_accounts() -> None:
    user_create(username="nguyen.van.a", password="Mat-khau-rieng-2026", actor=None)
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=r"nguyen\.van\.a"):
        _run()
    assert AuditEntry.objects.count() == before
    assert ElectedBody.objects.count() == 0
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_demo_totp_refuses_non_demo_accounts() -> None:
    real = user_create(username="nguyen.van.a", password="Mat-khau-rieng-2026", actor=None)
    device = totp_device_create(user=real, actor=None)
    totp_device_confirm(device=device, token=totp_code(device.bin_key), actor=None)
    out = StringIO()
    with pytest.raises(CommandError, match="không phải tài khoản demo"):
        call_command("demo_totp", "nguyen.van.a", stdout=out)
    assert out.getvalue() == ""

    # A real account that happens to be called like a demo login, with its own secret: refused.
    named = user_create(username="daibieu.qh", password="Mat-khau-rieng-2026", actor=None)
    device = totp_device_create(user=named, actor=None)
    totp_device_confirm(device=device, token=totp_code(device.bin_key), actor=None)
    assert device.key != demo_totp_key_hex("daibieu.qh")
    with pytest.raises(CommandError, match="is not a demo account"):
        call_command("demo_totp", "daibieu.qh", stdout=out)
    assert out.getvalue() == ""

    with pytest.raises(CommandError, match="demo-data"):
        call_command("demo_totp", "thuky.qh", stdout=out)  # a demo name not created yet


def test_totp_code_matches_rfc6238_vector() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits).
    assert totp_code(b"12345678901234567890", digits=8, at=59.0) == "94287082"
    assert totp_code(b"12345678901234567890", at=time.time()).isdigit()
