"""Petition models. ``core`` holds the cycle (meetings, petitions, answers, events); each later slice
adds a module here and re-exports its models below, so ``petitions.models.X`` always works."""

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

__all__ = [
    "AnswerAttachment",
    "CalendarDay",
    "ClockConfig",
    "Petition",
    "PetitionAnswer",
    "PetitionEvent",
    "PetitionField",
    "Petitioner",
    "SessionRound",
    "VoterMeeting",
]
