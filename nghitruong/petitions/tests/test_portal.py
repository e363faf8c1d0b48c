"""The public portal: submission (idempotent, limited), follow page, moderation, open data."""

import csv
import io
import json
import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from nghitruong.core.models import AuditEntry
from nghitruong.petitions import qr, services, tracking
from nghitruong.petitions.models import Petition, Petitioner
from nghitruong.petitions.services.portal import petition_moderate
from nghitruong.petitions.tests.conftest import World

pytestmark = pytest.mark.django_db

KEY = "khoa-gui-0123456789abcdef"
TEXT = "Đề nghị sửa chữa cầu treo bản Nà Khoang đã xuống cấp, học sinh đi lại nguy hiểm"


def _post(client: Client, world: World, key: str = KEY, **extra: str) -> object:
    data = {
        "idempotency_key": key,
        "body": str(world.bodies["d01"].pk),
        "province": str(world.units["01"].pk),
        "content": TEXT,
    } | extra
    return client.post("/kien-nghi/gui/", data, REMOTE_ADDR="203.0.113.7")


def test_form_has_consent_purpose_denunciation_note_and_a_fresh_key(world: World) -> None:
    page = Client().get("/kien-nghi/gui/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tiếp nhận, chuyển và theo dõi kết quả giải quyết kiến nghị" in html
    assert "Luật Tố cáo 2018" in html
    key = page.context["form"].initial["idempotency_key"]
    assert len(key) == 32
    assert Client().get("/kien-nghi/gui/").context["form"].initial["idempotency_key"] != key


def test_double_submit_creates_one_petition_and_shows_code_and_qr(world: World) -> None:
    client = Client()
    first = _post(client, world)
    second = _post(client, world)
    assert (first.status_code, second.status_code) == (201, 200)
    petition = Petition.objects.get()
    code = tracking.display(petition.tracking_code)
    assert first.context["code"] == second.context["code"] == code
    html = first.content.decode()
    assert "<svg" in html
    assert f"/kien-nghi/theo-doi/{code}/" in html
    assert petition.moderation == "pending"
    assert petition.source == "online"


def test_personal_data_without_consent_is_refused_and_nothing_stored(world: World) -> None:
    response = _post(Client(), world, full_name="Nguyễn Văn Dân", phone="0912345678")
    assert response.status_code == 400
    assert "Cần có sự đồng ý" in response.content.decode()
    assert (Petition.objects.count(), Petitioner.objects.count()) == (0, 0)


def test_denunciation_is_refused_with_the_channel(world: World) -> None:
    response = _post(Client(), world, is_denunciation="on")
    assert response.status_code == 400
    assert "Luật Tố cáo 2018" in response.context["form"].non_field_errors()[0]
    assert Petition.objects.count() == 0


@override_settings(PETITIONS_PUBLIC_CONTENT_MAX=50)
def test_content_size_limit(world: World) -> None:
    response = _post(Client(), world, content="x" * 51)
    assert response.status_code == 400
    assert Petition.objects.count() == 0


@override_settings(PETITIONS_SUBMIT_LIMITS={"ip": (2, 600), "identity": (5, 3600)})
def test_rate_limit_per_ip_and_replays_do_not_count(world: World) -> None:
    client = Client()
    assert _post(client, world, key="k" * 20).status_code == 201
    assert _post(client, world, key="k" * 20).status_code == 200  # replay, not counted
    assert _post(client, world, key="m" * 20).status_code == 201
    refused = _post(client, world, key="n" * 20)
    assert refused.status_code == 429
    assert "quá nhiều" in refused.content.decode()
    assert Petition.objects.count() == 2
    other_ip = client.post(
        "/kien-nghi/gui/",
        {"idempotency_key": "p" * 20, "body": world.bodies["d01"].pk, "content": TEXT},
        REMOTE_ADDR="198.51.100.1",
    )
    assert other_ip.status_code == 201


def test_a_retry_racing_past_the_portal_check_gets_the_first_petition(world: World) -> None:
    """The portal looks the key up once (``key_checked``); a retry that commits in between is
    caught by the unique key: the first petition, created = False, no second petitioner row."""
    data = services.PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")
    kwargs = {
        "idempotency_key": KEY,
        "body": world.bodies["d01"],
        "content": TEXT,
        "petitioner": data,
        "consent": True,
    }
    first, created = services.petition_submit_online(**kwargs)
    again, again_created = services.petition_submit_online(**kwargs, key_checked=True)
    assert (again.pk, created, again_created) == (first.pk, True, False)
    assert (Petition.objects.count(), Petitioner.objects.count()) == (1, 1)
    assert AuditEntry.objects.filter(action="petition.submit_online").count() == 1


@override_settings(PETITIONS_SUBMIT_LIMITS={"ip": (50, 600), "identity": (1, 3600)})
def test_rate_limit_per_identity(world: World) -> None:
    data = {"email": "Dan@Example.vn", "consent": "on"}
    assert _post(Client(), world, key="a" * 20, **data).status_code == 201
    again = _post(Client(), world, key="b" * 20, email="dan@example.vn", consent="on")
    assert again.status_code == 429
    assert Petition.objects.count() == 1


def test_follow_shows_timeline_without_personal_data(world: World) -> None:
    _post(Client(), world, full_name="Nguyễn Văn Dân", email="dan@example.vn", consent="on")
    petition = Petition.objects.get()
    code = tracking.display(petition.tracking_code)
    page = Client().get(f"/kien-nghi/theo-doi/{code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["f"]["status_label"] == "Chờ kiểm duyệt"
    assert [e["kind"] for e in page.context["f"]["timeline"]] == ["received"]
    assert "Nguyễn Văn Dân" not in html
    assert "dan@example.vn" not in html
    assert TEXT not in html
    # Lower case, no hyphens: the same petition.
    assert Client().get(f"/kien-nghi/theo-doi/{petition.tracking_code.lower()}/").status_code == 200


def test_qr_code_is_served_from_its_own_url_without_reading_data(
    world: World, django_assert_num_queries: Any
) -> None:
    _post(Client(), world)
    code = Petition.objects.get().tracking_code
    follow = Client().get(f"/kien-nghi/theo-doi/{tracking.display(code)}/").content.decode()
    url = f"/kien-nghi/theo-doi/{tracking.display(code)}/qr.svg"
    assert f'<img src="{url}"' in follow
    with django_assert_num_queries(0):  # nothing read: says nothing about the code existing
        answer = Client().get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/svg+xml"
    assert answer["Cache-Control"] == "public, max-age=86400"
    assert answer.content.decode() == qr.qr_svg(code)
    assert answer.content.startswith(b"<?xml")
    assert b"<path" in answer.content
    # Lower case without hyphens is the same code and the same drawing.
    assert Client().get(f"/kien-nghi/theo-doi/{code.lower()}/qr.svg").content == answer.content
    other = "0123456789AB" + tracking.check_symbol("0123456789AB")  # well-formed, never issued
    unknown = Client().get(f"/kien-nghi/theo-doi/{other}/qr.svg")
    assert (unknown.status_code, unknown.content) == (200, qr.qr_svg(other).encode())
    wrong_check = code[:-1] + ("0" if code[-1] != "0" else "1")
    for bad in (wrong_check, code[:-2], "khong-co"):
        assert Client().get(f"/kien-nghi/theo-doi/{bad}/qr.svg").status_code == 404


def test_qr_code_is_drawn_once_per_code() -> None:
    code = "ABCDEFGH1234" + tracking.check_symbol("ABCDEFGH1234")
    qr._draw.cache_clear()
    first = qr.qr_svg(code)
    assert qr.qr_svg(code) is first
    info = qr._draw.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert qr.qr_url(code) == "/kien-nghi/theo-doi/ABCD-EFGH-1234" + code[-1] + "/qr.svg"
    assert qr.qr_url(code) == reverse("petitions:follow_qr", args=[tracking.display(code)])


def test_neighbouring_and_wrong_codes_get_the_same_not_found(world: World) -> None:
    _post(Client(), world)
    code = Petition.objects.get().tracking_code
    body = code[:-1]
    neighbour = body[:-1] + ("1" if body[-1] != "1" else "2")
    valid_neighbour = neighbour + tracking.check_symbol(neighbour)  # passes the check symbol
    codes = (valid_neighbour, code[:-1] + ("0" if code[-1] != "0" else "1"), "khong-co")
    answers = [Client().get(f"/kien-nghi/theo-doi/{c}/") for c in codes]
    assert [a.status_code for a in answers] == [404, 404, 404]
    # The same page, apart from the address itself and the per-visitor CSRF token.
    pages = {
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", a.content.decode()).replace(c, "C")
        for a, c in zip(answers, codes, strict=True)
    }
    assert len(pages) == 1
    assert "Không tìm thấy kiến nghị với mã này" in pages.pop()


def test_lookup_form_redirects_to_follow(world: World) -> None:
    response = Client().get("/kien-nghi/theo-doi/", {"code": "abcd-efgh"})
    assert (response.status_code, response["Location"]) == (302, "/kien-nghi/theo-doi/ABCDEFGH/")


def test_moderation_gates_routing_and_is_audited(world: World) -> None:
    _post(Client(), world)
    petition = Petition.objects.get()
    staff = world.users["staff01"]
    with pytest.raises(Exception, match="kiểm duyệt"):
        services.petition_classify(
            actor=staff, petition=petition, field=world.field(), level="central"
        )
    petition.refresh_from_db()
    assert (petition.status, petition.field_id) == ("received", None)
    with pytest.raises(Exception, match="lý do"):
        petition_moderate(actor=staff, petition=petition, approve=False, reason="")
    with pytest.raises(Exception, match="không có quyền"):
        petition_moderate(actor=world.users["staff79"], petition=petition, approve=True)
    petition.refresh_from_db()
    assert petition.moderation == "pending"
    petition_moderate(actor=staff, petition=petition, approve=True)
    services.petition_classify(actor=staff, petition=petition, field=world.field(), level="central")
    petition.refresh_from_db()
    assert (petition.moderation, petition.status) == ("approved", "classified")
    entry = AuditEntry.objects.get(action="petition.moderate")
    assert (entry.after["moderation"], entry.before["moderation"]) == ("approved", "pending")


def test_rejected_submission_shows_reason_publicly(world: World) -> None:
    _post(Client(), world)
    petition = Petition.objects.get()
    petition_moderate(
        actor=world.users["staff01"], petition=petition, approve=False, reason="Nội dung quảng cáo"
    )
    page = Client().get(f"/kien-nghi/theo-doi/{petition.tracking_code}/")
    assert page.context["f"]["status_label"] == "Không tiếp nhận"
    assert page.context["f"]["timeline"][-1]["note"] == "Không tiếp nhận: Nội dung quảng cáo"


def test_open_data_is_anonymised_with_every_state_timestamp(world: World, make_petition) -> None:
    routed = make_petition(assign_to="btc")
    _post(Client(), world, full_name="Nguyễn Văn Dân", consent="on")  # pending: not public
    rows = list(
        csv.DictReader(
            io.StringIO(
                Client().get("/kien-nghi/du-lieu-mo/kien-nghi.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert [r["id"] for r in rows] == [str(routed.pk)]
    row = rows[0]
    assert (row["status"], row["agency"], row["province"], row["field"]) == (
        "assigned",
        "bo-tai-chinh",
        "01",
        "y-te",
    )
    assert row["content"] == ""  # a letter, not a meeting petition: text not published
    assert row["received_at"]
    assert row["classified_at"]
    assert row["assigned_at"]
    assert row["resolved_at"] == ""
    assert "tracking_code" not in row
    data = json.loads(Client().get("/kien-nghi/du-lieu-mo/kien-nghi.json").content)
    assert [p["id"] for p in data["petitions"]] == [routed.pk]
    assert data["petitions"][0]["assigned_at"] == row["assigned_at"]


def test_statistics_by_province_and_field(world: World, make_petition) -> None:
    make_petition(assign_to="btc")
    make_petition()
    page = Client().get("/kien-nghi/thong-ke/")
    s = page.context["s"]
    assert (s["total"], s["routed"]) == (2, 1)
    assert [(r["label"], r["total"], r["bar"]) for r in s["by_province"]] == [
        ("Thành phố Hà Nội", 2, 300)
    ]
    assert sorted((r["label"], r["total"]) for r in s["by_field"]) == [  # NULL order differs by DB
        ("", 1),
        ("Y tế, bảo hiểm y tế", 1),
    ]
    assert '<svg class="pet-bar"' in page.content.decode()
