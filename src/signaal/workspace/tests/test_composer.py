"""Composer and actions: live lexicon hints, reply, assign, status, close, domain errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaal.accounts.models import User
from signaal.cases.models import Case, ContactReason, Interaction
from signaal.engine import Listener, PackError
from signaal.engine.packs import BUILTIN_DIR, load_pack
from signaal.privacy.models import AuditEvent
from signaal.workspace import selectors
from signaal.workspace.tests.factories import case_of, contact

pytestmark = pytest.mark.django_db

CHECK = reverse("workspace:lexicon_check")
LEXICON = """
lexicon:
  - id: lex.test.u-moet
    kind: discouraged
    match: ["u moet"]
    advice: "Klinkt als een opdracht: vraag of nodig uit."
    alternative: "Wilt u de meterstand doorgeven?"
"""


@pytest.fixture
def dutch_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Listener with one known Dutch lexicon entry, so the test does not depend on the pack."""
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "lexicon.yaml").write_text(LEXICON, encoding="utf-8")
    listener = Listener(pack_dirs=[tmp_path])
    monkeypatch.setattr(selectors, "platform_listener", lambda: listener)


def url(name: str, case: Case) -> str:
    return reverse(f"workspace:{name}", kwargs={"case_id": case.pk})


# --- lexicon hints --------------------------------------------------------------------------


