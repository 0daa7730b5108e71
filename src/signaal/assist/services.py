"""Running the listening engine on interactions and storing what it heard."""

from __future__ import annotations

import logging

from django.db import transaction

from signaal.assist.models import DetectedBehaviour, DetectedSignal
from signaal.cases.models import Interaction, Turn
from signaal.engine import Conversation, default_listener
from signaal.engine import Turn as EngineTurn
from signaal.engine.model import Analysis

logger = logging.getLogger(__name__)


def _conversation(interaction: Interaction, turns: list[Turn]) -> Conversation:
    return Conversation(
        id=str(interaction.pk),
        channel=interaction.channel,
        language=interaction.language or None,
        turns=tuple(
            EngineTurn(index=i, speaker=t.speaker, text=t.text, start=t.start)  # type: ignore[arg-type]
            for i, t in enumerate(turns)
        ),
    )


@transaction.atomic
def interaction_analyze(*, interaction_id: int) -> Analysis | None:
    """Analyse one interaction and store its signals and behaviours (replacing earlier ones)."""
    interaction = Interaction.objects.select_for_update().filter(pk=interaction_id).first()
    if interaction is None:
        return None
    turns = list(interaction.turns.order_by("index"))
    if not turns:
        interaction.analysis_state = Interaction.AnalysisState.DONE
        interaction.save(update_fields=["analysis_state"])
        return None
    analysis = default_listener().analyze(_conversation(interaction, turns))
    opening = set(analysis.opening.turns)
    pickup = {p.signal_index: p for p in analysis.pickup}
    DetectedSignal.objects.filter(interaction=interaction).delete()
    DetectedBehaviour.objects.filter(interaction=interaction).delete()
    DetectedSignal.objects.bulk_create(
        DetectedSignal(
            interaction=interaction,
            turn=turns[s.turn],
            type=s.type,
            strength=s.strength,
            span_start=s.span[0],
            span_end=s.span[1],
            text=s.text,
            pattern=s.pattern,
            in_opening=s.turn in opening,
            picked_up=pickup[i].picked_up if i in pickup else None,
            pickup_turn=(
                turns[pickup[i].by_turn]  # type: ignore[index]
                if i in pickup and pickup[i].by_turn is not None
                else None
            ),
        )
        for i, s in enumerate(analysis.signals)
    )
    DetectedBehaviour.objects.bulk_create(
        DetectedBehaviour(
            interaction=interaction,
            turn=turns[b.turn],
            type=b.type,
            span_start=b.span[0],
            span_end=b.span[1],
            text=b.text,
            pattern=b.pattern,
        )
        for b in analysis.behaviours
    )
    data = analysis.to_dict()
    interaction.analysis = {
        key: data[key]
        for key in ("language", "opening", "pickup", "late_discoveries", "lexicon", "pii")
    }
    interaction.analysis_summary = analysis.summary.text if analysis.summary else ""
    interaction.language = analysis.language
    interaction.analysis_state = Interaction.AnalysisState.DONE
    interaction.save(update_fields=["analysis", "analysis_summary", "language", "analysis_state"])
    return analysis
