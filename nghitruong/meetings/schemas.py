"""Ninja schemas for the meetings API (``meetings/api.py``)."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema


class SessionOut(Schema):
    id: int
    body_id: int
    term_id: int | None
    number: int
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    state: str


class SessionIn(Schema):
    number: int = Field(..., ge=1, le=1000)
    title: str = Field(..., max_length=300)
    start_date: dt.date
    end_date: dt.date | None = None
    kind: Literal["regular", "extraordinary"] = "regular"


class SittingOut(Schema):
    id: int
    session_id: int
    body_id: int
    kind: str
    title: str
    date: dt.date
    planned_start: dt.time | None
    location: str
    state: str
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    current_item_id: int | None
    contains_state_secrets: bool


class SittingIn(Schema):
    kind: Literal["plenary", "group_discussion", "hall_discussion", "questioning"]
    title: str = Field(..., max_length=300)
    date: dt.date
    planned_start: dt.time | None = None
    location: str = Field("", max_length=200)
    contains_state_secrets: bool = False


class SessionDetailOut(Schema):
    session: SessionOut
    sittings: list[SittingOut]


class DocumentOut(Schema):
    work_id: int
    title: str
    number: str
    confidentiality: str


class GroupOut(Schema):
    id: int
    position: int
    title: str
    officials: list[str]


class ItemOut(Schema):
    id: int
    position: int
    title: str
    kind: str
    presenters: list[str]
    is_current: bool
    documents: list[DocumentOut]
    poll_ids: list[int]
    groups: list[GroupOut]


class ItemIn(Schema):
    title: str = Field(..., max_length=500)
    kind: Literal["presentation", "discussion", "questioning", "vote", "procedural"]
    presenters: list[str] = Field(default_factory=list, max_length=20)
    description: str = Field("", max_length=5000)


class SittingDetailOut(Schema):
    sitting: SittingOut
    agenda: list[ItemOut]


class CurrentItemIn(Schema):
    item_id: int | None


class AttendanceIn(Schema):
    person_id: int | None = None
    mode: Literal["hall", "remote"] = "hall"
    excused: bool = False
    reason: str = Field("", max_length=300)


class AttendanceOut(Schema):
    total: int
    seated: int
    present: int
    present_hall: int
    present_remote: int
    left: int
    absent_excused: int
    absent: int
    not_recorded: int
    quorum_required: int
    quorum_met: bool
    quorum_label: str
    quorum_citation: str
    lists: dict[str, list[tuple[str, str]]]


class TimerOut(Schema):
    limit: int
    elapsed: int
    remaining: int
    over: bool
    ends_at: dt.datetime


class SpeakerOut(Schema):
    id: int
    person_id: int
    name: str
    kind: str
    group_id: int | None
    position: int
    priority: bool
    state: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    limit_seconds: int | None
    timer: TimerOut | None = None


class SpeakersOut(Schema):
    current: SpeakerOut | None
    queue: list[SpeakerOut]
    done: list[SpeakerOut]


class SpeakerIn(Schema):
    kind: Literal[
        "first",
        "second",
        "debate_reply",
        "agency_explanation",
        "presentation",
        "question",
        "follow_up",
    ]
    group_id: int | None = None
    person_id: int | None = None


class OrderIn(Schema):
    request_ids: list[int] = Field(..., max_length=1000)
