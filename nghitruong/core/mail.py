"""Plain-text e-mail sent after the current transaction commits (house rule 5).

A notification must never be sent for a write that was rolled back, and a mail server that is down
must never undo a write: the message is queued with ``transaction.on_commit`` and a failed send is
logged, not raised. Apps compute their own recipients (they know who is responsible).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def send_mail_on_commit(*, subject: str, body: str, recipients: Iterable[str]) -> None:
    """Send one message to ``recipients`` (deduplicated, order kept) after commit; none if empty."""
    to = list(dict.fromkeys(r for r in recipients if r))
    if not to:
        return

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
        except OSError:
            logger.exception("mail %r to %d recipient(s) failed", subject, len(to))

    transaction.on_commit(send)
