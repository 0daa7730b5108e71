"""Reads on cases and norms."""

from __future__ import annotations

from signaal.cases.models import BusinessHours, Case, ChannelNorm, ClosedDay, Interaction, Turn
from signaal.cases.norms import DEFAULT_HOURS, DEFAULT_NORMS, NormCalendar


def norm_calendar() -> NormCalendar:
    """The organisation's norms, opening hours and closed days, with the defaults filled in."""
    norms = dict(DEFAULT_NORMS)
    for norm in ChannelNorm.objects.all():
        norms[norm.channel] = (norm.rule, norm.seconds)
    hours = {h.weekday: (h.opens, h.closes) for h in BusinessHours.objects.all()}
    closed = frozenset(ClosedDay.objects.values_list("date", flat=True))
    return NormCalendar(norms=norms, hours=hours or dict(DEFAULT_HOURS), closed=closed)


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
