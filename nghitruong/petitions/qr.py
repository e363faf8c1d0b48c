"""The follow URL of a tracking code and its QR code as SVG (printed on meeting receipts).

Drawing a QR code is the costliest step of a public submission (≈ 8 ms of CPU: eight mask
patterns scored, then one SVG path per module), so the submission answer of the API no longer
carries the drawing: it gives ``qr_url``, served by ``views.public.follow_qr`` on demand, and
each drawing is kept (``qr_svg`` is memoised per code and base URL; the SVG of a code never
changes, so the URL is also cacheable by browsers).
"""

import functools
import io

import qrcode
import qrcode.image.svg
from django.conf import settings

from nghitruong.petitions import tracking

FOLLOW_PATH = "/kien-nghi/theo-doi/{code}/"
QR_PATH = FOLLOW_PATH + "qr.svg"
QR_CACHE_SIZE = 512  # the latest drawings (≈ 10 kB each), enough for a receipt-printing session


def _base() -> str:
    return str(getattr(settings, "PUBLIC_BASE_URL", "")).rstrip("/")


def follow_url(code: str) -> str:
    return _base() + FOLLOW_PATH.format(code=tracking.display(code))


def qr_url(code: str) -> str:
    """Where the QR code of ``code`` is served (``petitions:follow_qr``)."""
    return _base() + QR_PATH.format(code=tracking.display(code))


def qr_svg(code: str) -> str:
    """The QR code (SVG) of the follow URL of ``code``; drawn once per code and base URL."""
    return _draw(follow_url(code))


@functools.lru_cache(maxsize=QR_CACHE_SIZE)
def _draw(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode("utf-8")
