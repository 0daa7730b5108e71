"""``bulk_insert`` stores what ``bulk_create`` stores, on either database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from signaal.assist.models import DetectedSignal
from signaal.bulk import bulk_insert
from signaal.cases.models import Case, Interaction, Turn
from signaal.customers.models import Customer, CustomerIdentifier
from signaal.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=dt.UTC)
SKIP = {"id", "created_at", "updated_at", "at", "interaction", "customer", "case", "turn"}


def stored(obj: models.Model) -> dict[str, Any]:
    """The row as the database gives it back, without keys, ids and clock times."""
    row = type(obj)._default_manager.filter(pk=obj.pk).values().get()
    return {k: v for k, v in row.items() if k not in SKIP and not k.endswith("_id")}


def world(tag: str) -> tuple[Customer, Case]:
    customer = Customer.objects.create(name=f"Anna {tag}")
    case = Case.objects.create(customer=customer, channel="chat", opened_at=WHEN)
    return customer, case


def rows(customer: Customer, case: Case) -> tuple[list[Interaction], list[Turn], DetectedSignal]:
    interaction = Interaction(
        case=case,
        customer=customer,
        channel="chat",
        external_id=f"x-{case.pk}",
        started_at=WHEN,
        analysis={"opening": {"turns": [0]}, "summary": "Über “quotes” ✓", "none": None},
        analysis_summary="Samenvatting",
        language="nl",
    )
    # A second row: several rows go in another form of statement on PostgreSQL (UNNEST).
    other = Interaction(
        case=case,
        customer=customer,
        channel="email",
        direction="out",
        external_id=None,
        started_at=WHEN + dt.timedelta(days=400),
        analysis=None,
    )
    turns = [
        Turn(index=0, speaker="customer", text="Ik ben het zat.", start=1.5),
        Turn(index=1, speaker="agent", text="Wat vervelend.", sent_at=WHEN),
    ]
    signal = DetectedSignal(
        type="frustration",
        strength="explicit",
        span_start=3,
        span_end=15,
        text="ben het zat",
        pattern="nl-frustration-1",
        in_opening=True,
        picked_up=None,
    )
    return [interaction, other], turns, signal


def test_rows_are_stored_as_bulk_create_stores_them() -> None:
    made = []
    for tag, insert in (("orm", "bulk_create"), ("fast", "bulk_insert")):
        customer, case = world(tag)
        interactions, turns, signal = rows(customer, case)
        interaction = interactions[0]

        def put(objs: list[Any], insert: str = insert) -> None:
            if insert == "bulk_create":
                type(objs[0]).objects.bulk_create(objs)
            else:
                bulk_insert(objs)

        put(interactions)
        for turn in turns:
            turn.interaction = interaction
        put(turns)
        signal.interaction = interaction
        signal.turn = turns[0]
        signal.pickup_turn = turns[1]
        put([signal])
        event = AuditEvent(
            integration="chat", action="create", object_type="interaction",
            object_id=str(interaction.pk), customer_id=customer.pk, detail={"n": 1},
        )  # fmt: skip
        put([event])
        every = [*interactions, *turns, signal, event]
        assert all(o.pk and not o._state.adding for o in every)
        assert event.at is not None and interaction.created_at is not None
        made.append(every)
    orm, fast = made
    for a, b in zip(orm, fast, strict=True):
        assert stored(b) == stored(a)
    signal = DetectedSignal.objects.select_related("turn", "pickup_turn").get(pk=fast[4].pk)
    assert signal.turn.text == "Ik ben het zat."
    assert signal.pickup_turn is not None and signal.pickup_turn.index == 1
    interaction = Interaction.objects.get(pk=fast[0].pk)
    assert interaction.analysis == {
        "opening": {"turns": [0]}, "summary": "Über “quotes” ✓", "none": None,
    }  # fmt: skip
    assert interaction.started_at == WHEN
    assert Interaction.objects.get(pk=fast[1].pk).analysis is None


def test_foreign_keys_to_objects_saved_after_they_were_given() -> None:
    customer = Customer(name="Bert")
    case = Case(customer=customer, channel="email", opened_at=WHEN)
    bulk_insert([customer])
    bulk_insert([case])
    assert Case.objects.get(pk=case.pk).customer_id == customer.pk


def test_many_rows_go_in_batches_with_their_keys_in_order() -> None:
    customer, case = world("many")
    interaction = Interaction.objects.create(
        case=case, customer=customer, channel="phone", started_at=WHEN
    )
    turns = [
        Turn(interaction=interaction, index=i, speaker="customer", text=f"zin {i}")
        for i in range(1200)
    ]
    bulk_insert(turns)
    assert [t.pk for t in turns] == sorted(t.pk for t in turns)
    assert dict(Turn.objects.filter(interaction=interaction).values_list("pk", "text")) == {
        t.pk: t.text for t in turns
    }


def test_conflicts_can_be_skipped() -> None:
    customer = Customer.objects.create(name="Carla")
    CustomerIdentifier.objects.create(customer=customer, kind="email", value="c@example.nl")
    bulk_insert(
        [
            CustomerIdentifier(customer=customer, kind="email", value="c@example.nl"),
            CustomerIdentifier(customer=customer, kind="email", value="d@example.nl"),
        ],
        ignore_conflicts=True,
    )
    assert sorted(customer.identifiers.values_list("value", flat=True)) == [
        "c@example.nl",
        "d@example.nl",
    ]
    bulk_insert([])
