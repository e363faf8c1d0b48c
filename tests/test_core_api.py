"""The core API: bodies (authenticated, scoped to the caller), units and agencies (public)."""

import pytest
from django.test import Client

from nghitruong.accounts.services import api_token_create
from tests.conftest import MARKER_A, MARKER_B

pytestmark = pytest.mark.django_db


def test_list_bodies_returns_only_reachable(world, login_as):
    body = login_as("deputy_a").get("/api/v1/bodies").json()
    assert body["count"] == 1
    assert [b["code"] for b in body["items"]] == ["hdnd-tinh-a"]


def test_list_bodies_secretariat_reaches_board(world, login_as):
    body = login_as("secretary_a").get("/api/v1/bodies").json()
    assert [b["code"] for b in body["items"]] == ["hdnd-tinh-a", "hdnd-tinh-a-ban-kt-ns"]


def test_list_bodies_with_bearer_token(world):
    _token, secret = api_token_create(user=world.users["deputy_b"], name="tích hợp", actor=None)
    response = Client().get("/api/v1/bodies", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert [b["code"] for b in response.json()["items"]] == ["hdnd-tinh-b"]


def test_anonymous_gets_401_shape(world):
    response = Client().get("/api/v1/bodies")
    assert response.status_code == 401
    assert response.json() == {
        "code": "unauthenticated",
        "message": "Chưa đăng nhập / Not authenticated",
        "detail": None,
    }


def test_get_body_detail(world, login_as):
    response = login_as("secretary_a").get(f"/api/v1/bodies/{world.body_a.pk}")
    data = response.json()
    assert response.status_code == 200
    assert data["body"]["code"] == "hdnd-tinh-a"
    assert data["body"]["total_members"] == 60
    assert data["current_term"] == {
        "id": world.term_a.pk,
        "number": 11,
        "label": "XI",
        "start_date": "2021-07-01",
        "end_date": None,
    }
    assert [c["code"] for c in data["children"]] == ["hdnd-tinh-a-ban-kt-ns"]


def test_get_body_of_other_council_is_404_shape(world, login_as):
    response = login_as("deputy_a").get(f"/api/v1/bodies/{world.body_b.pk}")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Không tìm thấy cơ quan / Body not found",
        "detail": None,
    }


def test_get_body_bad_id_is_422_shape(world, login_as):
    response = login_as("deputy_a").get("/api/v1/bodies/abc")
    data = response.json()
    assert response.status_code == 422
    assert data["code"] == "validation_error"
    assert data["message"] == "Dữ liệu không hợp lệ / Invalid input"
    assert data["detail"][0]["loc"] == ["path", "body_id"]


def test_members_of_body(world, login_as):
    response = login_as("deputy_a").get(f"/api/v1/bodies/{world.body_a.pk}/members")
    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 4
    names = [m["person"]["full_name"] for m in data["items"]]
    assert names == ["Lưu Mật Danh An", "Nguyễn Văn Đại Biểu", "Trần Thư Ký", "Lê Quản Trị"]
    assert data["items"][0]["role"] == "deputy"
    assert data["items"][0]["role_label"] == "Đại biểu"


def test_members_filtered_by_role(world, login_as):
    data = (
        login_as("deputy_a")
        .get(f"/api/v1/bodies/{world.body_a.pk}/members", {"role": "secretariat"})
        .json()
    )
    assert [m["person"]["full_name"] for m in data["items"]] == ["Trần Thư Ký"]


def test_members_of_other_council_is_404(world, login_as):
    response = login_as("deputy_a").get(f"/api/v1/bodies/{world.body_b.pk}/members")
    assert response.status_code == 404
    assert MARKER_B not in response.content.decode()


def test_members_bad_role_is_422(world, login_as):
    response = login_as("deputy_a").get(
        f"/api/v1/bodies/{world.body_a.pk}/members", {"role": "emperor"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "role"]
    assert MARKER_A not in response.content.decode()


def test_admin_units_public_filters(world):
    import datetime as dt

    from nghitruong.core.models import AdministrativeUnit

    hn = AdministrativeUnit.objects.create(
        code="01",
        name="Thành phố Hà Nội",
        short_name="Hà Nội",
        search_key="thanh pho ha noi",
        level="province",
        unit_type="thanh_pho",
        effective_from=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 202/2025/QH15",
    )
    AdministrativeUnit.objects.create(
        code="00004",
        name="Phường Ba Đình",
        short_name="Ba Đình",
        search_key="phuong ba dinh",
        level="commune",
        unit_type="phuong",
        parent=hn,
        effective_from=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 1656/NQ-UBTVQH15",
    )
    client = Client()
    all_units = client.get("/api/v1/admin-units").json()
    assert all_units["count"] == 2
    communes = client.get("/api/v1/admin-units", {"level": "commune", "parent": "01"}).json()
    assert [(u["code"], u["parent_code"]) for u in communes["items"]] == [("00004", "01")]
    found = client.get("/api/v1/admin-units", {"q": "ba dinh"}).json()
    assert [u["name"] for u in found["items"]] == ["Phường Ba Đình"]


def test_agencies_public(world):
    data = Client().get("/api/v1/agencies").json()
    assert data["count"] == 1
    assert data["items"][0]["code"] == "ubnd-tinh-a"
    assert data["items"][0]["kind"] == "peoples_committee"
