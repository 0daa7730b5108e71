"""Writes on customers: recognising a customer by any identifier, or creating one."""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers
from django.db import transaction
from django.db.models import Q

from signaal.customers.models import Customer, CustomerIdentifier


def identifier_normalize(*, kind: str, value: str) -> str:
    """The stored form of an identifier: lower-case email, E.164 phone, trimmed otherwise."""
    value = value.strip()
    if kind == CustomerIdentifier.Kind.EMAIL:
        return value.lower()
    if kind in (CustomerIdentifier.Kind.PHONE, CustomerIdentifier.Kind.WHATSAPP):
        try:
            number = phonenumbers.parse(value, "NL")
        except phonenumbers.NumberParseException:
            return "".join(ch for ch in value if ch.isdigit() or ch == "+")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return value


@transaction.atomic(savepoint=False)
def customer_resolve(
    *, identifiers: Sequence[tuple[str, str]], name: str = "", language: str = "nl"
) -> Customer:
    """The customer known by any of ``identifiers`` (the oldest if several), or a new one.

    Identifiers not yet known are added to the customer found; an identifier that belongs to
    another customer stays with that customer (customers are never merged silently).
    One query to look them all up, one insert for the new ones.
    """
    pairs: list[tuple[str, str]] = []
    for kind, value in identifiers:
        normal = identifier_normalize(kind=kind, value=value)
        if normal and (kind, normal) not in pairs:
            pairs.append((kind, normal))
    query = Q()
    for kind, value in pairs:
        query |= Q(kind=kind, value=value)
    known = (
        list(CustomerIdentifier.objects.filter(query).select_related("customer")) if pairs else []
    )
    if known:
        customer = min((i.customer for i in known), key=lambda c: c.pk)
        if name and not customer.name:
            customer.name = name
            customer.save(update_fields=["name", "updated_at"])
    else:
        customer = Customer.objects.create(name=name, language=language)
    have = {(i.kind, i.value) for i in known}
    new = [
        CustomerIdentifier(customer=customer, kind=kind, value=value)
        for kind, value in pairs
        if (kind, value) not in have
    ]
    if new:
        # Another request may add the same identifier at the same moment: it is known then,
        # which is the goal (ON CONFLICT DO NOTHING, no savepoint per identifier).
        CustomerIdentifier.objects.bulk_create(new, ignore_conflicts=True)
    return customer
