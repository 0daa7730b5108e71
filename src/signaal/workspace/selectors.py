"""Reads of the agent workspace: who may see which case, the queue, and the case page.

Every case reaches a view through ``case_get_for_user``; the queue through ``cases_visible``.
Both apply the same scope, so what a person may open and what they see listed never differ.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext

from signaal.accounts.models import Role, User
from signaal.assist.lexicon import platform_listener
from signaal.assist.models import DetectedSignal
from signaal.cases.models import Case, ContactReason, Interaction, Turn
from signaal.engine import EngineError, LexiconHit
from signaal.workspace.labels import signal_label

logger = logging.getLogger(__name__)

QUEUE_PAGE_SIZE = 25
# A case page shows the current case's interactions (its newest CURRENT_CASE_LIMIT) and the
# newest TIMELINE_LIMIT interactions of the customer's other cases; the rest is counted, not
# shown. Rendering is what a long history costs: 300 interactions made a page of 1 MB and half
# a second (docs/benchmarks.md, Platform).
TIMELINE_LIMIT = 30
CURRENT_CASE_LIMIT = 100
# A contact with more than LONG_CONTACT_TURNS turns (an hour on the phone has hundreds) shows
# its first OPENING_TURNS, its last CLOSING_TURNS and every turn where a signal was heard or
# picked up; the turns in between are a line that opens the whole conversation. Hundreds of
# turns made the page of a long call slow and hard to read.
LONG_CONTACT_TURNS = 40
OPENING_TURNS = 6
CLOSING_TURNS = 4
SNIPPET_CHARS = 160
DRAFT_MAX_CHARS = 5000
OPEN_STATUSES: tuple[str, ...] = tuple(s for s in Case.Status.values if s != Case.Status.CLOSED)
# Roles that look across teams: coaching, steering and administration are not tied to one team.
ORGANISATION_WIDE_ROLES = frozenset({Role.COACH, Role.MANAGER, Role.ADMIN})
LANGUAGES = ("nl", "en")


# --- access ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseScope:
    """Which cases a person may see: all of them, or their team's, unrouted and own cases."""

    user_id: int
    team_id: int | None
    everything: bool

    def allows(self, case: Case) -> bool:
        """Whether ``case`` is inside this scope."""
        return (
            self.everything
            or case.owner_id == self.user_id
            or case.team_id is None
            or (self.team_id is not None and case.team_id == self.team_id)
        )

    def filter(self, queryset: QuerySet[Case]) -> QuerySet[Case]:
        """``queryset`` narrowed to this scope."""
        if self.everything:
            return queryset
        visible = Q(owner_id=self.user_id) | Q(team__isnull=True)
        if self.team_id is not None:
            visible |= Q(team_id=self.team_id)
        return queryset.filter(visible)


def case_scope(*, user: User) -> CaseScope:
    """The scope of ``user``; PermissionDenied for people without access to cases at all."""
    if not user.is_authenticated or not user.is_active or not user.has_perm("cases.view_case"):
        raise PermissionDenied
    everything = user.is_superuser or bool(
        set(user.groups.values_list("name", flat=True)) & ORGANISATION_WIDE_ROLES
    )
    return CaseScope(user_id=user.pk, team_id=user.team_id, everything=everything)


def cases_visible(*, user: User) -> QuerySet[Case]:
    """The cases ``user`` may see (raises PermissionDenied without access to cases)."""
    return case_scope(user=user).filter(Case.objects.all())


