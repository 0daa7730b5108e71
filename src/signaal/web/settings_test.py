"""Settings for the test suite: the production settings with tasks inline and fast hashing."""

import os

from signaal.web.settings import *  # noqa: F403
from signaal.web.settings import CACHES, DATABASES, HUEY

HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# On PostgreSQL the suite creates its own database; named after this process, so that two
# suites on one machine (a developer's and CI's) do not drop each other's.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_signaal_{os.getpid()}"}

# On Redis the suite's keys carry this process's prefix, and tests empty only those
# (``conftest.fresh_cache``): a flush of the whole database would empty another suite's too.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["KEY_PREFIX"] = f"signaal-test-{os.getpid()}"
