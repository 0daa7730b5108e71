"""Production settings: ``manage.py check --deploy`` is clean with the production environment,
and static files are served by WhiteNoise with hashed, compressed names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[4]
SECRET = "k3J9-vQ2!mZ8@pL5#rT1$wX7%yB4^nC6&dF0*gH2(jK8)sA5_eU3+iO9=qW1"


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "signaal.web.settings",
            "SIGNAAL_ENV": "production",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "signaal.example.nl",
            "CSRF_TRUSTED_ORIGINS": "https://signaal.example.nl",
            "SIGNAAL_DATA_DIR": str(tmp_path),
            "SIGNAAL_INPROCESS_WORKER": "0",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_check_deploy_warns_when_https_is_switched_off(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="0")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "security.W008" in result.stdout + result.stderr


@pytest.mark.slow
def test_production_refuses_a_missing_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_collected_static_files_are_served_by_whitenoise(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    collected = manage(env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert '"paths"' in manifest
    probe = (
        "import django, json; django.setup();"
        "from django.test import Client; from django.templatetags.static import static;"
        "url = static('admin/css/base.css');"
        "r = Client().get(url, headers={'Accept-Encoding': 'gzip'}, secure=True,"
        " HTTP_HOST='signaal.example.nl');"
        "print(json.dumps([url, r.status_code, r.get('Content-Encoding'), r.get('Cache-Control')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    url, status, encoding, cache_control = __import__("json").loads(result.stdout.splitlines()[-1])
    assert status == 200 and encoding == "gzip"
    assert url != "/static/admin/css/base.css"  # a hashed name, cached for ever
    assert "max-age=315360000" in cache_control
