import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghitruong.config.settings")
django_application = get_asgi_application()

from nghitruong.realtime.asgi import RequestLimit  # noqa: E402 - after Django is set up

# At most this many ordinary requests run at once per process (queued beyond); SSE streams exempt.
application = RequestLimit(
    django_application, limit=int(os.environ.get("NGHITRUONG_MAX_CONCURRENT_REQUESTS", "8"))
)
