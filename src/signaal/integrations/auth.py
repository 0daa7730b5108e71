"""Authentication of API requests: a bearer token with a scope, or a logged-in person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from signaal.integrations.services import api_token_check


class ScopeMissing(AuthorizationError):
    """A valid token without the scope the operation needs: 403, not 401."""

    def __init__(self, scope: str) -> None:
        super().__init__(message=f"the API token does not have the scope {scope}")
        self.scope = scope


class TokenAuth(HttpBearer):
    """``Authorization: Bearer sig_...`` with the given scope."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_check(token)
        if found is None:
            return None
        if self.scope not in found.scopes:
            raise ScopeMissing(self.scope)
        request.api_token = found  # type: ignore[attr-defined]
        return found


def session_auth(request: HttpRequest) -> Any:
    """A logged-in person (the workspace uses the same endpoints)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None
