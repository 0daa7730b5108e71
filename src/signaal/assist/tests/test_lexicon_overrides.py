"""Lexicon entries kept in the admin, on top of the built-in packs, in the live draft check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from signaal.accounts.models import User
from signaal.accounts.services import roles_ensure, user_create
from signaal.assist.lexicon import (
    VERSION_KEY,
    lexicon_entry_save,
    lexicon_version_bump,
    platform_listener,
)
from signaal.assist.models import LexiconEntry
from signaal.engine import default_listener
from signaal.engine.packs import BUILTIN_DIR, load_pack
from signaal.workspace.selectors import draft_hints

pytestmark = pytest.mark.django_db

ADD = reverse("admin:assist_lexiconentry_add")
CHECK = reverse("workspace:lexicon_check")
PASSWORD = "Luisteren-is-een-spier-42"
# A real entry of the built-in Dutch pack, and a draft it advises on.
BUILTIN = "lex.nl.u-moet"
BUILTIN_DRAFT = "U moet eerst het formulier invullen."
OWN_DRAFT = "Dat hoort nu eenmaal bij onze klantreis."

Commit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def _fresh_lexicon() -> Iterator[None]:
    # The database is rolled back after each test, the cache is not: start and end on a new
    # version so no test sees another's entries.
    lexicon_version_bump()
    yield
    lexicon_version_bump()


@pytest.fixture
def admin_client(client: Client) -> Client:
    superuser = User.objects.create_superuser(username="beheer", password=PASSWORD)
    client.force_login(superuser)
    return client


@pytest.fixture
def agent_client() -> Client:
    roles_ensure()
    agent = Client()
    agent.force_login(user_create(username="sanne", role="agent", password=PASSWORD))
    return agent


def entry_data(**changes: str) -> dict[str, str]:
    data = {
        "language": "nl",
        "key": "lex.org.klantreis",
        "kind": "discouraged",
        "enabled": "on",
        "patterns": "onze klantreis\nde klantreis",
        "advice": "Zeg wat de klant merkt, niet hoe wij het intern noemen.",
        "alternative": "Zo zorgen we dat uw aanvraag goed afgehandeld wordt.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def hint_ids(text: str) -> set[str]:
    return {hit.id for hit in draft_hints(text=text, language="nl")}


def test_the_builtin_entry_used_below_exists() -> None:
    assert BUILTIN in {e.id for e in load_pack("nl", [BUILTIN_DIR]).lexicon}
    assert BUILTIN in hint_ids(BUILTIN_DRAFT)


def test_a_phrase_added_in_the_admin_shows_in_the_draft_check(
    admin_client: Client, agent_client: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    assert "lex.org.klantreis" not in hint_ids(OWN_DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD, entry_data())
    assert response.status_code == 302
    entry = LexiconEntry.objects.get()
    assert entry.updated_by is not None and entry.updated_by.username == "beheer"

    html = agent_client.post(CHECK, {"text": OWN_DRAFT, "language": "nl"}).content.decode()
    assert "Zeg wat de klant merkt" in html
    assert "uw aanvraag goed afgehandeld" in html
    # The built-in entries still apply next to it.
    assert {"lex.org.klantreis", BUILTIN} <= hint_ids(f"{OWN_DRAFT} {BUILTIN_DRAFT}")


def test_switching_off_a_builtin_entry_removes_it_and_deleting_brings_it_back(
    admin_client: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD, entry_data(key=BUILTIN, enabled="", patterns="", advice="", alternative="")
        )
    assert response.status_code == 302
    assert BUILTIN not in hint_ids(BUILTIN_DRAFT)
    assert "lex.nl.ik-denk" in hint_ids("Ik denk dat het morgen komt.")

    entry = LexiconEntry.objects.get()
    changelist = admin_client.get(reverse("admin:assist_lexiconentry_changelist")).content
    assert b"icon-yes.svg" in changelist  # shown as replacing a built-in entry
    delete = reverse("admin:assist_lexiconentry_delete", args=[entry.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert BUILTIN in hint_ids(BUILTIN_DRAFT)


def test_changing_an_entry_bumps_the_version_and_the_next_check_uses_it(
    django_capture_on_commit_callbacks: Commit,
) -> None:
    entry = LexiconEntry(
        language="nl", key="lex.org.klantreis", patterns="onze klantreis", advice="Anders."
    )
    with django_capture_on_commit_callbacks(execute=True):
        lexicon_entry_save(entry=entry, user=None)
    assert "lex.org.klantreis" in hint_ids(OWN_DRAFT)
    version = cache.get(VERSION_KEY)

    entry.patterns = "het klantportaal"
    with django_capture_on_commit_callbacks(execute=True):
        lexicon_entry_save(entry=entry, user=None)
    assert cache.get(VERSION_KEY) != version
    assert "lex.org.klantreis" not in hint_ids(OWN_DRAFT)
    assert "lex.org.klantreis" in hint_ids("Kijkt u even in het klantportaal.")


def test_a_change_is_used_only_after_it_is_committed(
    django_capture_on_commit_callbacks: Commit,
) -> None:
    entry = LexiconEntry(
        language="nl", key="lex.org.klantreis", patterns="onze klantreis", advice="Anders."
    )
    assert "lex.org.klantreis" not in hint_ids(OWN_DRAFT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lexicon_entry_save(entry=entry, user=None)
        # Another process could read before the commit: the version must not move yet.
        assert "lex.org.klantreis" not in hint_ids(OWN_DRAFT)
    for callback in callbacks:
        callback()
    assert "lex.org.klantreis" in hint_ids(OWN_DRAFT)


@pytest.mark.parametrize(
    ("patterns", "message"),
    [
        ("onze klantreis\nu ...9 wachten", "Regel 2 (“u ...9 wachten”)"),
        ("u ...9 wachten", "tussen 1 en 8 woorden"),
        ("mijn @onbestaand", "er is geen woordenset @onbestaand"),
        ("... _", "gewoon woord"),
        ("/klant(/", "geen geldige reguliere expressie"),
    ],
)
def test_a_bad_pattern_is_refused_in_the_admin_with_a_clear_message(
    admin_client: Client, patterns: str, message: str
) -> None:
    response = admin_client.post(ADD, entry_data(patterns=patterns))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors["patterns"])
    assert message in response.content.decode()
    assert not LexiconEntry.objects.exists()


def test_an_entry_in_use_needs_patterns_and_advice(admin_client: Client) -> None:
    response = admin_client.post(ADD, entry_data(patterns="", advice=""))
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"patterns", "advice"}
    assert not LexiconEntry.objects.exists()


def test_the_service_refuses_a_bad_pattern_too() -> None:
    entry = LexiconEntry(language="nl", key="lex.org.fout", patterns="a|", advice="Anders.")
    with pytest.raises(ValidationError) as raised:
        lexicon_entry_save(entry=entry, user=None)
    assert "patterns" in raised.value.message_dict
    assert not LexiconEntry.objects.exists()


def test_a_bad_entry_that_got_past_the_checks_is_left_out_not_fatal() -> None:
    # Written around the services (a shell, an old row): analysis must go on without it.
    LexiconEntry.objects.create(
        language="nl", key="lex.org.fout", patterns="mijn @onbestaand", advice="Anders."
    )
    LexiconEntry.objects.create(
        language="nl", key="lex.org.klantreis", patterns="onze klantreis", advice="Anders."
    )
    lexicon_version_bump()
    assert hint_ids(f"{OWN_DRAFT} {BUILTIN_DRAFT}") == {"lex.org.klantreis", BUILTIN}


def test_the_listener_is_not_rebuilt_when_nothing_changed(
    django_capture_on_commit_callbacks: Commit, django_assert_num_queries: Any
) -> None:
    # Without entries of its own the platform shares the engine's Listener.
    assert platform_listener() is default_listener()
    with django_capture_on_commit_callbacks(execute=True):
        lexicon_entry_save(
            entry=LexiconEntry(
                language="nl", key="lex.org.klantreis", patterns="onze klantreis", advice="Anders."
            ),
            user=None,
        )
    first = platform_listener()
    assert first is not default_listener()
    with django_assert_num_queries(0):
        assert platform_listener() is first
        assert platform_listener() is first


@pytest.mark.django_db
def test_a_manager_keeps_the_lexicon_and_an_agent_may_not(client: Client) -> None:
    roles_ensure()
    add = reverse("admin:assist_lexiconentry_add")
    manager = user_create(username="lead", role="manager", password="x-long-password-1")
    client.force_login(manager)
    assert client.get(add).status_code == 200
    agent = user_create(username="desk", role="agent", password="x-long-password-2")
    client.force_login(agent)
    assert client.get(add).status_code in (302, 403)


def test_the_lexicon_check_command_uses_the_entries_of_the_admin(
    django_capture_on_commit_callbacks: Commit,
) -> None:
    from io import StringIO

    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        lexicon_entry_save(entry=LexiconEntry(**entry_data(enabled="")), user=None)
    # The form's "on" is no model value: without it "enabled" is the default (on).
    out = StringIO()
    call_command("lexicon_check", f"{OWN_DRAFT} {BUILTIN_DRAFT}", "--json", stdout=out)
    ids = {hit["id"] for hit in json.loads(out.getvalue())}
    assert {"lex.org.klantreis", BUILTIN} <= ids
    text = StringIO()
    call_command("lexicon_check", OWN_DRAFT, stdout=text)
    assert "Zeg wat de klant merkt" in text.getvalue()
