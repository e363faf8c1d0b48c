from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nghitruong.core.shell import nav_bodies_for_user


def shell(request: HttpRequest) -> dict[str, Any]:
    """Context for the UI shell: the bodies in the main navigation (queried only if rendered)."""
    user = getattr(request, "user", None)
    return {"shell_nav_bodies": SimpleLazyObject(lambda: nav_bodies_for_user(user=user))}
