"""API endpoints of cases: ingest an interaction, read a case, assign, change status, close."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.errors import Throttled
from ninja.responses import NinjaJSONEncoder
from ninja.security import django_auth

from signaal.accounts.models import Team, User
from signaal.assist.models import DetectedBehaviour, DetectedSignal
from signaal.cases.ingest import (
    IngestResult,
    InteractionInput,
    TurnInput,
    interaction_ingest,
    interactions_ingest,
)
from signaal.cases.models import Case, Interaction, Turn
from signaal.cases.schemas import (
    AssignIn,
    BatchIn,
    BatchOut,
    CaseOut,
    CloseIn,
    IngestOut,
    InteractionIn,
    StatusIn,
)
from signaal.cases.selectors import case_get
from signaal.cases.services import case_assign, case_close, case_set_status
from signaal.errors import DomainError
from signaal.integrations.auth import TokenAuth
from signaal.privacy.services import audit_record
from signaal.web.throttling import TokenRateThrottle

router = Router(tags=["cases"])


def _actor(request: HttpRequest) -> tuple[User | None, str]:
    token = getattr(request, "api_token", None)
    if token is not None:
        return None, token.name
    user = request.user
    return (user if user.is_authenticated else None), ""


def interaction_out(
    interaction: Interaction,
    *,
    turns: Sequence[Turn] | None = None,
    signals: Sequence[DetectedSignal] | None = None,
    behaviours: Sequence[DetectedBehaviour] | None = None,
) -> dict[str, Any]:
    """The API shape of an interaction: its turns, signals and behaviours as given, else
    prefetched."""
    if turns is None:
        turns = list(interaction.turns.all())
    if signals is None:
        signals = list(interaction.signals.all())
    if behaviours is None:
        behaviours = list(interaction.behaviours.all())
    index = {t.pk: t.index for t in turns}
    return {
        "id": interaction.pk,
        "case_id": interaction.case_id,
        "customer_id": interaction.customer_id,
        "channel": interaction.channel,
        "direction": interaction.direction,
        "external_id": interaction.external_id,
        "subject": interaction.subject,
        "started_at": interaction.started_at,
        "language": interaction.language,
        "analysis_state": interaction.analysis_state,
        "summary": interaction.analysis_summary,
        "turns": [
            {"index": t.index, "speaker": t.speaker, "text": t.text, "start": t.start}
            for t in turns
        ],
        "signals": [
            {
                "type": s.type,
                "strength": s.strength,
                "turn": index[s.turn_id],
                "span": [s.span_start, s.span_end],
                "text": s.text,
                "pattern": s.pattern,
                "in_opening": s.in_opening,
                "picked_up": s.picked_up,
            }
            for s in signals
        ],
        "behaviours": [
            {
                "type": b.type,
                "turn": index[b.turn_id],
                "span": [b.span_start, b.span_end],
                "text": b.text,
            }
            for b in behaviours
        ],
    }


def case_out(case: Case) -> dict[str, Any]:
    """The API shape of a case with its interactions."""
    return {
        "id": case.pk,
        "customer_id": case.customer_id,
        "customer_name": case.customer.name,
        "subject": case.subject,
        "status": case.status,
        "priority": case.priority,
        "channel": case.channel,
        "reason": case.reason.code if case.reason else None,
        "owner": case.owner.username if case.owner else None,
        "team": case.team.name if case.team else None,
        "opened_at": case.opened_at,
        "due_at": case.due_at,
        "closed_at": case.closed_at,
        "resolution": case.resolution,
        "summary": case.summary,
        "interactions": [interaction_out(i) for i in case.interactions.all()],
    }


def _input(payload: InteractionIn) -> InteractionInput:
    return InteractionInput(
        channel=payload.channel,
        turns=[
            TurnInput(speaker=t.speaker, text=t.text, start=t.start, sent_at=t.sent_at)
            for t in payload.turns
        ],
        identifiers=[(i.kind, i.value) for i in payload.customer.identifiers],
        external_id=payload.external_id,
        started_at=payload.started_at,
        customer_name=payload.customer.name,
        subject=payload.subject,
        thread_key=payload.thread_key,
        reason_code=payload.reason,
        direction=payload.direction,
        language=payload.language,
    )


def _result_out(result: IngestResult) -> dict[str, Any]:
    return {
        "created": result.created,
        "case_created": result.case_created,
        "interaction": interaction_out(
            result.interaction,
            turns=result.turns,
            signals=result.signals,
            behaviours=result.behaviours,
        ),
    }


def _json(body: Any, status: int) -> HttpResponse:
    # Built from what ingest wrote or found, not read back, and rendered as it is: the body
    # has the schema's shape (test_ingest_cost compares it with a validated read of the case),
    # and ninja validating it again cost a tenth of the request.
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder),
        status=status,
        content_type="application/json; charset=utf-8",
    )


@router.post(
    "/interactions",
    response={200: IngestOut, 201: IngestOut},
    auth=[TokenAuth("ingest")],
    summary="Ingest an interaction from any channel",
)
def ingest(request: HttpRequest, payload: InteractionIn) -> HttpResponse:
    """Store a call, chat, email, message or note; idempotent on channel + external_id."""
    actor, integration = _actor(request)
    result = interaction_ingest(data=_input(payload), actor=actor, integration=integration)
    return _json(_result_out(result), 201 if result.created else 200)


@router.post(
    "/interactions/batch",
    response={200: BatchOut},
    auth=[TokenAuth("ingest")],
    summary="Ingest several interactions in one request",
)
def ingest_batch(request: HttpRequest, payload: BatchIn) -> HttpResponse:
    """Up to 100 interactions, stored in order in one transaction: all or none. Each is
    idempotent on channel + external_id as with a single ingest; the results are in the order
    of the request."""
    # The request itself was counted on the way in; each further interaction counts too, so a
    # batch spends the rate limit as the same contacts one by one would.
    throttle = TokenRateThrottle()
    if len(payload.interactions) > 1 and not throttle.spend(request, len(payload.interactions) - 1):
        raise Throttled(math.ceil(throttle.wait() or 1))
    actor, integration = _actor(request)
    results = interactions_ingest(
        items=[_input(p) for p in payload.interactions], actor=actor, integration=integration
    )
    return _json({"results": [_result_out(r) for r in results]}, 200)


@router.get(
    "/cases/{case_id}",
    response=CaseOut,
    auth=[TokenAuth("read"), django_auth],
    summary="A case with its interactions and signals",
)
def case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """One case, as the workspace shows it."""
    case = case_get(case_id=case_id)
    actor, integration = _actor(request)
    audit_record(
        actor=actor, integration=integration, action="view", obj=case, customer_id=case.customer_id
    )
    return case_out(case)


@router.post(
    "/cases/{case_id}/assign",
    response=CaseOut,
    auth=[TokenAuth("write"), django_auth],
    summary="Assign a case",
)
def assign(request: HttpRequest, case_id: int, payload: AssignIn) -> dict[str, Any]:
    """Give a case to a person (by user name) and/or a team (by name)."""
    case = case_get(case_id=case_id)
    owner = team = None
    if payload.owner:
        owner = User.objects.filter(username=payload.owner, is_active=True).first()
        if owner is None:
            raise DomainError("unknown user", extra={"owner": payload.owner})
    if payload.team:
        team = Team.objects.filter(name=payload.team).first()
        if team is None:
            raise DomainError("unknown team", extra={"team": payload.team})
    actor, _ = _actor(request)
    case_assign(case=case, owner=owner, team=team, actor=actor)
    return case_out(case_get(case_id=case_id))


@router.post(
    "/cases/{case_id}/status",
    response=CaseOut,
    auth=[TokenAuth("write"), django_auth],
    summary="Change the status of a case",
)
def set_status(request: HttpRequest, case_id: int, payload: StatusIn) -> dict[str, Any]:
    """new, open, waiting_customer or waiting_organisation (close with /close)."""
    actor, _ = _actor(request)
    case_set_status(case=case_get(case_id=case_id), status=payload.status, actor=actor)
    return case_out(case_get(case_id=case_id))


@router.post(
    "/cases/{case_id}/close",
    response=CaseOut,
    auth=[TokenAuth("write"), django_auth],
    summary="Close a case",
)
def close(request: HttpRequest, case_id: int, payload: CloseIn) -> dict[str, Any]:
    """Close with contact reason, resolution and summary."""
    actor, _ = _actor(request)
    case_close(
        case=case_get(case_id=case_id),
        reason_code=payload.reason,
        resolution=payload.resolution,
        summary=payload.summary,
        close_reason=payload.close_reason,
        actor=actor,
    )
    return case_out(case_get(case_id=case_id))
