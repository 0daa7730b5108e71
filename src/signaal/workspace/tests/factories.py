"""Helpers for the workspace tests: log in a persona, store contacts through the services."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.test import Client
from django.utils import timezone

from signaal.accounts.models import User
from signaal.cases.ingest import IngestResult, InteractionInput, TurnInput, interaction_ingest
from signaal.cases.models import Case

PASSWORD = "Luisteren-is-een-spier-42"
_ids = itertools.count(1)


def login(client: Client, user: User) -> Client:
    """``client`` logged in as ``user``."""
    client.force_login(user)
    return client


def contact(
    *turns: tuple[str, str],
    channel: str = "email",
    customer: str = "Anna de Vries",
    email: str = "anna@example.nl",
    started_at: dt.datetime | None = None,
    **extra: Any,
) -> IngestResult:
    """Store a contact through ``interaction_ingest``, as a channel would."""
    n = next(_ids)
    spoken = channel == "phone"
    return interaction_ingest(
        data=InteractionInput(
            channel=channel,
            external_id=f"test-{n}",
            started_at=started_at or timezone.now(),
            identifiers=[("email", email)],
            customer_name=customer,
            turns=[
                TurnInput(speaker=s, text=t, start=float(i * 5) if spoken else None)
                for i, (s, t) in enumerate(turns or [("customer", "Ik heb een vraag.")])
            ],
            **extra,
        )
    )


def case_of(result: IngestResult) -> Case:
    """The case a stored contact landed in."""
    return Case.objects.select_related("customer").get(pk=result.interaction.case_id)
