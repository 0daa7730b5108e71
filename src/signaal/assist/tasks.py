"""Background tasks of the assist app (huey)."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from signaal.assist.services import interaction_analyze
from signaal.cases.models import Interaction

logger = logging.getLogger(__name__)


@db_task(retries=2, retry_delay=5)  # type: ignore[untyped-decorator]
def analyze_interaction_task(interaction_id: int) -> None:
    """Analyse a large interaction outside the request that stored it."""
    try:
        interaction_analyze(interaction_id=interaction_id)
    except Exception:
        logger.exception("analysis of interaction %s failed", interaction_id)
        Interaction.objects.filter(pk=interaction_id).update(
            analysis_state=Interaction.AnalysisState.FAILED
        )
        raise
