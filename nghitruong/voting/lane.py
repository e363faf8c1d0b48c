"""The ballot lane: ``POST /api/v1/voting/polls/<id>/ballots`` without Django's request stack.

An ASGI app wrapping the project's application (``config/asgi.py``, outside ``RequestLimit``).
It answers exactly that URL when the request carries a personal API token
(``Authorization: Bearer …``) or a ballot ticket (``X-Ballot-Ticket``, see ``voting.tickets``);
everything else — other URLs, and ballots authenticated by the session alone — goes to Django
untouched. Same JSON body (``{"option_id": n}``), same answers as the Ninja endpoint: 201
``{"ok": true}`` or ``{"code", "message", "detail"}`` with the same status.

Per poll, an asyncio batcher: each request parses its body, enqueues (credential, option, future)
and waits. A flusher hands everything queued so far to ``voting.services.ballots_record`` in ONE
dedicated worker thread (its own persistent database connection), then the next batch: natural
group commit, no artificial wait. A response is sent only after its batch committed, so an
accepted vote is never lost; the API tokens' ``last_used_at`` is written after the answers, in the
same thread before the next batch. Decision 0007.
"""

import asyncio
import contextlib
import gc
import json
import logging
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections
from pydantic import BaseModel, ValidationError

from nghitruong.accounts.services import api_tokens_mark_used
from nghitruong.core.exceptions import ApplicationError
from nghitruong.voting.schemas import BallotIn
from nghitruong.voting.services.ballots import (
    BallotOutcome,
    BallotRequest,
    ballots_announce,
    ballots_record,
)
from nghitruong.voting.tickets import TicketError, ballot_ticket_verify

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[..., Awaitable[None]]

PATH = re.compile(r"^/api/v1/voting/polls/(\d{1,18})/ballots$")
MAX_BODY_BYTES = 1024
MAX_BATCH = 900  # ballots per transaction (keeps every IN list below SQLite's 999 parameters)
IDLE_CLOSE_SECONDS = 60.0  # the worker's connection is closed after this long without a ballot
# The vote counter is announced once no ballot came for ANNOUNCE_QUIET seconds, and at least every
# ANNOUNCE_EVERY seconds during a long burst (see ``_Batcher._schedule_announce``).
ANNOUNCE_QUIET = 0.2
GATHER_PASSES = 8  # event-loop passes to take in an arriving burst before a batch leaves
ANNOUNCE_EVERY = 1.0
# Python's full garbage collection is held off while ballots are in flight, for at most this long
# at a time (see ``BallotLane.gc_flush_started``).
GC_HOLD_MAX = 2.0

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


def _error(status: int, code: str, message: str, detail: Any = None) -> tuple[int, dict[str, Any]]:
    return status, {"code": code, "message": message, "detail": detail}


class _RejectedError(Exception):
    """A request refused before the batch; ``body`` is the API's error shape."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["code"])
        self.status, self.body = status, body


class _RefusalError(ApplicationError):
    """A refusal with its own status, carried through the batch."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["message"], code=body["code"], detail=body["detail"])
        self.status_code = status


_UNAVAILABLE = BallotOutcome(_RefusalError(*_error(503, "unavailable", UNAVAILABLE)))


