"""Application errors: one shape for HTML, API and commands.

Every message is Vietnamese first (the source language) with an English translation in
``nghitruong/locale/en``; the API renders ``{"code", "message", "detail"}``.
"""

from typing import Any


class ApplicationError(Exception):
    """A rule was broken; nothing was changed. ``code`` is stable and machine-readable."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, detail: Any = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.code = code or self.default_code
        self.detail = detail


class NotFoundError(ApplicationError):
    """The object does not exist *or the user may not see it*: the two are indistinguishable."""

    status_code = 404
    default_code = "not_found"


class PermissionDeniedError(ApplicationError):
    """The user can see the object but may not perform this action on it."""

    status_code = 403
    default_code = "permission_denied"


class ConflictError(ApplicationError):
    """The action conflicts with the current state (e.g. a wrong workflow transition)."""

    status_code = 409
    default_code = "conflict"
