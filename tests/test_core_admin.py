"""The core admin: Vietnamese, read-only forms, changes only through service-backed actions."""

import pytest
from django.test import Client

from nghitruong.accounts.services import user_create
from nghitruong.core.models import AuditEntry, ElectedBody
from tests.conftest import verify_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    root = user_create(username="root", password=None, actor=None, is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=root, name="authenticator", confirmed=True)
    return verify_session(Client(), root, device)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/admin/core/electedbody/", "cơ quan dân cử"),
        ("/admin/core/term/", "nhiệm kỳ"),
        ("/admin/core/administrativeunit/", "đơn vị hành chính"),
        ("/admin/core/agency/", "cơ quan nhà nước"),
        ("/admin/core/auditentry/", "nhật ký kiểm toán"),
    ],
)
def test_changelists_in_vietnamese(admin_client, path, title):
    response = admin_client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Chọn {title} để xem" in html


@pytest.mark.parametrize(
    "path",
    ["/admin/core/electedbody/add/", "/admin/core/agency/add/", "/admin/core/auditentry/add/"],
)
def test_add_forms_are_refused(admin_client, path):
    before = ElectedBody.objects.count()
    assert admin_client.get(path).status_code == 403
    assert ElectedBody.objects.count() == before


def test_change_form_is_read_only(admin_client, world):
    before = ElectedBody.objects.get(pk=world.body_a.pk).name
    admin_client.post(
        f"/admin/core/electedbody/{world.body_a.pk}/change/", {"name": "Đổi tên trái phép"}
    )
    assert ElectedBody.objects.get(pk=world.body_a.pk).name == before


def test_deactivate_action_calls_the_service(admin_client, world):
    seq = AuditEntry.objects.order_by("-seq").first().seq
    response = admin_client.post(
        "/admin/core/electedbody/",
        {"action": "deactivate_bodies", "_selected_action": [world.board_a.pk, world.body_b.pk]},
        follow=True,
    )
    html = response.content.decode()
    world.board_a.refresh_from_db()
    world.body_b.refresh_from_db()
    assert world.board_a.is_active is False
    # B still has an active board: the service refuses and nothing changes for it.
    assert world.body_b.is_active is True
    assert "Còn cơ quan trực thuộc đang hoạt động" in html
    assert "Đã ngừng hoạt động 1 mục." in html
    new = list(AuditEntry.objects.filter(seq__gt=seq).values_list("action", "object_id"))
    assert new == [("body.deactivate", str(world.board_a.pk))]


def test_member_cannot_open_admin(world, login_as):
    response = login_as("deputy_a").get("/admin/core/electedbody/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/core/electedbody/"