def parse_ballot_body(raw: bytes) -> int:
    """``option_id`` from the JSON body, or ``_RejectedError`` with exactly the Ninja endpoint's
    answer (400 "Cannot parse request body", 422 ``validation_error`` with pydantic's errors)."""
    data: dict[str, Any] = {}
    if raw:
        try:
            data = {"data": json.loads(raw)}
        except ValueError as exc:
            raise _RejectedError(
                *_error(400, "http_error", BAD_REQUEST, "Cannot parse request body")
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
        raise _RejectedError(
            *_error(422, "validation_error", "Dữ liệu không hợp lệ / Invalid input", errors)
        ) from exc


class _Batcher:
    """The queue of one poll on one event loop; one flush at a time."""

    def __init__(self, lane: "BallotLane", poll_id: int) -> None:
        self.lane, self.poll_id = lane, poll_id
        self.loop = asyncio.get_running_loop()
        self.pending: list[tuple[BallotRequest, asyncio.Future[BallotOutcome]]] = []
        self.flushing = False
        self.unannounced_since: float | None = None
        self.announce_timer: asyncio.TimerHandle | None = None

    def submit(self, request: BallotRequest) -> "asyncio.Future[BallotOutcome]":
        future: asyncio.Future[BallotOutcome] = self.loop.create_future()
        self.pending.append((request, future))
        if not self.flushing:
            self.flushing = True
            self.loop.create_task(self._flush())
        return future

    async def _flush(self) -> None:
        self.lane.gc_flush_started(self.loop.time())
        try:
            while self.pending:
                await self._gather_ready()
                batch, self.pending = self.pending[:MAX_BATCH], self.pending[MAX_BATCH:]
                requests = [request for request, _ in batch]
                try:
                    outcomes = await self.loop.run_in_executor(
                        self.lane.executor(), self.lane.record, self.poll_id, requests
                    )
                except Exception:
                    logger.exception("ballot lane: batch of %d failed", len(batch))
                    outcomes = [_UNAVAILABLE] * len(batch)
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)
                used = [o.token for o in outcomes if o.token is not None]
                if used:  # after the answers, in the worker thread before the next batch
                    self.loop.run_in_executor(self.lane.executor(), _mark_used, used)
                if any(o.accepted for o in outcomes):
                    self._schedule_announce()
                self.lane.gc_flush_tick(self.loop.time())
        finally:
            self.flushing = False
            # After the answers just released have been written (their tasks run first).
            self.loop.call_soon(self.lane.gc_flush_ended)
            self.lane.batch_done(self)

    async def _gather_ready(self) -> None:
        """Let the event loop take in the requests already received (a burst arriving) before
        the batch leaves: a few passes of the loop, no timer, stopping once nothing new came."""
        for _ in range(GATHER_PASSES):
            before = len(self.pending)
            await asyncio.sleep(0)
            if len(self.pending) == before or len(self.pending) >= MAX_BATCH:
                return

    def _schedule_announce(self) -> None:
        """The live vote counter (``ballot.cast``): once the ballots stop coming for
        ``ANNOUNCE_QUIET`` seconds, and at least every ``ANNOUNCE_EVERY`` seconds during a long
        burst — not after every batch: each announcement fans out to every observer, thousands
        of writes on the event loop that a burst's ballots would wait behind (decision 0007)."""
        now = self.loop.time()
        if self.unannounced_since is None:
            self.unannounced_since = now
        if self.announce_timer is not None:
            self.announce_timer.cancel()
        if now - self.unannounced_since >= ANNOUNCE_EVERY:
            self._announce()
        else:
            self.announce_timer = self.loop.call_later(ANNOUNCE_QUIET, self._announce)

    def _announce(self) -> None:
        if self.announce_timer is not None:
            self.announce_timer.cancel()
        self.announce_timer, self.unannounced_since = None, None
        # In the worker thread, after the batches it counts (the executor is FIFO).
        self.loop.run_in_executor(self.lane.executor(), _announce, self.poll_id)


def _mark_used(tokens: list[Any]) -> None:
    try:
        api_tokens_mark_used(tokens=tokens)
    except Exception:
        logger.exception("ballot lane: recording the use of %d tokens failed", len(tokens))


def _announce(poll_id: int) -> None:
    try:
        ballots_announce(poll_id=poll_id)
    except Exception:
        logger.exception("ballot lane: announcing poll %s failed", poll_id)


class BallotLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._batchers: dict[tuple[int, int], _Batcher] = {}
        self._idle: asyncio.TimerHandle | None = None
        self._warmed = False
        self._gc_flushes = 0  # batchers flushing now, on any loop of this process
        self._gc_held_since: float | None = None  # set while the lane holds the collector off
        self._gc_given_back = False

    # -- the garbage collector ----------------------------------------------------------------
    # With 2,000 observers connected a full collection of the server's heap takes 100–290 ms
    # (measured with ``gc.callbacks``, docs/benchmarks.md "Electronic voting"); landing inside a
    # burst it delayed every ballot of the burst by that much. So automatic collection is held
    # off while batches run in this process — on the event loop, bounded: back once no batcher
    # is flushing, or after ``GC_HOLD_MAX`` seconds of continuous ballots (then not taken again
    # until the lane is idle). A process that disabled the collector itself is left alone.
    def gc_flush_started(self, now: float) -> None:
        self._gc_flushes += 1
        if self._gc_held_since is None and not self._gc_given_back and gc.isenabled():
            gc.disable()
            self._gc_held_since = now

    def gc_flush_tick(self, now: float) -> None:
        if self._gc_held_since is not None and now - self._gc_held_since > GC_HOLD_MAX:
            gc.enable()
            self._gc_held_since, self._gc_given_back = None, True

    def gc_flush_ended(self) -> None:
        self._gc_flushes = max(0, self._gc_flushes - 1)  # 0 after ``close`` reset the count
        if self._gc_flushes > 0:
            return
        if self._gc_held_since is not None:
            gc.enable()
        self._gc_held_since, self._gc_given_back = None, False

    # -- the worker thread -------------------------------------------------------------------
    def executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="ballot-lane")
            return self._executor

    def record(self, poll_id: int, requests: list[BallotRequest]) -> list[BallotOutcome]:
        """In the worker thread: one batch; a dropped connection is reopened once."""
        for attempt in (1, 2):
            try:
                return ballots_record(
                    poll_id=poll_id, ballots=requests, announce=False, mark_tokens_used=False
                )
            except IntegrityError:
                raise
            except DatabaseError:
                connections.close_all()  # a broken connection: the batch was rolled back
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the worker's database connection (in its thread) and stop the thread."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._warmed = False
        if self._gc_held_since is not None:
            gc.enable()
        self._gc_flushes, self._gc_held_since, self._gc_given_back = 0, None, False
        if executor is not None:
            executor.submit(connections.close_all).result(30)
            executor.shutdown(wait=True)

    def batch_done(self, batcher: _Batcher) -> None:
        key = (id(batcher.loop), batcher.poll_id)
        if self._batchers.get(key) is batcher and not batcher.pending:
            del self._batchers[key]
        if not self._batchers:
            if self._idle is not None:
                self._idle.cancel()
            self._idle = batcher.loop.call_later(IDLE_CLOSE_SECONDS, self._close_if_idle)

    def _close_if_idle(self) -> None:
        self._idle = None
        if not self._batchers and self._executor is not None:
            self._executor.submit(connections.close_all)
            self._warmed = False

    def _batcher(self, poll_id: int) -> _Batcher:
        loop = asyncio.get_running_loop()
        key = (id(loop), poll_id)
        batcher = self._batchers.get(key)
        if batcher is None or batcher.loop is not loop:
            batcher = self._batchers[key] = _Batcher(self, poll_id)
        return batcher

    # -- ASGI --------------------------------------------------------------------------------
    def warm(self) -> None:
        """Open the worker's connection ahead of the first ballot (on the first request of any
        kind): the first batch must not pay for connecting while a burst waits behind it."""
        with self._lock:
            if self._warmed:
                return
            self._warmed = True
        self.executor().submit(_warm_connection)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if not self._warmed and scope["type"] == "http":
            self.warm()
        match = (
            PATH.match(scope.get("path", ""))
            if scope["type"] == "http" and scope.get("method") == "POST"
            else None
        )
        headers = _headers(scope) if match else {}
        bearer = _bearer(headers.get(b"authorization", b""))
        ticket = headers.get(b"x-ballot-ticket", b"").decode("latin-1").strip()
        if match is None or (bearer is None and not ticket):
            await self.app(scope, receive, send)  # not ours: Django, untouched
            return
        poll_id = int(match.group(1))
        try:
            request = await self._read(scope, receive, headers, poll_id, bearer, ticket)
        except _RejectedError as exc:
            await _respond(scope, send, exc.status, exc.body)
            return
        if request is None:  # the client went away
            return
        outcome = await self._batcher(poll_id).submit(request)
        if outcome.error is None:
            await _respond(scope, send, 201, {"ok": True})
        else:
            error = outcome.error
            await _respond(
                scope,
                send,
                error.status_code,
                {"code": error.code, "message": error.message, "detail": error.detail},
            )

    async def _read(
        self,
        scope: Scope,
        receive: Receive,
        headers: dict[bytes, bytes],
        poll_id: int,
        bearer: str | None,
        ticket: str,
    ) -> BallotRequest | None:
        if bearer is None:
            person_id, session_key = _check_ticket(scope, headers, poll_id, ticket)
        raw = await _read_body(receive, headers)
        if raw is None:
            return None
        error = None
        option_id: int | None = None
        try:
            if len(raw) > MAX_BODY_BYTES:
                raise _RejectedError(
                    *_error(
                        400,
                        "body_too_large",
                        "Nội dung yêu cầu quá lớn / The request body is too large",
                        {"max_bytes": MAX_BODY_BYTES},
                    )
                )
            option_id = parse_ballot_body(raw)
        except _RejectedError as exc:
            if bearer is None:  # the ticket is already verified: answer at once
                raise
            # A token is checked in the batch; the API reports a bad credential before a bad body.
            error = _RefusalError(exc.status, exc.body)
        if bearer is not None:
            return BallotRequest(option_id=option_id, token=bearer, error=error)
        return BallotRequest(option_id=option_id, session_key=session_key, person_id=person_id)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self.close)
                await send({"type": "lifespan.shutdown.complete"})
                return


