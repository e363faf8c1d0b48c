"""Writes to the shared kernel (house rule 2): every function here records an audit entry.

- units: ``admin_unit_change`` (versioned rename / reclassification)
- bodies: ``body_create``, ``body_update``, ``body_deactivate``, ``term_create``, ``term_update``,
  ``council_boards_ensure``
- agencies: ``agency_create``, ``agency_update``, ``agency_move``, ``agency_deactivate``
- reference data: ``reference_data_load``
"""

from nghitruong.core.services.agencies import (
    agency_create,
    agency_deactivate,
    agency_move,
    agency_update,
)
from nghitruong.core.services.bodies import (
    COMMUNE_BOARDS,
    body_create,
    body_deactivate,
    body_update,
    council_boards_ensure,
    term_create,
    term_update,
)
from nghitruong.core.services.reference import reference_data_load
from nghitruong.core.services.units import admin_unit_change

__all__ = [
    "COMMUNE_BOARDS",
    "admin_unit_change",
    "agency_create",
    "agency_deactivate",
    "agency_move",
    "agency_update",
    "body_create",
    "body_deactivate",
    "body_update",
    "council_boards_ensure",
    "reference_data_load",
    "term_create",
    "term_update",
]
