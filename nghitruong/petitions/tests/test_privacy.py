"""Issue 5 §2: a petitioner's own access to and erasure of their personal data (PDPL 2025)."""

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings

from nghitruong.core.exceptions import ApplicationError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import rules, selectors, services, sms, tracking
from nghitruong.petitions.models import (
    PersonalDataChallenge,
    PersonalDataRequest,
    Petition,
    Petitioner,
)
from nghitruong.petitions.tests.conftest import World

# Transactional: notifications go out after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

START = "/kien-nghi/du-lieu-ca-nhan/"
DATA = "/kien-nghi/du-lieu-ca-nhan/cua-toi/"
EMAIL = "Tran.Thi.Mai@Example.vn"
PERSON = services.PetitionerData(
    full_name="Trần Thị Mai",
    phone="0912 345 678",
    email=EMAIL,
    address="Số 5 ngõ 12 phố Đội Cấn, Ba Đình, Hà Nội",
)
TEXT = "Đề nghị lắp đèn chiếu sáng đường ngõ 12 phố Đội Cấn vì buổi tối rất tối"


def _petition(world: World, make_petition: Any, **kw: Any) -> Petition:
    return make_petition(content=TEXT, petitioner=PERSON, consent=True, **kw)


def _start(client: Client, codes: str, contact: str, ip: str = "203.0.113.9") -> Any:
    return client.post(START, {"codes": codes, "contact": contact}, REMOTE_ADDR=ip)


def _sent_code() -> str:
    match = re.search(r"Mã xác minh của bạn: (\d{6})", mail.outbox[-1].body)
    assert match is not None
    return match.group(1)


def _verified_client(petition: Petition, contact: str = EMAIL) -> Client:
    client = Client()
    started = _start(client, petition.tracking_code, contact)
    response = client.post(started["Location"], {"code": _sent_code()}, REMOTE_ADDR="203.0.113.9")
    assert (response.status_code, response["Location"]) == (303, DATA)
    return client


def _person_row(person: Petitioner) -> tuple[str, ...]:
    person.refresh_from_db()
    return (person.full_name, person.phone, person.email, person.address)


def _actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="personal_data_request.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


# --- no enumeration, one-time code ----------------------------------------------------------------


