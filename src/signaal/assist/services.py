"""Running the listening engine on interactions and storing what it heard."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import transaction

from signaal.assist.lexicon import platform_listener
from signaal.assist.models import DetectedBehaviour, DetectedSignal
from signaal.cases.models import Interaction, Turn
from signaal.engine import Conversation
from signaal.engine import Turn as EngineTurn
from signaal.engine.model import Analysis

logger = logging.getLogger(__name__)

# What is kept of an analysis besides the signals and behaviours rows; the summary keeps "who"
# so the timeline can show a daughter calling for her mother as herself.
ANALYSIS_KEYS = ("language", "opening", "pickup", "late_discoveries", "lexicon", "pii", "summary")


def _conversation(interaction: Interaction, turns: Sequence[Turn]) -> Conversation:
    return Conversation(
        id=str(interaction.pk or interaction.external_id or ""),
        channel=interaction.channel,
        language=interaction.language or None,
        turns=tuple(
            EngineTurn(index=i, speaker=t.speaker, text=t.text, start=t.start)  # type: ignore[arg-type]
            for i, t in enumerate(turns)
        ),
    )


def analysis_run(*, interaction: Interaction, turns: Sequence[Turn]) -> Analysis:
    """Run the engine on an interaction and its turns (saved or not) and note the result on
    the interaction (analysis, summary, language, state); nothing is written."""
    analysis = platform_listener().analyze(_conversation(interaction, turns))
    analysis_note(interaction=interaction, analysis=analysis)
    return analysis


def analysis_note(*, interaction: Interaction, analysis: Analysis) -> None:
    """Note an analysis already made on the interaction (analysis, summary, language, state)."""
    data = analysis.to_dict()
    interaction.analysis = {key: data[key] for key in ANALYSIS_KEYS}
    interaction.analysis_summary = analysis.summary.text if analysis.summary else ""
    interaction.language = analysis.language
    interaction.analysis_state = Interaction.AnalysisState.DONE


def analysis_rows(
    *, interaction: Interaction, turns: Sequence[Turn], analysis: Analysis
) -> tuple[list[DetectedSignal], list[DetectedBehaviour]]:
    """The signals and behaviours of ``analysis`` as rows to insert (interaction and turns
    saved), in the order of the models and the API (turn, then position)."""
    opening = set(analysis.opening.turns)
    pickup = {p.signal_index: p for p in analysis.pickup}
    turn_ids = [t.pk for t in turns]
    # Foreign keys as ids and rows in the API's order (turn, then position): building a few
    # dozen model instances is a good part of an ingest.
    signals = [
        DetectedSignal(
            interaction_id=interaction.pk,
            turn_id=turn_ids[s.turn],
            type=s.type,
            strength=s.strength,
            span_start=s.span[0],
            span_end=s.span[1],
            text=s.text,
            pattern=s.pattern,
            in_opening=s.turn in opening,
            picked_up=pickup[i].picked_up if i in pickup else None,
            pickup_turn_id=(
                turn_ids[pickup[i].by_turn]  # type: ignore[index]
                if i in pickup and pickup[i].by_turn is not None
                else None
            ),
        )
        for i, s in sorted(enumerate(analysis.signals), key=lambda e: (e[1].turn, e[1].span[0]))
    ]
    behaviours = [
        DetectedBehaviour(
            interaction_id=interaction.pk,
            turn_id=turn_ids[b.turn],
            type=b.type,
            span_start=b.span[0],
            span_end=b.span[1],
            text=b.text,
            pattern=b.pattern,
        )
        for b in sorted(analysis.behaviours, key=lambda b: (b.turn, b.span[0]))
    ]
    return signals, behaviours


def analysis_store(
    *, interaction: Interaction, turns: Sequence[Turn], analysis: Analysis
) -> tuple[list[DetectedSignal], list[DetectedBehaviour]]:
    """Insert the signals and behaviours of ``analysis`` (turns saved), one insert each."""
    signals, behaviours = analysis_rows(interaction=interaction, turns=turns, analysis=analysis)
    if signals:
        DetectedSignal.objects.bulk_create(signals)
    if behaviours:
        DetectedBehaviour.objects.bulk_create(behaviours)
    return signals, behaviours


@transaction.atomic(savepoint=False)
def interaction_analyze(*, interaction_id: int) -> Analysis | None:
    """Analyse one stored interaction and store its signals and behaviours (replacing earlier
    ones): the background path for large interactions, and re-analysis."""
    interaction = Interaction.objects.select_for_update().filter(pk=interaction_id).first()
    if interaction is None:
        return None
    turns = list(interaction.turns.order_by("index"))
    if not turns:
        interaction.analysis_state = Interaction.AnalysisState.DONE
        interaction.save(update_fields=["analysis_state"])
        return None
    analysis = analysis_run(interaction=interaction, turns=turns)
    DetectedSignal.objects.filter(interaction=interaction).delete()
    DetectedBehaviour.objects.filter(interaction=interaction).delete()
    analysis_store(interaction=interaction, turns=turns, analysis=analysis)
    interaction.save(update_fields=["analysis", "analysis_summary", "language", "analysis_state"])
    return analysis
