"""The hall screen, the public observer view and their fragments: who sees what (exact content)."""

import pytest
from django.test import Client
from django.urls import reverse

from nghitruong.accounts.testing import login_verified
from nghitruong.documents.models import Work
from nghitruong.meetings import services
from nghitruong.meetings.models import Sitting, SpeakerRequest
from nghitruong.meetings.tests.conftest import Hall, audit_count, build_hall
from nghitruong.voting import services as voting


def client_for(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


@pytest.fixture
def live_hall(hall: Hall) -> Hall:
    """The hall with the second item current, a deputy speaking, another queued, two present,
    an internal document in the package and the speaker's private note on it."""
    item = hall.items[1]
    services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=item)
    speaking = services.speaker_register(actor=hall.deputies[0], item=item, kind="first")
    services.speaker_register(actor=hall.deputies[1], item=item, kind="first")
    services.speaker_start(actor=hall.staff, request=speaking)
    for deputy in hall.deputies[:2]:
        services.attendance_check_in(actor=deputy, sitting=hall.sitting, person=hall.person(deputy))
    work = Work.objects.create(
        body=hall.body,
        frbr_uri="/akn/vn/live/noi-bo",
        doc_type="submission",
        title="Tờ trình nội bộ chưa công bố",
        confidentiality="internal",
    )
    services.package_entry_add(actor=hall.staff, item=item, work_id=work.pk)
    services.note_create(actor=hall.deputies[0], work_id=work.pk, text="Ghi chú riêng của tôi")
    hall.sitting.refresh_from_db()
    return hall


def test_hall_screen_shows_the_live_state_to_members(live_hall: Hall) -> None:
    h = live_hall
    page = client_for(h.deputies[2]).get(reverse("meetings:hall", args=[h.sitting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-live-stream="/meetings/sittings/{h.sitting.pk}/events/"' in html
    assert f'data-live-fragment="/meetings/sittings/{h.sitting.pk}/hall/board/"' in html
    assert "2. Thảo luận về dự án Luật Thủ đô (sửa đổi)" in html
    speaking = SpeakerRequest.objects.get(state="speaking")
    assert f'data-speaker="{speaking.pk}">Nguyễn Thị Ánh</p>' in html
    assert "Trần Văn Bình" in html  # queued
    assert "Có mặt 2/5 đại biểu" in html
    assert "Kỳ họp thứ mười, Quốc hội khóa XV" in html  # members see the session
    assert "Tờ trình nội bộ chưa công bố" not in html  # no documents on the screen
    assert "Ghi chú riêng của tôi" not in html  # never a note, even the viewer's own


def test_public_view_shows_public_state_only(live_hall: Hall) -> None:
    h = live_hall
    for name in ("meetings:public", "meetings:public_board"):
        page = Client().get(reverse(name, args=[h.sitting.pk]))
        html = page.content.decode()
        assert page.status_code == 200, name
        assert "2. Thảo luận về dự án Luật Thủ đô (sửa đổi)" in html
        assert "Nguyễn Thị Ánh" in html
        assert "Có mặt 2/5 đại biểu" in html
        assert "Tờ trình nội bộ chưa công bố" not in html
        assert "Ghi chú riêng của tôi" not in html
        assert "Kỳ họp thứ mười, Quốc hội khóa XV" not in html
    page = Client().get(reverse("meetings:public", args=[h.sitting.pk])).content.decode()
    assert f'data-live-stream="/meetings/public/sittings/{h.sitting.pk}/events/"' in page


@pytest.mark.parametrize(
    "change",
    [
        {"contains_state_secrets": True},
        {"kind": Sitting.Kind.GROUP_DISCUSSION},
        {"state": Sitting.State.PLANNED},
    ],
)
def test_public_view_of_a_sitting_the_public_may_not_watch_is_404(hall: Hall, change) -> None:
    Sitting.objects.filter(pk=hall.sitting.pk).update(**change)
    for name in ("meetings:public", "meetings:public_board", "meetings:public_events"):
        page = Client().get(reverse(name, args=[hall.sitting.pk]))
        assert page.status_code == 404, name
        assert hall.sitting.title not in page.content.decode()


def test_outsiders_get_404_on_the_hall_screen_and_its_stream(hall: Hall) -> None:
    other = build_hall("hdnd-z", kind="provincial_council")
    outsider = client_for(other.deputies[0])
    before = audit_count()
    for name in ("meetings:hall", "meetings:hall_board", "meetings:sitting_events"):
        page = outsider.get(reverse(name, args=[hall.sitting.pk]))
        assert page.status_code == 404, name
        assert hall.sitting.title not in page.content.decode()
    assert audit_count() == before
    anonymous = Client().get(reverse("meetings:hall", args=[hall.sitting.pk]))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_the_members_stream_answers_an_event_stream(hall: Hall) -> None:
    page = client_for(hall.deputies[0]).get(
        reverse("meetings:sitting_events", args=[hall.sitting.pk])
    )
    assert page.status_code == 200
    assert page["Content-Type"] == "text/event-stream; charset=utf-8"
    assert page["X-Accel-Buffering"] == "no"


def test_the_latest_published_vote_appears_on_the_board(hall: Hall) -> None:
    item = hall.items[1]
    poll = voting.poll_create(
        actor=hall.staff,
        body=hall.body,
        title="Biểu quyết thông qua Luật Thủ đô (sửa đổi)",
        kind="electronic_aggregate",
        subject=item,
    )
    board = reverse("meetings:public_board", args=[hall.sitting.pk])
    assert "Chưa có biểu quyết." in Client().get(board).content.decode()  # a draft is hidden
    voting.poll_start(actor=hall.staff, poll=poll)
    for deputy in hall.deputies[:3]:
        option = poll.options.get(meaning="for")
        voting.ballot_cast(poll=poll, user=deputy, option=option)
    html = Client().get(board).content.decode()
    assert 'data-vote-result="open"' in html
    assert "Đang biểu quyết: 3/5" in html
    voting.poll_stop(actor=hall.staff, poll=poll)
    assert 'data-vote-result="pending"' in Client().get(board).content.decode()
    voting.poll_publish(actor=hall.staff, poll=poll)
    html = Client().get(board).content.decode()
    assert 'data-vote-result="passed"' in html
    assert "Tán thành 3 · Không tán thành 0 · Không biểu quyết 0 / 5" in html
    assert f'href="/voting/public/polls/{poll.pk}/"' in html


def test_fragment_forms_return_to_the_page_not_the_fragment(hall: Hall) -> None:
    services.current_item_set(actor=hall.staff, sitting=hall.sitting, item=hall.items[1])
    staff = client_for(hall.staff)
    fragment = staff.get(
        reverse("meetings:sitting", args=[hall.sitting.pk]), {"part": "agenda", "console": "1"}
    ).content.decode()
    console = reverse("meetings:console", args=[hall.sitting.pk])
    assert f'name="next" value="{console}"' in fragment
    assert '?part=agenda&amp;console=1">' not in fragment  # never the fragment's own URL
    assert fragment.count('name="next"') == fragment.count(f'name="next" value="{console}"') == 2
    header = staff.get(
        reverse("meetings:sitting", args=[hall.sitting.pk]), {"part": "header", "console": "1"}
    ).content.decode()
    assert f'href="/meetings/sittings/{hall.sitting.pk}/hall/"' in header
    assert f'href="/meetings/public/sittings/{hall.sitting.pk}/"' in header
