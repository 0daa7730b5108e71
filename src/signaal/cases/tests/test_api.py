"""The REST API: ingest, read, assign, close; every error a JSON body with the right status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from signaal.accounts.models import Team, User
from signaal.cases.models import ContactReason, Interaction
from signaal.integrations.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

PAYLOAD: dict[str, Any] = {
    "channel": "chat",
    "external_id": "chat-42",
    "customer": {"name": "Anna", "identifiers": [{"kind": "email", "value": "anna@example.nl"}]},
    "turns": [
        {"speaker": "customer", "text": "Ik bel namens mijn moeder, ze is vorige week overleden."},
        {"speaker": "agent", "text": "Wat verdrietig. Hoe gaat het met u?"},
    ],
}


@pytest.fixture()
def tokens() -> dict[str, str]:
    return {
        "ingest": api_token_create(name="chat", scopes=["ingest"])[1],
        "read": api_token_create(name="reader", scopes=["read", "write"])[1],
    }


def post(client: Client, url: str, body: Any, token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps(body) if not isinstance(body, str) else body
    return client.post(url, data=data, content_type="application/json", headers=headers)


def test_ingest_is_idempotent(client: Client, tokens: dict[str, str]) -> None:
    first = post(client, "/api/interactions", PAYLOAD, tokens["ingest"])
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] and body["case_created"]
    assert body["interaction"]["analysis_state"] == "done"
    again = post(client, "/api/interactions", PAYLOAD, tokens["ingest"])
    assert again.status_code == 200 and not again.json()["created"]
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize(("token_key", "status"), [(None, 401), ("read", 403), ("bogus", 401)])
def test_ingest_needs_a_token_with_scope(
    client: Client, tokens: dict[str, str], token_key: str | None, status: int
) -> None:
    token = tokens.get(token_key or "", "sig_bogus_x" if token_key == "bogus" else None)
    response = post(client, "/api/interactions", PAYLOAD, token)
    assert response.status_code == status
    assert "message" in response.json()


def test_revoked_token_is_refused(client: Client) -> None:
    token, secret = api_token_create(name="old", scopes=["ingest"])
    api_token_revoke(token=token)
    assert post(client, "/api/interactions", PAYLOAD, secret).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        {**PAYLOAD, "channel": "fax"},
        {**PAYLOAD, "turns": []},
        {**PAYLOAD, "turns": [{"speaker": "boss", "text": "x"}]},
        {**PAYLOAD, "turns": [{"speaker": "customer", "text": "a\x00b"}]},
        {**PAYLOAD, "customer": {"identifiers": []}},
        {**PAYLOAD, "started_at": "yesterday"},
    ],
)
def test_bad_input_is_a_json_error(client: Client, tokens: dict[str, str], body: Any) -> None:
    response = post(client, "/api/interactions", body, tokens["ingest"])
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["message"]
    assert Interaction.objects.count() == 0


def test_read_assign_and_close_a_case(client: Client, tokens: dict[str, str]) -> None:
    ContactReason.objects.create(code="death", label="Overlijden melden")
    team = Team.objects.create(name="Eerste lijn")
    User.objects.create_user(username="sanne", password="x", team=team)
    case_id = post(client, "/api/interactions", PAYLOAD, tokens["ingest"]).json()["interaction"][
        "case_id"
    ]
    auth = {"Authorization": f"Bearer {tokens['read']}"}
    case = client.get(f"/api/cases/{case_id}", headers=auth).json()
    assert case["interactions"][0]["turns"][0]["speaker"] == "customer"
    types = {s["type"] for s in case["interactions"][0]["signals"]}
    assert case["status"] == "new" and isinstance(types, set)
    assigned = post(
        client,
        f"/api/cases/{case_id}/assign",
        {"owner": "sanne", "team": "Eerste lijn"},
        tokens["read"],
    )
    assert assigned.json()["owner"] == "sanne" and assigned.json()["status"] == "open"
    closed = post(
        client,
        f"/api/cases/{case_id}/close",
        {"reason": "death", "resolution": "Rekening op naam gezet"},
        tokens["read"],
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = post(
        client,
        f"/api/cases/{case_id}/close",
        {"reason": "death", "resolution": "x"},
        tokens["read"],
    )
    assert again.status_code == 409 and again.json()["message"]


def test_unknown_ids_are_404(client: Client, tokens: dict[str, str]) -> None:
    auth = {"Authorization": f"Bearer {tokens['read']}"}
    assert client.get("/api/cases/999999", headers=auth).status_code == 404
    assert client.get("/api/customers/999999/timeline", headers=auth).status_code == 404


def test_timeline_across_channels(client: Client, tokens: dict[str, str]) -> None:
    post(client, "/api/interactions", PAYLOAD, tokens["ingest"])
    post(
        client,
        "/api/interactions",
        {**PAYLOAD, "channel": "email", "external_id": "mail-1"},
        tokens["ingest"],
    )
    customer_id = Interaction.objects.first().customer_id  # type: ignore[union-attr]
    auth = {"Authorization": f"Bearer {tokens['read']}"}
    body = client.get(f"/api/customers/{customer_id}/timeline", headers=auth).json()
    assert [i["channel"] for i in body["interactions"]] == ["chat", "email"]


def test_openapi_schema_is_published(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/interactions" in schema["paths"]
