"""RequestLimit: ordinary requests queue beyond the limit; event streams leave the count at once."""

import asyncio

from nghitruong.realtime.asgi import RequestLimit


def make_app(log: list[str], running: list[int], peak: list[int], release: asyncio.Event):
    async def app(scope, receive, send):
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        stream = scope["path"].endswith("/events/")
        content_type = b"text/event-stream; charset=utf-8" if stream else b"text/html"
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"Content-Type", content_type)],
            }
        )
        if stream:
            await release.wait()  # a stream stays open until the test ends it
        else:
            await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        running[0] -= 1
        log.append(scope["path"])

    return app


async def call(app, path: str) -> None:
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        return None

    await app({"type": "http", "path": path}, receive, send)


def test_at_most_limit_ordinary_requests_at_once_and_streams_do_not_count():
    async def scenario():
        log: list[str] = []
        running, peak = [0], [0]
        release = asyncio.Event()
        app = RequestLimit(make_app(log, running, peak, release), limit=3)
        streams = [asyncio.create_task(call(app, f"/s{i}/events/")) for i in range(10)]
        await asyncio.sleep(0.05)
        assert running[0] == 10  # ten open streams, none holding a slot
        await asyncio.gather(*(call(app, f"/page/{i}") for i in range(12)))
        assert sorted(p for p in log if p.startswith("/page/")) == sorted(
            f"/page/{i}" for i in range(12)
        )
        assert peak[0] == 10 + 3  # the streams plus at most three ordinary requests
        release.set()
        await asyncio.gather(*streams)
        assert running[0] == 0

    asyncio.run(scenario())


def test_non_http_scopes_pass_through():
    async def scenario():
        seen = []

        async def app(scope, receive, send):
            seen.append(scope["type"])

        await RequestLimit(app, limit=1)({"type": "lifespan"}, None, None)
        assert seen == ["lifespan"]

    asyncio.run(scenario())
