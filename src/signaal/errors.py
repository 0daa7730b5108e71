"""Domain errors of the platform, turned into JSON errors (API) or messages (pages) in one place."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A business rule said no; ``message`` is safe to show to the person or integration."""

    status = 400

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class NotFound(DomainError):
    """The object does not exist, or the caller may not know that it does."""

    status = 404


class Forbidden(DomainError):
    """The caller may not do this."""

    status = 403


class Conflict(DomainError):
    """The object is not in a state that allows this (a closed case, say)."""

    status = 409
