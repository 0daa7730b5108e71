"""What one ingest costs (its SQL statements), the cached reference data and its invalidation,
and that the response built from memory is what a later read shows."""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from signaal.cases import selectors
from signaal.cases.ingest import InteractionInput, TurnInput, interaction_ingest
from signaal.cases.models import BusinessHours, Case, ChannelNorm, ClosedDay, ContactReason
from signaal.cases.selectors import contact_reason_id, norm_calendar, reference_data
from signaal.customers.models import Customer
from signaal.integrations.services import api_token_create
from signaal.shared_state import change_version_bump

# A new customer with a new case: BEGIN, identifiers, customer, identifier, open case, case,
# interaction, turns, audit event, signals, behaviours, COMMIT (the API token comes from the
# process's copy). A known customer saves the two customer inserts and, with an open case, the
# case insert. It was 35 before the ingest path was trimmed (docs/benchmarks.md, Platform).
INGEST_MAX_QUERIES = 12


def body(n: int, email: str, **extra: Any) -> dict[str, Any]:
    return {
        "channel": "chat",
        "external_id": f"chat-{n}",
        "reason": "billing",
        "thread_key": f"thread-{email}",
        "customer": {"name": "Anna", "identifiers": [{"kind": "email", "value": email}]},
        "turns": [
            {"speaker": "customer", "text": "Ik bel namens mijn moeder, ze is overleden."},
            {"speaker": "agent", "text": "Wat verdrietig. Hoe gaat het met u?"},
            {"speaker": "customer", "text": "Ik ben het zat, dit is al de derde keer."},
        ],
        **extra,
    }


