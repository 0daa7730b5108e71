"""Writes on cases and interactions: ingest from any channel, assign, change status, close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from signaal.accounts.models import Team, User
from signaal.assist.models import DetectedBehaviour, DetectedSignal
from signaal.assist.services import analysis_run, analysis_store
from signaal.cases.models import Case, Channel, ContactReason, Interaction, Turn
from signaal.cases.norms import due_at
from signaal.cases.selectors import reference_data
from signaal.customers.services import customer_resolve
from signaal.engine.model import Analysis
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
    """What ingest did: the interaction, and whether it (and its case) are new.

    ``turns``, ``signals`` and ``behaviours`` are the interaction's rows in the order the API
    shows them, so the response needs no query to read back what was just written (empty
    signals and behaviours while the analysis runs in the background).
    """

    interaction: Interaction
    created: bool
    case_created: bool
    turns: list[Turn] = field(default_factory=list)
    signals: list[DetectedSignal] = field(default_factory=list)
    behaviours: list[DetectedBehaviour] = field(default_factory=list)


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


def _open_case(customer_id: int, data: InteractionInput, reason_id: int | None) -> Case | None:
    """The customer's open case with this thread key, else with this contact reason: one query."""
    match = Q()
    if data.thread_key:
        match |= Q(thread_key=data.thread_key)
    if reason_id is not None:
        match |= Q(reason_id=reason_id)
    if not match:
        return None
    candidates = list(
        Case.objects.filter(match, customer_id=customer_id)
        .exclude(status=Case.Status.CLOSED)
        .order_by("-opened_at", "-id")
    )
    if data.thread_key:
        for case in candidates:
            if case.thread_key == data.thread_key:
                return case
    if reason_id is not None:
        for case in candidates:
            if case.reason_id == reason_id:
                return case
    return None


def _existing(data: InteractionInput) -> IngestResult | None:
    """The interaction already stored under this channel and external id, with its rows."""
    existing = (
        Interaction.objects.filter(channel=data.channel, external_id=data.external_id)
        .prefetch_related("turns", "signals", "behaviours")
        .first()
    )
    if existing is None:
        return None
    return IngestResult(
        existing,
        created=False,
        case_created=False,
        turns=list(existing.turns.all()),
        signals=list(existing.signals.all()),
        behaviours=list(existing.behaviours.all()),
    )


def _utc(moment: dt.datetime) -> dt.datetime:
    # As the database gives it back, so the response shows what a later read shows.
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(dt.UTC)


def interaction_ingest(
    *, data: InteractionInput, actor: User | None = None, integration: str = ""
) -> IngestResult:
    """Store a contact from any channel: match the customer, attach to a case, analyse.

    Idempotent: the same channel and external id store one interaction. That is left to the
    unique constraint (a second request, even a simultaneous one, fails on its insert, rolls
    back everything it did and returns the stored interaction), so a new contact costs no
    look-up. A small interaction is analysed here, before the transaction, so that it is
    written once with its analysis; a large one is analysed in the background after commit.
    """
    _validate(data)
    started = _utc(data.started_at or timezone.now())
    interaction = Interaction(
        channel=data.channel,
        direction=data.direction,
        external_id=data.external_id or None,
        subject=data.subject[:255],
        started_at=started,
        language=data.language,
        author=actor,
    )
    turns = [
        Turn(index=i, speaker=t.speaker, text=t.text, start=t.start, sent_at=t.sent_at)
        for i, t in enumerate(data.turns)
    ]
    analysis = None
    if sum(len(t.text) for t in data.turns) <= settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS:
        analysis = analysis_run(interaction=interaction, turns=turns)
    try:
        with transaction.atomic():
            return _store(data, interaction, turns, analysis, actor, integration)
    except IntegrityError:
        # The same channel and external id arrived before (or at the same moment): the
        # interaction's unique constraint refused this one and everything it did is undone.
        found = _existing(data) if data.external_id else None
        if found is None:
            raise
        return found


def _store(
    data: InteractionInput,
    interaction: Interaction,
    turns: list[Turn],
    analysis: Analysis | None,
    actor: User | None,
    integration: str,
) -> IngestResult:
    customer = customer_resolve(
        identifiers=data.identifiers, name=data.customer_name, language=data.language or "nl"
    )
    reference = reference_data()
    found = reference.reasons.get(data.reason_code) if data.reason_code else None
    reason_id = found[0] if found else None
    started = interaction.started_at
    case = _open_case(customer.pk, data, reason_id)
    case_created = case is None
    if case is None:
        case = Case.objects.create(
            customer=customer,
            reason_id=reason_id,
            subject=data.subject[:255],
            channel=data.channel,
            thread_key=data.thread_key[:255],
            opened_at=started,
            due_at=due_at(data.channel, started, reference.calendar),
        )
    elif case.status == Case.Status.WAITING_CUSTOMER and data.direction == "in":
        case.status = Case.Status.OPEN
        case.save(update_fields=["status", "updated_at"])
    interaction.case = case
    interaction.customer = customer
    interaction.save(force_insert=True)
    for turn in turns:
        turn.interaction = interaction
    Turn.objects.bulk_create(turns)
    audit_record(
        actor=actor,
        integration=integration,
        action="create",
        obj=interaction,
        customer_id=customer.pk,
    )
    if analysis is None:
        from signaal.assist.tasks import analyze_interaction_task

        pk = interaction.pk
        transaction.on_commit(lambda: analyze_interaction_task(pk))
        return IngestResult(interaction, created=True, case_created=case_created, turns=turns)
    signals, behaviours = analysis_store(interaction=interaction, turns=turns, analysis=analysis)
    return IngestResult(
        interaction,
        created=True,
        case_created=case_created,
        turns=turns,
        signals=signals,
        behaviours=behaviours,
    )


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
