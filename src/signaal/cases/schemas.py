"""API input and output schemas of cases and interactions (input never uses model schemas)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from signaal.cases.ingest import MAX_BATCH
from signaal.cases.models import Case, Channel, Interaction, Turn
from signaal.customers.models import CustomerIdentifier


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here (422) instead of failing at the database.
    if "\x00" in value:
        raise ValueError("text may not contain NUL (\\u0000) characters")
    return value


# Every string that comes in: no NUL characters (lone surrogates pydantic refuses itself).
Text = Annotated[str, AfterValidator(_no_nul)]


def _sane_moment(value: dt.datetime) -> dt.datetime:
    # In UTC: PostgreSQL refuses offsets beyond 15:59 that Python accepts (up to 23:59); and
    # within years the database and the norm calendar can compute with.
    try:
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("date out of range") from None
    if not 1900 <= value.year <= 2999:
        raise ValueError("date out of range (years 1900-2999)")
    return value


# Every moment that comes in: with or without a time zone (without: Europe/Amsterdam).
Moment = Annotated[dt.datetime, AfterValidator(_sane_moment)]


class IdentifierIn(Schema):
    kind: CustomerIdentifier.Kind
    value: Text = Field(min_length=1, max_length=255)


class CustomerIn(Schema):
    name: Text = Field(default="", max_length=200)
    identifiers: list[IdentifierIn] = Field(min_length=1, max_length=20)


class TurnIn(Schema):
    speaker: Turn.Speaker = Field(description="who said or wrote it")
    text: Text = Field(min_length=1, max_length=100_000)
    start: float | None = Field(default=None, ge=0, le=86_400)
    sent_at: Moment | None = None


class InteractionIn(Schema):
    channel: Channel
    external_id: Text | None = Field(default=None, max_length=255)
    started_at: Moment | None = None
    customer: CustomerIn
    subject: Text = Field(default="", max_length=255)
    thread_key: Text = Field(default="", max_length=255)
    reason: Text = Field(default="", max_length=60)
    direction: Interaction.Direction = Interaction.Direction.INBOUND
    language: Text = Field(default="", max_length=5)
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


class BatchIn(Schema):
    interactions: list[InteractionIn] = Field(min_length=1, max_length=MAX_BATCH)


class BatchOut(Schema):
    results: list[IngestOut]


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
    owner: Text | None = Field(default=None, max_length=150, description="user name")
    team: Text | None = Field(default=None, max_length=100, description="team name")


class StatusIn(Schema):
    status: Case.Status = Field(description="close a case with /close, not with this")


class CloseIn(Schema):
    reason: Text = Field(min_length=1, max_length=60, description="contact reason code")
    resolution: Text = Field(min_length=1, max_length=5000)
    summary: Text = Field(default="", max_length=5000)
    close_reason: Text = Field(default="", max_length=120)
