"""ASGI wrapper: bound how many ordinary requests a server process runs at once.

Under ASGI, Django runs every request's synchronous code (views, sync middleware) in a thread of
its own, each with its own database connection: 500 simultaneous ballots meant 500 threads and
500 connections fighting for SQLite's write lock (timeouts, HTTP 500) or PostgreSQL's
``max_connections``. ``RequestLimit`` queues requests beyond ``limit`` (FIFO) instead. A
Server-Sent Events response leaves the count as soon as its headers are sent, so thousands of
open streams never block ordinary requests.
"""

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[..., Awaitable[None]]


class RequestLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._semaphores: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        sem = self._semaphores.get(loop)
        if sem is None:
            sem = self._semaphores[loop] = asyncio.Semaphore(self.limit)
        return sem

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        sem = self._semaphore()
        await sem.acquire()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                sem.release()

        async def send_and_release_streams(message: Message) -> None:
            if message["type"] == "http.response.start":
                for name, value in message.get("headers") or ():
                    if name.lower() == b"content-type" and value.startswith(b"text/event-stream"):
                        release()
            await send(message)

        try:
            await self.app(scope, receive, send_and_release_streams)
        finally:
            release()
