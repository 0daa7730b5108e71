"""Settings for the test suite: the production settings with tasks inline and fast hashing."""

from signaal.web.settings import *  # noqa: F403
from signaal.web.settings import HUEY

HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
