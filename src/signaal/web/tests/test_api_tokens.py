"""API tokens: every endpoint asks for its scope (403 without it), revoked tokens are refused,
and tokens are made in the admin and with ``manage.py create_api_token``."""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from signaal.accounts.models import User
from signaal.integrations.models import ApiToken
from signaal.integrations.services import api_token_check, api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

INGEST: dict[str, Any] = {
    "channel": "chat",
    "customer": {"identifiers": [{"kind": "email", "value": "anna@example.nl"}]},
    "turns": [{"speaker": "customer", "text": "Mijn rekening klopt niet."}],
}
# (method, url, body, scope it needs)
ENDPOINTS = [
    ("post", "/api/interactions", INGEST, "ingest"),
    ("get", "/api/cases/{case}", None, "read"),
    ("get", "/api/customers/{customer}/timeline", None, "read"),
    ("post", "/api/cases/{case}/assign", {"owner": None}, "write"),
    ("post", "/api/cases/{case}/status", {"status": "open"}, "write"),
    ("post", "/api/cases/{case}/close", {"reason": "x", "resolution": "y"}, "write"),
]


def call(client: Client, method: str, url: str, body: Any, secret: str | None) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    if method == "get":
        return client.get(url, headers=headers)
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture()
def ids(client: Client) -> dict[str, int]:
    secret = api_token_create(name="setup", scopes=["ingest"])[1]
    body = call(client, "post", "/api/interactions", INGEST, secret).json()["interaction"]
    return {"case": body["case_id"], "customer": body["customer_id"]}


@pytest.mark.parametrize(("method", "url", "body", "scope"), ENDPOINTS)
def test_every_endpoint_needs_its_scope(
    client: Client, ids: dict[str, int], method: str, url: str, body: Any, scope: str
) -> None:
    url = url.format(**ids)
    assert call(client, method, url, body, None).status_code == 401
    for other in {"ingest", "read", "write"} - {scope}:
        secret = api_token_create(name=other, scopes=[other])[1]
        response = call(client, method, url, body, secret)
        assert response.status_code == 403, (other, response.content)
        assert response.json()["extra"] == {"scope": scope}
    secret = api_token_create(name=scope, scopes=[scope])[1]
    response = call(client, method, url, body, secret)
    assert response.status_code not in (401, 403), response.content


@pytest.mark.parametrize(("method", "url", "body", "scope"), ENDPOINTS)
def test_revoked_tokens_are_refused_everywhere(
    client: Client, ids: dict[str, int], method: str, url: str, body: Any, scope: str
) -> None:
    token, secret = api_token_create(name="old", scopes=["ingest", "read", "write"])
    api_token_revoke(token=token)
    assert call(client, method, url.format(**ids), body, secret).status_code == 401


def test_a_token_is_only_valid_with_its_whole_secret() -> None:
    token, secret = api_token_create(name="chat", scopes=["ingest"])
    assert api_token_check(secret) == token
    assert api_token_check(secret[:-1]) is None
    assert api_token_check(secret + "x") is None
    assert ApiToken.objects.get().token_hash != secret  # only the hash is stored


def test_workspace_session_can_read_but_not_ingest(client: Client, ids: dict[str, int]) -> None:
    user = User.objects.create_user(username="sanne", password="pw")
    client.force_login(user)
    assert client.get(f"/api/cases/{ids['case']}").status_code == 200
    assert call(client, "post", "/api/interactions", INGEST, None).status_code == 401


def test_create_api_token_command() -> None:
    out = StringIO()
    call_command(
        "create_api_token", "Telefonie", "--scope", "ingest", "--scope", "read", stdout=out
    )
    secret = out.getvalue().strip().rsplit(" ", 1)[-1]
    token = api_token_check(secret)
    assert token is not None and token.name == "Telefonie"
    assert token.scopes == ["ingest", "read"]


def test_admin_creates_and_revokes_tokens(client: Client) -> None:
    admin = User.objects.create_superuser(username="beheer", password="pw", email="b@x.nl")
    client.force_login(admin)
    response = client.post(
        "/admin/integrations/apitoken/add/",
        {"name": "Mailgateway", "scopes": ["ingest"]},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Mailgateway")
    shown = " ".join(str(m) for m in response.context["messages"])
    secret = re.search(r"sig_[0-9a-f]{8}_[\w-]+", shown)[0]  # type: ignore[index]
    assert api_token_check(secret) == token
    client.post(
        "/admin/integrations/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert not token.is_active and api_token_check(secret) is None
