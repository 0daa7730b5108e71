"""Writing the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

from signaal.accounts.models import User
from signaal.bulk import bulk_insert
from signaal.privacy.models import AuditEvent


def _event(
    actor: User | None,
    action: str,
    obj: models.Model,
    customer_id: int | None,
    integration: str,
    detail: dict[str, Any] | None,
) -> AuditEvent:
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        integration=integration,
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=str(obj.pk),
        customer_id=customer_id,
        detail=detail or {},
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    customer_id: int | None,
    integration: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``actor`` (a person or an integration) viewed or changed ``obj``."""
    event = _event(actor, action, obj, customer_id, integration, detail)
    event.save(force_insert=True)
    return event


def audit_events_record(
    *,
    actor: User | None,
    action: str,
    objects: Sequence[tuple[models.Model, int | None]],
    integration: str = "",
) -> list[AuditEvent]:
    """Record that ``actor`` did ``action`` on each of ``objects`` (with its customer's id):
    one insert."""
    events = [
        _event(actor, action, obj, customer_id, integration, None) for obj, customer_id in objects
    ]
    bulk_insert(events)
    return events
