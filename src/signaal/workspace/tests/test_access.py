"""Access: log-in required everywhere, and ``case_get_for_user`` as the one door to a case."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from signaal.accounts.models import Team, User
from signaal.accounts.services import user_create
from signaal.cases.services import case_assign
from signaal.privacy.models import AuditEvent
from signaal.workspace.selectors import case_get_for_user, cases_visible
from signaal.workspace.tests.factories import PASSWORD, case_of, contact, login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "workspace:queue", {}),
        ("get", "workspace:case", {"case_id": 1}),
        ("post", "workspace:assign", {"case_id": 1}),
        ("post", "workspace:status", {"case_id": 1}),
        ("post", "workspace:reply", {"case_id": 1}),
        ("post", "workspace:close", {"case_id": 1}),
        ("post", "workspace:lexicon_check", {}),
    ],
)
def test_every_workspace_url_needs_login(
    client: Client, method: str, name: str, kwargs: dict[str, int]
) -> None:
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_htmx_request_without_login_goes_to_the_login_page_as_a_whole(client: Client) -> None:
    response = client.get(
        reverse("workspace:queue"), headers={"HX-Request": "true", "HX-Current-URL": "/?mine=on"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login") + "?next=")


def test_log_in_with_password_lands_on_the_queue(client: Client, agent: User) -> None:
    page = client.get(reverse("login"))
    assert page.status_code == 200 and b'name="password"' in page.content
    response = client.post(reverse("login"), {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("workspace:queue")
    assert client.get(reverse("workspace:queue")).status_code == 200


def test_log_out_is_a_post(client: Client, agent: User) -> None:
    login(client, agent)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("workspace:queue")).status_code == 302


def test_unknown_case_is_a_friendly_404(as_agent: Client) -> None:
    response = as_agent.get(reverse("workspace:case", kwargs={"case_id": 999999}))
    assert response.status_code == 404
    assert reverse("workspace:queue").encode() in response.content  # a way back
    assert b"Traceback" not in response.content


def test_person_without_a_role_gets_403(client: Client, first_line: Team) -> None:
    nobody = User.objects.create_user(username="stagiair", password=PASSWORD, team=first_line)
    login(client, nobody)
    assert client.get(reverse("workspace:queue")).status_code == 403


def test_agent_sees_own_team_unrouted_and_own_cases_only(
    agent: User, other_agent: User, first_line: Team, second_line: Team, coach: User
) -> None:
    unrouted = case_of(contact(email="a@example.nl"))
    mine_team = case_of(contact(email="b@example.nl"))
    other_team = case_of(contact(email="c@example.nl"))
    case_assign(case=mine_team, owner=None, team=first_line, actor=None)
    case_assign(case=other_team, owner=other_agent, team=second_line, actor=None)
    assert set(cases_visible(user=agent)) == {unrouted, mine_team}
    assert case_get_for_user(user=agent, case_id=unrouted.pk) == unrouted
    with pytest.raises(PermissionDenied):
        case_get_for_user(user=agent, case_id=other_team.pk)
    with pytest.raises(Http404):
        case_get_for_user(user=agent, case_id=other_team.pk + 1000)
    # Coaching and steering look across teams.
    assert case_get_for_user(user=coach, case_id=other_team.pk) == other_team
    # Owning a case of another team keeps it visible to its owner.
    case_assign(case=other_team, owner=agent, team=None, actor=None)
    assert case_get_for_user(user=agent, case_id=other_team.pk) == other_team


def test_case_of_another_team_is_403_over_http(
    client: Client, agent: User, other_agent: User, second_line: Team
) -> None:
    case = case_of(contact())
    case_assign(case=case, owner=other_agent, team=second_line, actor=None)
    login(client, agent)
    assert client.get(reverse("workspace:case", kwargs={"case_id": case.pk})).status_code == 403


def test_viewing_a_case_is_audited(as_agent: Client, agent: User) -> None:
    case = case_of(contact())
    as_agent.get(reverse("workspace:case", kwargs={"case_id": case.pk}))
    event = AuditEvent.objects.get(action="view")
    assert (event.actor, event.object_type, event.object_id, event.customer_id) == (
        agent,
        "case",
        str(case.pk),
        case.customer_id,
    )


def test_coach_reads_but_cannot_handle(client: Client, coach: User) -> None:
    case = case_of(contact())
    login(client, coach)
    page = client.get(reverse("workspace:case", kwargs={"case_id": case.pk}))
    assert page.status_code == 200 and b'id="reply-text"' not in page.content
    response = client.post(
        reverse("workspace:reply", kwargs={"case_id": case.pk}),
        {"text": "Hallo", "channel": "email", "language": "nl"},
    )
    assert response.status_code == 403


def test_manager_handles_cases(client: Client, manager: User) -> None:
    case = case_of(contact())
    login(client, manager)
    page = client.get(reverse("workspace:case", kwargs={"case_id": case.pk}))
    assert b'id="reply-text"' in page.content


def test_user_create_refuses_weak_passwords_and_unknown_roles(first_line: Team) -> None:
    from signaal.errors import DomainError

    with pytest.raises(DomainError):
        user_create(username="x", role="agent", password="123")
    with pytest.raises(DomainError):
        user_create(username="y", role="superhero", password=PASSWORD)
    staff = user_create(username="z", role="manager", password=PASSWORD, team=first_line)
    assert staff.is_staff and staff.has_role("manager") and not staff.is_superuser
