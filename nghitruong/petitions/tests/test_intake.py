"""Intake: meetings, secretariat entry, online submission (idempotent), following, personal data."""

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections

from nghitruong.core.exceptions import ApplicationError, ConflictError, NotFoundError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import qr, selectors, services, tracking
from nghitruong.petitions.models import Petition, Petitioner, PetitionEvent, VoterMeeting
from nghitruong.petitions.services import PetitionerData
from nghitruong.petitions.services.portal import petition_moderate
from nghitruong.petitions.tests.conftest import World, build_world

CONTENT = "Đề nghị sửa chữa tuyến đường liên xã bị xuống cấp nghiêm trọng"
PERSON = PetitionerData(
    full_name="Nguyễn Thị Hoa", phone="0912 345 678", email="hoa@example.vn", address="Số 1 Phố Huế"
)


def test_meeting_with_deputies_minutes_and_petitions(world: World) -> None:
    staff = world.users["staff01"]
    deputy = world.users["deputy01"].person  # type: ignore[attr-defined]
    minutes = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.7 minutes", "application/pdf")
    meeting = services.voter_meeting_create(
        actor=staff,
        body=world.bodies["d01"],
        kind="periodic",
        held_on=dt.date(2025, 10, 1),
        venue="Nhà văn hóa phường Ba Đình",
        admin_unit=world.units["00004"],
        cohost="Ủy ban MTTQ Việt Nam phường Ba Đình",
        deputies=[deputy],
        attendance=120,
        minutes=minutes,
    )
    assert list(meeting.deputies.all()) == [deputy]
    assert meeting.minutes.read() == b"%PDF-1.7 minutes"
    petition = services.petition_create(
        actor=staff,
        body=world.bodies["d01"],
        content=CONTENT,
        source="meeting",
        meeting=meeting,
        received_on=dt.date(2025, 10, 1),
    )
    assert list(meeting.petitions.all()) == [petition]
    assert petition.province == world.units["01"]  # from the delegation's province


def test_a_petition_needs_a_source_and_a_meeting_when_from_a_meeting(world: World) -> None:
    staff = world.users["staff01"]
    for source, code in (("", "source_required"), ("meeting", "meeting_required")):
        with pytest.raises(ApplicationError) as err:
            services.petition_create(
                actor=staff, body=world.bodies["d01"], content=CONTENT, source=source
            )
        assert err.value.code == code
    other = services.voter_meeting_create(
        actor=world.users["staff79"],
        body=world.bodies["d79"],
        kind="thematic",
        held_on=dt.date(2025, 10, 1),
        venue="Hội trường",
    )
    with pytest.raises(ApplicationError) as err:
        services.petition_create(
            actor=staff, body=world.bodies["d01"], content=CONTENT, source="meeting", meeting=other
        )
    assert err.value.code == "meeting_body_mismatch"
    assert Petition.objects.count() == 0


def test_content_is_nfc_and_searchable_without_diacritics(world: World) -> None:
    decomposed = "Đề nghị hỗ trợ hoá đơn điện cho hộ nghèo".replace("ó", "o\u0301")
    petition = services.petition_create(
        actor=world.users["staff01"], body=world.bodies["d01"], content=decomposed, source="hotline"
    )
    assert petition.content == "Đề nghị hỗ trợ hoá đơn điện cho hộ nghèo"
    found = selectors.petition_list(user=world.users["staff01"], query="hoa don dien")
    assert list(found) == [petition]


def test_personal_data_needs_consent_and_is_stored_apart(world: World) -> None:
    staff = world.users["staff01"]
    with pytest.raises(ApplicationError) as err:
        services.petition_create(
            actor=staff,
            body=world.bodies["d01"],
            content=CONTENT,
            source="letter",
            petitioner=PERSON,
        )
    assert err.value.code == "consent_required"
    assert (Petition.objects.count(), Petitioner.objects.count()) == (0, 0)
    petition = services.petition_create(
        actor=staff,
        body=world.bodies["d01"],
        content=CONTENT,
        source="letter",
        petitioner=PERSON,
        consent=True,
    )
    person = petition.petitioner
    assert person is not None
    assert (person.full_name, person.consent_text_version) == ("Nguyễn Thị Hoa", "2026-11-v1")
    assert "Nguyễn Thị Hoa" not in str(AuditEntry.objects.last().after)  # type: ignore[union-attr]


def test_anonymise_on_request_keeps_the_consent_record(world: World) -> None:
    staff = world.users["staff01"]
    petition = services.petition_create(
        actor=staff,
        body=world.bodies["d01"],
        content=CONTENT,
        source="letter",
        petitioner=PERSON,
        consent=True,
    )
    with pytest.raises(Exception):  # noqa: B017 - another delegation's staff is denied
        services.petitioner_erase_request(
            actor=world.users["staff79"],
            body=world.bodies["d01"],
            phone="0912345678",
            reason="Yêu cầu xóa dữ liệu",
        )
    assert Petitioner.objects.get().full_name == "Nguyễn Thị Hoa"
    count = services.petitioner_erase_request(
        actor=staff, body=world.bodies["d01"], phone="0912.345.678", reason="Yêu cầu xóa dữ liệu"
    )
    person = Petitioner.objects.get()
    assert count == 1
    assert (person.full_name, person.phone, person.email, person.address) == ("", "", "", "")
    assert person.anonymised_at is not None
    assert person.consent_at is not None
    assert Petition.objects.get().content == petition.content  # the petition itself stays


