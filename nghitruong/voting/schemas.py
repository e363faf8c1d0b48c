"""Ninja schemas for the voting API (``voting/api.py``)."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class OptionOut(Schema):
    id: int
    position: int
    meaning: str
    label: str
    label_en: str


class PollOut(Schema):
    id: int
    body_id: int
    title: str
    kind: str
    matter: str
    majority_kind: str
    rule_citation: str
    state: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    stopped_at: dt.datetime | None
    published_at: dt.datetime | None
    total_members_at_start: int | None
    subject_label: str


class BoardLineOut(Schema):
    key: str
    label: str
    count: int
    percent: Decimal
    percent_display: str


class BoardOut(Schema):
    total_members: int
    entitled: int
    lines: list[BoardLineOut]
    options: list[BoardLineOut]
    required_votes: int
    majority_label: str
    rule_citation: str
    passed: bool
    verdict: str


class MyStatusOut(Schema):
    entitled: bool
    has_voted: bool


class PollDetailOut(Schema):
    poll: PollOut
    options: list[OptionOut]
    me: MyStatusOut
    board: BoardOut | None


class PollCreateIn(Schema):
    title: str = Field(..., max_length=500)
    kind: str
    matter: str = "resolution"
    description: str = ""
    subject_label: str = Field("", max_length=300)


class BallotIn(Schema):
    option_id: int


class CastOut(Schema):
    ok: bool


class PaperCountIn(Schema):
    ballots_issued: int = Field(..., ge=0)
    ballots_returned: int = Field(..., ge=0)
    valid: int = Field(..., ge=0)
    invalid: int = Field(..., ge=0)
    seats: int = Field(1, ge=1)
    tallies: dict[int, int]
    board_members: list[str]


class PaperCountOut(Schema):
    ballots_issued: int
    ballots_returned: int
    valid: int
    invalid: int
    minutes: str
