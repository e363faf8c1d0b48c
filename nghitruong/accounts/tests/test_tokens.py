"""Personal API tokens: SHA-256 only, shown once, revocable, expiring; session + CSRF for the API."""

import datetime as dt
import hashlib

import pytest
from django.test import Client

from nghitruong.accounts.models import ApiToken, User
from nghitruong.accounts.services import api_token_create, api_token_revoke
from nghitruong.accounts.testing import login_verified
from nghitruong.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me"
TOKENS = "/api/v1/accounts/tokens"
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Chưa đăng nhập / Not authenticated",
    "detail": None,
}


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_create_stores_only_the_hash(make_user) -> None:
    user = make_user("cutri.binh")
    token, secret = api_token_create(user=user, name="Kịch bản thống kê")
    assert secret.startswith("ntk_")
    assert len(secret) == 47
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:12]
    assert not ApiToken.objects.filter(name__contains=secret[12:]).exists()
    entry = AuditEntry.objects.get(action="api_token.create")
    assert secret not in str(entry.after)
    assert entry.after == {"name": "Kịch bản thống kê", "prefix": secret[:12], "expires_at": None}


def test_bearer_token_authenticates(deputy: User, clock) -> None:
    _token, secret = api_token_create(user=deputy, name="tích hợp")
    response = Client().get(ME, **_bearer(secret))
    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["full_name"]) == ("daibieu.an", "Nguyễn Văn An")
    assert [(m["body_name"], m["role"]) for m in body["memberships"]] == [("Quốc hội", "deputy")]
    assert ApiToken.objects.get().last_used_at.isoformat() == "2026-11-23T02:00:00+00:00"


def test_revoked_token_is_refused(make_user) -> None:
    user = make_user("cutri.binh")
    token, secret = api_token_create(user=user, name="cũ")
    api_token_revoke(token=token, actor=user)
    response = Client().get(ME, **_bearer(secret))
    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)


def test_expired_token_is_refused(make_user, clock) -> None:
    user = make_user("cutri.binh")
    expires = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
    _token, secret = api_token_create(user=user, name="ngắn hạn", expires_at=expires)
    clock.shift(59 * 60 + 59)
    assert Client().get(ME, **_bearer(secret)).status_code == 200
    clock.shift(1)
    assert Client().get(ME, **_bearer(secret)).status_code == 401


def test_token_of_deactivated_user_is_refused(make_user) -> None:
    from nghitruong.accounts.services import user_deactivate

    user = make_user("cutri.binh")
    _token, secret = api_token_create(user=user, name="x")
    user_deactivate(user=user, actor=None)
    assert Client().get(ME, **_bearer(secret)).status_code == 401


def test_wrong_secret_is_refused() -> None:
    assert Client().get(ME, **_bearer("ntk_khong-ton-tai")).status_code == 401


def test_session_requires_verified_second_factor_for_staff(deputy: User) -> None:
    unverified = Client()
    unverified.force_login(deputy)
    assert unverified.get(ME).status_code == 401
    verified = Client()
    login_verified(verified, deputy)
    assert verified.get(ME).json()["username"] == "daibieu.an"


def test_session_post_needs_csrf(deputy: User) -> None:
    client = Client(enforce_csrf_checks=True)
    login_verified(client, deputy)
    refused = client.post(TOKENS, {"name": "không CSRF"}, content_type="application/json")
    assert refused.status_code == 403
    assert ApiToken.objects.count() == 0

    client.get("/accounts/tokens/")
    csrf = client.cookies["csrftoken"].value
    created = client.post(
        TOKENS, {"name": "có CSRF"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "có CSRF"
    assert Client().get(ME, **_bearer(body["secret"])).status_code == 200


def test_token_cannot_mint_tokens(make_user) -> None:
    user = make_user("cutri.binh")
    _token, secret = api_token_create(user=user, name="gốc")
    response = Client().post(
        TOKENS, {"name": "con"}, content_type="application/json", **_bearer(secret)
    )
    assert response.status_code == 403
    assert response.json()["code"] == "session_required"
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["gốc"]


def test_api_list_and_revoke_own_tokens_only(make_user) -> None:
    owner = make_user("cutri.binh")
    stranger = make_user("cutri.chi")
    mine, secret = api_token_create(user=owner, name="của tôi")
    theirs, _ = api_token_create(user=stranger, name="của người khác")
    client = Client()
    listed = client.get(TOKENS, **_bearer(secret)).json()
    assert [t["name"] for t in listed] == ["của tôi"]

    denied = client.post(f"{TOKENS}/{theirs.pk}/revoke", **_bearer(secret))
    assert denied.status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None

    revoked = client.post(f"{TOKENS}/{mine.pk}/revoke", **_bearer(secret))
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert client.get(ME, **_bearer(secret)).status_code == 401


def test_token_pages_create_show_once_and_revoke(deputy: User) -> None:
    client = Client()
    login_verified(client, deputy)
    created = client.post("/accounts/tokens/", {"name": "Báo cáo tuần", "expires_on": ""})
    assert created.status_code == 200
    secret = created.context["secret"]
    assert f'<code id="token-secret">{secret}</code>' in created.content.decode()
    token = ApiToken.objects.get(user=deputy)
    assert token.name == "Báo cáo tuần"

    listing = client.get("/accounts/tokens/").content.decode()
    assert secret not in listing
    assert f"{token.prefix}…" in listing

    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response["Location"] == "/accounts/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_someone_elses_token_page_is_404(deputy: User, make_user) -> None:
    stranger = make_user("cutri.chi")
    theirs, _ = api_token_create(user=stranger, name="của người khác")
    client = Client()
    login_verified(client, deputy)
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
