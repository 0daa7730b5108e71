"""Writes on cases: assign, change status, close (ingest is in ``cases.ingest``).

Messages stay English here (the API's language) and are marked for the catalogues: the
workspace shows them translated (``workspace.views.domain_errors``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from signaal.accounts.models import Team, User
from signaal.cases.models import Case, ContactReason
from signaal.errors import Conflict, DomainError
from signaal.privacy.services import audit_record


@transaction.atomic
def case_assign(*, case: Case, owner: User | None, team: Team | None, actor: User | None) -> Case:
    """Give a case to a person and/or team."""
    if not case.is_open:
        raise Conflict(gettext_noop("a closed case cannot be assigned"))
    case.owner = owner
    if team is not None:
        case.team = team
    if case.status == Case.Status.NEW and owner is not None:
        case.status = Case.Status.OPEN
    case.save(update_fields=["owner", "team", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"owner": owner.pk if owner else None, "team": team.pk if team else None},
    )
    return case


@transaction.atomic
def case_set_status(*, case: Case, status: str, actor: User | None) -> Case:
    """Change the status of an open case (closing goes through ``case_close``)."""
    if status not in Case.Status.values or status == Case.Status.CLOSED:
        raise DomainError(
            gettext_noop("unknown status; close a case with its reason and resolution"),
            extra={"allowed": [s for s in Case.Status.values if s != "closed"]},
        )
    if not case.is_open:
        raise Conflict(gettext_noop("the case is closed"))
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"status": status},
    )
    return case


@transaction.atomic
def case_close(
    *,
    case: Case,
    reason_code: str,
    resolution: str,
    summary: str,
    actor: User | None,
    close_reason: str = "",
) -> Case:
    """Close a case with its contact reason, resolution and summary."""
    if not case.is_open:
        raise Conflict(gettext_noop("the case is already closed"))
    reason = ContactReason.objects.filter(code=reason_code, active=True).first()
    if reason is None:
        raise DomainError(gettext_noop("unknown contact reason"), extra={"reason": reason_code})
    if not resolution.strip():
        raise DomainError(gettext_noop("a resolution is needed to close a case"))
    case.reason = reason
    case.resolution = resolution.strip()
    case.summary = summary.strip()
    case.close_reason = close_reason.strip()[:120]
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.save(
        update_fields=[
            "reason",
            "resolution",
            "summary",
            "close_reason",
            "status",
            "closed_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="change",
        obj=case,
        customer_id=case.customer_id,
        detail={"status": "closed", "reason": reason_code},
    )
    return case
