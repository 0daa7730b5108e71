"""Writes on cases and interactions: ingest from any channel, assign, change status, close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from signaal.accounts.models import Team, User
from signaal.cases.models import Case, Channel, ContactReason, Interaction, Turn
from signaal.cases.norms import due_at
from signaal.cases.selectors import norm_calendar
from signaal.customers.services import customer_resolve
from signaal.errors import Conflict, DomainError
from signaal.privacy.services import audit_record

MAX_TURNS = 5000
MAX_TURN_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class TurnInput:
    """One utterance or message as an integration delivers it."""

    speaker: str
    text: str
    start: float | None = None
    sent_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class InteractionInput:
    """One contact as an integration delivers it, before it is matched to a customer and case."""

    channel: str
    turns: Sequence[TurnInput]
    identifiers: Sequence[tuple[str, str]]
    external_id: str | None = None
    started_at: dt.datetime | None = None
    customer_name: str = ""
    subject: str = ""
    thread_key: str = ""
    reason_code: str = ""
    direction: str = Interaction.Direction.INBOUND
    language: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingest did: the interaction, and whether it (and its case) are new."""

    interaction: Interaction
    created: bool
    case_created: bool


def _validate(data: InteractionInput) -> None:
    if data.channel not in Channel.values:
        raise DomainError(
            f"unknown channel {data.channel!r}", extra={"allowed": list(Channel.values)}
        )
    if not data.turns:
        raise DomainError("an interaction needs at least one turn or message")
    if len(data.turns) > MAX_TURNS:
        raise DomainError(f"at most {MAX_TURNS} turns per interaction")
    speakers = set(Turn.Speaker.values)
    for i, turn in enumerate(data.turns):
        if turn.speaker not in speakers:
            raise DomainError(
                f"turn {i}: unknown speaker {turn.speaker!r}", extra={"allowed": sorted(speakers)}
            )
        if not turn.text.strip():
            raise DomainError(f"turn {i}: empty text")
        if len(turn.text) > MAX_TURN_CHARS:
            raise DomainError(f"turn {i}: longer than {MAX_TURN_CHARS} characters")
        if "\x00" in turn.text:
            raise DomainError(f"turn {i}: text contains a NUL character")
    if not data.identifiers and data.channel != Channel.NOTE:
        raise DomainError("at least one customer identifier is needed")


def _open_case(customer_id: int, data: InteractionInput) -> Case | None:
    open_cases = Case.objects.filter(customer_id=customer_id).exclude(status=Case.Status.CLOSED)
    if data.thread_key:
        found = open_cases.filter(thread_key=data.thread_key).order_by("-opened_at").first()
        if found:
            return found
    if data.reason_code:
        return open_cases.filter(reason__code=data.reason_code).order_by("-opened_at").first()
    return None


@transaction.atomic
def interaction_ingest(
    *, data: InteractionInput, actor: User | None = None, integration: str = ""
) -> IngestResult:
    """Store a contact from any channel: match the customer, attach to a case, analyse.

    Idempotent: the same channel and external id store one interaction.
    """
    _validate(data)
    if data.external_id:
        existing = Interaction.objects.filter(
            channel=data.channel, external_id=data.external_id
        ).first()
        if existing:
            return IngestResult(existing, created=False, case_created=False)
    now = timezone.now()
    started = data.started_at or now
    customer = customer_resolve(
        identifiers=data.identifiers, name=data.customer_name, language=data.language or "nl"
    )
    case = _open_case(customer.pk, data)
    case_created = case is None
    if case is None:
        reason = (
            ContactReason.objects.filter(code=data.reason_code).first()
            if data.reason_code
            else None
        )
        case = Case.objects.create(
            customer=customer,
            reason=reason,
            subject=data.subject[:255],
            channel=data.channel,
            thread_key=data.thread_key[:255],
            opened_at=started,
            due_at=due_at(data.channel, started, norm_calendar()),
        )
    elif case.status == Case.Status.WAITING_CUSTOMER and data.direction == "in":
        case.status = Case.Status.OPEN
        case.save(update_fields=["status", "updated_at"])
    try:
        with transaction.atomic():
            interaction = Interaction.objects.create(
                case=case,
                customer=customer,
                channel=data.channel,
                direction=data.direction,
                external_id=data.external_id or None,
                subject=data.subject[:255],
                started_at=started,
                language=data.language,
                author=actor,
            )
    except IntegrityError:
        # The same external id arrived twice at once: the other request stored it.
        existing = Interaction.objects.get(channel=data.channel, external_id=data.external_id)
        return IngestResult(existing, created=False, case_created=False)
    Turn.objects.bulk_create(
        Turn(
            interaction=interaction,
            index=i,
            speaker=t.speaker,
            text=t.text,
            start=t.start,
            sent_at=t.sent_at,
        )
        for i, t in enumerate(data.turns)
    )
    audit_record(
        actor=actor,
        integration=integration,
        action="create",
        obj=interaction,
        customer_id=customer.pk,
    )
    size = sum(len(t.text) for t in data.turns)
    if size <= settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS:
        from signaal.assist.services import interaction_analyze

        interaction_analyze(interaction_id=interaction.pk)
        interaction.refresh_from_db()
    else:
        from signaal.assist.tasks import analyze_interaction_task

        pk = interaction.pk
        transaction.on_commit(lambda: analyze_interaction_task(pk))
    return IngestResult(interaction, created=True, case_created=case_created)


@transaction.atomic
def case_assign(*, case: Case, owner: User | None, team: Team | None, actor: User | None) -> Case:
    """Give a case to a person and/or team."""
    if not case.is_open:
        raise Conflict("a closed case cannot be assigned")
    case.owner = owner
    if team is not None:
        case.team = team
    if case.status == Case.Status.NEW and owner is not None:
        case.status = Case.Status.OPEN
    case.save(update_fields=["owner", "team", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"owner": owner.pk if owner else None, "team": team.pk if team else None},
    )
    return case


@transaction.atomic
def case_set_status(*, case: Case, status: str, actor: User | None) -> Case:
    """Change the status of an open case (closing goes through ``case_close``)."""
    if status not in Case.Status.values or status == Case.Status.CLOSED:
        raise DomainError(
            "unknown status; close a case with its reason and resolution",
            extra={"allowed": [s for s in Case.Status.values if s != "closed"]},
        )
    if not case.is_open:
        raise Conflict("the case is closed")
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"status": status},
    )
    return case


@transaction.atomic
def case_close(
    *,
    case: Case,
    reason_code: str,
    resolution: str,
    summary: str,
    actor: User | None,
    close_reason: str = "",
) -> Case:
    """Close a case with its contact reason, resolution and summary."""
    if not case.is_open:
        raise Conflict("the case is already closed")
    reason = ContactReason.objects.filter(code=reason_code, active=True).first()
    if reason is None:
        raise DomainError("unknown contact reason", extra={"reason": reason_code})
    if not resolution.strip():
        raise DomainError("a resolution is needed to close a case")
    case.reason = reason
    case.resolution = resolution.strip()
    case.summary = summary.strip()
    case.close_reason = close_reason.strip()[:120]
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.save(
        update_fields=[
            "reason",
            "resolution",
            "summary",
            "close_reason",
            "status",
            "closed_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"status": "closed", "reason": reason_code},
    )
    return case