def post(client: Client, secret: str, payload: dict[str, Any]) -> Any:
    return client.post(
        "/api/interactions",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


# transaction=True: the requests commit as in production, so the reference data is cached
# (a change still pending in the test's transaction would bypass the cache) and no savepoints
# are counted.
@pytest.mark.django_db(transaction=True)
def test_one_ingest_costs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    ContactReason.objects.create(code="billing", label="Rekening")
    secret = api_token_create(name="chat", scopes=["ingest"])[1]
    assert post(client, secret, body(0, "warm@example.nl")).status_code == 201
    with django_assert_max_num_queries(INGEST_MAX_QUERIES):
        new = post(client, secret, body(1, "new@example.nl"))
    assert new.status_code == 201 and new.json()["case_created"]
    assert new.json()["interaction"]["signals"]
    with django_assert_max_num_queries(INGEST_MAX_QUERIES - 3):
        known = post(client, secret, body(2, "new@example.nl"))
    assert known.status_code == 201 and not known.json()["case_created"]
    with django_assert_max_num_queries(INGEST_MAX_QUERIES):
        again = post(client, secret, body(2, "new@example.nl"))
    assert again.status_code == 200 and not again.json()["created"]
    assert again.json()["interaction"] == known.json()["interaction"]


@pytest.mark.django_db
def test_response_is_what_a_later_read_shows(client: Client) -> None:
    secret = api_token_create(name="both", scopes=["ingest", "read"])[1]
    started = "2026-11-23T11:00:00.123456+01:00"
    response = post(client, secret, body(1, "anna@example.nl", started_at=started))
    assert response.status_code == 201
    made = json.loads(response.content)["interaction"]
    assert made["signals"] and made["behaviours"]
    case = client.get(
        f"/api/cases/{made['case_id']}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert case.json()["interactions"] == [made]
    assert made["started_at"] == "2026-11-23T10:00:00.123Z"


@pytest.mark.django_db
def test_duplicate_undoes_what_it_did() -> None:
    def data(email: str) -> InteractionInput:
        return InteractionInput(
            channel="email",
            external_id="mail-1",
            identifiers=[("email", email)],
            subject="Vraag",
            turns=[TurnInput(speaker="customer", text="Ik heb een vraag.")],
        )

    first = interaction_ingest(data=data("anna@example.nl"))
    # Another customer's address under the same external id: the interaction's unique
    # constraint refuses it and the customer and case it made are rolled back.
    again = interaction_ingest(data=data("bert@example.nl"))
    assert not again.created and again.interaction.pk == first.interaction.pk
    assert [t.text for t in again.turns] == ["Ik heb een vraag."]
    assert Customer.objects.count() == 1 and Case.objects.count() == 1


@pytest.mark.django_db
def test_reference_data_is_read_once_per_process(django_assert_num_queries: Any) -> None:
    reference_data()
    with django_assert_num_queries(0):
        assert norm_calendar().norms["phone"] == ("seconds", 30)
        assert contact_reason_id("billing") is None


@pytest.mark.django_db
def test_change_in_this_transaction_is_seen_and_not_kept() -> None:
    reference_data()
    with pytest.raises(RuntimeError), transaction.atomic():
        ChannelNorm.objects.create(channel="phone", rule="seconds", seconds=99)
        ContactReason.objects.create(code="billing", label="Rekening")
        assert norm_calendar().norms["phone"] == ("seconds", 99)
        assert contact_reason_id("billing") is not None
        raise RuntimeError("roll back")
    assert norm_calendar().norms["phone"] == ("seconds", 30)
    assert contact_reason_id("billing") is None


@pytest.mark.django_db(transaction=True)
def test_committed_changes_reach_the_cache() -> None:
    assert norm_calendar().norms["email"] == ("end_of_next_day", None)
    norm = ChannelNorm.objects.create(channel="email", rule="end_of_day")
    assert norm_calendar().norms["email"] == ("end_of_day", None)
    norm.rule, norm.seconds = "seconds", 600
    norm.save()
    assert norm_calendar().norms["email"] == ("seconds", 600)
    norm.delete()
    assert norm_calendar().norms["email"] == ("end_of_next_day", None)

    BusinessHours.objects.create(weekday=5, opens=dt.time(9), closes=dt.time(12))
    assert list(norm_calendar().hours) == [5]
    ClosedDay.objects.create(date=dt.date(2026, 12, 24))
    assert norm_calendar().closed == {dt.date(2026, 12, 24)}

    reason = ContactReason.objects.create(code="move", label="Verhuizing")
    assert contact_reason_id("move") == reason.pk
    reason.delete()
    assert contact_reason_id("move") is None


@pytest.mark.django_db(transaction=True)
def test_new_due_time_follows_a_changed_norm() -> None:
    when = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # a Monday, open

    def ingest(n: int) -> Case:
        result = interaction_ingest(
            data=InteractionInput(
                channel="chat",
                external_id=f"c-{n}",
                started_at=when,
                identifiers=[("email", f"c{n}@example.nl")],
                turns=[TurnInput(speaker="customer", text="Hallo?")],
            )
        )
        return Case.objects.get(pk=result.interaction.case_id)

    assert ingest(1).due_at == when + dt.timedelta(seconds=60)
    ChannelNorm.objects.create(channel="chat", rule="seconds", seconds=300)
    assert ingest(2).due_at == when + dt.timedelta(seconds=300)


@pytest.mark.django_db
def test_change_in_another_process_or_after_max_age(
    django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference_data()
    # Another process bumped the version after its commit: this one reads again.
    change_version_bump(selectors.REFERENCE_VERSION_KEY)
    with django_assert_num_queries(4):
        reference_data()
    with django_assert_num_queries(0):
        reference_data()
    # A change the signals do not see (bulk_create, update()) shows after the maximum age.
    monkeypatch.setattr(selectors, "REFERENCE_MAX_AGE", 0.0)
    with django_assert_num_queries(4):
        reference_data()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_duplicates_store_one_interaction() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs two connections at once")
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def deliver() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(
                interaction_ingest(
                    data=InteractionInput(
                        channel="chat",
                        external_id="chat-race",
                        identifiers=[("email", "race@example.nl")],
                        turns=[TurnInput(speaker="customer", text="Hallo, ik heb een vraag.")],
                    )
                )
            )
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].interaction.pk == results[1].interaction.pk
    assert Customer.objects.count() == 1 and Case.objects.count() == 1
