"""``{{ code|tracking_code }}``: a tracking code as people read and type it (XXXX-XXXX-XX)."""

from django import template

from nghitruong.petitions import tracking

register = template.Library()


@register.filter
def tracking_code(code: str) -> str:
    return tracking.display(code) if code else ""