# --- online submission -------------------------------------------------------------------------

KEY = "client-key-000000000001"


def submit(
    world: World, key: str = KEY, content: str = CONTENT, **kw: object
) -> tuple[Petition, bool]:
    return services.petition_submit_online(
        idempotency_key=key,
        body=world.bodies["d01"],
        content=content,
        commune=world.units["00004"],
        field=world.field("giao-thong-xay-dung"),
        **kw,  # type: ignore[arg-type]
    )


def test_online_submission_is_idempotent(world: World) -> None:
    first, created = submit(world, petitioner=PERSON, consent=True)
    again, created_again = submit(world, petitioner=PERSON, consent=True)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert (Petition.objects.count(), Petitioner.objects.count()) == (1, 1)
    assert (first.source, first.status, first.province, first.commune) == (
        "online",
        "received",
        world.units["01"],
        world.units["00004"],
    )
    assert tracking.is_valid(first.tracking_code)
    with pytest.raises(ConflictError) as err:
        submit(world, content=CONTENT + " (sửa)")
    assert err.value.code == "idempotency_key_reused"
    assert Petition.objects.count() == 1


def test_online_denunciation_is_refused_and_nothing_stored(world: World) -> None:
    with pytest.raises(ApplicationError) as err:
        submit(world, petitioner=PERSON, consent=True, is_denunciation=True)
    assert err.value.code == "denunciation_not_accepted"
    assert "Luật Tố cáo" in err.value.message
    assert (Petition.objects.count(), Petitioner.objects.count()) == (0, 0)


def test_bad_key_and_wrong_body_are_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as err:
        submit(world, key="short")
    assert err.value.code == "invalid_idempotency_key"
    with pytest.raises(ApplicationError) as err:
        services.petition_submit_online(
            idempotency_key=KEY, body=world.bodies["committee"], content=CONTENT
        )
    assert err.value.code == "invalid_body"
    assert Petition.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_create_one_petition() -> None:
    world = build_world()
    threads_n = 6
    barrier = threading.Barrier(threads_n)
    results: list[object] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(2000):
                try:
                    petition, created = submit(world)
                    outcome: object = (petition.pk, created)
                    break
                except OperationalError as exc:
                    if connection.vendor != "sqlite" or "locked" not in str(exc):
                        raise
                    time.sleep(0.002)
            else:
                outcome = "still locked"
        except Exception as exc:
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    petition = Petition.objects.get()
    assert sorted(results, key=str) == sorted(
        [(petition.pk, True)] + [(petition.pk, False)] * (threads_n - 1), key=str
    )
    assert PetitionEvent.objects.filter(petition=petition).count() == 1
    assert AuditEntry.objects.filter(action="petition.submit_online").count() == 1


# --- following by tracking code ----------------------------------------------------------------


def test_follow_shows_the_timeline_without_personal_data(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition, _ = submit(world, petitioner=PERSON, consent=True)
    staff = world.users["staff01"]
    petition_moderate(actor=staff, petition=petition, approve=True)  # online: moderated first
    petition = services.petition_classify(
        actor=staff, petition=petition, field=world.field(), level="central"
    )
    services.petition_assign(
        actor=staff, petition=petition, agency=world.agencies["btc"], on=dt.date(2025, 12, 20)
    )
    view = selectors.petition_follow(code=tracking.display(petition.tracking_code).lower())
    assert view["status"] == "assigned"
    assert view["agency"] == "Bộ Tài chính"
    assert view["due_date"] == dt.date(2026, 1, 29)
    kinds = [e["kind"] for e in view["timeline"]]
    assert kinds == ["received", "moderation.approved", "classified", "assigned"]
    flat = str(view)
    for secret in ("Nguyễn Thị Hoa", "0912", "hoa@example.vn", "Phố Huế"):
        assert secret not in flat


def test_a_guessed_neighbouring_code_reveals_nothing(world: World) -> None:
    petition, _ = submit(world)
    code = petition.tracking_code
    neighbours = [code[:-2] + c + code[-1] for c in tracking.ALPHABET if c != code[-2]]
    rechecked = [n[:-1] + tracking.check_symbol(n[:-1]) for n in neighbours]
    for guess in neighbours + rechecked:
        with pytest.raises(NotFoundError) as err:
            selectors.petition_follow(code=guess)
        assert err.value.message == "Không tìm thấy kiến nghị / Petition not found"


def test_qr_code_encodes_the_follow_url(world: World) -> None:
    petition, _ = submit(world)
    svg = qr.qr_svg(petition.tracking_code)
    assert svg.startswith("<?xml")
    assert "<svg" in svg
    assert "<path" in svg
    assert qr.follow_url(petition.tracking_code) == (
        f"/kien-nghi/theo-doi/{tracking.display(petition.tracking_code)}/"
    )


def test_meeting_kind_is_validated(world: World) -> None:
    with pytest.raises(ApplicationError) as err:
        services.voter_meeting_create(
            actor=world.users["staff01"],
            body=world.bodies["d01"],
            kind="party",
            held_on=dt.date(2025, 10, 1),
            venue="X",
        )
    assert err.value.code == "invalid_kind"
    assert VoterMeeting.objects.count() == 0
