"""Each process keeps the API tokens it has seen; a change reaches every process."""

from __future__ import annotations

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from signaal import shared_state
from signaal.integrations import services
from signaal.integrations.models import ApiToken
from signaal.integrations.services import (
    TOKEN_VERSION_KEY,
    api_token_check,
    api_token_create,
    api_token_revoke,
)
from signaal.shared_state import change_version_bump

pytestmark = pytest.mark.django_db


def test_a_known_token_is_checked_without_a_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    token, secret = api_token_create(name="telefonie", scopes=["ingest"])
    assert api_token_check(secret) == token  # read, and its use noted
    with django_assert_num_queries(0):
        assert api_token_check(secret) == token
        assert api_token_check(secret[:-1] + "x") is None  # a wrong secret with its prefix


def test_revoked_here_is_refused_at_once() -> None:
    token, secret = api_token_create(name="chat", scopes=["ingest"])
    assert api_token_check(secret) is not None
    api_token_revoke(token=token)
    assert api_token_check(secret) is None


def test_revoked_by_another_process_is_refused_after_the_version_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_state, "VERSION_CHECK_SECONDS", 3600.0)
    token, secret = api_token_create(name="mail", scopes=["ingest"])
    assert api_token_check(secret) is not None
    # Another process revokes it: the database changes and the shared version is bumped
    # there; this process still holds the token (and its last version check is recent).
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert api_token_check(secret) is not None  # within VERSION_CHECK_SECONDS
    change_version_bump(TOKEN_VERSION_KEY)
    assert api_token_check(secret) is None


def test_a_change_that_bypasses_the_signals_is_seen_after_the_max_age(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token, secret = api_token_create(name="web", scopes=["ingest"])
    assert api_token_check(secret) is not None
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    monkeypatch.setattr(services, "TOKEN_MAX_AGE", 0.0)
    assert api_token_check(secret) is None


def test_unknown_prefixes_are_not_kept() -> None:
    assert api_token_check("sig_0123abcd_" + "x" * 43) is None
    assert "0123abcd" not in services._tokens
