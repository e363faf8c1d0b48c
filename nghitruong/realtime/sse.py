"""Server-Sent Events responses for async views (served by ASGI: uvicorn in ``nghitruong serve``).

    async def poll_events(request, poll_id):
        state = sync_to_async(lambda: [("state", check_access_and_read_state(request, poll_id))])
        return await sse_response([f"poll:{poll_id}"], initial=state)

``sse_response`` subscribes BEFORE it reads the initial state (give it a callable), so that no
event committed in between is missed; if the callable raises (no access), nothing is streamed. The stream sends ``retry``, the initial events,
then batches of events, and a comment line every ``heartbeat`` seconds so that proxies keep the
connection open and dead clients are noticed. Nothing here touches the database per event.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

from django.http import StreamingHttpResponse

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
