"""Authentication of API requests: a bearer token with a scope, or a logged-in person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from signaal.integrations.services import api_token_check


class TokenAuth(HttpBearer):
    """``Authorization: Bearer sig_...`` with the given scope."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_check(token)
        if found is None or self.scope not in found.scopes:
            return None
        request.api_token = found  # type: ignore[attr-defined]
        return found


def session_auth(request: HttpRequest) -> Any:
    """A logged-in person (the workspace uses the same endpoints)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None
