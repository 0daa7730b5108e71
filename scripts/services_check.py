"""Is the PostgreSQL and Redis of DATABASE_URL / REDIS_URL reachable? Exit 1 if not.

`make test` runs the platform tests a second time against PostgreSQL and Redis. On a developer
machine without them that second run is skipped with a notice; under CI (CI is set) an
unreachable server fails the build loudly instead.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    problems = []
    url = os.environ.get("DATABASE_URL", "")
    try:
        import dj_database_url
        import psycopg

        db = dj_database_url.parse(url)
        # The test run creates its own database; the server's maintenance database must answer.
        with psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            pass
    except Exception as exc:  # noqa: BLE001 - any failure means: not reachable
        problems.append(f"PostgreSQL at {url}: {exc}")
    redis_url = os.environ.get("REDIS_URL", "")
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"Redis at {redis_url}: {exc}")
    for problem in problems:
        print(f"not reachable: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
