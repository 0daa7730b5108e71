"""Reads on cases and norms.

The reference data every ingest needs (contact reasons, channel norms, business hours, closed
days) changes a few times a year and is read on every contact, so each process keeps it in
memory. A change of any of these models (admin, services, fixtures) bumps a version in the
Django cache after its transaction commits (so do ``migrate`` and ``flush``), which every
process compares at most once a second (``shared_state.VERSION_CHECK_SECONDS``): one cache
lookup instead of four queries, shared between processes when the cache is Redis.
``REFERENCE_MAX_AGE`` bounds how stale a copy can be if a change bypasses the model signals
(``bulk_create``, ``update()``, SQL by hand).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from signaal.cases.models import (
    BusinessHours,
    Case,
    ChannelNorm,
    ClosedDay,
    ContactReason,
    Interaction,
    Turn,
)
from signaal.cases.norms import DEFAULT_HOURS, DEFAULT_NORMS, NormCalendar
from signaal.shared_state import change_version, change_version_bump

REFERENCE_VERSION_KEY = "cases:reference-version"
REFERENCE_MAX_AGE = 300.0  # seconds


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """The norm calendar and the contact reasons by code (id, active), as one snapshot."""

    calendar: NormCalendar
    reasons: dict[str, tuple[int, bool]]


_snapshot: tuple[Any, float, ReferenceData] | None = None  # (version, loaded at, data)


def _load() -> ReferenceData:
    norms = dict(DEFAULT_NORMS)
    for norm in ChannelNorm.objects.all():
        norms[norm.channel] = (norm.rule, norm.seconds)
    hours = {h.weekday: (h.opens, h.closes) for h in BusinessHours.objects.all()}
    closed = frozenset(ClosedDay.objects.values_list("date", flat=True))
    reasons = {
        code: (pk, active)
        for pk, code, active in ContactReason.objects.values_list("pk", "code", "active")
    }
    return ReferenceData(
        calendar=NormCalendar(norms=norms, hours=hours or dict(DEFAULT_HOURS), closed=closed),
        reasons=reasons,
    )


def _changing_in_this_transaction() -> bool:
    # A change not yet committed (or rolled back later) must neither be served to other
    # requests nor kept: while our commit hook is pending, read the database directly.
    # ``run_on_commit`` drops the hooks of a rolled-back transaction or savepoint.
    pending = connections[DEFAULT_DB_ALIAS].run_on_commit
    return any(entry[1] is _reference_committed for entry in pending)


def reference_data() -> ReferenceData:
    """Norm calendar and contact reasons, from this process's copy while it is current."""
    global _snapshot
    if _changing_in_this_transaction():
        return _load()
    version = change_version(REFERENCE_VERSION_KEY)
    snapshot = _snapshot
    now = time.monotonic()
    if snapshot is not None and snapshot[0] == version and now - snapshot[1] < REFERENCE_MAX_AGE:
        return snapshot[2]
    data = _load()
    _snapshot = (version, now, data)
    return data


def reference_data_changed() -> None:
    """Tell every process that the reference data changed (after this transaction commits)."""
    transaction.on_commit(_reference_committed)


def _reference_committed() -> None:
    global _snapshot
    _snapshot = None
    change_version_bump(REFERENCE_VERSION_KEY)


def _on_reference_change(sender: Any, **kwargs: Any) -> None:
    reference_data_changed()


for _model in (ContactReason, ChannelNorm, BusinessHours, ClosedDay):
    uid = f"reference-data-{_model.__name__}"
    post_save.connect(_on_reference_change, sender=_model, dispatch_uid=f"{uid}-save")
    post_delete.connect(_on_reference_change, sender=_model, dispatch_uid=f"{uid}-delete")
# After migrate and flush (which empties the tables without model signals; tests that commit
# end with one).
post_migrate.connect(_on_reference_change, dispatch_uid="reference-migrate")


def norm_calendar() -> NormCalendar:
    """The organisation's norms, opening hours and closed days, with the defaults filled in."""
    return reference_data().calendar


def contact_reason_id(code: str) -> int | None:
    """The id of the contact reason with this code (active or not), or None."""
    found = reference_data().reasons.get(code)
    return found[0] if found else None


def case_get(*, case_id: int) -> Case:
    """One case with what its page and the API show, in a fixed number of queries."""
    from django.db.models import Prefetch

    from signaal.errors import NotFound

    case = (
        Case.objects.select_related("customer", "reason", "owner", "team")
        .prefetch_related(
            Prefetch(
                "interactions",
                queryset=Interaction.objects.order_by("started_at", "id").prefetch_related(
                    Prefetch("turns", queryset=Turn.objects.order_by("index")),
                    "signals",
                    "behaviours",
                ),
            )
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("case not found")
    return case


def customer_timeline(*, customer_id: int) -> list[Interaction]:
    """Every interaction of a customer across channels and cases, oldest first."""
    from django.db.models import Prefetch

    return list(
        Interaction.objects.filter(customer_id=customer_id)
        .select_related("case", "case__reason")
        .prefetch_related(Prefetch("turns", queryset=Turn.objects.order_by("index")), "signals")
        .order_by("started_at", "id")
    )
