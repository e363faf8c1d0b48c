"""Text messages to petitioners (one-time codes, request outcomes) through an outside gateway.

The gateway is outside the platform, so it sits behind this small interface:

- ``SmsClient.send(to=..., text=...)`` sends one message or raises ``SmsError``;
- ``ConsoleSmsClient`` (the default) writes the message to the log, for development;
- ``LocmemSmsClient`` keeps messages in ``LocmemSmsClient.outbox`` (tests, like Django's mail);
- ``HttpSmsClient`` POSTs ``{"to": ..., "text": ..., "sender": ...}`` as JSON to
  ``PETITIONS_SMS_URL`` with ``Authorization: Bearer PETITIONS_SMS_TOKEN`` and expects a 2xx.

``PETITIONS_SMS_BACKEND`` is the dotted path of the client class (see .env.example).
"""

import json
import logging
import re
import urllib.error
import urllib.request
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from nghitruong.config.env import env_str

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "nghitruong.petitions.sms.ConsoleSmsClient"
TIMEOUT_SECONDS = 10


def _setting(name: str, default: str = "") -> str:
    """A Django setting when the project defines it (tests override it), else the environment."""
    value = getattr(settings, name, None)
    return str(value) if value is not None else env_str(name, default)


class SmsError(Exception):
    """The message could not be handed to the gateway."""


class SmsClient(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


def normalise_phone(raw: str) -> str:
    """Digits only, the Vietnamese country code folded: ``+84 912 345 678`` → ``0912345678``."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


class ConsoleSmsClient:
    def send(self, *, to: str, text: str) -> None:
        logger.warning("SMS to %s: %s", to, text)


class LocmemSmsClient:
    outbox: ClassVar[list[dict[str, str]]] = []

    def send(self, *, to: str, text: str) -> None:
        self.outbox.append({"to": to, "text": text})


class HttpSmsClient:
    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        self.url = url if url is not None else _setting("PETITIONS_SMS_URL")
        self.token = token if token is not None else _setting("PETITIONS_SMS_TOKEN")
        self.sender = _setting("PETITIONS_SMS_SENDER", "NGHITRUONG")

    def send(self, *, to: str, text: str) -> None:
        if not self.url.startswith("https://"):
            raise SmsError("PETITIONS_SMS_URL must be an https:// URL")
        payload = json.dumps(
            {"to": normalise_phone(to), "text": text, "sender": self.sender}, ensure_ascii=False
        ).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - https enforced above
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                status = response.status
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError(str(exc)) from exc
        if not 200 <= status < 300:
            raise SmsError(f"gateway answered {status}")


def get_client() -> SmsClient:
    backend = _setting("PETITIONS_SMS_BACKEND") or DEFAULT_BACKEND
    client: SmsClient = import_string(backend)()
    return client
