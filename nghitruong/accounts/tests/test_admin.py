"""The Django admin is unreachable without a verified second factor (SEC-AUTH-1)."""

import pytest
from django.test import Client

from nghitruong.accounts.models import User
from nghitruong.accounts.testing import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("quantri", is_staff=True, is_superuser=True)


def test_admin_refuses_password_only_session(superuser: User) -> None:
    client = Client()
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    login = client.get(response["Location"])
    assert login["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # The application's login then asks this staff account to enrol a second factor.
    assert client.get(login["Location"])["Location"] == "/accounts/2fa/setup/?next=%2Fadmin%2F"
    assert client.get("/admin/accounts/user/").status_code == 302


def test_admin_open_after_second_factor(superuser: User) -> None:
    client = Client()
    login_verified(client, superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_admin_deactivate_action_calls_the_service(superuser: User, make_user) -> None:
    target = make_user("cutri.binh")
    client = Client()
    login_verified(client, superuser)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "deactivate_users", "_selected_action": [target.pk]},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).is_active is False


def test_verified_non_staff_user_gets_403_not_a_redirect_loop(make_user) -> None:
    deputy = make_user("daibieu.test")
    client = Client()
    login_verified(client, deputy)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"]).status_code == 403
