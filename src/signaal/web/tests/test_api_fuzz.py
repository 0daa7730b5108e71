"""Schemathesis fuzzes every operation of the OpenAPI schema in-process: no 5xx, ever, and every
response (errors included) matches the schema. Bounded and derandomised, so it is repeatable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from signaal.accounts.models import Team, User
from signaal.cases.ingest import InteractionInput, TurnInput, interaction_ingest
from signaal.cases.models import ContactReason, Interaction
from signaal.integrations.services import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture()
def bearer(settings: Any) -> Iterator[dict[str, str]]:
    """A token with every scope, a case to find, and no throttling in the way."""
    settings.SIGNAAL_API_THROTTLE_RATE = "1000000/s"
    ContactReason.objects.get_or_create(code="billing", defaults={"label": "Rekening"})
    User.objects.get_or_create(username="sanne")
    Team.objects.get_or_create(name="Eerste lijn")
    secret = api_token_create(name="fuzz", scopes=["ingest", "read", "write"])[1]
    # The WSGI handler would close the test's database connection (and with it the test's
    # transaction) at each request; Django's test client disconnects these signals too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {secret}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _existing_interaction() -> Interaction:
    # An open case each time: a case the previous example closed accepts too little.
    return interaction_ingest(
        data=InteractionInput(
            channel="chat",
            turns=[TurnInput(speaker="customer", text="Mijn rekening klopt niet.")],
            identifiers=[("email", "fuzz@example.nl")],
        )
    ).interaction


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_survives_fuzzing(case: Any, bearer: dict[str, str]) -> None:
    """Each generated request twice: as generated (ids that mostly do not exist) and aimed at
    an existing case and customer, so that the bodies reach the services too."""
    _call(case, bearer)
    params = case.path_parameters or {}
    if "case_id" in params or "customer_id" in params:
        interaction = _existing_interaction()
        if "case_id" in params:
            params["case_id"] = interaction.case_id
        if "customer_id" in params:
            params["customer_id"] = interaction.customer_id
        _call(case, bearer)


def _call(case: Any, headers: dict[str, str]) -> None:
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    if os.environ.get("FUZZ_LOG"):  # FUZZ_LOG=/tmp/fuzz.log: what the fuzzer sent and got
        with open(os.environ["FUZZ_LOG"], "a") as log:
            log.write(f"{case.method} {case.path} {response.status_code} {response.text[:150]!r}\n")
