"""Log-in throttling: failed attempts per user name and client address, counted in the cache.

After ``SIGNAAL_LOGIN_MAX_FAILURES`` failures within ``SIGNAAL_LOGIN_LOCKOUT_SECONDS`` for one
user name from one address, that pair is locked for ``SIGNAAL_LOGIN_LOCKOUT_SECONDS``: even the
right password is refused until then. Other addresses (the colleague at the next desk behind
the same proxy counts as the same address) and other user names are not affected.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from signaal.shared_state import count_in_window

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer, or the one our own proxies put in X-Forwarded-For."""
    proxies = settings.SIGNAAL_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return str(addresses[-min(proxies, len(addresses))])
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _key(kind: str, username: str, address: str) -> str:
    # Hashed: user names may hold anything, and cache keys must stay short and printable.
    digest = hashlib.sha256(f"{username.strip().lower()}\n{address}".encode()).hexdigest()
    return f"login-{kind}:{digest}"


def login_locked_for(*, username: str, address: str) -> int:
    """Seconds this user name is still locked from this address (0: not locked)."""
    until = cache.get(_key("lock", username, address))
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def login_failure_record(*, username: str, address: str) -> int:
    """Count a failed attempt; lock the pair when it reaches the limit. Returns the count."""
    window = settings.SIGNAAL_LOGIN_LOCKOUT_SECONDS
    key = _key("fail", username, address)
    count = count_in_window(key, timeout=window)
    if count >= settings.SIGNAAL_LOGIN_MAX_FAILURES:
        cache.set(_key("lock", username, address), time.time() + window, timeout=window)
        cache.delete(key)
        logger.warning("log-in locked after %d failures from %s", count, address)
    return int(count)


def login_success_record(*, username: str, address: str) -> None:
    """Forget earlier failures of this user name from this address."""
    cache.delete(_key("fail", username, address))
