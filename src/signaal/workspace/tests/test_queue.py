"""The queue: order by due time, filters, fragments for htmx, and a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from signaal.accounts.models import Team, User
from signaal.cases.models import Case, ContactReason
from signaal.cases.services import case_assign, case_close, case_set_status
from signaal.workspace.selectors import QUEUE_PAGE_SIZE
from signaal.workspace.tests.factories import case_of, contact

pytestmark = pytest.mark.django_db

# A Wednesday, 11:00 in Amsterdam: inside business hours, so the norms are simple to read.
WHEN = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.UTC)
QUEUE = reverse("workspace:queue")


def names_in_order(content: bytes) -> list[str]:
    return re.findall(r'<span class="customer-name">([^<]+)</span>', content.decode())


def test_open_cases_by_due_time_under_the_channel_norms(as_agent: Client) -> None:
    contact(channel="email", customer="Eva Email", email="eva@example.nl", started_at=WHEN)
    contact(channel="phone", customer="Piet Telefoon", email="piet@example.nl", started_at=WHEN)
    contact(
        channel="chat",
        customer="Chris Chat",
        email="chris@example.nl",
        started_at=WHEN - dt.timedelta(hours=1),
    )
    closed = case_of(contact(customer="Gesloten Klant", email="g@example.nl", started_at=WHEN))
    ContactReason.objects.create(code="x", label="X")
    case_close(case=closed, reason_code="x", resolution="Opgelost", summary="", actor=None)

    response = as_agent.get(QUEUE)
    assert response.status_code == 200
    # chat: due 60 s after 10:00 Amsterdam; phone: 30 s after 11:00; email: next working day.
    assert names_in_order(response.content) == ["Chris Chat", "Piet Telefoon", "Eva Email"]
    assert b'data-due="' in response.content and b'role="timer"' in response.content


def test_overdue_clock_is_marked(as_agent: Client) -> None:
    contact(channel="phone", started_at=timezone.now() - dt.timedelta(days=3))
    content = as_agent.get(QUEUE).content.decode()
    assert "clock-overdue" in content


def test_channel_filter_keeps_the_capitals_of_channel_names(as_agent: Client) -> None:
    # Regression: str.capitalize() turned "WhatsApp" into "Whatsapp".
    html = as_agent.get(QUEUE).content.decode()
    assert '<option value="whatsapp">WhatsApp</option>' in html
    assert "Whatsapp" not in html


def test_filters_by_team_channel_status_and_mine(
    as_agent: Client, agent: User, first_line: Team
) -> None:
    mail = case_of(contact(channel="email", customer="Mail Klant", email="m@example.nl"))
    phone = case_of(contact(channel="phone", customer="Bel Klant", email="b@example.nl"))
    chat = case_of(contact(channel="chat", customer="Chat Klant", email="c@example.nl"))
    case_assign(case=mail, owner=agent, team=first_line, actor=agent)
    case_set_status(case=chat, status=Case.Status.WAITING_CUSTOMER, actor=agent)

    def names(query: str) -> set[str]:
        return set(names_in_order(as_agent.get(f"{QUEUE}?{query}").content))

    assert names("") == {"Mail Klant", "Bel Klant", "Chat Klant"}
    assert names("channel=phone") == {"Bel Klant"}
    assert names("status=waiting_customer") == {"Chat Klant"}
    assert names("mine=on") == {"Mail Klant"}
    assert names(f"team={first_line.pk}") == {"Mail Klant"}
    assert names(f"channel=phone&team={first_line.pk}") == set()
    # Nonsense in the query string is ignored, not an error.
    assert names("channel=pigeon&team=abc&page=zzz") == {"Mail Klant", "Bel Klant", "Chat Klant"}
    assert phone.channel == "phone"


def test_htmx_filter_returns_only_the_list(as_agent: Client) -> None:
    contact(channel="phone", customer="Bel Klant", email="b@example.nl")
    full = as_agent.get(QUEUE)
    fragment = as_agent.get(f"{QUEUE}?channel=phone", headers={"HX-Request": "true"})
    assert b"<html" in full.content and b'id="queue-filters"' in full.content
    assert b"<html" not in fragment.content and b'id="queue-filters"' not in fragment.content
    assert fragment.content.lstrip().startswith(b'<section id="queue-list"')
    assert b"Bel Klant" in fragment.content
    # The list refreshes itself with the same filters.
    assert b"channel=phone" in fragment.content
    assert "HX-Request" in fragment["Vary"]
    # A history restore (cache miss after "back") needs the whole page.
    restore = as_agent.get(
        f"{QUEUE}?channel=phone",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert b"<html" in restore.content


def test_signal_types_shown_as_badges(as_agent: Client) -> None:
    contact(
        ("customer", "I am calling on behalf of my mother and I am fed up with this."),
        ("agent", "What is your customer number?"),
        ("customer", "It is 12345."),
        channel="phone",
        language="en",
    )
    content = as_agent.get(QUEUE).content.decode()
    assert "badge-signal" in content
    assert "badge-missed" in content  # nobody responded to the frustration or the mother


def test_pagination_keeps_the_filters(as_agent: Client) -> None:
    for i in range(QUEUE_PAGE_SIZE + 2):
        contact(channel="email", customer=f"Klant {i:02d}", email=f"k{i}@example.nl")
    first = as_agent.get(f"{QUEUE}?channel=email")
    assert len(names_in_order(first.content)) == QUEUE_PAGE_SIZE
    assert "?channel=email&amp;page=2" in first.content.decode()
    second = as_agent.get(f"{QUEUE}?channel=email&page=2")
    assert len(names_in_order(second.content)) == 2


def _queries_for_queue(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(captured)


def test_queue_queries_do_not_grow_with_the_number_of_cases(
    as_agent: Client, agent: User, first_line: Team
) -> None:
    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            result = contact(
                ("customer", "I am fed up, this is the third time I call."),
                channel="phone" if i % 2 else "email",
                customer=f"Klant {i}",
                email=f"klant{i}@example.nl",
                language="en",
            )
            if i % 3 == 0:
                case_assign(case=case_of(result), owner=agent, team=first_line, actor=agent)

    add(5, 0)
    with_five = _queries_for_queue(as_agent)
    add(25, 5)
    with_thirty = _queries_for_queue(as_agent)
    assert with_five == with_thirty
