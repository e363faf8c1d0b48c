"""The UI shell: dashboard per role, the body page and its HTMX member list, language, errors."""

import datetime as dt
import re

import pytest
from django.test import Client

from nghitruong.accounts.models import Role
from nghitruong.accounts.services import membership_create, person_create
from tests.conftest import MARKER_A, MARKER_B, TERM_START

pytestmark = pytest.mark.django_db


def card_ids(html: str) -> list[str]:
    return re.findall(r'<section class="card" id="card-([a-z0-9-]+)"', html)


def test_anonymous_is_sent_to_login(world):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_logged_in_without_second_factor_is_sent_to_otp(world):
    client = Client()
    client.force_login(world.users["deputy_a"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/otp/?next=%2F"


@pytest.mark.parametrize(
    ("user", "cards"),
    [
        ("deputy_a", ["core-my-bodies", "core-deputy"]),
        ("secretary_a", ["core-my-bodies", "core-secretariat"]),
        ("admin_a", ["core-my-bodies", "core-body-admin"]),
        ("officer", ["core-agency", "petitions-counts"]),
        ("sysadmin", ["core-system-admin"]),
    ],
)
def test_dashboard_cards_by_role(world, login_as, user, cards):
    response = login_as(user).get("/")
    assert response.status_code == 200
    assert card_ids(response.content.decode()) == cards


def test_dashboard_deputy_content(world, login_as):
    html = login_as("deputy_a").get("/").content.decode()
    assert "Xin chào, Nguyễn Văn Đại Biểu" in html
    assert f'<a href="/bodies/{world.body_a.pk}/">Hội đồng nhân dân tỉnh An Giang Mẫu</a>' in html
    assert "Nhiệm kỳ khóa XI, từ 01/07/2021" in html
    assert "2 đại biểu đương nhiệm." in html
    assert "Bắc Ninh" not in html


def test_dashboard_secretariat_lists_boards_below(world, login_as):
    html = login_as("secretary_a").get("/").content.decode()
    assert "1 cơ quan trực thuộc:" in html
    assert f'<a href="/bodies/{world.board_a.pk}/">Ban Kinh tế - Ngân sách (A)</a>' in html


def test_dashboard_body_admin_counts(world, login_as):
    html = login_as("admin_a").get("/").content.decode()
    assert "<div><dt>Đại biểu</dt><dd>2</dd></div>" in html
    # The marker person has no login: one person of body A without an account.
    assert "<div><dt>Chưa có tài khoản</dt><dd>1</dd></div>" in html


def test_dashboard_system_admin_stats(world, login_as):
    html = login_as("sysadmin").get("/").content.decode()
    assert "<div><dt>Cơ quan dân cử</dt><dd>4</dd></div>" in html
    assert "<div><dt>Cơ quan nhà nước</dt><dd>1</dd></div>" in html
    assert 'href="/admin/"' in html


def test_dashboard_without_role_explains_next_step(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import verify_session

    user = world.users["newcomer"]
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    html = verify_session(Client(), user, device).get("/").content.decode()
    assert card_ids(html) == ["core-no-role"]
    assert "chưa được gán vào cơ quan dân cử" in html


def test_navigation_lists_only_own_bodies(world, login_as):
    html = login_as("deputy_b").get("/").content.decode()
    assert f'href="/bodies/{world.body_b.pk}/"' in html
    assert f'href="/bodies/{world.body_a.pk}/"' not in html


def test_body_page_shows_structure_term_and_members(world, login_as):
    response = login_as("deputy_a").get(f"/bodies/{world.body_a.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<dd>Khóa XI, từ 01/07/2021</dd>" in html
    assert "<dt>Số thành viên theo quy định</dt><dd>60</dd>" in html
    assert MARKER_A in html
    # A deputy does not reach the board: its name is shown without a link.
    assert "<li>Ban Kinh tế - Ngân sách (A)</li>" in html


def test_body_page_links_board_for_secretariat(world, login_as):
    html = login_as("secretary_a").get(f"/bodies/{world.body_a.pk}/").content.decode()
    assert f'<a href="/bodies/{world.board_a.pk}/">Ban Kinh tế - Ngân sách (A)</a>' in html
    board = login_as("secretary_a").get(f"/bodies/{world.board_a.pk}/").content.decode()
    assert f'<a href="/bodies/{world.body_a.pk}/">Hội đồng nhân dân tỉnh An Giang Mẫu</a>' in board


@pytest.mark.parametrize("user", ["deputy_a", "secretary_a", "officer", "sysadmin"])
def test_body_page_of_other_council_is_404(world, login_as, user):
    response = login_as(user).get(f"/bodies/{world.body_b.pk}/")
    assert response.status_code == 404
    assert MARKER_B not in response.content.decode()


def test_body_page_missing_body_is_404(world, login_as):
    assert login_as("deputy_a").get("/bodies/987654/").status_code == 404


def test_member_filter_htmx_partial(world, login_as):
    client = login_as("deputy_a")
    response = client.get(
        f"/bodies/{world.body_a.pk}/", {"q": "luu mat danh"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="members"')
    assert "<html" not in html
    assert "1 kết quả" in html
    assert MARKER_A in html
    assert "Nguyễn Văn Đại Biểu" not in html


def test_member_filter_by_role(world, login_as):
    html = (
        login_as("deputy_a")
        .get(f"/bodies/{world.body_a.pk}/", {"role": "secretariat"})
        .content.decode()
    )
    assert "1 kết quả" in html
    assert "<td>Trần Thư Ký</td>" in html


def test_member_list_is_paginated(world, login_as):
    for i in range(55):
        person = person_create(full_name=f"Đại Biểu Số {i:02d}", actor=None)
        membership_create(
            person=person, body=world.body_a, role=Role.DEPUTY, start_date=TERM_START, actor=None
        )
    client = login_as("deputy_a")
    first = client.get(f"/bodies/{world.body_a.pk}/").content.decode()
    assert "59 kết quả" in first
    assert "Trang 1/2" in first
    assert first.count("<tr><td>") == 50
    second = client.get(f"/bodies/{world.body_a.pk}/", {"page": 2}).content.decode()
    assert "Trang 2/2" in second
    assert second.count("<tr><td>") == 9


def test_member_filter_bad_input_is_400_with_message(world, login_as):
    response = login_as("deputy_a").get(
        f"/bodies/{world.body_a.pk}/", {"role": "emperor", "page": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<p>Vai trò “emperor” không có trong danh sách.</p>" in html
    assert "<p>Số trang phải là một số nguyên.</p>" in html


def test_ended_membership_is_not_listed(world, login_as):
    person = person_create(full_name="Cựu Đại Biểu", actor=None)
    membership_create(
        person=person,
        body=world.body_a,
        role=Role.DEPUTY,
        start_date=TERM_START,
        end_date=dt.date(2022, 1, 1),
        actor=None,
    )
    html = login_as("deputy_a").get(f"/bodies/{world.body_a.pk}/").content.decode()
    assert "Cựu Đại Biểu" not in html


def test_language_switch_to_english_and_back(world, login_as):
    client = login_as("deputy_a")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Hello, Nguyễn Văn Đại Biểu" in html
    assert ">Tiếng Việt</button>" in html
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Xin chào, Nguyễn Văn Đại Biểu" in html


def test_shell_has_landmarks_and_skip_link(world, login_as):
    html = login_as("deputy_a").get("/").content.decode()
    assert '<a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>' in html
    assert '<main id="main"' in html
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
    assert "<style" not in html
    assert "<script>" not in html
    assert " style=" not in html


def test_welcome_page_is_public(db):
    response = Client().get("/welcome/")
    assert response.status_code == 200
    assert 'href="/accounts/login/"' in response.content.decode()


def test_404_page_uses_shell(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
