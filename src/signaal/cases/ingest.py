"""Ingest from any channel: match the customer, attach to a case, store, analyse.

One interaction or a batch of them take the same path; a batch shares one transaction and
one insert per table, so it costs a handful of statements however many interactions it holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from signaal.accounts.models import User
from signaal.assist.models import DetectedBehaviour, DetectedSignal
from signaal.assist.services import analysis_note, analysis_rows, analysis_run
from signaal.bulk import bulk_insert
from signaal.cases.models import Case, Channel, Interaction, Turn
from signaal.cases.norms import NormCalendar, due_at
from signaal.cases.selectors import reference_data
from signaal.customers.models import Customer
from signaal.customers.services import CustomerClaim, customers_resolve
from signaal.engine.model import Analysis
from signaal.errors import DomainError
from signaal.privacy.services import audit_events_record

MAX_TURNS = 5000
MAX_TURN_CHARS = 100_000
MAX_BATCH = 100


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


def _utc(moment: dt.datetime) -> dt.datetime:
    # As the database gives it back, so the response shows what a later read shows.
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(dt.UTC)


@dataclass(slots=True)
class _Pending:
    """One new interaction on its way into the database."""

    data: InteractionInput
    interaction: Interaction
    turns: list[Turn]
    analysis: Analysis | None
    reason_id: int | None = None
    case_created: bool = False


def interaction_ingest(
    *, data: InteractionInput, actor: User | None = None, integration: str = ""
) -> IngestResult:
    """Store a contact from any channel: match the customer, attach to a case, analyse.

    Idempotent: the same channel and external id store one interaction (see
    ``interactions_ingest``, of which this is the batch of one).
    """
    return interactions_ingest(items=[data], actor=actor, integration=integration)[0]


def interactions_ingest(
    *, items: Sequence[InteractionInput], actor: User | None = None, integration: str = ""
) -> list[IngestResult]:
    """Store contacts from any channel, in order, in one transaction; a result per item.

    Every item is checked before anything is stored (a ``DomainError`` names the item of a
    batch). Idempotent: the same channel and external id store one interaction. A single
    contact leaves that to the unique constraint (a second request, even a simultaneous one,
    fails on its insert, rolls back everything it did and returns the stored interaction), so
    a new contact costs no look-up; a batch looks its external ids up first and repeats within
    it count once. Small interactions are analysed here, before the transaction, so that each
    is written once with its analysis; large ones in the background after commit.
    """
    return _ingest(items, actor, integration, analyses=None)


def _ingest(
    items: Sequence[InteractionInput],
    actor: User | None,
    integration: str,
    *,
    analyses: Sequence[Analysis | None] | None,
) -> list[IngestResult]:
    """``interactions_ingest``, given the analyses already made of some items (by position)."""
    if len(items) > MAX_BATCH:
        raise DomainError(f"at most {MAX_BATCH} interactions per batch")
    for n, data in enumerate(items):
        try:
            _validate(data)
        except DomainError as error:
            if len(items) == 1:
                raise
            raise DomainError(f"interaction {n}: {error.message}", extra=error.extra) from None
    results: list[IngestResult | None] = [None] * len(items)
    first: dict[tuple[str, str], int] = {}
    repeats: dict[int, int] = {}
    for n, data in enumerate(items):
        if data.external_id:
            repeats[n] = first.setdefault((data.channel, data.external_id), n)
    if len(items) > 1:
        for key, found in _existing(list(first)).items():
            results[first[key]] = found
    # The items to store: not stored before, and not repeating an earlier item of the batch.
    new = [n for n in range(len(items)) if results[n] is None and repeats.get(n, n) == n]
    pending = [_prepare(items[n], actor, analyses[n] if analyses else None) for n in new]
    try:
        with transaction.atomic():
            stored = _store(pending, actor, integration)
    except IntegrityError:
        # A channel and external id arrived at the same moment from elsewhere: the unique
        # constraint refused this batch and everything it did is undone. Each contact goes
        # again on its own, with the analysis already made of it (a repeat with that of the
        # contact it repeats).
        if len(items) > 1:
            made = {n: p.analysis for n, p in zip(new, pending, strict=True)}
            return [
                _ingest([d], actor, integration, analyses=[made.get(repeats.get(n, n))])[0]
                for n, d in enumerate(items)
            ]
        only = items[0]
        again = _existing([(only.channel, only.external_id)]) if only.external_id else {}
        if not again:
            raise
        return list(again.values())
    for n, result in zip(new, stored, strict=True):
        results[n] = result
    for n, original in repeats.items():
        if original != n:
            done = results[original]
            assert done is not None
            results[n] = IngestResult(
                done.interaction,
                created=False,
                case_created=False,
                turns=done.turns,
                signals=done.signals,
                behaviours=done.behaviours,
            )
    return [r for r in results if r is not None]


def _prepare(data: InteractionInput, actor: User | None, analysis: Analysis | None) -> _Pending:
    """The interaction and its turns in memory, analysed if small enough to do it now (or
    noted with ``analysis``, made of the same contact before)."""
    interaction = Interaction(
        channel=data.channel,
        direction=data.direction,
        external_id=data.external_id or None,
        subject=data.subject[:255],
        started_at=_utc(data.started_at or timezone.now()),
        language=data.language,
        author=actor,
    )
    turns = [
        Turn(index=i, speaker=t.speaker, text=t.text, start=t.start, sent_at=t.sent_at)
        for i, t in enumerate(data.turns)
    ]
    if analysis is not None:
        analysis_note(interaction=interaction, analysis=analysis)
    elif sum(len(t.text) for t in data.turns) <= settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS:
        analysis = analysis_run(interaction=interaction, turns=turns)
    return _Pending(data, interaction, turns, analysis)


def _store(pending: list[_Pending], actor: User | None, integration: str) -> list[IngestResult]:
    """Write the pending interactions: one statement per table for the whole batch."""
    if not pending:
        return []
    customers = customers_resolve(
        claims=[
            CustomerClaim(
                identifiers=p.data.identifiers,
                name=p.data.customer_name,
                language=p.data.language or "nl",
            )
            for p in pending
        ]
    )
    reference = reference_data()
    for p in pending:
        found = reference.reasons.get(p.data.reason_code) if p.data.reason_code else None
        p.reason_id = found[0] if found else None
    _attach_cases(pending, customers, reference.calendar)
    interactions = [p.interaction for p in pending]
    # In the order of the unique key: two batches that share contacts then wait for each
    # other instead of each holding a row the other needs (a deadlock on PostgreSQL).
    bulk_insert(sorted(interactions, key=lambda i: (i.channel, i.external_id or "")))
    turns = []
    for p in pending:
        for turn in p.turns:
            turn.interaction = p.interaction
        turns.extend(p.turns)
    bulk_insert(turns)
    audit_events_record(
        actor=actor,
        integration=integration,
        action="create",
        objects=[(i, i.customer_id) for i in interactions],
    )
    rows = [
        analysis_rows(interaction=p.interaction, turns=p.turns, analysis=p.analysis)
        if p.analysis is not None
        else ([], [])
        for p in pending
    ]
    signals = [s for found, _ in rows for s in found]
    behaviours = [b for _, found in rows for b in found]
    bulk_insert(signals)
    bulk_insert(behaviours)
    later = [p.interaction.pk for p in pending if p.analysis is None]
    if later:
        from signaal.assist.tasks import analyze_interaction_task

        def analyse_later() -> None:
            for pk in later:
                analyze_interaction_task(pk)

        transaction.on_commit(analyse_later)
    return [
        IngestResult(
            p.interaction,
            created=True,
            case_created=p.case_created,
            turns=p.turns,
            signals=found_signals,
            behaviours=found_behaviours,
        )
        for p, (found_signals, found_behaviours) in zip(pending, rows, strict=True)
    ]


def _attach_cases(
    pending: list[_Pending], customers: list[Customer], calendar: NormCalendar
) -> None:
    """Each interaction to its customer's open case with its thread key, else with its contact
    reason (the latest opened), else to a new case: one query for the open cases, one insert
    for the new ones. Cases opened earlier in the batch count as open cases."""
    keys = {p.data.thread_key for p in pending if p.data.thread_key}
    reasons = {p.reason_id for p in pending if p.reason_id is not None}
    stored = {c.pk for c in customers if c.pk is not None}
    open_cases: dict[int, list[Case]] = {}
    match = Q()
    if keys:
        match |= Q(thread_key__in=keys)
    if reasons:
        match |= Q(reason_id__in=reasons)
    if match and stored:
        found = (
            Case.objects.filter(match, customer_id__in=stored)
            .exclude(status=Case.Status.CLOSED)
            .order_by("-opened_at", "-id")
        )
        for open_case in found:
            open_cases.setdefault(open_case.customer_id, []).append(open_case)
    new: list[Case] = []
    reopened: dict[int, Case] = {}
    for p, customer in zip(pending, customers, strict=True):
        data = p.data
        candidates = open_cases.setdefault(customer.pk, [])
        case: Case | None = None
        if data.thread_key:
            case = next((c for c in candidates if c.thread_key == data.thread_key), None)
        if case is None and p.reason_id is not None:
            case = next((c for c in candidates if c.reason_id == p.reason_id), None)
        if case is None:
            started = p.interaction.started_at
            case = Case(
                customer=customer,
                reason_id=p.reason_id,
                subject=data.subject[:255],
                channel=data.channel,
                thread_key=data.thread_key[:255],
                opened_at=started,
                due_at=due_at(data.channel, started, calendar),
            )
            new.append(case)
            p.case_created = True
            # The latest opened first, as the query orders them; a new case is the latest
            # among those opened at the same moment.
            candidates.insert(0, case)
            candidates.sort(key=lambda c: c.opened_at, reverse=True)
        elif case.status == Case.Status.WAITING_CUSTOMER and data.direction == "in":
            case.status = Case.Status.OPEN
            if case.pk is not None:
                reopened[case.pk] = case
        p.interaction.case = case
        p.interaction.customer = customer
    bulk_insert(new)
    if reopened:
        Case.objects.filter(pk__in=reopened).update(
            status=Case.Status.OPEN, updated_at=timezone.now()
        )


def _existing(keys: Sequence[tuple[str, str | None]]) -> dict[tuple[str, str], IngestResult]:
    """The interactions already stored under these channels and external ids, with their rows."""
    by_channel: dict[str, list[str]] = {}
    for channel, external_id in keys:
        if external_id:
            by_channel.setdefault(channel, []).append(external_id)
    match = Q()
    for channel, external_ids in by_channel.items():
        match |= Q(channel=channel, external_id__in=external_ids)
    if not match:
        return {}
    found = Interaction.objects.filter(match).prefetch_related("turns", "signals", "behaviours")
    return {
        (i.channel, i.external_id or ""): IngestResult(
            i,
            created=False,
            case_created=False,
            turns=list(i.turns.all()),
            signals=list(i.signals.all()),
            behaviours=list(i.behaviours.all()),
        )
        for i in found
    }
