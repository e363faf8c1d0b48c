"""Real-time delivery: an event bus (in-process or PostgreSQL LISTEN/NOTIFY) and SSE streams.

Domain apps publish small events on named channels (``poll:7``, ``body:3``, ``meeting:12``) with
``get_broker().publish(...)`` after commit; async views stream them to browsers with
``nghitruong.realtime.sse.sse_response``. Clients re-render by fetching server-rendered fragments
and re-fetch the full state whenever the stream (re)opens. See ``broker.py`` for the design.
"""
