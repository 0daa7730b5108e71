"""Personas for the workspace tests: an agent, a coach, a manager (and an agent of another
team), with their roles set up by ``roles_ensure`` exactly as in production."""

from __future__ import annotations

import pytest
from django.test import Client

from signaal.accounts.models import Team, User
from signaal.accounts.services import roles_ensure, user_create
from signaal.cases.models import ContactReason
from signaal.workspace.tests.factories import PASSWORD, login


@pytest.fixture(autouse=True)
def _roles(db: None) -> None:
    roles_ensure()


@pytest.fixture
def first_line(db: None) -> Team:
    return Team.objects.create(name="Eerste lijn")


@pytest.fixture
def second_line(db: None) -> Team:
    return Team.objects.create(name="Tweede lijn")


@pytest.fixture
def agent(first_line: Team) -> User:
    """Sanne, an agent of the first line."""
    return user_create(
        username="sanne",
        role="agent",
        password=PASSWORD,
        team=first_line,
        first_name="Sanne",
        last_name="de Wit",
    )


@pytest.fixture
def other_agent(second_line: Team) -> User:
    """Bas, an agent of the second line."""
    return user_create(
        username="bas", role="agent", password=PASSWORD, team=second_line, first_name="Bas"
    )


@pytest.fixture
def coach(first_line: Team) -> User:
    """Ilse, a coach: reads every case, handles none."""
    return user_create(
        username="ilse", role="coach", password=PASSWORD, team=first_line, first_name="Ilse"
    )


@pytest.fixture
def manager(first_line: Team) -> User:
    """Ruben, the team lead."""
    return user_create(
        username="ruben", role="manager", password=PASSWORD, team=first_line, first_name="Ruben"
    )


@pytest.fixture
def reasons(db: None) -> dict[str, ContactReason]:
    return {
        code: ContactReason.objects.create(code=code, label=label)
        for code, label in [("jaarafrekening", "Jaarafrekening"), ("storing", "Storing")]
    }


@pytest.fixture
def as_agent(client: Client, agent: User) -> Client:
    return login(client, agent)
