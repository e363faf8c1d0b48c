import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghitruong.config.settings")
django_application = get_asgi_application()

from nghitruong.realtime.asgi import ASGIApp, RequestLimit  # noqa: E402 - after Django is set up
from nghitruong.voting.lane import BallotLane  # noqa: E402


def build_application(limit: int) -> ASGIApp:
    """The served stack: the ballot lane (``POST /api/v1/voting/polls/<id>/ballots`` with a token or
    a ballot ticket, group-committed; decision 0007) in front of ``RequestLimit`` (at most ``limit``
    ordinary requests at once per process, queued beyond; SSE streams exempt; decision 0006) in
    front of Django."""
    return BallotLane(RequestLimit(django_application, limit=limit))


application = build_application(int(os.environ.get("NGHITRUONG_MAX_CONCURRENT_REQUESTS", "8")))
