"""Bad input to every form and API endpoint defined so far: a clear Vietnamese/English error and no
change at all (every table of the project is counted before and after)."""

import pytest
from django.apps import apps
from django.test import Client

from tests.conftest import MARKER_A

pytestmark = pytest.mark.django_db

OVERSIZE = "Đ" * 5000


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("nghitruong.")
    }


@pytest.fixture
def unchanged(world):
    """Assert that the test body changed no row of any project table."""
    before = row_counts()
    yield
    assert row_counts() == before


def validation_error(response, loc: list[str]) -> None:
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "validation_error"
    assert data["message"] == "Dữ liệu không hợp lệ / Invalid input"
    assert [e["loc"] for e in data["detail"]] == [loc]


@pytest.mark.parametrize(
    ("path", "query", "loc"),
    [
        ("/api/v1/bodies/abc", {}, ["path", "body_id"]),
        ("/api/v1/bodies/1.5", {}, ["path", "body_id"]),
        ("/api/v1/bodies/abc/members", {}, ["path", "body_id"]),
        ("/api/v1/bodies", {"page": "0"}, ["query", "page"]),
        ("/api/v1/bodies", {"page": "mot"}, ["query", "page"]),
        ("/api/v1/bodies", {"page": str(10**30)}, ["query", "page"]),
        ("/api/v1/bodies", {"page_size": "100000"}, ["query", "page_size"]),
        ("/api/v1/admin-units", {"level": "huyen"}, ["query", "level"]),
        ("/api/v1/admin-units", {"parent": "Hà Nội"}, ["query", "parent"]),
        ("/api/v1/admin-units", {"q": OVERSIZE}, ["query", "q"]),
        ("/api/v1/admin-units", {"on": "31/12/2025"}, ["query", "on"]),
        ("/api/v1/agencies", {"kind": "bo-ngoai-giao"}, ["query", "kind"]),
        ("/api/v1/agencies", {"province": "999"}, ["query", "province"]),
        ("/api/v1/agencies", {"q": OVERSIZE}, ["query", "q"]),
    ],
)
def test_api_bad_query_is_422(world, login_as, unchanged, path, query, loc):
    validation_error(login_as("deputy_a").get(path, query), loc)


def test_api_bad_member_role_is_422(world, login_as, unchanged):
    response = login_as("deputy_a").get(
        f"/api/v1/bodies/{world.body_a.pk}/members", {"role": OVERSIZE}
    )
    validation_error(response, ["query", "role"])
    assert MARKER_A not in response.content.decode()


@pytest.mark.parametrize("body_id", ["0", "-1", str(2**63), str(10**40)])
def test_api_out_of_range_body_id_is_404(world, login_as, unchanged, body_id):
    response = login_as("deputy_a").get(f"/api/v1/bodies/{body_id}")
    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy cơ quan / Body not found"


@pytest.mark.parametrize(
    "payload",
    [
        "{}",
        '{"name": ""}',
        '{"name": 12}',
        '{"name": "' + "x" * 101 + '"}',
        "không phải JSON",
        '{"name": "ok", "expires_at": "ngày mai"}',
    ],
)
def test_api_token_create_bad_payload(world, login_as, unchanged, payload):
    response = login_as("deputy_a").post(
        "/api/v1/accounts/tokens", payload, content_type="application/json"
    )
    data = response.json()
    assert response.status_code in (400, 422)
    assert set(data) == {"code", "message", "detail"}
    assert " / " in data["message"], data  # Vietnamese / English


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"role": "hoang_de"}, "<p>Vai trò “hoang_de” không có trong danh sách.</p>"),
        ({"page": "trang-hai"}, "<p>Số trang phải là một số nguyên.</p>"),
        ({"page": "0"}, "<p>Số trang phải từ 1 trở lên.</p>"),
        ({"page": "100001"}, "<p>Số trang không được vượt quá 100000.</p>"),
        ({"q": OVERSIZE}, "<p>Từ khóa tìm kiếm dài tối đa 100 ký tự (đang có 5000).</p>"),
    ],
)
def test_member_filter_bad_input(world, login_as, unchanged, query, message):
    response = login_as("deputy_a").get(f"/bodies/{world.body_a.pk}/", query)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert '<div class="field-error" role="alert">' in html


def test_member_filter_bad_input_in_english(world, login_as, unchanged):
    client = login_as("deputy_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/bodies/{world.body_a.pk}/", {"role": "hoang_de"}).content.decode()
    assert "<p>The role “hoang_de” is not in the list.</p>" in html


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"username": "deputy_a"},
        {"password": "x"},
        {"username": OVERSIZE, "password": "x"},
    ],
)
def test_login_form_incomplete_changes_nothing(world, unchanged, post):
    client = Client()
    response = client.post("/accounts/login/", post)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Trường này là bắt buộc." in html or "chỉ có tối đa 150 kí tự" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", ["", "fr", OVERSIZE])
def test_set_language_bad_value_keeps_language(world, login_as, language):
    client = login_as("deputy_a")
    before = row_counts()
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    assert '<html lang="vi">' in client.get("/").content.decode()
    assert row_counts() == before
