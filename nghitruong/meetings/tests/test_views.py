"""HTML pages: the deputy's sitting page, the chair's console, actions and minutes downloads."""

import pytest
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.meetings.models import Attendance, SpeakerRequest
from nghitruong.meetings.tests.conftest import Hall, build_hall
from nghitruong.meetings.tests.test_minutes import run_sitting


def _client(user: object) -> Client:
    client = Client()
    login_verified(client, user)  # type: ignore[arg-type]
    return client


def test_deputy_sitting_page_and_fragments(hall: Hall) -> None:
    client = _client(hall.deputies[0])
    url = f"/meetings/sittings/{hall.sitting.pk}/"
    page = client.get(url).content.decode()
    assert "Thảo luận dự án Luật Thủ đô (sửa đổi)" in page
    assert "Điểm danh tại hội trường" in page
    assert "Bàn điều hành của chủ tọa" not in page
    fragment = client.get(url + "?part=attendance").content.decode()
    assert fragment.lstrip().startswith('<section id="mt-attendance"')
    assert "<html" not in fragment


def test_check_in_and_register_through_forms(hall: Hall) -> None:
    client = _client(hall.deputies[0])
    base = f"/meetings/sittings/{hall.sitting.pk}/"
    response = client.post(base + "attendance/check-in/", {"mode": "remote"})
    assert response.status_code == 303
    assert Attendance.objects.get().status == "present_remote"
    response = client.post(f"/meetings/items/{hall.items[0].pk}/speakers/", {"kind": "first"})
    assert response.status_code == 303
    assert list(SpeakerRequest.objects.values_list("kind", "state")) == [("first", "requested")]
    # Refused action: a message, and nothing changes.
    page = client.post(
        f"/meetings/items/{hall.items[0].pk}/speakers/", {"kind": "first"}, follow=True
    ).content.decode()
    assert "Đại biểu đã đăng ký loại phát biểu này" in page
    assert SpeakerRequest.objects.count() == 1


def test_console_is_staff_only(hall: Hall) -> None:
    url = f"/meetings/sittings/{hall.sitting.pk}/console/"
    assert _client(hall.deputies[0]).get(url).status_code == 404
    page = _client(hall.staff).get(url).content.decode()
    assert "Kết thúc phiên họp" in page
    assert "Chuyển sang nội dung này" in page


def test_outsider_gets_404(hall: Hall) -> None:
    outsider = build_hall("qh-v", open_sitting=False).deputies[0]
    client = _client(outsider)
    assert client.get(f"/meetings/sittings/{hall.sitting.pk}/").status_code == 404
    response = client.post(f"/meetings/sittings/{hall.sitting.pk}/attendance/check-in/")
    assert response.status_code == 404
    assert not Attendance.objects.filter(sitting=hall.sitting).exists()


@pytest.mark.django_db
def test_minutes_downloads() -> None:
    h = run_sitting("qh-dl")
    client = _client(h.staff)
    pdf = client.get(f"/meetings/sittings/{h.sitting.pk}/minutes.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF-")
    docx = client.get(f"/meetings/sittings/{h.sitting.pk}/minutes.docx")
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")
    assert client.get(f"/meetings/sittings/{h.sitting.pk}/minutes.exe").status_code == 404


def test_console_marks_an_excused_absence(hall: Hall) -> None:
    client = _client(hall.staff)
    person = hall.person(hall.deputies[3])
    page = client.get(f"/meetings/sittings/{hall.sitting.pk}/console/").content.decode()
    assert "Phạm Thị Duyên" in page
    response = client.post(
        f"/meetings/sittings/{hall.sitting.pk}/attendance/absent/",
        {"person_id": person.pk, "excused": "1", "reason": "Ốm"},
    )
    assert response.status_code == 303
    row = Attendance.objects.get(person=person)
    assert (row.status, row.reason) == ("absent_excused", "Ốm")
