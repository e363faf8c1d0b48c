"""The ballot lane (decision 0007): the real ASGI app, called directly, against the real database.

Requests go through ``nghitruong.config.asgi.build_application`` — the lane in front of
``RequestLimit`` and Django — as uvicorn would call it; the lane's worker thread writes through
its own connection, so the tests use ``transaction=True`` (committed data, as in production).
Concurrent requests are sent with ``asyncio.gather`` so that they queue together and are
recorded in one batch; sequential ones land in separate batches.
"""
