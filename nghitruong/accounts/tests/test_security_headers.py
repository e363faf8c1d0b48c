"""Security headers on every response; HSTS only in production (HTTPS=true)."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/accounts/me", "/no-such-page/"])
def test_headers_on_every_response(client, path: str) -> None:
    response = client.get(path)
    for name, value in EXPECTED.items():
        assert response.headers[name] == value, name
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_when_https(client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/accounts/login/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _settings_in_subprocess(https: str) -> str:
    env = {
        **os.environ,
        "HTTPS": https,
        "NGHITRUONG_ALLOW_INSECURE_KEY": "1",
        "DEBUG": "",
        "SECURE_COOKIES": "",
    }
    code = (
        "from nghitruong.config import settings as s;"
        "print(getattr(s, 'SECURE_HSTS_SECONDS', 0), getattr(s, 'SECURE_SSL_REDIRECT', False),"
        " s.SESSION_COOKIE_SECURE)"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_production_settings_turn_on_hsts_only_with_https() -> None:
    assert _settings_in_subprocess("true") == "31536000 True True"
    assert _settings_in_subprocess("") == "0 False False"
