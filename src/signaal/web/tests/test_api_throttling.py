"""Rate limits per API token: 429 JSON with Retry-After, in the configured cache."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from signaal.integrations.services import api_token_create
from signaal.web.throttling import parse_rate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def read(client: Client, secret: str) -> Any:
    return client.get("/api/cases/999999", headers={"Authorization": f"Bearer {secret}"})


def test_the_limit_is_per_token_and_answers_429_json(client: Client, settings: Any) -> None:
    settings.SIGNAAL_API_THROTTLE_RATE = "3/min"
    first = api_token_create(name="one", scopes=["read"])[1]
    second = api_token_create(name="two", scopes=["read"])[1]
    assert [read(client, first).status_code for _ in range(3)] == [404, 404, 404]
    refused = read(client, first)
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    body = refused.json()
    seconds = int(refused["Retry-After"])
    assert 1 <= seconds <= 60 and body["extra"] == {"retry_after": seconds}
    assert body["message"].startswith(f"too many requests; try again in {seconds} second")
    # Another token has its own budget.
    assert read(client, second).status_code == 404


def test_requests_without_a_valid_token_do_not_spend_a_budget(
    client: Client, settings: Any
) -> None:
    settings.SIGNAAL_API_THROTTLE_RATE = "1/min"
    for _ in range(3):
        assert client.get("/api/cases/1").status_code == 401


def test_ingest_is_throttled_too(client: Client, settings: Any) -> None:
    settings.SIGNAAL_API_THROTTLE_RATE = "1/h"
    secret = api_token_create(name="chat", scopes=["ingest"])[1]
    headers = {"Authorization": f"Bearer {secret}"}

    def post() -> Any:
        return client.post(
            "/api/interactions", json.dumps({}), content_type="application/json", headers=headers
        )

    assert post().status_code == 422
    assert post().status_code == 429


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("50/s", (50, 1)), ("600/min", (600, 60)), ("10000/h", (10000, 3600)), ("5/2m", (5, 120))],
)
def test_rates(rate: str, expected: tuple[int, int]) -> None:
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "fast", "0/s", "5/0s", "5/fortnight", "-1/s"])
def test_bad_rates_are_refused(rate: str) -> None:
    with pytest.raises(ValueError, match="invalid rate"):
        parse_rate(rate)


def test_a_batch_spends_one_request_per_interaction(client: Client, settings: Any) -> None:
    settings.SIGNAAL_API_THROTTLE_RATE = "5/min"
    secret = api_token_create(name="import", scopes=["ingest"])[1]

    def batch(first: int, size: int) -> Any:
        items = [
            {
                "channel": "email",
                "external_id": f"mail-{first + n}",
                "customer": {"identifiers": [{"kind": "email", "value": "anna@example.nl"}]},
                "turns": [{"speaker": "customer", "text": "Hallo, ik heb een vraag."}],
            }
            for n in range(size)
        ]
        return client.post(
            "/api/interactions/batch",
            data=json.dumps({"interactions": items}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    assert batch(0, 3).status_code == 200  # 3 of 5 spent
    refused = batch(3, 3)  # 6 > 5: refused before anything is stored
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    from signaal.cases.models import Interaction

    assert Interaction.objects.count() == 3


def test_emptying_the_cache_leaves_other_suites_keys_alone() -> None:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from conftest import cache_clear_own

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.skip("the local cache belongs to this process alone")
    client = backend._cache.get_client(write=True)
    client.set("signaal-test-other-suite:1:token", "keep", ex=60)
    cache.set("mine", "gone")
    cache_clear_own()
    assert cache.get("mine") is None
    assert client.get("signaal-test-other-suite:1:token") == b"keep"
    client.delete("signaal-test-other-suite:1:token")
