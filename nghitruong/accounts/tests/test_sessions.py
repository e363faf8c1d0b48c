"""Idle timeout (15 min users, 5 min admins), logout of every session on deactivation (SEC-AUTH-3)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from nghitruong.accounts.models import User, UserSession
from nghitruong.accounts.services import user_deactivate
from nghitruong.accounts.testing import login_verified
from nghitruong.accounts.tests.conftest import PASSWORD
from nghitruong.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("kind", "limit"), [("user", 15 * 60), ("staff", 5 * 60), ("system_admin", 5 * 60)]
)
def test_idle_timeout_boundary(client, make_user, clock, kind: str, limit: int) -> None:
    user = make_user("nguoi.dung", is_staff=kind == "staff", is_system_admin=kind == "system_admin")
    login_verified(client, user)
    assert client.get("/accounts/").status_code == 200

    clock.shift(limit)  # exactly the limit: still logged in, and the clock restarts
    assert client.get("/accounts/").status_code == 200
    assert _logged_in(client)

    clock.shift(limit + 1)
    response = client.get("/accounts/")
    assert response["Location"] == "/accounts/login/?next=/accounts/"
    assert not _logged_in(client)
    assert AuditEntry.objects.get(action="auth.logout").after == {"reason": "idle"}
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert page.context["error"] == (
        "Phiên làm việc đã kết thúc do không hoạt động. Vui lòng đăng nhập lại. / "
        "Your session ended after inactivity. Please log in again."
    )


def test_deactivation_ends_every_session(make_user, clock) -> None:
    user = make_user("cutri.binh")
    other = make_user("cutri.chi")
    phone, laptop, bystander = Client(), Client(), Client()
    for browser in (phone, laptop):
        browser.post("/accounts/login/", {"username": "cutri.binh", "password": PASSWORD})
    bystander.post("/accounts/login/", {"username": "cutri.chi", "password": PASSWORD})
    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    assert len(keys) == 2
    assert Session.objects.filter(session_key__in=keys).count() == 2

    user_deactivate(user=user, actor=None)

    assert Session.objects.filter(session_key__in=keys).count() == 0
    assert UserSession.objects.filter(user=user).count() == 0
    assert User.objects.get(pk=user.pk).is_active is False
    assert not _logged_in(phone)
    assert phone.get("/accounts/").status_code == 302
    assert bystander.get("/accounts/").status_code == 200
    assert UserSession.objects.filter(user=other).count() == 1
    entry = AuditEntry.objects.get(action="user.deactivate")
    assert entry.after == {"is_active": False, "sessions_ended": 2}
    # A deactivated account cannot log in again, and is told nothing more than a wrong password.
    again = Client().post("/accounts/login/", {"username": "cutri.binh", "password": PASSWORD})
    assert again.context["error"] == (
        "Tên đăng nhập hoặc mật khẩu không đúng / Incorrect username or password"
    )
