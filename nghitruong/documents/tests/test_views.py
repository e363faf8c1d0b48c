"""HTML reader: list and page filtered by the reading rule, anchors, versions, resolver."""

import datetime as dt

import pytest

from nghitruong.accounts.testing import login_verified
from nghitruong.documents.models import Confidentiality
from nghitruong.documents.services import expression_create, relation_create
from nghitruong.documents.tests.factories import article


@pytest.fixture
def works(make_work):
    return {
        "public": make_work("Luật Công khai", "1/2020/QH14", Confidentiality.PUBLIC),
        "internal": make_work("Văn bản nội bộ", "2/2020/QH14", Confidentiality.INTERNAL),
    }


def test_index_lists_readable_only(client, works, member):
    html = client.get("/documents/").content.decode()
    assert "Luật Công khai" in html
    assert "Văn bản nội bộ" not in html
    login_verified(client, member)
    html = client.get("/documents/").content.decode()
    assert "Văn bản nội bộ" in html


def test_unverified_login_reads_as_anonymous(client, works, member):
    client.force_login(member)  # no second factor yet
    assert client.get(f"/documents/{works['internal'].pk}/").status_code == 404


def test_detail_anchors_status_and_versions(client, works, staff, make_work):
    public = works["public"]
    amending = make_work(
        "Luật Sửa đổi",
        "5/2022/QH15",
        issued_date=dt.date(2022, 6, 1),
        effective_date=dt.date(2023, 1, 1),
    )
    expression_create(
        actor=staff,
        work=public,
        version_date=dt.date(2023, 1, 1),
        amending_work=amending,
        tree=[article("1", "Phạm vi điều chỉnh", "Phạm vi mới."), article("2", "Nguyên tắc", "X.")],
    )
    relation_create(
        actor=staff,
        kind="amends",
        source_work=amending,
        target_work=public,
        target_eid="art_1",
        effective_date=dt.date(2023, 1, 1),
    )
    response = client.get(f"/documents/{public.pk}/", {"date": "2022-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="art_2__cls_2"' in html
    assert 'data-status="in_force">Còn hiệu lực</span>' in html
    assert "Bảo đảm quyền con người." in html
    assert "Được sửa đổi bởi" in html
    assert f'href="/documents/{amending.pk}/"' in html
    new = client.get(f"/documents/{public.pk}/", {"date": "2023-06-01"}).content.decode()
    assert "Phạm vi mới." in new
    assert "Bảo đảm quyền con người." not in new
    assert "prov-changed" in new
    early = client.get(f"/documents/{public.pk}/", {"date": "2020-12-01"}).content.decode()
    assert 'data-status="not_yet_effective">Chưa có hiệu lực</span>' in early


def test_internal_detail_404_for_anonymous(client, works):
    assert client.get(f"/documents/{works['internal'].pk}/").status_code == 404


def test_resolve_redirects_to_provision(client, works):
    response = client.get("/documents/resolve", {"q": "khoản 2 Điều 2 Luật số 1/2020/QH14"})
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{works['public'].pk}/#art_2__cls_2"
    response = client.get("/documents/resolve", {"q": "1/2020/QH14"})
    assert response["Location"] == f"/documents/{works['public'].pk}/"
    hidden = client.get("/documents/resolve", {"q": "Điều 1 Luật số 2/2020/QH14"})
    assert hidden.status_code == 404
    assert client.get("/documents/resolve", {"q": "không có gì"}).status_code == 404
