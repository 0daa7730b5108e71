"""Django settings, all from the environment with safe local defaults (docs/configuration.md).

Embedded default: SQLite in WAL mode, background work in-process, local-memory cache.
Production: DATABASE_URL (PostgreSQL), REDIS_URL (cache, background queue), SIGNAAL_ENV=production.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("SIGNAAL_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated setting from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("SIGNAAL_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

_DEV_SECRET = "signaal-development-only-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set (50+ characters) in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "signaal.accounts",
    "signaal.customers",
    "signaal.cases",
    "signaal.assist",
    "signaal.privacy",
    "signaal.integrations",
    "signaal.workspace",
    "signaal.demo",
    "signaal.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware (it picks the API's language): JSON errors and the body limit.
    "signaal.web.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "signaal.web.urls"
WSGI_APPLICATION = "signaal.web.wsgi.application"
ASGI_APPLICATION = "signaal.web.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(DATA_DIR / "signaal.sqlite3")),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock
                # at the start of a transaction instead of failing halfway through it.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "signaal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: huey, on Redis in production, on SQLite next to the database when embedded.
# SIGNAAL_TASKS_IMMEDIATE=1 runs tasks inline (tests, one-off commands).
HUEY: dict[str, object]
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "signaal", "url": REDIS_URL}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "signaal",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
    }
HUEY.update(
    {
        "immediate": env_bool("SIGNAAL_TASKS_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:queue"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Request size limits: the API accepts large transcripts, nothing larger. A body over the limit
# gets a 413 JSON error under /api/ before anything reads it (web/middleware.py). Put the same
# limit (or a bit more) in the reverse proxy, which can refuse it before it is uploaded at all.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("SIGNAAL_MAX_REQUEST_BYTES", 5 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# API rate limit per token (or per logged-in person): "50/s", "600/min", "10000/h".
# Counted in the cache, so shared by all processes when REDIS_URL is set.
SIGNAAL_API_THROTTLE_RATE = os.environ.get("SIGNAAL_API_THROTTLE_RATE", "50/s")
# Log-in form: after this many failed attempts for one user name from one address, further
# attempts are refused for SIGNAAL_LOGIN_LOCKOUT_SECONDS (counted in the cache).
SIGNAAL_LOGIN_MAX_FAILURES = int(os.environ.get("SIGNAAL_LOGIN_MAX_FAILURES", 5))
SIGNAAL_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("SIGNAAL_LOGIN_LOCKOUT_SECONDS", 900))
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use the peer address).
# The client address counts for log-in throttling; only trust what your own proxies add.
SIGNAAL_PROXY_COUNT = int(os.environ.get("SIGNAAL_PROXY_COUNT", 0))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment for the whole domain that is hard to undo; it is a choice
        # (SECURE_HSTS_PRELOAD=1), so not having made it is no deploy warning.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The listening engine reads extra pack folders from SIGNAAL_PACK_DIR itself.
# Texts longer than this are analysed in the background instead of inside the request.
SIGNAAL_INLINE_ANALYSIS_MAX_CHARS = int(os.environ.get("SIGNAAL_INLINE_ANALYSIS_MAX_CHARS", 20000))
# Embedded set-up: the web process runs a background worker thread itself (see web/worker.py).
SIGNAAL_INPROCESS_WORKER = env_bool("SIGNAAL_INPROCESS_WORKER", not REDIS_URL)
# A web process compiles the engine of every language when it starts (web/worker.py).
SIGNAAL_PRELOAD_ENGINE = env_bool("SIGNAAL_PRELOAD_ENGINE", True)