def case_get_for_user(*, user: User, case_id: int) -> Case:
    """One case for a page or action: Http404 if unknown, PermissionDenied if out of scope."""
    scope = case_scope(user=user)
    case = (
        Case.objects.select_related("customer", "reason", "owner", "team")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404("case not found")
    if not scope.allows(case):
        raise PermissionDenied
    return case


def can_handle(*, user: User) -> bool:
    """Whether ``user`` may reply to, assign, change and close cases (not only read them)."""
    return user.has_perm("cases.change_case") and user.has_perm("cases.add_interaction")


# --- the queue ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the queue is narrowed to; empty values mean "all"."""

    team_id: int | None = None
    channel: str = ""
    status: str = ""
    mine: bool = False


@dataclass(frozen=True, slots=True)
class SignalBadge:
    """One signal type heard in a case, for the queue."""

    type: str
    label: str
    explicit: bool
    missed: bool


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One case in the queue with the signal types heard in it."""

    case: Case
    signals: tuple[SignalBadge, ...]


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of the queue."""

    rows: tuple[QueueRow, ...]
    page: Page[Case]


def queue_cases(*, user: User, filters: QueueFilters) -> QuerySet[Case]:
    """Open cases ``user`` may see, soonest due first (the bare rows: ``queue_page`` adds what a
    queue row shows to one page of them)."""
    queryset = cases_visible(user=user).filter(status__in=OPEN_STATUSES)
    if filters.team_id is not None:
        queryset = queryset.filter(team_id=filters.team_id)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.mine:
        queryset = queryset.filter(owner_id=user.pk)
    return queryset.order_by(F("due_at").asc(nulls_last=True), "-priority", "opened_at", "pk")


def queue_rows(*, case_ids: Sequence[int]) -> list[Case]:
    """The cases of one queue page, in the order of ``case_ids``, with the customer's latest words.

    Joined and annotated for these few ids only: done on the whole queue before sorting, the
    snippet subquery and the joins would run for every open case (see docs/benchmarks.md).
    """
    latest_customer_words = (
        Turn.objects.filter(interaction__case=OuterRef("pk"), speaker=Turn.Speaker.CUSTOMER)
        .order_by("-interaction__started_at", "-interaction_id", "-index")
        .values("text")[:1]
    )
    rows = (
        Case.objects.filter(pk__in=case_ids)
        .select_related("customer", "reason", "owner", "team")
        .annotate(snippet=Substr(Subquery(latest_customer_words), 1, SNIPPET_CHARS))
    )
    position = {pk: i for i, pk in enumerate(case_ids)}
    return sorted(rows, key=lambda c: position[c.pk])


def signal_badges(*, case_ids: Sequence[int]) -> dict[int, tuple[SignalBadge, ...]]:
    """The signal types heard per case, in one query: missed first, then explicit ones."""
    rows = (
        DetectedSignal.objects.filter(interaction__case_id__in=case_ids)
        .values("interaction__case_id", "type")
        .annotate(
            explicit=Count("pk", filter=Q(strength=DetectedSignal.Strength.EXPLICIT)),
            missed=Count("pk", filter=Q(picked_up=False)),
        )
        .order_by()
    )
    found: dict[int, list[SignalBadge]] = defaultdict(list)
    for row in rows:
        found[row["interaction__case_id"]].append(
            SignalBadge(
                type=row["type"],
                label=signal_label(row["type"]),
                explicit=row["explicit"] > 0,
                missed=row["missed"] > 0,
            )
        )
    return {
        case_id: tuple(sorted(badges, key=lambda b: (not b.missed, not b.explicit, b.label)))
        for case_id, badges in found.items()
    }


def queue_page(*, user: User, filters: QueueFilters, page_number: str | int | None) -> QueuePage:
    """One page of the queue, in a fixed number of queries whatever the page holds."""
    # The page is chosen on the bare rows (only the id is read), then completed for its 25 cases.
    page = Paginator(queue_cases(user=user, filters=filters).only("pk"), QUEUE_PAGE_SIZE).get_page(
        page_number
    )
    cases = queue_rows(case_ids=[c.pk for c in page.object_list])
    page.object_list = cases
    badges = signal_badges(case_ids=[c.pk for c in cases])
    return QueuePage(
        rows=tuple(QueueRow(case=c, signals=badges.get(c.pk, ())) for c in cases), page=page
    )


# --- the case page --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a turn's text that is evidence of a signal."""

    start: int
    end: int
    type: str
    label: str
    strength: str
    missed: bool


@dataclass(frozen=True, slots=True)
class TurnView:
    """One turn as the timeline shows it."""

    turn: Turn
    evidence: tuple[Evidence, ...]
    anchor: str


@dataclass(frozen=True, slots=True)
class TurnGap:
    """Turns of a long contact left out of the timeline: how many, from which index."""

    count: int
    first: int


@dataclass(frozen=True, slots=True)
class SignalView:
    """One detected signal with where it was heard and whether it was picked up."""

    signal: DetectedSignal
    label: str
    interaction: Interaction
    turn_number: int
    anchor: str
    pickup_anchor: str
    in_current_case: bool

    @property
    def missed(self) -> bool:
        """Heard, followed by the agent, and not responded to."""
        return self.signal.picked_up is False


@dataclass(frozen=True, slots=True)
class InteractionView:
    """One interaction of the timeline with its turns and signals."""

    interaction: Interaction
    turns: tuple[TurnView | TurnGap, ...]
    signals: tuple[SignalView, ...]
    anchor: str

    @property
    def shortened(self) -> bool:
        """Some turns are left out (a long contact); the whole one is a request away."""
        return any(isinstance(t, TurnGap) for t in self.turns)

    @property
    def missed_count(self) -> int:
        """How many signals in this interaction went without pick-up."""
        return sum(1 for s in self.signals if s.missed)

    @property
    def caller(self) -> str:
        """Who spoke or wrote on the customer's side: the name they gave, else the customer.

        A daughter calling for her mother says "met Ellen Hendriks, ik bel namens mijn
        moeder": her turns are hers, not her mother's.
        """
        name = self._summary.get("name")
        if isinstance(name, str) and name:
            return name
        # Empty: the page shows the customer's name (without a query per interaction).
        return gettext("Someone") if self.on_behalf else ""

    @property
    def on_behalf(self) -> bool:
        """The customer's side was someone acting for the customer."""
        return bool(self._summary.get("on_behalf"))

    @property
    def _summary(self) -> dict[str, Any]:
        # The engine's summary as stored with the analysis: "name" is the name the customer
        # gave, "on_behalf" the sentence saying for whom they contact.
        summary = (self.interaction.analysis or {}).get("summary")
        return summary if isinstance(summary, dict) else {}


@dataclass(frozen=True, slots=True)
class CaseStory:
    """One case of the customer's timeline with its interactions."""

    case: Case
    interactions: tuple[InteractionView, ...]
    current: bool
    same_reason: bool


@dataclass(frozen=True, slots=True)
class CasePage:
    """Everything the case page shows besides the forms."""

    case: Case
    story: tuple[CaseStory, ...]
    signals: tuple[SignalView, ...]
    earlier_same_reason: tuple[Case, ...]
    repeat_signals: tuple[SignalView, ...]
    earlier_cases: int
    hidden_interactions: int
    summary: str
    language: str

    @property
    def missed(self) -> tuple[SignalView, ...]:
        """The current case's signals that went without pick-up."""
        return tuple(s for s in self.signals if s.missed)


def _interaction_anchor(interaction: Interaction) -> str:
    return f"contact-{interaction.pk}"


def _turn_anchor(interaction: Interaction, index: int) -> str:
    return f"contact-{interaction.pk}-turn-{index}"


def _interaction_view(
    interaction: Interaction,
    current_case_id: int,
    turns: Sequence[Turn],
    signals_heard: Sequence[DetectedSignal],
    turn_count: int,
) -> InteractionView:
    """The timeline's view of a contact from its turns (all, or the ones a long contact shows
    by ``_turns_shown``) and its signals."""
    index_of = {t.pk: t.index for t in turns}
    signals = tuple(
        SignalView(
            signal=s,
            label=signal_label(s.type),
            interaction=interaction,
            turn_number=index_of.get(s.turn_id, 0) + 1,
            anchor=_turn_anchor(interaction, index_of.get(s.turn_id, 0)),
            pickup_anchor=(
                _turn_anchor(interaction, index_of[s.pickup_turn_id])
                if s.pickup_turn_id in index_of
                else ""
            ),
            in_current_case=interaction.case_id == current_case_id,
        )
        for s in sorted(signals_heard, key=lambda s: (index_of.get(s.turn_id, 0), s.span_start))
    )
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for view in signals:
        s = view.signal
        evidence[s.turn_id].append(
            Evidence(
                start=s.span_start,
                end=s.span_end,
                type=s.type,
                label=view.label,
                strength=s.strength,
                missed=view.missed,
            )
        )
    items: list[TurnView | TurnGap] = []
    expected = 0
    for t in turns:
        if t.index > expected:
            items.append(TurnGap(count=t.index - expected, first=expected))
        items.append(
            TurnView(
                turn=t,
                evidence=tuple(evidence.get(t.pk, ())),
                anchor=_turn_anchor(interaction, t.index),
            )
        )
        expected = t.index + 1
    if turn_count > expected:
        items.append(TurnGap(count=turn_count - expected, first=expected))
    return InteractionView(
        interaction=interaction,
        turns=tuple(items),
        signals=signals,
        anchor=_interaction_anchor(interaction),
    )


def _turn_count(interaction: Interaction) -> int:
    return int(getattr(interaction, "turn_count", 0))


def _turns_shown(
    interactions: Sequence[Interaction],
    signals: dict[int, list[DetectedSignal]],
    whole: Iterable[int] = (),
) -> dict[int, list[Turn]]:
    """The turns the timeline shows of each interaction (annotated with ``turn_count``), in
    one query: all of a short contact (or one in ``whole``); of a long one its opening, its
    close and the turns where a signal was heard or picked up."""
    whole = set(whole)
    short = [i.pk for i in interactions if _turn_count(i) <= LONG_CONTACT_TURNS or i.pk in whole]
    long = [i for i in interactions if i.pk not in short]
    match = Q(interaction_id__in=short) if short else Q()
    if long:
        heard = {
            turn_id
            for i in long
            for s in signals.get(i.pk, ())
            for turn_id in (s.turn_id, s.pickup_turn_id)
            if turn_id is not None
        }
        match |= Q(interaction_id__in=[i.pk for i in long], index__lt=OPENING_TURNS)
        match |= Q(pk__in=heard)
        for i in long:
            match |= Q(interaction_id=i.pk, index__gte=_turn_count(i) - CLOSING_TURNS)
    shown: dict[int, list[Turn]] = defaultdict(list)
    if not interactions:
        return shown
    for turn in Turn.objects.filter(match).order_by("interaction_id", "index"):
        shown[turn.interaction_id].append(turn)
    return shown


def _turn_counts() -> Subquery:
    # Per interaction, from the (interaction, index) index; no GROUP BY over the interaction's
    # columns (its analysis is a JSON document).
    return Subquery(
        Turn.objects.filter(interaction_id=OuterRef("pk"))
        .order_by()
        .values("interaction_id")
        .annotate(n=Count("id"))
        .values("n")
    )


def _for_views(interactions: QuerySet[Interaction]) -> QuerySet[Interaction]:
    """``interactions`` with what ``_views`` reads: their turn counts and signals."""
    return interactions.annotate(turn_count=_turn_counts()).prefetch_related(
        Prefetch("signals", queryset=DetectedSignal.objects.order_by("turn_id", "span_start"))
    )


def _views(
    interactions: Sequence[Interaction], current_case_id: int, whole: Iterable[int] = ()
) -> dict[int, InteractionView]:
    """The timeline's views of ``interactions`` (read through ``_for_views``)."""
    signals = {i.pk: list(i.signals.all()) for i in interactions}
    turns = _turns_shown(interactions, signals, whole)
    return {
        i.pk: _interaction_view(i, current_case_id, turns[i.pk], signals[i.pk], _turn_count(i))
        for i in interactions
    }


def customer_story(*, case: Case, whole: Iterable[int] = ()) -> tuple[tuple[CaseStory, ...], int]:
    """The customer's interactions across channels and cases, oldest first, grouped by case.

    Shows the current case (up to CURRENT_CASE_LIMIT interactions) and the newest
    TIMELINE_LIMIT interactions of the other cases, long contacts shortened unless their id
    is in ``whole``; returns the story and how many interactions were left out.
    """
    newest_first = ("-started_at", "-id")
    # Two small index-only reads choose the ids; one "id IN (a OR b subquery)" instead made
    # PostgreSQL scan all interactions (100 ms at 200,000 of them).
    shown = [
        *Interaction.objects.filter(case_id=case.pk)
        .order_by(*newest_first)
        .values_list("pk", flat=True)[:CURRENT_CASE_LIMIT],
        *Interaction.objects.filter(customer_id=case.customer_id)
        .exclude(case_id=case.pk)
        .order_by(*newest_first)
        .values_list("pk", flat=True)[:TIMELINE_LIMIT],
    ]
    newest = list(
        _for_views(
            Interaction.objects.filter(pk__in=shown).select_related(
                "case", "case__reason", "case__owner", "author"
            )
        ).order_by(*newest_first)
    )
    views = _views(newest, case.pk, whole)
    hidden = 0
    in_current = sum(1 for i in newest if i.case_id == case.pk)
    if in_current == CURRENT_CASE_LIMIT or len(newest) - in_current == TIMELINE_LIMIT:
        hidden = Interaction.objects.filter(customer_id=case.customer_id).count() - len(newest)
    by_case: dict[int, list[InteractionView]] = {}
    cases: dict[int, Case] = {}
    # Oldest first; a case takes its place in the story at its first interaction.
    for interaction in reversed(newest):
        by_case.setdefault(interaction.case_id, []).append(views[interaction.pk])
        cases.setdefault(interaction.case_id, interaction.case)
    if case.pk not in cases:
        cases[case.pk] = case
        by_case[case.pk] = []
    story = tuple(
        CaseStory(
            case=cases[case_id],
            interactions=tuple(views),
            current=case_id == case.pk,
            same_reason=(
                case_id != case.pk
                and case.reason_id is not None
                and cases[case_id].reason_id == case.reason_id
            ),
        )
        for case_id, views in by_case.items()
    )
    return story, hidden


def _summary(story: Iterable[CaseStory]) -> str:
    """The engine's summary of the latest customer interaction of the current case."""
    for part in story:
        if not part.current:
            continue
        for view in reversed(part.interactions):
            item = view.interaction
            if item.direction == Interaction.Direction.INBOUND and item.analysis_summary:
                return item.analysis_summary
    return ""


def _language(case: Case, story: Iterable[CaseStory]) -> str:
    for part in story:
        if part.current:
            for view in reversed(part.interactions):
                if view.interaction.language in LANGUAGES:
                    return view.interaction.language
    return case.customer.language if case.customer.language in LANGUAGES else "nl"


def contact_whole(*, case: Case, interaction_id: int) -> InteractionView:
    """One contact of the customer of ``case`` (from ``case_get_for_user``) with all its
    turns, as the timeline shows it; 404 for a contact of someone else."""
    interactions = list(
        _for_views(
            Interaction.objects.filter(
                pk=interaction_id, customer_id=case.customer_id
            ).select_related("author")
        )
    )
    if not interactions:
        raise Http404("no such contact of this customer")
    return _views(interactions, case.pk, whole=[interaction_id])[interaction_id]


def case_page(*, case: Case, whole: Iterable[int] = ()) -> CasePage:
    """What the case page shows of ``case`` (from ``case_get_for_user``), in a few queries;
    the contacts in ``whole`` with all their turns."""
    story, hidden = customer_story(case=case, whole=whole)
    signals = tuple(
        s for part in story if part.current for view in part.interactions for s in view.signals
    )
    earlier_same_reason: tuple[Case, ...] = ()
    if case.reason_id is not None:
        earlier_same_reason = tuple(
            Case.objects.filter(
                customer_id=case.customer_id, reason_id=case.reason_id, opened_at__lt=case.opened_at
            )
            .exclude(pk=case.pk)
            .select_related("reason")
            .order_by("-opened_at")[:10]
        )
    return CasePage(
        case=case,
        story=story,
        signals=signals,
        earlier_same_reason=earlier_same_reason,
        repeat_signals=tuple(s for s in signals if s.signal.type == "repeat_contact"),
        earlier_cases=sum(1 for part in story if part.case.opened_at < case.opened_at),
        hidden_interactions=hidden,
        summary=_summary(story),
        language=_language(case, story),
    )


def contact_reasons_active() -> QuerySet[ContactReason]:
    """The contact reasons a case can be closed with."""
    return ContactReason.objects.filter(active=True).order_by("label")


# --- the reply composer ---------------------------------------------------------------------


def draft_hints(*, text: str, language: str) -> tuple[LexiconHit, ...]:
    """Lexicon advice for a draft (runs on every keystroke: the engine only, no database)."""
    text = text[:DRAFT_MAX_CHARS]
    if not text.strip():
        return ()
    try:
        # The packs plus the organisation's own lexicon entries from the admin.
        return platform_listener().check_draft(
            text, language=language if language in LANGUAGES else "nl"
        )
    except EngineError:
        # Advice is a help, not a gate: a broken pack must not stop an agent from typing.
        logger.exception("lexicon check failed")
        return ()
