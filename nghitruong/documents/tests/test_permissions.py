"""Reading rule: public → all; internal → members of the owning body; confidential → its staff."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nghitruong.core.exceptions import NotFoundError
from nghitruong.documents.models import Confidentiality
from nghitruong.documents.permissions import access_provision, access_work, readable_works


@pytest.fixture
def works(make_work):
    return {
        "public": make_work("Luật Công khai", "1/2020/QH14", Confidentiality.PUBLIC),
        "internal": make_work("Văn bản nội bộ", "2/2020/QH14", Confidentiality.INTERNAL),
        "confidential": make_work("Văn bản hạn chế", "3/2020/QH14", Confidentiality.CONFIDENTIAL),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public"}),
        ("outsider", {"public"}),
        ("member", {"public", "internal"}),
        ("staff", {"public", "internal", "confidential"}),
    ],
)
def test_readable_works(works, who, expected, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    names = {k for k, w in works.items() if w in readable_works(user)}
    assert names == expected
    for level, work in works.items():
        if level in expected:
            assert access_work(user, work.pk) == work
        else:
            with pytest.raises(NotFoundError):
                access_work(user, work.pk)


def test_staff_of_parent_body_reads_child_confidential(make_work, na, staff, django_user_model):
    from nghitruong.core.models import ElectedBody

    committee = ElectedBody.objects.create(
        code="uy-ban-phap-luat",
        name="Ủy ban Pháp luật",
        kind="na_committee",
        level="central",
        parent=na,
    )
    work = make_work("Báo cáo thẩm tra", "4/BC-UBPL", Confidentiality.CONFIDENTIAL, body=committee)
    assert list(readable_works(staff)) == [work]
    assert access_work(staff, work.pk) == work


def test_access_provision_follows_work(works, member, outsider):
    internal_provision = works["internal"].expressions.get().provisions.get(eid="art_1")
    assert access_provision(member, internal_provision.pk) == internal_provision
    with pytest.raises(NotFoundError):
        access_provision(outsider, internal_provision.pk)
    with pytest.raises(NotFoundError):
        access_provision(AnonymousUser(), 987654)


def test_missing_work_is_not_found(db):
    with pytest.raises(NotFoundError) as exc:
        access_work(AnonymousUser(), 987654)
    assert exc.value.status_code == 404
