"""Writes on accounts: the role groups with their permissions, and creating users.

The roles of DESIGN.md section 1 are Django groups. Their permissions are data
(``ROLE_PERMISSIONS``), so that least privilege per role (section 11) is visible in one place
and can be reviewed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from signaal.accounts.models import Role, Team, User
from signaal.errors import DomainError

logger = logging.getLogger(__name__)

# Reading a customer's story: everyone who works in the workspace needs these.
_READ_STORY = (
    "customers.view_customer",
    "customers.view_customeridentifier",
    "cases.view_case",
    "cases.view_interaction",
    "cases.view_turn",
    "cases.view_contactreason",
    "cases.view_channelnorm",
    "cases.view_businesshours",
    "cases.view_closedday",
    "assist.view_detectedsignal",
    "assist.view_detectedbehaviour",
    "accounts.view_team",
)
# Handling cases: replying, assigning, changing status and closing.
_HANDLE_CASES = (
    "cases.change_case",
    "cases.add_interaction",
    "cases.add_turn",
)
# Steering: the reference data a team lead keeps up to date.
_STEER = (
    "accounts.view_user",
    "cases.add_contactreason",
    "cases.change_contactreason",
    "cases.add_channelnorm",
    "cases.change_channelnorm",
    "cases.add_businesshours",
    "cases.change_businesshours",
    "cases.delete_businesshours",
    "cases.add_closedday",
    "cases.change_closedday",
    "cases.delete_closedday",
    # The language lexicon: the phrases agents are steered towards and away from.
    "assist.view_lexiconentry",
    "assist.add_lexiconentry",
    "assist.change_lexiconentry",
    "assist.delete_lexiconentry",
)
# Apps whose every model permission an admin holds. The audit trail is not among them: even an
# admin may only read it (below), so that nobody can quietly rewrite who saw what.
_ADMIN_APPS = ("accounts", "customers", "cases", "assist", "integrations")

ROLE_PERMISSIONS: Mapping[str, tuple[str, ...]] = {
    Role.AGENT: _READ_STORY + _HANDLE_CASES,
    # A coach listens back and scores; handling cases is not part of that job.
    Role.COACH: _READ_STORY + ("accounts.view_user",),
    Role.MANAGER: _READ_STORY + _HANDLE_CASES + _STEER,
    Role.ADMIN: (
        "auth.view_group",
        "auth.view_permission",
        "privacy.view_auditevent",
    ),
}
# Roles that may use the admin site (to keep teams, norms and reference data up to date).
STAFF_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def _permissions(names: Iterable[str]) -> list[Permission]:
    query = Q()
    wanted = set()
    for name in names:
        app_label, codename = name.split(".", 1)
        wanted.add((app_label, codename))
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        # Permissions appear after migrate; a role set up before that is completed next time.
        logger.warning("permissions not found (migrate first?): %s", sorted(missing))
    return found


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the groups agent, coach, manager and admin and give each exactly its permissions.

    Idempotent: run it after every migrate; a permission removed from ``ROLE_PERMISSIONS`` is
    taken away from the group again.
    """
    groups: dict[str, Group] = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        perms = _permissions(ROLE_PERMISSIONS[role])
        if role == Role.ADMIN:
            perms += list(Permission.objects.filter(content_type__app_label__in=_ADMIN_APPS))
        group.permissions.set(perms)
        groups[role.value] = group
    return groups


@transaction.atomic
def user_create(
    *,
    username: str,
    role: Role | str,
    password: str | None = None,
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a person who logs in, with one role; without a password they cannot log in yet."""
    if role not in Role.values:
        raise DomainError("unknown role", extra={"allowed": list(Role.values)})
    username = username.strip()
    if not username:
        raise DomainError("a user name is needed")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("this user name is taken", extra={"username": username})
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        team=team,
        is_staff=role in STAFF_ROLES,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), extra={"field": "password"}) from None
        user.set_password(password)
    user.save()
    group = Group.objects.filter(name=str(role)).first() or roles_ensure()[str(role)]
    user.groups.add(group)
    return user
