"""The documents API: permission filtering (404 for unreadable), trees, provisions, relations,
status, diff and exports."""

import datetime as dt

import pytest

from nghitruong.accounts.services.tokens import api_token_create
from nghitruong.accounts.testing import login_verified
from nghitruong.documents.models import Confidentiality
from nghitruong.documents.services import expression_create, relation_create
from nghitruong.documents.tests.factories import article

API = "/api/v1/documents/"


@pytest.fixture
def works(make_work):
    return {
        "public": make_work("Luật Công khai", "1/2020/QH14", Confidentiality.PUBLIC),
        "internal": make_work("Văn bản nội bộ", "2/2020/QH14", Confidentiality.INTERNAL),
        "confidential": make_work("Văn bản hạn chế", "3/2020/QH14", Confidentiality.CONFIDENTIAL),
    }


def _bearer(user):
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("anonymous", ["Luật Công khai"]),
        ("outsider", ["Luật Công khai"]),
        ("member", ["Luật Công khai", "Văn bản nội bộ"]),
        ("staff", ["Luật Công khai", "Văn bản hạn chế", "Văn bản nội bộ"]),
    ],
)
def test_list_and_detail_filtered(client, works, who, visible, request):
    headers = {} if who == "anonymous" else _bearer(request.getfixturevalue(who))
    response = client.get(API, **headers)
    assert response.status_code == 200
    assert sorted(item["title"] for item in response.json()["items"]) == visible
    for work in works.values():
        detail = client.get(f"{API}{work.pk}", **headers)
        tree = client.get(f"{API}{work.pk}/tree", **headers)
        if work.title in visible:
            assert detail.status_code == tree.status_code == 200
            assert detail.json()["frbr_uri"] == work.frbr_uri
        else:
            assert detail.status_code == tree.status_code == 404
            assert detail.json()["code"] == "not_found"


def test_verified_session_reads_internal(client, works, member):
    login_verified(client, member)
    assert client.get(f"{API}{works['internal'].pk}").status_code == 200


def test_tree_provision_status_relations_diff(client, make_work, staff):
    base = make_work("Luật Gốc", "1/2020/QH14")
    amending = make_work(
        "Luật Sửa đổi",
        "5/2022/QH15",
        issued_date=dt.date(2022, 6, 1),
        effective_date=dt.date(2023, 1, 1),
    )
    expression_create(
        actor=staff,
        work=base,
        version_date=dt.date(2023, 1, 1),
        amending_work=amending,
        tree=[
            article("1", "Phạm vi điều chỉnh", "Luật này quy định về thử nghiệm có kiểm soát."),
            article("2", "Nguyên tắc", "Công khai, minh bạch.", "Bảo đảm quyền con người."),
        ],
    )
    relation_create(
        actor=staff,
        kind="amends",
        source_work=amending,
        target_work=base,
        target_eid="art_1",
        effective_date=dt.date(2023, 1, 1),
    )
    old = client.get(f"{API}{base.pk}/tree", {"date": "2022-01-01"}).json()
    assert old["expression"]["version_date"] == "2020-06-01"
    assert [p["eid"] for p in old["provisions"]] == ["art_1", "art_2"]
    assert old["provisions"][1]["children"][1]["text"] == "Bảo đảm quyền con người."
    assert (
        client.get(f"{API}{base.pk}/tree", {"date": "2022-01-01", "exact": "true"}).status_code
        == 404
    )
    assert client.get(f"{API}{base.pk}/tree", {"date": "2019-01-01"}).status_code == 404

    provision = client.get(f"{API}{base.pk}/provisions/art_1__cls_1", {"date": "2023-02-01"}).json()
    assert provision["text"] == "Luật này quy định về thử nghiệm có kiểm soát."
    assert provision["expression_uri"].endswith("/vie@2023-01-01")
    assert provision["status"] == "in_force"
    assert client.get(f"{API}{base.pk}/provisions/art_9").status_code == 404

    by_id = client.get(f"{API}provisions/{provision['id']}").json()
    assert by_id["eid"] == "art_1__cls_1"

    relations = client.get(f"{API}{base.pk}/relations").json()
    assert [(r["direction"], r["label"], r["other_title"], r["own_eid"]) for r in relations] == [
        ("in", "Được sửa đổi bởi", "Luật Sửa đổi", "art_1")
    ]

    status = client.get(f"{API}{base.pk}/status", {"date": "2020-12-31"}).json()
    assert (status["status"], status["label"]) == ("not_yet_effective", "Chưa có hiệu lực")

    diff = client.get(f"{API}{base.pk}/diff", {"old": "2022-01-01", "new": "2023-01-01"}).json()
    assert [(c["eid"], c["change"]) for c in diff] == [("art_1__cls_1", "changed")]
    assert diff[0]["words"][-1] == ["insert", "nghiệm có kiểm soát."]


def test_exports(client, works, outsider):
    public = works["public"]
    data = client.get(f"{API}{public.pk}/export.json").json()
    assert data["frbr_uri"] == public.frbr_uri
    assert len(data["expressions"][0]["provisions"]) == 5
    xml = client.get(f"{API}{public.pk}/akn.xml")
    assert xml.status_code == 200
    assert xml["Content-Type"] == "application/akn+xml; charset=utf-8"
    assert b'<article eId="art_2">' in xml.content
    for path in ("export.json", "akn.xml"):
        response = client.get(f"{API}{works['confidential'].pk}/{path}", **_bearer(outsider))
        assert response.status_code == 404


def test_by_uri_and_filters(client, works):
    response = client.get(f"{API}by-uri", {"uri": works["public"].frbr_uri})
    assert response.json()["id"] == works["public"].pk
    assert client.get(f"{API}by-uri", {"uri": works["internal"].frbr_uri}).status_code == 404
    found = client.get(API, {"number": "số 1/2020/qh14"}).json()
    assert [w["title"] for w in found["items"]] == ["Luật Công khai"]
    assert client.get(API, {"number": "2/2020/QH14"}).json()["items"] == []
