"""API endpoints of customers: the timeline across channels and cases."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from signaal.cases.schemas import InteractionOut
from signaal.customers.models import Customer
from signaal.errors import NotFound
from signaal.integrations.auth import TokenAuth
from signaal.privacy.services import audit_record

router = Router(tags=["customers"])


class IdentifierOut(Schema):
    kind: str
    value: str


class TimelineOut(Schema):
    id: int
    name: str
    identifiers: list[IdentifierOut]
    interactions: list[InteractionOut]


@router.get(
    "/{customer_id}/timeline",
    response=TimelineOut,
    auth=[TokenAuth("read"), django_auth],
    summary="A customer's whole timeline",
)
def timeline(request: HttpRequest, customer_id: int) -> dict[str, Any]:
    """Every interaction of the customer, across channels and cases, oldest first."""
    from signaal.cases.api import interaction_out
    from signaal.cases.selectors import customer_timeline

    customer = Customer.objects.prefetch_related("identifiers").filter(pk=customer_id).first()
    if customer is None:
        raise NotFound("customer not found")
    token = getattr(request, "api_token", None)
    audit_record(
        actor=None if token else request.user,  # type: ignore[arg-type]
        integration=token.name if token else "",
        action="view",
        obj=customer,
        customer_id=customer.pk,
    )
    return {
        "id": customer.pk,
        "name": customer.name,
        "identifiers": [{"kind": i.kind, "value": i.value} for i in customer.identifiers.all()],
        "interactions": [interaction_out(i) for i in customer_timeline(customer_id=customer.pk)],
    }
