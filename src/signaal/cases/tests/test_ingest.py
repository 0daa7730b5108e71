"""Ingest from any channel: customer matching, case attachment, idempotency, analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from signaal.assist.models import DetectedSignal
from signaal.cases.ingest import InteractionInput, TurnInput, interaction_ingest
from signaal.cases.models import Case, ContactReason, Interaction
from signaal.cases.services import case_close
from signaal.customers.models import Customer
from signaal.errors import Conflict, DomainError

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def call(**kw: object) -> InteractionInput:
    base: dict[str, object] = dict(
        channel="phone",
        external_id="call-1",
        started_at=WHEN,
        identifiers=[("phone", "06-12345678")],
        customer_name="Anna de Vries",
        turns=[
            TurnInput(speaker="agent", text="Goedemorgen, met Sanne.", start=0.0),
            TurnInput(speaker="customer", text="Ik bel namens mijn moeder.", start=3.0),
        ],
    )
    base.update(kw)
    return InteractionInput(**base)  # type: ignore[arg-type]


def test_ingest_creates_customer_case_and_analysis() -> None:
    result = interaction_ingest(data=call())
    assert result.created and result.case_created
    interaction = result.interaction
    assert interaction.turns.count() == 2
    assert interaction.analysis_state == Interaction.AnalysisState.DONE
    assert interaction.case.due_at == WHEN + dt.timedelta(seconds=30)
    customer = Customer.objects.get()
    assert customer.identifiers.get().value == "+31612345678"


def test_same_channel_and_external_id_is_stored_once() -> None:
    first = interaction_ingest(data=call())
    again = interaction_ingest(data=call())
    assert not again.created and again.interaction.pk == first.interaction.pk
    assert Interaction.objects.count() == 1


def test_customer_matched_by_any_identifier_and_case_by_thread() -> None:
    first = interaction_ingest(data=call(thread_key="t-1"))
    chat = interaction_ingest(
        data=call(
            channel="chat",
            external_id="chat-9",
            thread_key="t-1",
            identifiers=[("email", "Anna@Example.nl"), ("phone", "+31 6 1234 5678")],
            turns=[TurnInput(speaker="customer", text="Ik had gisteren gebeld.")],
        )
    )
    assert chat.interaction.customer_id == first.interaction.customer_id
    assert chat.interaction.case_id == first.interaction.case_id
    assert not chat.case_created
    assert Customer.objects.get().identifiers.count() == 2


def test_case_by_reason_and_a_new_case_after_closing() -> None:
    ContactReason.objects.create(code="billing", label="Rekening")
    first = interaction_ingest(data=call(reason_code="billing"))
    second = interaction_ingest(data=call(external_id="call-2", reason_code="billing"))
    assert second.interaction.case_id == first.interaction.case_id
    case_close(
        case=first.interaction.case,
        reason_code="billing",
        resolution="Uitgelegd",
        summary="",
        actor=None,
    )
    third = interaction_ingest(data=call(external_id="call-3", reason_code="billing"))
    assert third.case_created and Case.objects.count() == 2
    with pytest.raises(Conflict):
        case_close(
            case=Case.objects.get(pk=first.interaction.case_id),
            reason_code="billing",
            resolution="x",
            summary="",
            actor=None,
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"channel": "fax"}, "unknown channel"),
        ({"turns": []}, "at least one turn"),
        ({"turns": [TurnInput(speaker="boss", text="hoi")]}, "unknown speaker"),
        ({"turns": [TurnInput(speaker="customer", text="   ")]}, "empty text"),
        ({"identifiers": []}, "identifier"),
    ],
)
def test_bad_input_is_a_domain_error_and_stores_nothing(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        interaction_ingest(data=call(**change))
    assert Interaction.objects.count() == 0 and Customer.objects.count() == 0


def test_signals_are_stored_with_their_evidence() -> None:
    interaction = interaction_ingest(data=call()).interaction
    for signal in DetectedSignal.objects.filter(interaction=interaction):
        assert signal.turn.text[signal.span_start : signal.span_end] == signal.text


def test_tasks_run_inline_in_tests() -> None:
    from huey.contrib.djhuey import HUEY

    assert HUEY.immediate


def test_large_transcripts_are_analysed_in_the_background(settings: Any) -> None:
    settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS = 10
    interaction = interaction_ingest(data=call()).interaction
    interaction.refresh_from_db()
    # Tests run tasks inline, so "in the background" has already happened after commit.
    assert interaction.analysis_state in (
        Interaction.AnalysisState.DONE,
        Interaction.AnalysisState.PENDING,
    )
