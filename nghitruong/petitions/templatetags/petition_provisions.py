"""``{% public_provision_links petition %}`` / ``{% public_provision_links_for_code code %}``:
the confirmed legal provisions of a petition, linked to the public knowledge-base reader.

Only PUBLIC documents are shown (``selectors_classification.public_provision_links``); the tags
call that one selector and render a small list, so the public views need no change.
"""

from typing import Any

from django import template

from nghitruong.petitions import selectors_classification
from nghitruong.petitions.models import Petition

register = template.Library()


@register.inclusion_tag("petitions/_provision_links.html")
def public_provision_links(petition: Petition) -> dict[str, Any]:
    return {"links": selectors_classification.public_provision_links(petition=petition)}


@register.inclusion_tag("petitions/_provision_links.html")
def public_provision_links_for_code(code: str) -> dict[str, Any]:
    return {"links": selectors_classification.public_links_for_code(code=code)}
