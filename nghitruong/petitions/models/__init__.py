"""Petition models. ``core`` holds the cycle (meetings, petitions, answers, events); each later slice
adds a module here and re-exports its models below, so ``petitions.models.X`` always works."""

from nghitruong.petitions.models.classification import ClassifierModel, PetitionProvisionLink
from nghitruong.petitions.models.consultation import ConsultationFeedback, DraftConsultation
from nghitruong.petitions.models.core import (
    AnswerAttachment,
    CalendarDay,
    ClockConfig,
    Petition,
    PetitionAnswer,
    Petitioner,
    PetitionEvent,
    PetitionField,
    SessionRound,
    VoterMeeting,
)
from nghitruong.petitions.models.privacy import PersonalDataChallenge, PersonalDataRequest
from nghitruong.petitions.models.supervision import PetitionReminder

__all__ = [
    "AnswerAttachment",
    "CalendarDay",
    "ClassifierModel",
    "ClockConfig",
    "ConsultationFeedback",
    "DraftConsultation",
    "PersonalDataChallenge",
    "PersonalDataRequest",
    "Petition",
    "PetitionAnswer",
    "PetitionEvent",
    "PetitionField",
    "PetitionProvisionLink",
    "PetitionReminder",
    "Petitioner",
    "SessionRound",
    "VoterMeeting",
]
