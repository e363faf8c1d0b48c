"""The HTTP side of the ballot lane: which requests are ballots, reading and checking them, and
the answers, each exactly as the Ninja endpoint gives it (decision 0007)."""

import contextlib
import json
import re
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http.cookie import parse_cookie
from pydantic import BaseModel, ValidationError

from nghitruong.core.exceptions import ApplicationError
from nghitruong.realtime.asgi import Receive, Scope, Send
from nghitruong.voting.schemas import BallotIn
from nghitruong.voting.tickets import TicketError, ballot_ticket_verify

PATH = re.compile(r"^/api/v1/voting/polls/(\d{1,18})/ballots$")
MAX_BODY_BYTES = 1024

# The security headers of ``core.middleware.SecurityHeadersMiddleware``, fixed for a JSON API.
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-type", b"application/json; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]

BAD_REQUEST = "Yêu cầu không hợp lệ / Bad request"
UNAVAILABLE = (
    "Chưa ghi nhận được phiếu, vui lòng thử lại / The ballot could not be recorded, try again"
)


class _NinjaBody(BaseModel):
    """The shape Ninja validates the body with (one body parameter named ``data``)."""

    data: BallotIn


def error_body(
    status: int, code: str, message: str, detail: Any = None
) -> tuple[int, dict[str, Any]]:
    return status, {"code": code, "message": message, "detail": detail}


class RejectedError(Exception):
    """A request refused before the batch; ``body`` is the API's error shape."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["code"])
        self.status, self.body = status, body


class RefusalError(ApplicationError):
    """A refusal with its own status, carried through the batch."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["message"], code=body["code"], detail=body["detail"])
        self.status_code = status


def parse_ballot_body(raw: bytes) -> int:
    """``option_id`` from the JSON body, or ``RejectedError`` with exactly the Ninja endpoint's
    answer (400 "Cannot parse request body", 422 ``validation_error`` with pydantic's errors)."""
    data: dict[str, Any] = {}
    if raw:
        try:
            data = {"data": json.loads(raw)}
        except ValueError as exc:
            raise RejectedError(
                *error_body(400, "http_error", BAD_REQUEST, "Cannot parse request body")
            ) from exc
    try:
        return _NinjaBody.model_validate(data).data.option_id
    except ValidationError as exc:
        errors: list[dict[str, Any]] = []
        for detail in exc.errors(include_url=False):
            item: dict[str, Any] = {k: v for k, v in detail.items() if k != "input"}
            item["loc"] = ["body", *detail["loc"]]
            ctx = item.get("ctx")
            if isinstance(ctx, dict) and isinstance(ctx.get("error"), Exception):
                item["ctx"] = {**ctx, "error": str(ctx["error"])}
            errors.append(item)
        raise RejectedError(
            *error_body(422, "validation_error", "Dữ liệu không hợp lệ / Invalid input", errors)
        ) from exc


def read_headers(scope: Scope) -> dict[bytes, bytes]:
    headers: dict[bytes, bytes] = {}
    for name, value in scope.get("headers") or ():
        name = name.lower()
        if name == b"cookie" and name in headers:
            headers[name] += b"; " + value
        else:
            headers.setdefault(name, value)
    return headers


def bearer_token(value: bytes) -> str | None:
    """As ``ninja.security.HttpBearer`` then ``api_auth``: ``Bearer <token>``, scheme any case."""
    if not value:
        return None
    parts = value.decode("latin-1").split(" ")
    if parts[0].lower() != "bearer":
        return None
    return " ".join(parts[1:]).strip()


def check_ticket(
    scope: Scope, headers: dict[bytes, bytes], poll_id: int, ticket: str
) -> tuple[int, str]:
    """CSRF defence and ticket check, no database: a custom header plus a JSON content type
    (a cross-site form can send neither), an ``Origin`` if present equal to the host, and a
    ticket signed for this poll and this session cookie."""
    origin = headers.get(b"origin", b"").decode("latin-1")
    host = headers.get(b"host", b"").decode("latin-1")
    if origin and (origin == "null" or urlsplit(origin).netloc != host):
        raise RejectedError(
            *error_body(
                403,
                "origin_mismatch",
                "Yêu cầu từ nguồn không hợp lệ / The request comes from another origin",
            )
        )
    content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
    if content_type.lower() != "application/json":
        raise RejectedError(
            *error_body(
                415,
                "unsupported_media_type",
                "Yêu cầu phải là JSON / The request must be JSON (application/json)",
            )
        )
    cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
    session_key = cookies.get(settings.SESSION_COOKIE_NAME, "")
    try:
        verified = ballot_ticket_verify(ticket, poll_id=poll_id, session_key=session_key)
    except TicketError as exc:
        raise RejectedError(
            *error_body(
                401,
                "ticket_invalid",
                "Phiếu biểu quyết điện tử không hợp lệ hoặc đã hết hạn, vui lòng tải lại trang / "
                "The ballot ticket is invalid or has expired; please reload the page",
            )
        ) from exc
    return verified.person_id, session_key


async def read_body(receive: Receive, headers: dict[bytes, bytes]) -> bytes | None:
    """The body, stopping once it passes the limit (the rest is not read)."""
    with contextlib.suppress(ValueError):
        if int(headers.get(b"content-length", b"0") or 0) > MAX_BODY_BYTES:
            return b"x" * (MAX_BODY_BYTES + 1)
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > MAX_BODY_BYTES or not message.get("more_body", False):
            return body


async def respond(scope: Scope, send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    headers = [*HEADERS, (b"content-length", str(len(body)).encode())]
    if getattr(settings, "SECURE_HSTS_SECONDS", 0) and scope.get("scheme") == "https":
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
            value += "; includeSubDomains"
        headers.append((b"strict-transport-security", value.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
