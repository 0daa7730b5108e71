"""The case page: the customer's whole story, evidence highlighted, missed signals, repeats."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from signaal.cases.models import Case, ContactReason
from signaal.cases.services import case_close
from signaal.workspace.tests.factories import case_of, contact

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


def page(client: Client, case: Case) -> str:
    response = client.get(reverse("workspace:case", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_evidence_highlighted_and_missed_signals_marked(as_agent: Client) -> None:
    case = case_of(
        contact(
            ("customer", "I am calling on behalf of my mother. I am fed up with this."),
            ("agent", "What is your customer number?"),
            ("customer", "It is 12345."),
            channel="phone",
            customer="Grace Whitfield",
            language="en",
        )
    )
    html = page(as_agent, case)
    assert re.search(r"<mark[^>]*>on behalf of[^<]*</mark>", html)
    assert "fed up</mark>" in html
    assert 'class="evidence evidence-explicit evidence-missed"' in html
    assert "signal is-missed" in html  # in the signals panel
    assert "Grace Whitfield" in html


def test_timeline_tells_one_story_across_channels_and_cases(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    first = case_of(
        contact(
            ("customer", "Mijn jaarafrekening klopt niet."),
            channel="web_form",
            reason_code="jaarafrekening",
            subject="Jaarafrekening te hoog",
            started_at=WHEN,
        )
    )
    case_close(
        case=first, reason_code="jaarafrekening", resolution="Uitgelegd", summary="", actor=None
    )
    second = case_of(
        contact(
            ("customer", "Ik bel nu voor de derde keer over mijn jaarafrekening."),
            ("agent", "Goedemorgen, wat vervelend."),
            channel="phone",
            reason_code="jaarafrekening",
            subject="Weer de jaarafrekening",
            started_at=WHEN + dt.timedelta(days=7),
        )
    )
    contact(
        ("customer", "Mijn meter is kapot."),
        channel="chat",
        reason_code="storing",
        subject="Meter stuk",
        started_at=WHEN + dt.timedelta(days=8),
    )
    html = page(as_agent, second)
    story = html[html.index('<section class="timeline"') :]
    # Oldest first, every case of the customer, the current one highlighted.
    assert story.index("Jaarafrekening te hoog") < story.index("Mijn jaarafrekening klopt niet")
    assert story.index("Mijn jaarafrekening klopt niet") < story.index("voor de derde keer")
    assert story.index("voor de derde keer") < story.index("Mijn meter is kapot")
    assert 'class="story-case is-current"' in story
    # Repeat contact: the earlier case with the same reason is obvious and linked.
    assert 'class="repeat-banner"' in html
    assert reverse("workspace:case", kwargs={"case_id": first.pk}) in html
    assert "is-same-reason" in html
    # A case reference, not a raw id.
    assert f"V-{second.pk:06d}" in html


def test_hostile_text_is_escaped(as_agent: Client) -> None:
    case = case_of(
        contact(
            ("customer", '<script>alert("x")</script> I am fed up & <b>angry</b>'),
            customer='<img src=x onerror="alert(1)">',
            language="en",
        )
    )
    html = page(as_agent, case)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b>angry</b>" not in html


def test_summary_of_the_latest_customer_contact_prefills_the_close_form(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    result = contact(
        ("customer", "I am calling on behalf of my mother about her final bill."),
        ("agent", "I will send you the corrected bill tomorrow."),
        channel="phone",
        language="en",
    )
    summary = result.interaction.analysis_summary
    assert summary
    html = page(as_agent, case_of(result))
    assert 'name="summary"' in html
    from django.utils.html import escape

    assert escape(summary) in html
    # Only active reasons can be chosen.
    assert 'value="jaarafrekening"' in html


def test_page_is_dutch_by_default_and_english_on_request(as_agent: Client) -> None:
    case = case_of(contact())
    url = reverse("workspace:case", kwargs={"case_id": case.pk})
    dutch = as_agent.get(url).content.decode()
    assert '<html lang="nl">' in dutch and "Wachtrij" in dutch
    as_agent.post(reverse("workspace:set_language"), {"language": "en", "next": url})
    english = as_agent.get(url).content.decode()
    assert '<html lang="en">' in english and "Queue" in english


def test_pages_name_their_icon_so_the_browser_does_not_ask_for_favicon_ico(
    client: Client, as_agent: Client
) -> None:
    # Regression: every page load ended in a 404 for /favicon.ico (seen in the browser test).
    case = case_of(contact())
    for html in (page(as_agent, case), as_agent.get(reverse("workspace:queue")).content.decode()):
        assert '<link rel="icon" href="/static/signaal/favicon.svg"' in html
    as_agent.logout()
    assert '<link rel="icon"' in client.get(reverse("login")).content.decode()
    assert (finders.find("signaal/favicon.svg") or "").endswith("favicon.svg")


def test_case_page_queries_do_not_grow_with_the_customer_history(
    as_agent: Client, reasons: dict[str, ContactReason]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n: int) -> Case:
        result = None
        for i in range(n):
            result = contact(
                ("customer", "I am fed up, this is the third time I call."),
                ("agent", "What is your customer number?"),
                channel="phone" if i % 2 else "chat",
                reason_code="storing" if i % 3 else "jaarafrekening",
                language="en",
            )
            case = case_of(result)
            if i % 2:
                case_close(
                    case=case, reason_code="storing", resolution="Ok", summary="", actor=None
                )
        assert result is not None
        return case_of(result)

    def count(case: Case) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(as_agent, case)
        return len(captured)

    few = count(add(2))
    many = count(add(10))
    assert few == many


def test_an_old_case_of_a_busy_customer_shows_its_own_contacts(
    as_agent: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the page showed only the customer's newest contacts overall, so an older case of
    # a customer with many later contacts showed none of its own.
    from signaal.workspace import selectors

    monkeypatch.setattr(selectors, "TIMELINE_LIMIT", 3)
    old = case_of(
        contact(
            ("customer", "Mijn oude vraag over de meterkast."),
            thread_key="oud",
            started_at=WHEN - dt.timedelta(days=60),
        )
    )
    for day in range(6):
        contact(
            ("customer", f"Nieuwe vraag nummer {day}."),
            thread_key=f"nieuw-{day}",
            started_at=WHEN + dt.timedelta(days=day),
        )
    html = page(as_agent, old)
    assert "Mijn oude vraag over de meterkast." in html
    assert "Nieuwe vraag nummer 5." in html  # the newest of the other cases
    assert "Nieuwe vraag nummer 0." not in html  # beyond the limit: counted, not shown


def test_a_daughter_calling_for_her_mother_is_shown_as_herself(as_agent: Client) -> None:
    case = case_of(
        contact(
            ("agent", "Goedemorgen, waarmee kan ik u helpen?"),
            ("customer", "Goedemorgen, met Ellen Jansen. Ik bel namens mijn moeder."),
            channel="phone",
            customer="Truus Jansen",
        )
    )
    html = page(as_agent, case)
    speakers = re.findall(r'<span class="speaker">([^<]*)</span>', html)
    assert "Ellen Jansen" in speakers and "Truus Jansen" not in speakers
    assert "namens de klant" in html
    # The case is still the mother's.
    assert "Truus Jansen" in html


def test_a_customer_who_gives_no_name_is_shown_by_the_customer_name(as_agent: Client) -> None:
    case = case_of(contact(("customer", "Mijn factuur klopt niet."), customer="Bram Visser"))
    speakers = re.findall(r'<span class="speaker">([^<]*)</span>', page(as_agent, case))
    assert speakers == ["Bram Visser"]


def long_call() -> Case:
    """An hour on the phone: 120 turns, a worry heard in the middle and picked up after it."""
    turns = []
    for i in range(120):
        if i == 61:
            turns.append(("customer", "Ik maak me echt zorgen dat ik straks zonder stroom zit."))
        elif i == 62:
            turns.append(("agent", "Ik begrijp dat u zich zorgen maakt. Waar bent u bang voor?"))
        elif i % 2:
            turns.append(("agent", f"Ik noteer het, regel {i}."))
        else:
            turns.append(("customer", f"Dat klopt, punt {i} van de meterkast."))
    return case_of(contact(*turns, channel="phone", customer="Karel Mulder"))


def test_long_call_shows_opening_heard_turns_and_close(as_agent: Client) -> None:
    case = long_call()
    html = page(as_agent, case)
    interaction = case.interactions.get()
    shown = [int(n) for n in re.findall(rf'id="contact-{interaction.pk}-turn-(\d+)"', html)]
    assert shown == [0, 1, 2, 3, 4, 5, 61, 62, 116, 117, 118, 119]
    assert "zorgen</mark>" in html  # the evidence is on the page, and its anchor resolves
    gaps = re.findall(r'<li class="turn-gap">.*?<a href="([^"]+)"[^>]*>(\d+) beurten', html)
    assert [count for _, count in gaps] == ["55", "53"]
    assert gaps[0][0] == f"?contact={interaction.pk}#contact-{interaction.pk}"


def test_the_whole_long_call_on_request(as_agent: Client) -> None:
    case = long_call()
    interaction = case.interactions.get()
    url = reverse("workspace:case", kwargs={"case_id": case.pk})
    # With htmx: only the turns of that contact, all of them, evidence highlighted.
    fragment = as_agent.get(url, {"contact": interaction.pk}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.count('class="turn speaker-') == 120 and "turn-gap" not in body
    assert "zorgen</mark>" in body and "<html" not in body
    # Without JavaScript: the page, with that contact whole.
    whole = as_agent.get(url, {"contact": interaction.pk}).content.decode()
    assert whole.count('class="turn speaker-') == 120 and "<html" in whole
    # Another customer's contact through this case: not found; nonsense is ignored.
    other = contact(("customer", "Hallo"), email="iemand@example.nl").interaction
    refused = as_agent.get(url, {"contact": other.pk}, headers={"HX-Request": "true"})
    assert refused.status_code == 404
    assert as_agent.get(url, {"contact": "12abc"}).status_code == 200
    assert (
        as_agent.get(url, {"contact": "9" * 40}, headers={"HX-Request": "true"}).status_code == 200
    )


def test_short_contacts_are_shown_whole(as_agent: Client) -> None:
    case = case_of(contact(*[("customer", f"Zin {i}.") for i in range(40)], channel="chat"))
    html = page(as_agent, case)
    assert html.count('class="turn speaker-') == 40 and "turn-gap" not in html
