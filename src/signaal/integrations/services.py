"""API tokens: create, check, revoke. The secret is shown once; only its hash is stored."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from signaal.accounts.models import User
from signaal.errors import DomainError
from signaal.integrations.models import ApiToken

TOKEN_PREFIX = "sig_"
_PREFIX_RE = re.compile(r"[0-9a-f]{8}")


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
    token = ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.token_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token; requests with it are refused from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
