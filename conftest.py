"""Test-wide set-up (Django settings come from pyproject: signaal.web.settings_test)."""

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402


def cache_clear_own() -> None:
    """Empty this suite's cache: on Redis only the keys under its prefix (the database may be
    shared with another suite or process), elsewhere the whole local cache."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        backend.clear()


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """An empty cache (of this suite) before and after the test."""
    cache_clear_own()
    yield
    cache_clear_own()
