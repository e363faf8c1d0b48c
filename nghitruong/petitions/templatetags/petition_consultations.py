"""``{% consultation_for_code code as c %}``: the draft a tracking code's feedback was about, so
the public follow page can say "Góp ý dự thảo: <title>" without a change to its view."""

from django import template

from nghitruong.petitions import selectors_consultations
from nghitruong.petitions.models import DraftConsultation

register = template.Library()


@register.simple_tag
def consultation_for_code(code: str) -> DraftConsultation | None:
    return selectors_consultations.consultation_for_code(code=code)
