"""A minimal HTTP/1.1 client on raw asyncio streams, for benchmarks and tests.

Cheap enough to keep thousands of SSE connections open from one process (a few KiB each), which
httpx or a browser are not. Loopback only; no TLS, no redirects, no proxies.
"""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Connection:
    """One keep-alive connection; requests on it are sequential."""

    host: str
    port: int
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    default_headers: dict[str, str] = field(default_factory=dict)

    async def open(self) -> "Connection":
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
            self.writer = None

    def _head(self, method: str, path: str, headers: dict[str, str], length: int | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        merged = {**self.default_headers, **headers}
        if length is not None:
            merged["Content-Length"] = str(length)
        lines += [f"{k}: {v}" for k, v in merged.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def send(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> None:
        assert self.writer is not None  # noqa: S101 - call open() first
        length = len(body) if body or method in {"POST", "PUT", "PATCH"} else None
        self.writer.write(self._head(method, path, headers or {}, length) + body)
        await self.writer.drain()

    async def read_head(self) -> Response:
        assert self.reader is not None  # noqa: S101
        status_line = await self.reader.readuntil(b"\r\n")
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split(b" ", 2)[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return Response(status, headers)

    async def read_body(self, response: Response) -> bytes:
        assert self.reader is not None  # noqa: S101
        if "content-length" in response.headers:
            return await self.reader.readexactly(int(response.headers["content-length"]))
        if response.headers.get("transfer-encoding", "").lower() == "chunked":
            parts = [chunk async for chunk in self.chunks()]
            return b"".join(parts)
        return await self.reader.read()

    async def chunks(self) -> AsyncIterator[bytes]:
        """The chunks of a chunked body as they arrive (ends with the last chunk)."""
        assert self.reader is not None  # noqa: S101
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return
            data = await self.reader.readexactly(size + 2)
            yield data[:-2]

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        json_body: Any = None,
    ) -> Response:
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        await self.send(method, path, headers=headers, body=body)
        response = await self.read_head()
        response.body = await self.read_body(response)
        return response


async def sse_events(conn: Connection) -> AsyncIterator[tuple[str, Any]]:
    """(event, data) pairs from an open SSE response on ``conn`` (after ``read_head``)."""
    buffer = b""
    async for chunk in conn.chunks():
        buffer += chunk
        while b"\n\n" in buffer:
            frame, buffer = buffer.split(b"\n\n", 1)
            event, data = "message", None
            for line in frame.decode().split("\n"):
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data = json.loads(line[6:])
            if data is not None:
                yield event, data
