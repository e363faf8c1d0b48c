"""Tenancy helpers: member vs staff of a parent body vs outsider; ended memberships give nothing."""

import datetime as dt

import pytest

from nghitruong.accounts.models import Role
from nghitruong.accounts.permissions import (
    access_body,
    accessible_body_ids,
    has_role,
    is_staff_of,
    require_role,
    require_staff,
    roles_in,
)
from nghitruong.accounts.services import membership_end
from nghitruong.accounts.tests.conftest import member
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import ElectedBody

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy cơ quan / Body not found"
DENIED = "Bạn không có quyền thực hiện thao tác này / You may not perform this action"


@pytest.fixture
def council() -> ElectedBody:
    return ElectedBody.objects.create(
        code="hdnd-ha-noi",
        name="HĐND thành phố Hà Nội",
        kind=ElectedBody.Kind.PROVINCIAL_COUNCIL,
        level="provincial",
    )


def test_member_reaches_own_body_only(make_user, na, committee, council) -> None:
    user = make_user("uyvien.dung")
    member(user, committee, Role.COMMITTEE_MEMBER)
    assert accessible_body_ids(user) == {committee.pk}
    assert access_body(user, committee.pk) == committee
    with pytest.raises(NotFoundError) as exc:
        access_body(user, na.pk)
    assert exc.value.message == NOT_FOUND
    assert roles_in(user, committee) == {"committee_member"}
    assert has_role(user, committee, Role.COMMITTEE_MEMBER) is True
    assert has_role(user, committee, Role.CHAIR) is False
    assert is_staff_of(user, committee) is False
    with pytest.raises(PermissionDeniedError) as denied:
        require_staff(user, committee)
    assert denied.value.message == DENIED


def test_staff_of_parent_reaches_children(make_user, na, committee, council) -> None:
    user = make_user("vanphong.em")
    member(user, na, Role.SECRETARIAT)
    assert accessible_body_ids(user) == {na.pk, committee.pk}
    assert access_body(user, committee.pk) == committee
    assert is_staff_of(user, committee) is True
    assert roles_in(user, committee) == set()
    require_staff(user, committee)
    with pytest.raises(PermissionDeniedError):
        require_role(user, committee, Role.CHAIR)


def test_outsider_reaches_nothing(make_user, na, committee, council) -> None:
    user = make_user("nguoi.ngoai")
    member(user, council, Role.DEPUTY)
    assert accessible_body_ids(user) == {council.pk}
    for body in (na, committee):
        with pytest.raises(NotFoundError) as exc:
            access_body(user, body.pk)
        assert exc.value.message == NOT_FOUND
        assert is_staff_of(user, body) is False
    with pytest.raises(NotFoundError):
        access_body(user, 999_999)  # a missing body looks exactly like a forbidden one


def test_ended_membership_gives_no_access(make_user, na, committee, clock) -> None:
    user = make_user("cuu.daibieu")
    membership = member(user, na, Role.CHAIR)
    membership_end(membership=membership, end_date=dt.date(2026, 11, 22), actor=None)
    user.refresh_from_db()
    assert accessible_body_ids(user) == set()
    assert is_staff_of(user, committee) is False
    with pytest.raises(NotFoundError):
        access_body(user, na.pk)


def test_membership_starting_later_gives_no_access_yet(make_user, na, clock) -> None:
    user = make_user("dai.bieu.moi")
    member(user, na, Role.DEPUTY, start_date=dt.date(2026, 11, 24))
    assert accessible_body_ids(user) == set()


def test_anonymous_reaches_nothing(na) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert accessible_body_ids(AnonymousUser()) == set()
    with pytest.raises(NotFoundError):
        access_body(AnonymousUser(), na.pk)
