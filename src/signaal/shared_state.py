"""State every process shares through the Django cache (Redis when ``REDIS_URL`` is set).

Two kinds: counters over a time window (API and log-in throttling) and change versions, which
tell each process that data it keeps a copy of (reference data, the lexicon, API tokens) has
changed.
"""

from __future__ import annotations

import time
import uuid

from django.core.cache import cache

# How often a process reads a change version from the cache (another process's change).
VERSION_CHECK_SECONDS = 1.0
# The versions this process read last, with when: (monotonic seconds, version) by key.
_seen: dict[str, tuple[float, str]] = {}


def count_in_window(key: str, *, timeout: int, amount: int = 1) -> int:
    """Count ``amount`` more under ``key``; the count lives ``timeout`` seconds from its first."""
    # add() is a no-op when the key exists; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key, amount))
    except ValueError:  # expired between add() and incr()
        cache.add(key, amount, timeout=timeout)
        return amount


def change_version(key: str) -> str:
    """The current version of something that changes; a fresh one when the cache lost it.

    Versions are random, never counted: after the cache is emptied a counter could restart at
    a number some process still holds, and that process would miss the change.

    The version this process read less than ``VERSION_CHECK_SECONDS`` ago is taken without
    asking the cache (a round trip to Redis on every request otherwise): a change made by
    another process is seen up to that long after; one made by this process
    (``change_version_bump``) at once.
    """
    now = time.monotonic()
    seen = _seen.get(key)
    if seen is not None and now - seen[0] < VERSION_CHECK_SECONDS:
        return seen[1]
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    _seen[key] = (now, str(version))
    return str(version)


def change_version_bump(key: str) -> None:
    """Mark a change: a new version that no process has seen."""
    version = uuid.uuid4().hex
    cache.set(key, version, timeout=None)
    _seen[key] = (time.monotonic(), version)