def _warm_connection() -> None:
    from nghitruong.voting.models import Poll

    Poll.objects.filter(pk=0).exists()


def _headers(scope: Scope) -> dict[bytes, bytes]:
    headers: dict[bytes, bytes] = {}
    for name, value in scope.get("headers") or ():
        name = name.lower()
        if name == b"cookie" and name in headers:
            headers[name] += b"; " + value
        else:
            headers.setdefault(name, value)
    return headers


def _bearer(value: bytes) -> str | None:
    """As ``ninja.security.HttpBearer`` then ``api_auth``: ``Bearer <token>``, scheme any case."""
    if not value:
        return None
    parts = value.decode("latin-1").split(" ")
    if parts[0].lower() != "bearer":
        return None
    return " ".join(parts[1:]).strip()


def _cookie(headers: dict[bytes, bytes], name: str) -> str:
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip().strip('"')
    return ""


def _check_ticket(
    scope: Scope, headers: dict[bytes, bytes], poll_id: int, ticket: str
) -> tuple[int, str]:
    """CSRF defence and ticket check, no database: a custom header plus a JSON content type
    (a cross-site form can send neither), an ``Origin`` if present equal to the host, and a
    ticket signed for this poll and this session cookie."""
    origin = headers.get(b"origin", b"").decode("latin-1")
    host = headers.get(b"host", b"").decode("latin-1")
    if origin and (origin == "null" or urlsplit(origin).netloc != host):
        raise _RejectedError(
            *_error(
                403,
                "origin_mismatch",
                "Yêu cầu từ nguồn không hợp lệ / The request comes from another origin",
            )
        )
    content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
    if content_type.lower() != "application/json":
        raise _RejectedError(
            *_error(
                415,
                "unsupported_media_type",
                "Yêu cầu phải là JSON / The request must be JSON (application/json)",
            )
        )
    session_key = _cookie(headers, settings.SESSION_COOKIE_NAME)
    try:
        verified = ballot_ticket_verify(ticket, poll_id=poll_id, session_key=session_key)
    except TicketError as exc:
        raise _RejectedError(
            *_error(
                401,
                "ticket_invalid",
                "Phiếu biểu quyết điện tử không hợp lệ hoặc đã hết hạn, vui lòng tải lại trang / "
                "The ballot ticket is invalid or has expired; please reload the page",
            )
        ) from exc
    return verified.person_id, session_key


async def _read_body(receive: Receive, headers: dict[bytes, bytes]) -> bytes | None:
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


async def _respond(scope: Scope, send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    headers = [*HEADERS, (b"content-length", str(len(body)).encode())]
    if getattr(settings, "SECURE_HSTS_SECONDS", 0) and scope.get("scheme") == "https":
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
            value += "; includeSubDomains"
        headers.append((b"strict-transport-security", value.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