def test_lexicon_check_gives_advice_for_u_moet(as_agent: Client, dutch_lexicon: None) -> None:
    response = as_agent.post(
        CHECK,
        {"text": "U moet eerst de meterstand doorgeven.", "language": "nl"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Klinkt als een opdracht" in html
    assert "Wilt u de meterstand doorgeven?" in html
    assert "“U moet”" in html


@pytest.mark.skipif(
    not load_pack("nl", [BUILTIN_DIR]).lexicon,
    reason="the built-in Dutch pack has no lexicon entries yet",
)
def test_lexicon_check_with_the_built_in_dutch_pack(as_agent: Client) -> None:
    html = as_agent.post(CHECK, {"text": "U moet eerst betalen.", "language": "nl"}).content
    assert b"hint-item" in html


def test_lexicon_check_with_the_built_in_english_pack(as_agent: Client) -> None:
    html = as_agent.post(CHECK, {"text": "You must send the form.", "language": "en"}).content
    assert b"hint-item" in html and b"You must" in html


@pytest.mark.parametrize("text", ["", "   \n "])
def test_lexicon_check_is_empty_for_an_empty_draft(
    as_agent: Client, dutch_lexicon: None, text: str
) -> None:
    response = as_agent.post(CHECK, {"text": text, "language": "nl"})
    assert response.status_code == 200 and response.content.strip() == b""


def test_lexicon_check_does_not_touch_the_database(as_agent: Client, dutch_lexicon: None) -> None:
    as_agent.post(CHECK, {"text": "warm-up", "language": "nl"})
    with CaptureQueriesContext(connection) as captured:
        as_agent.post(CHECK, {"text": "U moet dit doen.", "language": "nl"})
    # Only the log-in check (session and user); nothing about cases or customers.
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert len(captured) <= 2
    assert "cases_" not in tables and "customers_" not in tables


def test_a_broken_pack_gives_no_hints_instead_of_an_error(
    as_agent: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def check_draft(self, text: str, *, language: str) -> tuple[()]:
            raise PackError("unknown word set @x", entry="test")

    monkeypatch.setattr(selectors, "platform_listener", Broken)
    response = as_agent.post(CHECK, {"text": "U moet dit doen.", "language": "nl"})
    assert response.status_code == 200 and response.content.strip() == b""


def test_composer_asks_for_hints_as_the_agent_types(as_agent: Client) -> None:
    case = case_of(contact())
    html = as_agent.get(url("case", case)).content.decode()
    assert f'hx-post="{CHECK}"' in html
    assert 'hx-trigger="keyup changed delay:300ms"' in html
    assert 'id="lexicon-hints" class="lexicon-hints" aria-live="polite"' in html
    assert '<label for="reply-text">' in html


def test_language_advice_is_a_named_region(as_agent: Client) -> None:
    # Regression: the name sat on a plain <div>, where ARIA does not allow one (no role).
    case = case_of(contact())
    html = as_agent.get(url("case", case)).content.decode()
    assert 'role="region" aria-label="Taaladvies"' in html


def test_channel_names_keep_their_capitals_in_the_composer_and_close_form(
    as_agent: Client,
) -> None:
    # Regression: str.capitalize() turned "WhatsApp" into "Whatsapp" in the select boxes.
    case = case_of(contact())
    html = as_agent.get(url("case", case)).content.decode()
    assert '<option value="whatsapp">WhatsApp</option>' in html
    assert "Whatsapp" not in html


# --- reply ----------------------------------------------------------------------------------


def test_reply_is_stored_as_an_outbound_interaction(as_agent: Client, agent: User) -> None:
    case = case_of(contact(("customer", "Wanneer komt de monteur?")))
    response = as_agent.post(
        url("reply", case),
        {
            "text": "De monteur komt morgen tussen 8 en 12 uur.",
            "channel": "email",
            "language": "nl",
        },
    )
    assert response.status_code == 302 and response["Location"].startswith(url("case", case))
    reply = Interaction.objects.get(case=case, direction=Interaction.Direction.OUTBOUND)
    assert reply.author == agent and reply.channel == "email"
    assert reply.analysis_state == Interaction.AnalysisState.DONE
    turn = reply.turns.get()
    assert (turn.speaker, turn.text) == ("agent", "De monteur komt morgen tussen 8 en 12 uur.")
    case.refresh_from_db()
    assert case.first_response_at is not None and case.status == Case.Status.OPEN
    assert AuditEvent.objects.filter(action="create", object_type="interaction").count() == 2
    follow = as_agent.get(response["Location"]).content.decode()
    assert "De monteur komt morgen" in follow and "message-success" in follow


def test_internal_note_is_not_sent_nor_analysed(as_agent: Client) -> None:
    case = case_of(contact())
    as_agent.post(
        url("reply", case), {"text": "Klant belt terug.", "channel": "note", "language": "nl"}
    )
    note = Interaction.objects.get(case=case, channel="note")
    assert note.direction == Interaction.Direction.INTERNAL
    case.refresh_from_db()
    assert case.first_response_at is None


def test_empty_reply_shows_the_form_again_with_an_error(as_agent: Client) -> None:
    case = case_of(contact())
    response = as_agent.post(url("reply", case), {"text": "", "channel": "email", "language": "nl"})
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert Interaction.objects.filter(case=case).count() == 1


def test_reply_to_a_closed_case_is_a_message_not_a_traceback(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    case = case_of(contact())
    from signaal.cases.services import case_close

    page_case = Case.objects.get(pk=case.pk)
    case_close(case=case, reason_code="storing", resolution="Opgelost", summary="", actor=None)
    response = as_agent.post(
        url("reply", page_case),
        {"text": "Nog een vraag?", "channel": "email", "language": "nl"},
        follow=True,
    )
    assert response.status_code == 200
    assert b"message-error" in response.content
    assert b"Traceback" not in response.content


# --- assign and status (htmx) ---------------------------------------------------------------


def test_assign_to_me_with_htmx_returns_the_header_fragment(as_agent: Client, agent: User) -> None:
    case = case_of(contact())
    response = as_agent.post(
        url("assign", case), {"action": "take"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section id="case-header"')
    assert "Sanne de Wit" in html
    assert 'hx-swap-oob="innerHTML"' in html and "message-success" in html
    case.refresh_from_db()
    assert case.owner == agent and case.team == agent.team and case.status == Case.Status.OPEN


def test_assign_without_htmx_redirects_to_the_case(as_agent: Client, agent: User) -> None:
    case = case_of(contact())
    response = as_agent.post(url("assign", case), {"action": "take"})
    assert response.status_code == 302 and response["Location"] == url("case", case)
    as_agent.post(url("assign", case), {"action": "release"})
    case.refresh_from_db()
    assert case.owner is None


def test_status_change_with_htmx(as_agent: Client) -> None:
    case = case_of(contact())
    response = as_agent.post(
        url("status", case), {"status": "waiting_customer"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and b"status-waiting_customer" in response.content
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING_CUSTOMER


def test_invalid_status_is_a_message_in_the_message_area(as_agent: Client) -> None:
    case = case_of(contact())
    response = as_agent.post(
        url("status", case), {"status": "closed"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#messages"
    assert b"message-error" in response.content
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_action_on_unknown_case_is_404(as_agent: Client) -> None:
    response = as_agent.post(reverse("workspace:assign", kwargs={"case_id": 424242}))
    assert response.status_code == 404


# --- close ----------------------------------------------------------------------------------


def test_close_with_reason_resolution_summary_and_message(
    as_agent: Client, agent: User, reasons: dict[str, ContactReason]
) -> None:
    case = case_of(contact(("customer", "Mijn meter doet het niet.")))
    response = as_agent.post(
        url("close", case),
        {
            "reason": "storing",
            "resolution": "Monteur ingepland.",
            "summary": "Meter kapot; monteur komt dinsdag.",
            "message": "Zoals afgesproken komt de monteur dinsdag tussen 8 en 12 uur bij u langs.",
            "message_channel": "email",
            "language": "nl",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("workspace:queue")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.reason == reasons["storing"]
    assert (case.resolution, case.summary) == (
        "Monteur ingepland.",
        "Meter kapot; monteur komt dinsdag.",
    )
    message = Interaction.objects.get(case=case, direction=Interaction.Direction.OUTBOUND)
    assert "dinsdag" in message.turns.get().text and message.author == agent
    assert f"V-{case.pk:06d}".encode() in as_agent.get(response["Location"]).content


def test_close_without_message_stores_no_outbound_interaction(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    case = case_of(contact())
    as_agent.post(
        url("close", case),
        {
            "reason": "storing",
            "resolution": "Uitgelegd.",
            "summary": "",
            "message": "",
            "message_channel": "email",
            "language": "nl",
        },
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not Interaction.objects.filter(case=case, direction="out").exists()


def test_close_needs_reason_and_resolution(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    reasons["storing"].active = False
    reasons["storing"].save()
    case = case_of(contact())
    response = as_agent.post(
        url("close", case),
        {"reason": "storing", "resolution": "", "message_channel": "email", "language": "nl"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<details open>" in html and 'aria-invalid="true"' in html
    case.refresh_from_db()
    assert case.is_open


def test_giving_back_a_case_of_another_team_returns_to_the_queue(
    as_agent: Client, agent: User, other_agent: User
) -> None:
    from signaal.cases.services import case_assign

    case = case_of(contact())
    assert other_agent.team is not None
    case_assign(case=case, owner=agent, team=other_agent.team, actor=None)
    response = as_agent.post(
        url("assign", case), {"action": "release"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == reverse("workspace:queue")


def test_service_refusals_are_shown_in_the_agents_language(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    # A colleague closed the case a moment ago: closing it again, or taking it, says so in
    # Dutch (the service says it in English, for the API).
    from signaal.cases.services import case_close

    case = case_of(contact())
    case_close(case=case, reason_code="storing", resolution="Opgelost", summary="", actor=None)
    closed = as_agent.post(
        url("close", case),
        {
            "reason": "storing",
            "resolution": "Nogmaals",
            "message_channel": "email",
            "language": "nl",
        },
        follow=True,
    )
    assert "Deze vraag is al gesloten." in closed.content.decode()
    taken = as_agent.post(url("assign", case), {"action": "take"}, follow=True)
    assert "Een gesloten vraag kun je niet toewijzen." in taken.content.decode()
    assert "closed case" not in taken.content.decode()
