"""Every API error is JSON ``{"message", "extra"}`` with the right status; regressions of the
500s the fuzzer found (test_api_fuzz.py) each have a test here."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from signaal.cases.models import Interaction
from signaal.integrations.services import api_token_create

pytestmark = pytest.mark.django_db

PAYLOAD: dict[str, Any] = {
    "channel": "chat",
    "customer": {"identifiers": [{"kind": "email", "value": "anna@example.nl"}]},
    "turns": [{"speaker": "customer", "text": "Mijn rekening klopt niet."}],
}


@pytest.fixture()
def auth() -> dict[str, str]:
    secret = api_token_create(name="all", scopes=["ingest", "read", "write"])[1]
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture()
def client() -> Client:
    # Like a real server: a response, never an exception raised into the test.
    return Client(raise_request_exception=False)


def post(client: Client, url: str, body: Any, headers: dict[str, str], **kw: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    kw.setdefault("content_type", "application/json")
    return client.post(url, data=data, headers=headers, **kw)


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"message", "extra"} and body["message"]
    return body


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        ("channel=chat", "application/x-www-form-urlencoded"),
        ("hello", "text/plain"),
    ],
)
def test_a_body_that_is_not_json_is_400(
    client: Client, auth: dict[str, str], body: Any, content_type: str
) -> None:
    response = post(client, "/api/interactions", body, auth, content_type=content_type)
    assert assert_error(response, 400)["message"] == "the request body is not valid JSON"


def test_no_token_is_401_with_www_authenticate(client: Client) -> None:
    response = post(client, "/api/interactions", PAYLOAD, {})
    assert_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer sig_bogus_x", "Bearer sig_zzzzzzzz_x", "Bearer sig_0000\x00000_x", "Basic abc", "x"],
)
def test_malformed_tokens_are_401(client: Client, header: str) -> None:
    assert_error(post(client, "/api/interactions", PAYLOAD, {"Authorization": header}), 401)


@pytest.mark.parametrize("url", ["/api/cases/abc", "/api/cases/1.5", "/api/customers/x/timeline"])
def test_ids_that_are_not_numbers_are_404(client: Client, auth: dict[str, str], url: str) -> None:
    assert_error(client.get(url, headers=auth), 404)


@pytest.mark.parametrize("case_id", ["0", "-1", "999999", str(2**63), "9" * 30])
def test_unknown_ids_are_404(client: Client, auth: dict[str, str], case_id: str) -> None:
    """Regression: ids beyond bigint must not reach PostgreSQL as an error."""
    assert_error(client.get(f"/api/cases/{case_id}", headers=auth), 404)
    assert_error(post(client, f"/api/cases/{case_id}/status", {"status": "open"}, auth), 404)


def test_unknown_api_paths_are_json_404(client: Client, auth: dict[str, str]) -> None:
    assert_error(client.get("/api/nothing-here", headers=auth), 404)
    assert_error(client.get("/api/cases/1/nothing", headers=auth), 404)


def test_wrong_method_is_405_with_allow(client: Client, auth: dict[str, str]) -> None:
    response = client.get("/api/interactions", headers=auth)
    body = assert_error(response, 405)
    assert response["Allow"] == "POST" and body["extra"]["allowed"] == ["POST"]
    assert_error(client.delete("/api/cases/1", headers=auth), 405)


def test_too_large_body_is_413_before_it_is_read(
    client: Client, auth: dict[str, str], settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = {**PAYLOAD, "turns": [{"speaker": "customer", "text": "x" * 2000}]}
    body = assert_error(post(client, "/api/interactions", big, auth), 413)
    assert body["extra"]["limit_bytes"] == 1000
    # Also without a token and as a form: the limit comes before anything else.
    assert_error(post(client, "/api/interactions", big, {}), 413)
    assert_error(
        post(client, "/api/interactions", "a=" + "x" * 2000, auth, content_type="multipart/x"), 413
    )
    assert Interaction.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"turns": []}, "body.payload.turns"),
        ({"turns": [{"speaker": "customer", "text": "x"}] * 5001}, "body.payload.turns"),
        ({"turns": [{"speaker": "customer", "text": "x" * 100_001}]}, "body.payload.turns.0.text"),
        ({"turns": [{"speaker": "boss", "text": "x"}]}, "body.payload.turns.0.speaker"),
        ({"channel": "fax"}, "body.payload.channel"),
        ({"started_at": "yesterday"}, "body.payload.started_at"),
    ],
)
def test_validation_errors_are_422_and_say_where(
    client: Client, auth: dict[str, str], change: dict[str, Any], where: str
) -> None:
    body = assert_error(post(client, "/api/interactions", {**PAYLOAD, **change}, auth), 422)
    assert body["message"] == "the request is not valid"
    assert where in [e["where"] for e in body["extra"]["errors"]]


@pytest.mark.parametrize(
    "change",
    [
        {"customer": {"identifiers": [{"kind": "email", "value": "a\x00b@example.nl"}]}},
        {"customer": {"name": "An\x00na", "identifiers": PAYLOAD["customer"]["identifiers"]}},
        {"subject": "\x00"},
        {"external_id": "x\x00"},
        {"thread_key": "\x00"},
        {"turns": [{"speaker": "customer", "text": "a\x00b"}]},
    ],
)
def test_nul_characters_are_422_not_a_database_error(
    client: Client, auth: dict[str, str], change: dict[str, Any]
) -> None:
    """Regression: PostgreSQL text cannot hold NUL; it used to fail there with a 500."""
    assert_error(post(client, "/api/interactions", {**PAYLOAD, **change}, auth), 422)


@pytest.mark.parametrize(
    "moment",
    [
        "4698-03-21T04:10:00.625405-20:06",  # offset beyond PostgreSQL's ±15:59 (fuzzer)
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-01:00",  # after year 9999 in UTC
        "1066-10-14T09:00:00",
    ],
)
def test_moments_out_of_range_are_422(client: Client, auth: dict[str, str], moment: str) -> None:
    """Regression: a time zone offset PostgreSQL refuses was a 500."""
    assert_error(post(client, "/api/interactions", {**PAYLOAD, "started_at": moment}, auth), 422)
    turns = [{"speaker": "customer", "text": "x", "sent_at": moment}]
    assert_error(post(client, "/api/interactions", {**PAYLOAD, "turns": turns}, auth), 422)


def test_far_offsets_within_range_are_stored_in_utc(client: Client, auth: dict[str, str]) -> None:
    response = post(
        client, "/api/interactions", {**PAYLOAD, "started_at": "2025-03-01T10:00:00-20:00"}, auth
    )
    assert response.status_code == 201, response.content
    assert response.json()["interaction"]["started_at"].startswith("2025-03-02T")


def test_business_rule_errors_are_400_with_extra(client: Client, auth: dict[str, str]) -> None:
    case_id = post(client, "/api/interactions", PAYLOAD, auth).json()["interaction"]["case_id"]
    body = assert_error(
        post(client, f"/api/cases/{case_id}/assign", {"owner": "nobody"}, auth), 400
    )
    assert body["extra"] == {"owner": "nobody"}


def test_messages_follow_accept_language(client: Client) -> None:
    english = post(client, "/api/interactions", PAYLOAD, {})
    dutch = post(client, "/api/interactions", PAYLOAD, {"Accept-Language": "nl"})
    french = post(client, "/api/interactions", PAYLOAD, {"Accept-Language": "fr"})
    assert english.json()["message"] == "a valid API token is needed"
    assert french.json()["message"] == english.json()["message"]
    assert dutch.json()["message"] == "een geldige API-sleutel is nodig"


def test_server_errors_under_api_are_json(
    client: Client, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("signaal.cases.api.case_get", boom)
    body = assert_error(client.get("/api/cases/1", headers=auth), 500)
    assert "boom" not in body["message"]


def test_openapi_documents_the_error_responses(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    ingest = schema["paths"]["/api/interactions"]["post"]["responses"]
    for status in ("400", "401", "403", "413", "422", "429"):
        assert ingest[status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert "409" not in schema["paths"]["/api/cases/{case_id}"]["get"]["responses"]
    assert client.get("/api/docs").status_code == 200
