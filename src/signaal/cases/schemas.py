"""API input and output schemas of cases and interactions (input never uses model schemas)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from signaal.cases.models import Channel, Interaction
from signaal.customers.models import CustomerIdentifier

Text = str


class IdentifierIn(Schema):
    kind: CustomerIdentifier.Kind
    value: str = Field(min_length=1, max_length=255)


class CustomerIn(Schema):
    name: str = Field(default="", max_length=200)
    identifiers: list[IdentifierIn] = Field(min_length=1, max_length=20)


class TurnIn(Schema):
    speaker: str = Field(max_length=20, description="customer, agent, bot or third_party")
    text: str = Field(min_length=1, max_length=100_000)
    start: float | None = Field(default=None, ge=0, le=86_400)
    sent_at: dt.datetime | None = None


class InteractionIn(Schema):
    channel: Channel
    external_id: str | None = Field(default=None, max_length=255)
    started_at: dt.datetime | None = None
    customer: CustomerIn
    subject: str = Field(default="", max_length=255)
    thread_key: str = Field(default="", max_length=255)
    reason: str = Field(default="", max_length=60)
    direction: Interaction.Direction = Interaction.Direction.INBOUND
    language: str = Field(default="", max_length=5)
    turns: list[TurnIn] = Field(min_length=1, max_length=5000)


class SignalOut(Schema):
    type: str
    strength: str
    turn: int
    span: list[int]
    text: str
    pattern: str
    in_opening: bool
    picked_up: bool | None


class BehaviourOut(Schema):
    type: str
    turn: int
    span: list[int]
    text: str


class TurnOut(Schema):
    index: int
    speaker: str
    text: str
    start: float | None


class InteractionOut(Schema):
    id: int
    case_id: int
    customer_id: int
    channel: str
    direction: str
    external_id: str | None
    subject: str
    started_at: dt.datetime
    language: str
    analysis_state: str
    summary: str
    turns: list[TurnOut]
    signals: list[SignalOut]
    behaviours: list[BehaviourOut]


class IngestOut(Schema):
    created: bool
    case_created: bool
    interaction: InteractionOut


class CaseOut(Schema):
    id: int
    customer_id: int
    customer_name: str
    subject: str
    status: str
    priority: int
    channel: str
    reason: str | None
    owner: str | None
    team: str | None
    opened_at: dt.datetime
    due_at: dt.datetime | None
    closed_at: dt.datetime | None
    resolution: str
    summary: str
    interactions: list[InteractionOut]


class AssignIn(Schema):
    owner: str | None = Field(default=None, max_length=150, description="user name")
    team: str | None = Field(default=None, max_length=100, description="team name")


class StatusIn(Schema):
    status: str = Field(max_length=30)


class CloseIn(Schema):
    reason: str = Field(min_length=1, max_length=60, description="contact reason code")
    resolution: str = Field(min_length=1, max_length=5000)
    summary: str = Field(default="", max_length=5000)
    close_reason: str = Field(default="", max_length=120)
