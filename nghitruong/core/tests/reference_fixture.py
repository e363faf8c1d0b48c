"""A module-scoped fixture that loads the shipped reference data once and removes it afterwards.

Loading all 3,355 units, 3,532 bodies, 6,712 terms and 128 agencies takes about a second; doing it
per test would make the suite slow. The data is inserted outside the per-test transactions and
deleted again when the module is done, so tests of other modules still start from an empty
database (and an empty audit chain). Each test's own writes are rolled back as usual.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from nghitruong.core.models import (
    AdministrativeUnit,
    Agency,
    AuditChainHead,
    AuditEntry,
    ElectedBody,
    Term,
)
from nghitruong.core.services import reference_data_load


def _wipe() -> None:
    AuditEntry.objects.all().delete()
    AuditChainHead.objects.all().delete()
    Term.objects.all().delete()
    ElectedBody.objects.update(parent=None)
    ElectedBody.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()
    AdministrativeUnit.objects.update(parent=None)
    AdministrativeUnit.objects.all().delete()


@pytest.fixture(scope="module")
def reference_data(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    with django_db_blocker.unblock():
        _wipe()
        counts = reference_data_load(actor=None)
    yield counts
    with django_db_blocker.unblock():
        _wipe()
