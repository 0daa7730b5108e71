"""State every process shares through the Django cache (Redis when ``REDIS_URL`` is set).

Two kinds: counters over a time window (API and log-in throttling) and change versions, which
tell each process that data it keeps a copy of (reference data, the lexicon) has changed.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache


def count_in_window(key: str, *, timeout: int) -> int:
    """Count one more under ``key``; the count lives ``timeout`` seconds from its first."""
    # add() is a no-op when the key exists; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return 1


def change_version(key: str) -> str:
    """The current version of something that changes; a fresh one when the cache lost it.

    Versions are random, never counted: after the cache is emptied a counter could restart at
    a number some process still holds, and that process would miss the change.
    """
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return str(version)


def change_version_bump(key: str) -> None:
    """Mark a change: a new version that no process has seen."""
    cache.set(key, uuid.uuid4().hex, timeout=None)
