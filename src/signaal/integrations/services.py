"""API tokens: create, check, revoke. The secret is shown once; only its hash is stored.

Every API request checks its token, so each process keeps the tokens it has seen in memory
and reads them again when one changes: saving or deleting a token (revoking is saving) bumps
a version in the Django cache after its transaction commits, which each process compares at
most once a second (``shared_state.VERSION_CHECK_SECONDS``). A token revoked in one process
is refused there at once and by the others within that second; ``TOKEN_MAX_AGE`` bounds how
long a change that bypasses the model signals (``update()``, SQL by hand) can go unseen.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from signaal.accounts.models import User
from signaal.errors import DomainError
from signaal.integrations.models import ApiToken
from signaal.shared_state import change_version, change_version_bump

TOKEN_PREFIX = "sig_"
_PREFIX_RE = re.compile(r"[0-9a-f]{8}")

TOKEN_VERSION_KEY = "integrations:token-version"
TOKEN_MAX_AGE = 60.0
_MAX_CACHED = 1000

# Active tokens by prefix: (version, read at (monotonic), token).
_tokens: dict[str, tuple[str, float, ApiToken]] = {}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, name: str, scopes: Sequence[str], created_by: User | None = None
) -> tuple[ApiToken, str]:
    """A new token for an integration; returns the token and its secret (shown only now)."""
    unknown = sorted(set(scopes) - set(ApiToken.Scope.values))
    if unknown or not scopes:
        raise DomainError(
            "unknown or missing scopes",
            extra={"unknown": unknown, "allowed": list(ApiToken.Scope.values)},
        )
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip() or prefix,
        prefix=prefix,
        token_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        created_by=created_by,
    )
    return token, secret


def api_token_check(secret: str) -> ApiToken | None:
    """The active token with this secret, or None; marks it as used."""
    if not secret.isascii() or not secret.startswith(TOKEN_PREFIX) or secret.count("_") < 2:
        return None
    prefix = secret[len(TOKEN_PREFIX) :].split("_", 1)[0]
    if not _PREFIX_RE.fullmatch(prefix):
        # Not one of ours; also keeps NUL bytes and the like away from the database.
        return None
    token = _active_token(prefix)
    if token is None or not hmac.compare_digest(token.token_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # update(), not save(): noting the use is no change of the token for the other processes.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _active_token(prefix: str) -> ApiToken | None:
    """The unrevoked token with this prefix, from this process's copy while it is current."""
    version = change_version(TOKEN_VERSION_KEY)
    now = time.monotonic()
    cached = _tokens.get(prefix)
    if cached is not None and cached[0] == version and now - cached[1] < TOKEN_MAX_AGE:
        return cached[2]
    token = ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None:
        _tokens.pop(prefix, None)  # unknown prefixes are not kept: anyone can make them up
        return None
    if len(_tokens) >= _MAX_CACHED:
        _tokens.clear()
    _tokens[prefix] = (version, now, token)
    return token


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token; requests with it are refused from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def _tokens_committed() -> None:
    _tokens.clear()
    change_version_bump(TOKEN_VERSION_KEY)


def _on_token_change(sender: Any, **kwargs: Any) -> None:
    # Revoked in this process: refused here at once, even before the commit.
    _tokens.clear()
    transaction.on_commit(_tokens_committed)


post_save.connect(_on_token_change, sender=ApiToken, dispatch_uid="api-token-save")
post_delete.connect(_on_token_change, sender=ApiToken, dispatch_uid="api-token-delete")
