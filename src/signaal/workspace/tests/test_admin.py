"""The admin site: roles and their permissions, API tokens shown once, the audit trail read-only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from signaal.accounts.models import User
from signaal.accounts.services import roles_ensure, user_create
from signaal.integrations.models import ApiToken
from signaal.integrations.services import api_token_check, api_token_create
from signaal.privacy.models import AuditEvent
from signaal.workspace.tests.factories import PASSWORD, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user() -> User:
    return user_create(username="beheer", role="admin", password=PASSWORD)


def test_roles_have_least_privilege(agent: User, coach: User, manager: User) -> None:
    assert agent.has_perm("cases.change_case") and agent.has_perm("cases.view_case")
    assert not agent.has_perm("cases.change_channelnorm")
    assert coach.has_perm("cases.view_case") and not coach.has_perm("cases.change_case")
    assert manager.has_perm("cases.change_channelnorm") and manager.is_staff
    assert not manager.has_perm("integrations.add_apitoken")
    assert not agent.is_staff


def test_roles_ensure_is_idempotent_and_resets_permissions() -> None:
    roles_ensure()
    group = Group.objects.get(name="agent")
    count = group.permissions.count()
    group.permissions.clear()
    roles_ensure()
    assert group.permissions.count() == count
    assert Group.objects.filter(name__in=["agent", "coach", "manager", "admin"]).count() == 4


def test_admin_role_reads_the_audit_trail_but_cannot_change_it(
    client: Client, admin_user: User
) -> None:
    AuditEvent.objects.create(action="view", object_type="case", object_id="1")
    login(client, admin_user)
    assert client.get(reverse("admin:privacy_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:privacy_auditevent_add")).status_code == 403
    event = AuditEvent.objects.get()
    change = client.get(reverse("admin:privacy_auditevent_change", args=[event.pk]))
    assert change.status_code == 200 and b'name="action"' not in change.content


def test_creating_a_token_in_the_admin_shows_its_secret_once(
    client: Client, admin_user: User
) -> None:
    login(client, admin_user)
    response = client.post(
        reverse("admin:integrations_apitoken_add"),
        {"name": "Telefooncentrale", "scopes": ["ingest"]},
        follow=True,
    )
    assert response.status_code == 200
    found = re.search(r"sig_[0-9a-f]{8}_[A-Za-z0-9_\-]+", response.content.decode())
    assert found, "the secret is shown in a message"
    token = ApiToken.objects.get()
    assert token.created_by == admin_user and token.scopes == ["ingest"]
    assert api_token_check(found.group(0)) == token
    # Not stored, not shown again.
    again = client.get(reverse("admin:integrations_apitoken_change", args=[token.pk]))
    assert found.group(0).encode() not in again.content
    assert found.group(0) not in token.token_hash


def test_revoking_tokens_with_the_admin_action(client: Client, admin_user: User) -> None:
    token, secret = api_token_create(name="Webshop", scopes=["read"])
    login(client, admin_user)
    response = client.post(
        reverse("admin:integrations_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None and api_token_check(secret) is None


def test_manager_edits_norms_and_reasons_in_the_admin(client: Client, manager: User) -> None:
    login(client, manager)
    response = client.post(
        reverse("admin:cases_channelnorm_add"),
        {"channel": "phone", "rule": "seconds", "seconds": ""},
    )
    assert response.status_code == 200  # the form asks for the seconds
    response = client.post(
        reverse("admin:cases_channelnorm_add"),
        {"channel": "phone", "rule": "seconds", "seconds": 20},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:cases_contactreason_changelist")).status_code == 200
    assert client.get(reverse("admin:integrations_apitoken_changelist")).status_code == 403


def test_user_list_shows_roles(client: Client, admin_user: User, agent: User) -> None:
    login(client, admin_user)
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "sanne" in html and "agent" in html
