"""API shapes of the knowledge base."""

import datetime as dt
from typing import Any

from ninja import Field, Schema


class WorkOut(Schema):
    id: int
    frbr_uri: str
    doc_type: str
    number: str
    title: str
    summary: str
    issuer: str
    signer: str
    issued_date: dt.date | None
    effective_date: dt.date | None
    expiry_date: dt.date | None
    status: str = Field(description="Tình trạng ghi nhận / recorded status (may be empty)")
    status_today: str = Field(description="Tình trạng hôm nay (suy ra) / derived status today")
    confidentiality: str
    fields: list[str]
    body_code: str


class ExpressionOut(Schema):
    id: int
    frbr_uri: str
    language: str
    version_date: dt.date
    amending_work_id: int | None
    note: str


class WorkDetailOut(WorkOut):
    expressions: list[ExpressionOut]


class TreeOut(Schema):
    expression: ExpressionOut
    provisions: list[dict[str, Any]]


class ProvisionOut(Schema):
    id: int
    eid: str
    kind: str
    number: str
    label: str
    heading: str
    text: str
    full_text: str
    expression_uri: str
    status: str
    status_label: str


class RelationOut(Schema):
    id: int
    kind: str
    direction: str = Field(description='"out": văn bản này tác động / "in": chiều ngược')
    label: str
    other_work_id: int
    other_title: str
    other_frbr_uri: str
    own_eid: str
    other_eid: str
    effective_date: dt.date | None
    scope_text: str
    origin: str


class StatusOut(Schema):
    date: dt.date
    eid: str
    status: str
    label: str
    cause_work_id: int | None
    cause_kind: str | None


class ChangeOut(Schema):
    eid: str
    change: str
    label: str
    old_text: str
    new_text: str
    words: list[tuple[str, str]]