def _page_without_tokens(response: Any, path: str) -> str:
    """The page with its random parts (CSRF value, the challenge's own URL) taken out."""
    html = response.content.decode().replace(path, "PATH")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_same_answer_for_existing_and_unknown_pairs_and_code_only_to_the_owner(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    unknown = tracking.generate()  # a well-formed code that belongs to nobody
    cases = [
        (petition.tracking_code, EMAIL),  # the real pair
        (petition.tracking_code, "ke.khac@example.vn"),  # right code, wrong e-mail
        (unknown, EMAIL),  # unknown code, right e-mail
    ]
    pages = []
    for codes, contact in cases:
        client = Client()
        started = _start(client, codes, contact)
        assert started.status_code == 303
        assert re.fullmatch(r"/kien-nghi/du-lieu-ca-nhan/xac-minh/[\w-]{43}/", started["Location"])
        page = client.get(started["Location"])
        assert page.status_code == 200
        pages.append(_page_without_tokens(page, started["Location"]))
        wrong = client.post(started["Location"], {"code": "000000"}, REMOTE_ADDR="203.0.113.9")
        assert wrong.status_code == 400
        pages.append(_page_without_tokens(wrong, started["Location"]))
    assert pages[0] == pages[2] == pages[4]
    assert pages[1] == pages[3] == pages[5]
    assert "Mã xác minh không đúng / The verification code is wrong" in pages[1]
    assert [m.to for m in mail.outbox] == [["tran.thi.mai@example.vn"]]
    assert PersonalDataChallenge.objects.count() == 3
    assert PersonalDataRequest.objects.count() == 0


def test_verification_records_an_access_request_and_shows_exactly_the_stored_data(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    other = _petition(world, make_petition, body="d79")  # another body, same person
    client = Client()
    started = _start(
        client, f"{tracking.display(petition.tracking_code)}\n{other.tracking_code}", EMAIL
    )
    client.post(started["Location"], {"code": _sent_code()}, REMOTE_ADDR="203.0.113.9")
    page = client.get(DATA)
    assert page.status_code == 200
    people = page.context["people"]
    stored = {p.pk: p for p in Petitioner.objects.all()}
    assert [p["id"] for p in people] == [petition.petitioner_id, other.petitioner_id]
    for row, source in zip(people, (petition, other), strict=True):
        person = stored[source.petitioner_id]
        assert {k: row[k] for k in ("full_name", "phone", "email", "address")} == {
            "full_name": "Trần Thị Mai",
            "phone": "0912 345 678",
            "email": "Tran.Thi.Mai@Example.vn",
            "address": "Số 5 ngõ 12 phố Đội Cấn, Ba Đình, Hà Nội",
        }
        assert row["body"] == source.body.name
        assert row["consent_purpose"] == rules.CONSENT_PURPOSE
        assert row["consent_text_version"] == rules.CONSENT_TEXT_VERSION
        assert row["consent_at"] == person.consent_at
        assert (row["consent_withdrawn_at"], row["anonymised_at"]) == (None, None)
        assert row["petitions"] == [
            {
                "tracking_code": tracking.display(source.tracking_code),
                "received_on": dt.date(2025, 12, 1),
                "status": "Đã tiếp nhận",
            }
        ]
    html = page.content.decode()
    assert "Số 5 ngõ 12 phố Đội Cấn, Ba Đình, Hà Nội" in html
    access = PersonalDataRequest.objects.order_by("pk")
    assert [(r.kind, r.state, r.body.code, r.reply_to) for r in access] == [
        ("access", "completed", "doan-dbqh-01", ""),
        ("access", "completed", "doan-dbqh-79", ""),
    ]
    assert (
        _actions()
        == [
            "personal_data_request.receive",
            "personal_data_request.verify",
            "personal_data_request.complete",
        ]
        * 2
    )
    # The code mail, then one "your data was viewed" mail per body, to the address on file.
    assert len(mail.outbox) == 3
    assert all(m.to == ["Tran.Thi.Mai@Example.vn"] for m in mail.outbox[1:])
    assert "vừa được xem" in mail.outbox[1].body


def test_wrong_codes_lock_the_challenge_and_the_right_code_then_fails(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    client = Client()
    verify = _start(client, petition.tracking_code, EMAIL)["Location"]
    code = _sent_code()
    wrong = "111111" if code != "111111" else "222222"
    for n in range(1, rules.OTP_MAX_ATTEMPTS):
        response = client.post(verify, {"code": wrong}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 400
        assert PersonalDataChallenge.objects.get().attempts == n
    last = client.post(verify, {"code": wrong}, REMOTE_ADDR="203.0.113.9")
    assert "Đã nhập sai mã quá số lần cho phép" in last.content.decode()
    right = client.post(verify, {"code": code}, REMOTE_ADDR="203.0.113.9")
    assert right.status_code == 400
    assert "Đã nhập sai mã quá số lần cho phép" in right.content.decode()
    challenge = PersonalDataChallenge.objects.get()
    assert (challenge.attempts, challenge.verified_at) == (rules.OTP_MAX_ATTEMPTS, None)
    assert challenge.locked_at is not None
    assert PersonalDataRequest.objects.count() == 0
    assert client.get(DATA)["Location"] == START  # no session either


def test_expired_code_is_refused_and_changes_nothing(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    petition = _petition(world, make_petition)
    verify = _start(Client(), petition.tracking_code, EMAIL)["Location"]
    code = _sent_code()
    token = verify.rstrip("/").rsplit("/", 1)[1]
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, rules.OTP_TTL_MINUTES, tzinfo=dt.UTC))
    with pytest.raises(ApplicationError) as exc:
        services.personal_data_challenge_verify(token=token, code=code, client_ip="203.0.113.9")
    assert exc.value.code == "otp_expired"
    challenge = PersonalDataChallenge.objects.get()
    assert (challenge.attempts, challenge.verified_at, challenge.locked_at) == (0, None, None)
    assert PersonalDataRequest.objects.count() == 0


def test_code_one_second_before_expiry_is_accepted(
    world: World, make_petition: Any, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    petition = _petition(world, make_petition)
    token = _start(Client(), petition.tracking_code, EMAIL)["Location"].rstrip("/").rsplit("/")[-1]
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, rules.OTP_TTL_MINUTES - 1, 59, tzinfo=dt.UTC))
    challenge = services.personal_data_challenge_verify(
        token=token, code=_sent_code(), client_ip="203.0.113.9"
    )
    assert challenge.verified_at == dt.datetime(2026, 3, 2, 9, 9, 59, tzinfo=dt.UTC)


def test_bad_input_gets_a_clear_error_and_makes_nothing(world: World, make_petition: Any) -> None:
    petition = _petition(world, make_petition)
    typo = petition.tracking_code[:-1] + ("0" if petition.tracking_code[-1] != "0" else "1")
    response = _start(Client(), typo, EMAIL)
    assert response.status_code == 400
    assert "Mã tra cứu không hợp lệ" in response.content.decode()
    response = _start(Client(), petition.tracking_code, "khong-phai-lien-he")
    assert response.status_code == 400
    assert "Cần thư điện tử hoặc số điện thoại" in response.content.decode()
    assert (PersonalDataChallenge.objects.count(), len(mail.outbox)) == (0, 0)


@override_settings(PETITIONS_PRIVACY_LIMITS={"ip": (2, 600), "identity": (5, 3600)})
def test_rate_limit_per_ip(world: World, make_petition: Any) -> None:
    petition = _petition(world, make_petition)
    statuses = [
        _start(Client(), petition.tracking_code, f"nguoi{n}@example.vn").status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert PersonalDataChallenge.objects.count() == 2
    assert _start(Client(), petition.tracking_code, EMAIL, ip="203.0.113.77").status_code == 303


@override_settings(PETITIONS_PRIVACY_LIMITS={"ip": (50, 600), "identity": (2, 3600)})
def test_rate_limit_per_identity_is_the_same_for_unknown_identities(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    for contact in (EMAIL, "ai.do@example.vn"):
        statuses = [
            _start(Client(), petition.tracking_code, contact, ip=f"198.51.100.{n}").status_code
            for n in range(3)
        ]
        assert statuses == [303, 303, 429]
    assert PersonalDataChallenge.objects.count() == 4


@override_settings(PETITIONS_SMS_BACKEND="nghitruong.petitions.sms.LocmemSmsClient")
def test_phone_gets_the_code_by_sms(world: World, make_petition: Any) -> None:
    sms.LocmemSmsClient.outbox.clear()
    petition = _petition(world, make_petition)
    verify = _start(Client(), petition.tracking_code, "+84 912-345-678")["Location"]
    assert len(mail.outbox) == 0
    [message] = sms.LocmemSmsClient.outbox
    assert message["to"] == "0912345678"
    code = re.search(r"Mã xác minh của bạn: (\d{6})", message["text"]).group(1)  # type: ignore[union-attr]
    challenge = services.personal_data_challenge_verify(
        token=verify.rstrip("/").rsplit("/")[-1], code=code, client_ip="203.0.113.9"
    )
    assert challenge.channel == "sms"
    assert [m["to"] for m in sms.LocmemSmsClient.outbox[1:]] == ["0912 345 678"]


# --- erasure ------------------------------------------------------------------------------------


def test_erasure_blanks_exactly_the_personal_fields_and_keeps_petition_and_timeline(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    person = Petitioner.objects.get(pk=petition.petitioner_id)
    consent = (person.consent_purpose, person.consent_text_version, person.consent_at)
    follow_before = selectors.petition_follow(code=petition.tracking_code)
    client = _verified_client(petition)
    response = client.post(DATA, {"kind": "erasure"})
    assert response.status_code == 200
    assert rules.ERASURE_KEEPS_PETITION in response.content.decode()
    assert _person_row(person) == ("", "", "", "")
    assert (person.consent_purpose, person.consent_text_version, person.consent_at) == consent
    assert person.anonymised_at is not None
    assert person.consent_withdrawn_at == person.anonymised_at
    after = Petition.objects.get(pk=petition.pk)
    assert (after.content, after.status, after.petitioner_id) == (TEXT, "received", person.pk)
    assert selectors.petition_follow(code=petition.tracking_code) == follow_before
    erasure = PersonalDataRequest.objects.get(kind="erasure")
    assert (erasure.state, erasure.reply_to, erasure.handled_by) == ("completed", "", None)
    assert list(erasure.petitioners.all()) == [person]
    assert mail.outbox[-1].to == ["Tran.Thi.Mai@Example.vn"]
    assert "họ tên, điện thoại, thư điện tử, địa chỉ đã được xóa" in mail.outbox[-1].body
    assert rules.ERASURE_KEEPS_PETITION in mail.outbox[-1].body
    anonymise = AuditEntry.objects.get(action="petitioner.anonymise")
    assert anonymise.after == {"reason": f"Yêu cầu #{erasure.pk} (Xóa dữ liệu cá nhân)"}
    # Nothing left: a second request is refused and changes nothing.
    again = client.post(DATA, {"kind": "erasure"})
    assert again.status_code == 409
    assert PersonalDataRequest.objects.filter(kind="erasure").count() == 1


def test_withdrawing_consent_also_erases_and_is_recorded_as_such(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition)
    _verified_client(petition).post(DATA, {"kind": "withdraw_consent"})
    request = PersonalDataRequest.objects.get(kind="withdraw_consent")
    assert request.state == "completed"
    assert _person_row(Petitioner.objects.get(pk=petition.petitioner_id)) == ("", "", "", "")


def test_erasure_waits_for_staff_while_an_agency_handles_the_petition(
    world: World, make_petition: Any
) -> None:
    petition = _petition(world, make_petition, assign_to="btc")
    person = Petitioner.objects.get(pk=petition.petitioner_id)
    client = _verified_client(petition)
    response = client.post(DATA, {"kind": "erasure"})
    assert "Cán bộ sẽ giải quyết chậm nhất ngày" in response.content.decode()
    request = PersonalDataRequest.objects.get(kind="erasure")
    assert (request.state, request.reply_to) == ("verified", "Tran.Thi.Mai@Example.vn")
    assert _person_row(person)[0] == "Trần Thị Mai"
    assert "Đã tiếp nhận yêu cầu" in mail.outbox[-1].subject
    # A second submission while it waits is refused.
    assert client.post(DATA, {"kind": "withdraw_consent"}).status_code == 409
    # Staff of another body cannot act; nothing changes.
    with pytest.raises(PermissionDeniedError):
        services.personal_data_request_complete(actor=world.users["staff79"], request=request)
    assert _person_row(person)[0] == "Trần Thị Mai"
    request.refresh_from_db()
    assert request.state == "verified"
    services.personal_data_request_complete(actor=world.users["staff01"], request=request)
    request.refresh_from_db()
    assert (request.state, request.handled_by, request.reply_to) == (
        "completed",
        world.users["staff01"],
        "",
    )
    assert _person_row(person) == ("", "", "", "")
    assert mail.outbox[-1].to == ["Tran.Thi.Mai@Example.vn"]


# --- the SMS client contract (the gateway is outside: only urlopen is replaced) --------------------


class _Response:
    def __init__(self, status: int) -> None:
        self.status = status

    def __enter__(self) -> "_Response":
        return self

    def __exit__(self, *args: object) -> None:
        return None


def test_http_sms_client_posts_json_with_bearer_token(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fake_urlopen(request: Any, timeout: int) -> _Response:
        seen.append((request, timeout))
        return _Response(202)

    monkeypatch.setattr(sms.urllib.request, "urlopen", fake_urlopen)
    client = sms.HttpSmsClient(url="https://sms.example.vn/send", token="bi-mat")
    client.send(to="+84 912 345 678", text="Mã xác minh của bạn: 123456")
    [(request, timeout)] = seen
    assert (request.full_url, request.get_method(), timeout) == (
        "https://sms.example.vn/send",
        "POST",
        10,
    )
    assert request.get_header("Authorization") == "Bearer bi-mat"
    assert request.get_header("Content-type") == "application/json; charset=utf-8"
    import json

    assert json.loads(request.data.decode("utf-8")) == {
        "to": "0912345678",
        "text": "Mã xác minh của bạn: 123456",
        "sender": "NGHITRUONG",
    }


def test_http_sms_client_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sms.urllib.request, "urlopen", lambda request, timeout: _Response(500))
    with pytest.raises(sms.SmsError, match="gateway answered 500"):
        sms.HttpSmsClient(url="https://sms.example.vn/send", token="t").send(
            to="0912345678", text="x"
        )
    with pytest.raises(sms.SmsError, match="https"):
        sms.HttpSmsClient(url="http://sms.example.vn/send", token="t").send(
            to="0912345678", text="x"
        )

    def down(request: Any, timeout: int) -> _Response:
        raise sms.urllib.error.URLError("connection refused")

    monkeypatch.setattr(sms.urllib.request, "urlopen", down)
    with pytest.raises(sms.SmsError, match="connection refused"):
        sms.HttpSmsClient(url="https://sms.example.vn/send", token="t").send(
            to="0912345678", text="x"
        )


def test_normalise_phone() -> None:
    assert [
        sms.normalise_phone(p) for p in ("+84 912 345 678", "0912.345.678", "84243825", "")
    ] == [
        "0912345678",
        "0912345678",
        "84243825",
        "",
    ]
