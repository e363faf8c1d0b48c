"""Petition services: every write. Import from here (``from nghitruong.petitions import services``)."""

from nghitruong.petitions.services.deadlines import petitions_check_deadlines
from nghitruong.petitions.services.imports import COLUMNS, ImportReport, RowError, petition_import
from nghitruong.petitions.services.intake import (
    PetitionerData,
    petition_create,
    petition_submit_online,
    petitioner_anonymise,
    petitioner_erase_request,
    session_round_create,
    voter_meeting_create,
)
from nghitruong.petitions.services.workflow import (
    petition_answer,
    petition_assign,
    petition_classify,
    petition_clock_extend,
    petition_clock_pause,
    petition_clock_resume,
    petition_close,
    petition_reassign,
    petition_redirect_denunciation,
    petition_withdraw,
)

__all__ = [
    "COLUMNS",
    "ImportReport",
    "PetitionerData",
    "RowError",
    "petition_answer",
    "petition_assign",
    "petition_classify",
    "petition_clock_extend",
    "petition_clock_pause",
    "petition_clock_resume",
    "petition_close",
    "petition_create",
    "petition_import",
    "petition_reassign",
    "petition_redirect_denunciation",
    "petition_submit_online",
    "petition_withdraw",
    "petitioner_anonymise",
    "petitioner_erase_request",
    "petitions_check_deadlines",
    "session_round_create",
    "voter_meeting_create",
]
