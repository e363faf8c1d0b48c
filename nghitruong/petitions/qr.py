"""The follow URL of a tracking code and its QR code as SVG (printed on meeting receipts)."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings

from nghitruong.petitions import tracking

FOLLOW_PATH = "/kien-nghi/theo-doi/{code}/"


def follow_url(code: str) -> str:
    base = str(getattr(settings, "PUBLIC_BASE_URL", "")).rstrip("/")
    return base + FOLLOW_PATH.format(code=tracking.display(code))


def qr_svg(code: str) -> str:
    image = qrcode.make(follow_url(code), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode("utf-8")
