"""Shared fixtures: two bodies, staff / member / outsider users, and a tiny law with versions."""

import datetime as dt

import pytest

from nghitruong.accounts.models import Role, User
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Confidentiality, DocType
from nghitruong.documents.services import expression_create, work_create
from nghitruong.documents.tests.factories import article, make_user


@pytest.fixture
def na(db) -> ElectedBody:
    return ElectedBody.objects.create(code="quoc-hoi", name="Quốc hội", kind="na", level="central")


@pytest.fixture
def council(db) -> ElectedBody:
    return ElectedBody.objects.create(
        code="hdnd-ha-noi",
        name="HĐND thành phố Hà Nội",
        kind="provincial_council",
        level="provincial",
    )


@pytest.fixture
def staff(na) -> User:
    return make_user("thu-ky", na, Role.SECRETARIAT)


@pytest.fixture
def member(na) -> User:
    return make_user("dai-bieu", na, Role.DEPUTY)


@pytest.fixture
def outsider(council) -> User:
    return make_user("ngoai", council, Role.SECRETARIAT)


@pytest.fixture
def make_work(na, staff):
    def make(
        title: str = "Luật Thử nghiệm",
        number: str = "10/2020/QH14",
        confidentiality: str = Confidentiality.PUBLIC,
        body: ElectedBody | None = None,
        **kw,
    ):
        work = work_create(
            actor=None,
            body=body or na,
            doc_type=kw.pop("doc_type", DocType.LAW),
            title=title,
            number=number,
            confidentiality=confidentiality,
            issued_date=kw.pop("issued_date", dt.date(2020, 6, 1)),
            effective_date=kw.pop("effective_date", dt.date(2021, 1, 1)),
            **kw,
        )
        expression_create(
            actor=None,
            work=work,
            version_date=work.issued_date,
            tree=[
                article("1", "Phạm vi điều chỉnh", "Luật này quy định về thử nghiệm."),
                article("2", "Nguyên tắc", "Công khai, minh bạch.", "Bảo đảm quyền con người."),
            ],
        )
        return work

    return make
