"""Ingest in batches: the same customers, cases and analysis as one by one, in a few statements."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from signaal.assist import services
from signaal.assist.lexicon import platform_listener
from signaal.assist.models import DetectedSignal
from signaal.cases.ingest import (
    MAX_BATCH,
    InteractionInput,
    TurnInput,
    interaction_ingest,
    interactions_ingest,
)
from signaal.cases.models import Case, ContactReason, Interaction, Turn
from signaal.cases.services import case_set_status
from signaal.customers.models import Customer, CustomerIdentifier
from signaal.errors import DomainError
from signaal.integrations.services import api_token_create
from signaal.privacy.models import AuditEvent

WHEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def contact(n: int, *identifiers: tuple[str, str], **kw: Any) -> InteractionInput:
    base: dict[str, Any] = dict(
        channel="chat",
        external_id=f"chat-{n}",
        started_at=WHEN + dt.timedelta(minutes=n),
        identifiers=list(identifiers),
        turns=[
            TurnInput(speaker="customer", text="Ik ben het zat, dit is al de derde keer."),
            TurnInput(speaker="agent", text="Wat vervelend. Wat is er gebeurd?"),
        ],
    )
    base.update(kw)
    return InteractionInput(**base)


def mail(who: str) -> tuple[str, str]:
    return ("email", f"{who}@example.nl")


# A day of contacts that lean on each other: a known customer gains an identifier, a new
# customer comes back on another channel, a thread continues, a contact reason reopens no
# closed case, and a contact comes in twice.
def day(prefix: str) -> list[InteractionInput]:
    def m(who: str) -> tuple[str, str]:
        return mail(f"{prefix}.{who}")

    def phone(n: int) -> tuple[str, str]:
        return ("phone", f"06-{ord(prefix) % 10}{n:07d}")

    contacts = [
        contact(1, m("anna"), customer_name="Anna", reason_code="billing"),
        contact(2, m("anna"), phone(1), reason_code="billing", channel="phone"),
        contact(3, phone(1), reason_code="move"),
        contact(4, m("bert"), thread_key="t-1", subject="Meterstand"),
        contact(5, m("bert"), thread_key="t-1", channel="email", subject="Re: Meterstand"),
        contact(6, m("bert"), thread_key="t-2"),
        contact(7, m("carla"), m("anna")),
        contact(8, m("dirk"), customer_name="Dirk", reason_code="billing"),
        contact(2, m("anna"), phone(1), reason_code="billing", channel="phone"),
        contact(9, m("dirk"), reason_code="billing", direction="out"),
    ]
    return [dataclasses.replace(c, external_id=f"{prefix}-{c.external_id}") for c in contacts]


def shape(results: list[Any], prefix: str) -> list[tuple[Any, ...]]:
    """What ingest decided, with ids replaced by first-seen numbers (comparable across runs)."""
    numbers: dict[tuple[str, int], int] = {}

    def number(kind: str, pk: int) -> int:
        return numbers.setdefault((kind, pk), len([k for k in numbers if k[0] == kind]))

    rows: list[tuple[Any, ...]] = []
    for r in results:
        i = r.interaction
        rows.append(
            (
                r.created,
                r.case_created,
                number("interaction", i.pk),
                number("case", i.case_id),
                number("customer", i.customer_id),
                [(t.index, t.speaker, t.text) for t in r.turns],
                [(s.type, s.strength, s.span_start, s.text, s.picked_up) for s in r.signals],
                [(b.type, b.span_start, b.text) for b in r.behaviours],
            )
        )
    identifiers = sorted(
        (number("customer", c), kind, value.replace(f"{prefix}.", "")[:4])
        for c, kind, value in CustomerIdentifier.objects.filter(
            customer_id__in=[pk for kind, pk in numbers if kind == "customer"]
        ).values_list("customer_id", "kind", "value")
    )
    rows.append(tuple(identifiers))
    return rows


@pytest.mark.django_db
def test_a_batch_decides_what_one_by_one_decides() -> None:
    for code in ("billing", "move"):
        ContactReason.objects.create(code=code, label=code)
    singly = [interaction_ingest(data=d) for d in day("a")]
    batched = interactions_ingest(items=day("b"))
    assert shape(batched, "b") == shape(singly, "a")
    # And what it decided: Anna (email, then phone) is one customer with one billing case;
    # the repeat of contact 2 is the stored one.
    assert [r.case_created for r in batched] == [
        True, False, True, True, False, True, True, True, False, False,
    ]  # fmt: skip
    assert not batched[8].created and batched[8].interaction.pk == batched[1].interaction.pk
    anna = batched[0].interaction.customer_id
    assert {r.interaction.customer_id for r in batched[:3]} == {anna}
    # Carla's address is new, Anna's known: Carla is Anna (a second address, never a merge).
    assert batched[6].interaction.customer_id == anna
    assert Interaction.objects.count() == 18


@pytest.mark.django_db
def test_stored_rows_of_a_batch() -> None:
    results = interactions_ingest(items=[contact(n, mail(f"k{n}")) for n in range(3)])
    assert [r.created for r in results] == [True, True, True]
    for r in results:
        i = Interaction.objects.get(pk=r.interaction.pk)
        assert i.analysis_state == Interaction.AnalysisState.DONE and i.analysis_summary
        assert [t.pk for t in r.turns] == list(
            Turn.objects.filter(interaction=i).order_by("index").values_list("pk", flat=True)
        )
        stored = DetectedSignal.objects.filter(interaction=i).order_by("turn__index", "span_start")
        assert [s.pk for s in r.signals] == [s.pk for s in stored] and r.signals
        assert {s.turn_id for s in r.signals} <= {t.pk for t in r.turns}
    events = AuditEvent.objects.filter(object_type="interaction", action="create")
    assert sorted(int(e.object_id) for e in events) == sorted(r.interaction.pk for r in results)


@pytest.mark.django_db
def test_a_stored_contact_in_a_batch_changes_nothing() -> None:
    first = interaction_ingest(data=contact(1, mail("anna")))
    results = interactions_ingest(items=[contact(1, mail("anna")), contact(2, mail("anna"))])
    assert not results[0].created and results[0].interaction.pk == first.interaction.pk
    assert [t.text for t in results[0].turns] == [t.text for t in first.turns]
    assert (
        results[1].created and results[1].interaction.customer_id == first.interaction.customer_id
    )
    assert Interaction.objects.count() == 2 and Customer.objects.count() == 1


@pytest.mark.django_db
def test_an_invalid_item_stores_nothing_and_is_named() -> None:
    items = [contact(1, mail("anna")), contact(2, mail("bert"), turns=[])]
    with pytest.raises(DomainError, match="interaction 1: an interaction needs at least one turn"):
        interactions_ingest(items=items)
    with pytest.raises(DomainError, match=f"at most {MAX_BATCH} interactions"):
        interactions_ingest(items=[contact(n, mail("x")) for n in range(MAX_BATCH + 1)])
    assert not Interaction.objects.exists() and not Customer.objects.exists()


@pytest.mark.django_db
def test_an_answer_reopens_a_case_waiting_for_the_customer() -> None:
    ContactReason.objects.create(code="billing", label="Rekening")
    first = interaction_ingest(data=contact(1, mail("anna"), reason_code="billing"))
    case = Case.objects.get(pk=first.interaction.case_id)
    case_set_status(case=case, status=Case.Status.WAITING_CUSTOMER, actor=None)
    results = interactions_ingest(
        items=[
            contact(2, mail("bert")),
            contact(3, mail("anna"), reason_code="billing"),
        ]
    )
    assert results[1].interaction.case_id == case.pk
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


# transaction=True: committed as in production, so the reference data is cached and no
# savepoints are counted.
@pytest.mark.django_db(transaction=True)
def test_a_batch_costs_the_same_few_statements_however_large(
    django_assert_max_num_queries: Any,
) -> None:
    ContactReason.objects.create(code="billing", label="Rekening")
    interactions_ingest(items=[contact(0, mail("warm"), reason_code="billing")])
    items = [
        contact(n, mail(f"k{n % 7}"), ("phone", f"06-1000{n:04d}"), reason_code="billing")
        for n in range(1, 41)
    ]
    # BEGIN, existing ids, identifiers, customers, identifiers, open cases, cases,
    # interactions, turns, audit events, signals, behaviours, COMMIT.
    with django_assert_max_num_queries(13):
        results = interactions_ingest(items=items)
    assert len({r.interaction.case_id for r in results}) == 7


@pytest.mark.django_db
def test_batch_over_the_api(client: Client) -> None:
    secret = api_token_create(name="import", scopes=["ingest"])[1]
    headers = {"Authorization": f"Bearer {secret}"}

    def body(n: int, **extra: Any) -> dict[str, Any]:
        return {
            "channel": "email",
            "external_id": f"mail-{n}",
            "subject": "Vraag",
            "customer": {"identifiers": [{"kind": "email", "value": "anna@example.nl"}]},
            "turns": [{"speaker": "customer", "text": "Ik ben het zat, nu al drie keer gebeld."}],
            **extra,
        }

    def post(payload: Any) -> Any:
        return client.post(
            "/api/interactions/batch",
            data=json.dumps(payload),
            content_type="application/json",
            headers=headers,
        )

    response = post({"interactions": [body(1), body(2), body(1)]})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["created"] for r in results] == [True, True, False]
    assert results[2]["interaction"] == results[0]["interaction"]
    assert results[0]["interaction"]["signals"]
    single = client.post(
        "/api/interactions", data=json.dumps(body(2)), content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert single.status_code == 200 and single.json()["interaction"] == results[1]["interaction"]

    too_many = post({"interactions": [body(n) for n in range(MAX_BATCH + 1)]})
    assert too_many.status_code == 422
    bad = post({"interactions": [body(3), body(4, channel="pigeon")]})
    assert bad.status_code == 422 and "interactions" in json.dumps(bad.json())
    blank = post({"interactions": [body(5), body(6, turns=[{"speaker": "customer", "text": " "}])]})
    assert blank.status_code == 400
    assert blank.json()["message"] == "interaction 1: turn 0: empty text"
    assert Interaction.objects.count() == 2
    no_scope = api_token_create(name="reader", scopes=["read"])[1]
    refused = client.post(
        "/api/interactions/batch", data=json.dumps({"interactions": [body(7)]}),
        content_type="application/json", headers={"Authorization": f"Bearer {no_scope}"},
    )  # fmt: skip
    assert refused.status_code in (401, 403)


# Overlapping batches in opposite orders, with and without shared customers: the later one
# waits for the earlier, fails on the unique constraint and goes again contact by contact,
# with the analyses it made before (each of the six prepared contacts is analysed once).
@pytest.mark.parametrize("shared_customers", [True, False])
@pytest.mark.django_db(transaction=True)
def test_simultaneous_batches_store_each_contact_once(
    shared_customers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs two connections at once")
    listener = platform_listener()
    analysed: list[str] = []

    class Counting:
        def analyze(self, conversation: Any) -> Any:
            analysed.append(conversation.id)
            return listener.analyze(conversation)

    monkeypatch.setattr(services, "platform_listener", Counting)
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []

    def deliver(numbers: list[int]) -> None:
        who = "" if shared_customers else str(numbers[0])
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                interactions_ingest(items=[contact(n, mail(f"r{n}-{who}")) for n in numbers])
            )
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=deliver, args=(numbers,)) for numbers in ([1, 2, 3], [3, 4, 2])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(not isinstance(o, Exception) for o in outcomes), outcomes
    assert Interaction.objects.count() == 4 and Customer.objects.count() == 4
    created = sorted(r.created for results in outcomes for r in results)
    assert created == [False, False, True, True, True, True]
    assert len(analysed) <= 6, analysed
