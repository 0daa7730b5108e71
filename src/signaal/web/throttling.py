"""Rate limits of the API: a fixed window per API token (or per logged-in person) in the cache.

ninja's ``AuthRateThrottle`` keeps each request's history on the throttle object, which all
requests share, and reads and writes the cache non-atomically. This one counts with
``cache.add`` + ``cache.incr``, atomic on Redis and on the local-memory cache, and keeps no
state between ``allow_request`` and ``wait``.
"""

from __future__ import annotations

import re
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from signaal.shared_state import count_in_window

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"50/s"``, ``"600/min"``, ``"10000/2h"`` → (requests, seconds)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([a-z]+)\s*", rate.lower())
    if not match or match[3] not in _PERIODS or int(match[1]) < 1 or match[2] == "0":
        raise ValueError(f"invalid rate {rate!r}; use e.g. 50/s, 600/min or 10000/h")
    return int(match[1]), int(match[2] or 1) * _PERIODS[match[3]]


class TokenRateThrottle(BaseThrottle):
    """At most ``rate`` requests per API token (or logged-in person) per window."""

    def __init__(self, rate: str | None = None) -> None:
        self._rate = rate

    @property
    def limit(self) -> tuple[int, int]:
        """(requests, seconds), read from the settings at request time (tests can change it)."""
        return parse_rate(self._rate or settings.SIGNAAL_API_THROTTLE_RATE)

    @staticmethod
    def ident(request: HttpRequest) -> str | None:
        """Whose budget the request spends: the token, else the person; None for no limit."""
        auth: Any = getattr(request, "auth", None)
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}"
        if auth is not None and getattr(auth, "pk", None) is not None:
            return f"user:{auth.pk}"
        return None

    def allow_request(self, request: HttpRequest) -> bool:
        return self.spend(request, 1)

    def spend(self, request: HttpRequest, amount: int) -> bool:
        """Count ``amount`` requests (a batch counts each of its items); False over the limit."""
        ident = self.ident(request)
        if ident is None:
            return True
        requests, seconds = self.limit
        window = int(time.time()) // seconds
        key = f"api-throttle:{ident}:{seconds}:{window}"
        return count_in_window(key, timeout=seconds + 1, amount=amount) <= requests

    def wait(self) -> float | None:
        """Seconds until the current window ends."""
        _, seconds = self.limit
        return max(1.0, seconds - (time.time() % seconds))
