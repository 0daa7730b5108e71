"""The nl and en catalogues are complete: every message a person reads has a translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_is_complete(language: str) -> None:
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists(), "run compilemessages"
    entries = po.split("\n\n")[1:]
    untranslated = [
        e
        for e in entries
        if not e.startswith("#~")
        and (re.search(r'^msgstr(\[\d\])? ""\n(?!")', e + "\n", flags=re.M) or "#, fuzzy" in e)
    ]
    assert not untranslated, "\n\n".join(untranslated[:5])


@pytest.mark.parametrize(
    ("message", "dutch"),
    [
        # What an agent says on the floor: a customer asks for a "medewerker", not a "mens".
        ("Asks for a person", "Wil een medewerker spreken"),
        # The same words as the missed-signal lines next to it ("niemand is er nog op ingegaan").
        ("Not answered yet", "Nog niet op ingegaan"),
    ],
)
def test_dutch_wording_in_the_agent_register(message: str, dutch: str) -> None:
    with translation.override("nl"):
        assert translation.gettext(message) == dutch


@pytest.mark.django_db
def test_the_log_in_page_is_dutch_by_default(client: Client) -> None:
    # A catalogue regenerated without the web app's templates once dropped these strings.
    html = client.get("/login/").content.decode()
    assert "Inloggen bij Signaal" in html and "Log in to Signaal" not in html
