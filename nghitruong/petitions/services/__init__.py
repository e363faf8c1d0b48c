"""Petition services: every write. Import from here (``from nghitruong.petitions import services``)."""

from nghitruong.petitions.services.classification import (
    petition_classifier_train,
    petition_provision_link,
    petition_provision_unlink,
)
from nghitruong.petitions.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_feedback_submit,
    consultation_open,
    consultation_report,
    consultation_update,
    consultations_close_due,
)
from nghitruong.petitions.services.deadlines import petitions_check_deadlines, petitions_daily_check
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
from nghitruong.petitions.services.privacy import (
    personal_data_request_complete,
    personal_data_request_receive,
    personal_data_request_refuse,
    personal_data_request_submit,
    personal_data_request_verify,
)
from nghitruong.petitions.services.privacy_portal import (
    personal_data_challenge_start,
    personal_data_challenge_verify,
)
from nghitruong.petitions.services.reminders import petition_reminders_send
from nghitruong.petitions.services.retention import petitioners_apply_retention
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
    "consultation_close",
    "consultation_create",
    "consultation_feedback_submit",
    "consultation_open",
    "consultation_report",
    "consultation_update",
    "consultations_close_due",
    "personal_data_challenge_start",
    "personal_data_challenge_verify",
    "personal_data_request_complete",
    "personal_data_request_receive",
    "personal_data_request_refuse",
    "personal_data_request_submit",
    "personal_data_request_verify",
    "petition_answer",
    "petition_assign",
    "petition_classifier_train",
    "petition_classify",
    "petition_clock_extend",
    "petition_clock_pause",
    "petition_clock_resume",
    "petition_close",
    "petition_create",
    "petition_import",
    "petition_provision_link",
    "petition_provision_unlink",
    "petition_reassign",
    "petition_redirect_denunciation",
    "petition_reminders_send",
    "petition_submit_online",
    "petition_withdraw",
    "petitioner_anonymise",
    "petitioner_erase_request",
    "petitioners_apply_retention",
    "petitions_check_deadlines",
    "petitions_daily_check",
    "session_round_create",
    "voter_meeting_create",
]
