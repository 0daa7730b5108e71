"""Hostile text through the ingest endpoint: never a 500; what is stored comes back unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaal.integrations.services import api_token_create

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=300),  # any code point, lone surrogates included
    st.text(alphabet=st.sampled_from("\u200f\u200e\u202e\u2066\u2069\u061c abc"), min_size=1),
    st.text(alphabet=st.sampled_from("😀👍🏽🇳🇱👨‍👩‍👧\u0301\ufe0f\ufeff x"), min_size=1),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfff", "\x7f\x1b[2J", "𝕊𝕚𝕘𝕟𝕒𝕒𝕝" * 500]),
    st.builds(lambda n: "é" * n, st.integers(min_value=99_990, max_value=100_010)),
)


def _dumps(body: Any) -> str:
    # ensure_ascii keeps lone surrogates as \\ud800 escapes: what a buggy client would send.
    return json.dumps(body, ensure_ascii=True)


@pytest.mark.django_db
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=HOSTILE, name=HOSTILE, value=HOSTILE)
def test_hostile_text_is_stored_or_refused_never_a_500(
    text: str, name: str, value: str, client: Client
) -> None:
    secret = api_token_create(name="fuzz", scopes=["ingest", "read"])[1]
    headers = {"Authorization": f"Bearer {secret}"}
    body = {
        "channel": "chat",
        "subject": name[:255],
        "customer": {
            "name": name[:200],
            "identifiers": [{"kind": "customer_number", "value": value[:255]}],
        },
        "turns": [{"speaker": "customer", "text": text}, {"speaker": "agent", "text": name}],
    }
    response = client.post(
        "/api/interactions", _dumps(body), content_type="application/json", headers=headers
    )
    assert response.status_code in (200, 201, 400, 422), response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 201:
        stored = response.json()["interaction"]
        case = client.get(f"/api/cases/{stored['case_id']}", headers=headers).json()
        assert case["interactions"][0]["turns"][0]["text"] == text
    else:
        assert response.json()["message"]
