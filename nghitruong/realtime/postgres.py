"""The production broker: PostgreSQL ``NOTIFY`` out, one shared ``LISTEN`` connection in.

Every server process (uvicorn worker) runs one listener task per asyncio loop holding one extra
database connection; it fans each notification out to the local subscribers, never one
connection per client. ``publish`` sends ``pg_notify`` on the caller's Django connection: called
after commit (``transaction.on_commit``) it is delivered at once; called inside a transaction, it
is delivered when (and only if) that transaction commits, as PostgreSQL guarantees.

If the listening connection drops, the listener reconnects with backoff and sends every local
subscriber a ``resync`` event, since notifications sent meanwhile are lost: clients then re-fetch
the full state.
"""

import asyncio
import contextlib
import json
import logging
from typing import Any

import psycopg
from django.db import connections
from psycopg import sql

from nghitruong.realtime.broker import Broker

logger = logging.getLogger(__name__)

PG_CHANNEL = "nghitruong_events"
MAX_PAYLOAD_BYTES = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes or more
_LIBPQ_OPTIONS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "options"}


class PayloadTooLargeError(ValueError):
    pass


class PostgresBroker(Broker):
    def __init__(self, *, alias: str = "default", pg_channel: str = PG_CHANNEL) -> None:
        super().__init__()
        self.alias = alias
        self.pg_channel = pg_channel
        self._tasks: dict[asyncio.AbstractEventLoop, asyncio.Task[None]] = {}
        self._ready: dict[asyncio.AbstractEventLoop, asyncio.Event] = {}

    def publish(
        self, channel: str, event: str, data: dict[str, Any], *, coalesce: bool = False
    ) -> None:
        payload = json.dumps(
            {"c": channel, "e": event, "d": data, "k": coalesce},
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        if len(payload.encode()) > MAX_PAYLOAD_BYTES:
            raise PayloadTooLargeError(f"event {event} on {channel} is too large for NOTIFY")
        with connections[self.alias].cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [self.pg_channel, payload])

    # -- listening ------------------------------------------------------------------------------
    def _started(self, loop: asyncio.AbstractEventLoop) -> None:
        task = self._tasks.get(loop)
        if task is None or task.done():
            self._ready[loop] = asyncio.Event()
            self._tasks[loop] = loop.create_task(self._listen(loop))

    async def wait_listening(self, timeout: float = 10.0) -> None:
        """Wait until this loop's listener has issued LISTEN (tests, benchmarks)."""
        loop = asyncio.get_running_loop()
        self._started(loop)
        async with asyncio.timeout(timeout):
            await self._ready[loop].wait()

    def _conninfo(self) -> dict[str, Any]:
        settings_dict = connections.settings[self.alias]
        params: dict[str, Any] = {
            "dbname": settings_dict.get("NAME"),
            "user": settings_dict.get("USER"),
            "password": settings_dict.get("PASSWORD"),
            "host": settings_dict.get("HOST"),
            "port": settings_dict.get("PORT"),
        }
        options = settings_dict.get("OPTIONS") or {}
        params.update({k: v for k, v in options.items() if k in _LIBPQ_OPTIONS})
        params["application_name"] = "nghitruong-realtime"
        return {k: v for k, v in params.items() if v not in (None, "")}

    async def _listen(self, loop: asyncio.AbstractEventLoop) -> None:
        backoff = 0.2
        first = True
        ready = self._ready[loop]
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(**self._conninfo(), autocommit=True)
            except Exception:
                logger.warning("realtime: cannot connect to listen, retrying in %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            try:
                await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.pg_channel)))
                ready.set()
                if not first:
                    self.resync_local(loop)
                first, backoff = False, 0.2
                async for note in conn.notifies():
                    self._on_notify(note.payload, loop)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("realtime: listening connection lost; reconnecting", exc_info=True)
            finally:
                ready.clear()
                await conn.close()
            await asyncio.sleep(backoff)

    def _on_notify(self, payload: str, loop: asyncio.AbstractEventLoop) -> None:
        try:
            message = json.loads(payload)
            channel, event, data, coalesce = message["c"], message["e"], message["d"], message["k"]
        except (ValueError, KeyError, TypeError):
            logger.warning("realtime: ignoring malformed notification %.200s", payload)
            return
        self._fanout(channel, event, data, bool(coalesce), only_loop=loop)

    async def aclose(self) -> None:
        loop = asyncio.get_running_loop()
        task = self._tasks.pop(loop, None)
        self._ready.pop(loop, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
