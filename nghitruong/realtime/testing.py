"""A real ASGI server (uvicorn) in a background thread, for tests that need streaming.

pytest-django's ``live_server`` is WSGI and cannot stream SSE. ``LiveASGIServer`` runs the
project's ASGI application under uvicorn on a free loopback port, in this process, against the
test database (use it with ``transactional_db`` so that the server sees committed data; SQLite's
in-memory test database is shared between threads, PostgreSQL's is a normal database).

    with LiveASGIServer() as server:
        page.goto(server.url + "/voting/...")
"""

import asyncio
import socket
import threading
from types import TracebackType
from typing import Any, ClassVar, Literal, Self

from nghitruong.realtime.broker import get_broker, set_broker


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveASGIServer:
    """Subclasses may serve another application (``application``) with another ``lifespan``."""

    lifespan: ClassVar[Literal["auto", "on", "off"]] = "off"

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Any = None

    def application(self) -> Any:
        """The ASGI application to serve: ``RequestLimit`` in front of Django."""
        from django.db import connection

        from nghitruong.config.asgi import django_application
        from nghitruong.realtime.asgi import RequestLimit

        # SQLite's shared in-memory test database has table locks without a busy timeout:
        # one ordinary request at a time (streams are exempt), as Django's live server does.
        limit = 1 if connection.vendor == "sqlite" else 8
        return RequestLimit(django_application, limit=limit)

    def start(self) -> Self:
        import uvicorn

        application = self.application()
        set_broker(None)  # a fresh broker bound to this server's loop
        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan=self.lifespan,
        )
        self._server = uvicorn.Server(config)
        started = threading.Event()

        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            started.set()
            await self._server.serve()

        self._thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
        self._thread.start()
        started.wait(10)
        for _ in range(200):
            if self._server.started:
                break
            threading.Event().wait(0.05)
        else:
            raise RuntimeError("uvicorn did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._loop.is_running():
            future = asyncio.run_coroutine_threadsafe(get_broker().aclose(), self._loop)
            future.result(10)
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True  # do not wait for open SSE streams
        if self._thread is not None:
            self._thread.join(15)
        set_broker(None)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
