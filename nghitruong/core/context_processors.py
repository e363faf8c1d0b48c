from typing import Any

from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    """Context for the UI shell (navigation by body). Filled in by the UI shell work."""
    return {}
