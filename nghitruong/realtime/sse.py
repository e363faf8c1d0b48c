"""Server-Sent Events responses for async views (served by ASGI: uvicorn in ``nghitruong serve``).

    async def poll_events(request, poll_id):
        state = sync_to_async(lambda: [("state", check_access_and_read_state(request, poll_id))])
        return await sse_response([f"poll:{poll_id}"], initial=state)

``sse_response`` subscribes BEFORE it reads the initial state (give it a callable), so that no
event committed in between is missed; if the callable raises (no access), nothing is streamed. The stream sends ``retry``, the initial events,
then batches of events, and a comment line every ``heartbeat`` seconds so that proxies keep the
connection open and dead clients are noticed. Nothing here touches the database per event.

``sse_view_response`` is what the views use: ``initial`` is a plain (sync) callable that reaches
the object and reads its state; it runs in a thread, whose database connections are closed
afterwards, and its ``NotFoundError`` / ``PermissionDeniedError`` become a 404.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

from asgiref.sync import sync_to_async
from django.db import connections
from django.http import Http404, StreamingHttpResponse

from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.realtime.broker import Subscription, get_broker, sse_frame

HEARTBEAT_SECONDS = 15.0
RETRY_MS = 3000
InitialEvents = list[tuple[str, Any]]


async def _stream(sub: Subscription, first: bytes, heartbeat: float) -> AsyncIterator[bytes]:
    broker = get_broker()
    try:
        yield first
        while True:
            batch = await sub.next_batch(heartbeat)
            yield batch or b": ping\n\n"
    finally:
        broker.unsubscribe(sub)


async def sse_response(
    channels: Iterable[str],
    initial: Callable[[], Awaitable[InitialEvents]] | InitialEvents | None = None,
    *,
    heartbeat: float = HEARTBEAT_SECONDS,
    min_interval: float = 0.25,
) -> StreamingHttpResponse:
    """A ``text/event-stream`` response for ``channels``; ``initial`` may be an async callable."""
    sub = get_broker().subscribe(channels, min_interval=min_interval)
    try:
        events = await initial() if callable(initial) else list(initial or [])
    except BaseException:
        get_broker().unsubscribe(sub)
        raise
    first = f"retry: {RETRY_MS}\n\n".encode() + b"".join(sse_frame(e, d) for e, d in events)
    response = StreamingHttpResponse(
        _stream(sub, first, heartbeat), content_type="text/event-stream; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response


def _then_close(initial: Callable[[], InitialEvents]) -> InitialEvents:
    """Run ``initial``, then close this thread's database connections: the thread belongs to a
    request that will stream for hours, and must not hold a connection meanwhile."""
    try:
        return initial()
    finally:
        for conn in connections.all(initialized_only=True):
            if not conn.in_atomic_block:  # inside a transaction only under the test client
                conn.close()


async def sse_view_response(
    channel: str, initial: Callable[[], InitialEvents], *, min_interval: float = 0.25
) -> StreamingHttpResponse:
    """``sse_response`` for one ``channel`` with a sync ``initial`` (see the module docstring)."""
    try:
        return await sse_response(
            [channel],
            initial=sync_to_async(lambda: _then_close(initial)),
            min_interval=min_interval,
        )
    except (NotFoundError, PermissionDeniedError) as exc:
        raise Http404(exc.message) from exc
