"""Log-in throttling: failed attempts per user name and address, a clear Dutch message."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from signaal.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings: Any, fresh_cache: None) -> None:
    settings.SIGNAAL_LOGIN_MAX_FAILURES = 3
    settings.SIGNAAL_LOGIN_LOCKOUT_SECONDS = 600
    User.objects.create_user(username="sanne", password="juist-wachtwoord-42")


def login(client: Client, password: str, username: str = "sanne", ip: str = "10.0.0.1") -> Any:
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def errors(response: Any) -> list[str]:
    return [str(e) for e in response.context["form"].non_field_errors()]


def test_too_many_failures_lock_the_user_name_from_that_address(client: Client) -> None:
    for _ in range(2):
        assert "Te veel" not in " ".join(errors(login(client, "fout")))
    locked = login(client, "fout")
    assert errors(locked) == [
        "Te veel mislukte inlogpogingen. Probeer het over 10 minuten opnieuw."
    ]
    # Even the right password is refused while locked.
    assert login(client, "juist-wachtwoord-42").status_code == 200
    assert "_auth_user_id" not in client.session
    # Another address, or another user name, is not affected.
    assert login(client, "juist-wachtwoord-42", ip="10.0.0.2").status_code == 302


def test_the_message_is_english_for_english_browsers(client: Client) -> None:
    client.cookies["django_language"] = "en"
    for _ in range(3):
        response = login(client, "fout")
    assert errors(response) == ["Too many failed log-in attempts. Try again in 10 minutes."]


def test_a_good_log_in_forgets_earlier_failures(client: Client) -> None:
    login(client, "fout")
    login(client, "fout")
    assert login(client, "juist-wachtwoord-42").status_code == 302
    client.logout()
    login(client, "fout")
    login(client, "fout")
    assert login(client, "juist-wachtwoord-42").status_code == 302


def test_user_names_are_counted_case_insensitively(client: Client) -> None:
    for name in ("sanne", "SANNE", "Sanne"):
        login(client, "fout", username=name)
    assert login(client, "juist-wachtwoord-42").status_code == 200


def test_address_behind_a_proxy(client: Client, settings: Any) -> None:
    settings.SIGNAAL_PROXY_COUNT = 1
    for _ in range(3):
        client.post(
            "/login/",
            {"username": "sanne", "password": "fout"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    ok = client.post(
        "/login/",
        {"username": "sanne", "password": "juist-wachtwoord-42"},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert ok.status_code == 302


def test_the_admin_log_in_is_throttled_too(client: Client) -> None:
    User.objects.create_superuser(username="beheer", password="beheer-wachtwoord-42")
    for _ in range(3):
        client.post("/admin/login/", {"username": "beheer", "password": "fout"})
    response = client.post(
        "/admin/login/", {"username": "beheer", "password": "beheer-wachtwoord-42"}
    )
    assert response.status_code == 200 and "Te veel" in response.content.decode()
