"""A small fixed corpus, indexed through the documents app and its ``document.changed`` hook."""

import datetime as dt

import pytest

from nghitruong.accounts.models import Role
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Confidentiality, DocType
from nghitruong.documents.services import expression_create, work_create
from nghitruong.documents.tests.factories import article, make_user


@pytest.fixture
def na(db):
    return ElectedBody.objects.create(code="quoc-hoi", name="Quốc hội", kind="na", level="central")


@pytest.fixture
def council(db):
    return ElectedBody.objects.create(
        code="hdnd-ha-noi",
        name="HĐND thành phố Hà Nội",
        kind="provincial_council",
        level="provincial",
    )


@pytest.fixture
def staff(na):
    return make_user("thu-ky", na, Role.SECRETARIAT)


@pytest.fixture
def member(na):
    return make_user("dai-bieu", na, Role.DEPUTY)


@pytest.fixture
def outsider(council):
    return make_user("ngoai", council, Role.SECRETARIAT)


def _work(
    body,
    title,
    number,
    year,
    articles,
    *,
    confidentiality=Confidentiality.PUBLIC,
    fields=(),
    doc_type=DocType.LAW,
    status="in_force",
):
    work = work_create(
        actor=None,
        body=body,
        doc_type=doc_type,
        title=title,
        number=number,
        issuer="Quốc hội",
        issued_date=dt.date(year, 6, 1),
        status=status,
        fields=fields,
        confidentiality=confidentiality,
    )
    expression_create(actor=None, work=work, version_date=dt.date(year, 6, 1), tree=articles)
    return work


@pytest.fixture
def corpus(na, django_capture_on_commit_callbacks):
    """Six works; the documents app fires ``document.changed`` on commit and search indexes."""
    with django_capture_on_commit_callbacks(execute=True):
        works = {
            "dat_dai": _work(
                na,
                "Luật Đất đai",
                "31/2024/QH15",
                2024,
                [
                    article(
                        "1",
                        "Phạm vi điều chỉnh",
                        "Luật này quy định về chế độ sở hữu đất đai, quyền hạn của Nhà nước.",
                    ),
                    article(
                        "5",
                        "Người sử dụng đất",
                        "Hộ gia đình, cá nhân trong nước được Nhà nước giao đất.",
                    ),
                ],
                fields=("dat-dai",),
            ),
            "hoa_giai": _work(
                na,
                "Luật Hòa giải ở cơ sở",
                "35/2013/QH13",
                2013,
                [
                    article(
                        "1",
                        "Phạm vi điều chỉnh",
                        "Luật này quy định về hoà giải ở cơ sở và hòa giải viên.",
                    ),
                    article(
                        "7",
                        "Hòa giải viên",
                        "Hòa giải viên là người được công nhận để thực hiện hòa giải.",
                    ),
                ],
                fields=("tu-phap",),
            ),
            "thuy_loi": _work(
                na,
                "Luật Thủy lợi",
                "08/2017/QH14",
                2017,
                [
                    article(
                        "1",
                        "Phạm vi điều chỉnh",
                        "Luật này quy định về hoạt động thuỷ lợi và công trình thủy lợi.",
                    ),
                ],
                fields=("nong-nghiep",),
            ),
            "hoa": _work(
                na,
                "Luật Trồng trọt",
                "31/2018/QH14",
                2018,
                [
                    article(
                        "9", "Giống cây trồng", "Giống hoa, giải thưởng về giống cây trồng mới."
                    ),
                ],
                fields=("nong-nghiep",),
            ),
            "internal": _work(
                na,
                "Kế hoạch nội bộ về đất đai",
                "12/KH-VPQH",
                2024,
                [
                    article("1", "Mục đích", "Rà soát việc giao đất đai trong năm."),
                ],
                confidentiality=Confidentiality.INTERNAL,
                doc_type=DocType.PLAN,
                status="",
            ),
            "confidential": _work(
                na,
                "Báo cáo hạn chế về đất đai",
                "7/BC-VPQH",
                2024,
                [
                    article("1", "Nội dung", "Tình hình thu hồi đất đai chưa công bố."),
                ],
                confidentiality=Confidentiality.CONFIDENTIAL,
                doc_type=DocType.REPORT,
                status="",
            ),
        }
    return works
