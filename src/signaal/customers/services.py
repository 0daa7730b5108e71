"""Writes on customers: recognising a customer by any identifier, or creating one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from signaal.bulk import bulk_insert
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


@dataclass(frozen=True, slots=True)
class CustomerClaim:
    """Who a contact says the customer is: identifiers, and a name and language for a new one."""

    identifiers: Sequence[tuple[str, str]]
    name: str = ""
    language: str = "nl"


def _pairs(identifiers: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for kind, value in identifiers:
        normal = identifier_normalize(kind=kind, value=value)
        if normal and (kind, normal) not in pairs:
            pairs.append((kind, normal))
    return pairs


def _known(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Customer]:
    """The customers already holding any of ``pairs``: one query (values grouped by kind)."""
    if not pairs:
        return {}
    by_kind: dict[str, list[str]] = {}
    for kind, value in pairs:
        by_kind.setdefault(kind, []).append(value)
    query = Q()
    for kind, values in by_kind.items():
        query |= Q(kind=kind, value__in=values)
    found = CustomerIdentifier.objects.filter(query).select_related("customer")
    return {(i.kind, i.value): i.customer for i in found}


@transaction.atomic(savepoint=False)
def customers_resolve(*, claims: Sequence[CustomerClaim]) -> list[Customer]:
    """For each claim, in order, the customer known by any of its identifiers (the oldest if
    several), or a new one; claims later in the list see the customers of earlier ones.

    Identifiers not yet known are added to the customer found; an identifier that belongs to
    another customer stays with that customer (customers are never merged silently).
    One query to look them all up, then one insert each for new customers, new identifiers
    and names filled in, however many claims.
    """
    pairs_of = [_pairs(claim.identifiers) for claim in claims]
    known = _known({pair for pairs in pairs_of for pair in pairs})
    new: list[Customer] = []
    # Stored customers are older than new ones; new ones are ordered as they were made.
    age: dict[int, tuple[int, int]] = {}
    named: dict[int, Customer] = {}
    claimed: list[tuple[Customer, str, str]] = []
    result: list[Customer] = []
    for claim, pairs in zip(claims, pairs_of, strict=True):
        found = [known[pair] for pair in pairs if pair in known]
        for customer in found:
            age.setdefault(id(customer), (0, customer.pk or 0))
        if found:
            customer = min(found, key=lambda c: age[id(c)])
            if claim.name and not customer.name:
                customer.name = claim.name
                if customer.pk is not None:
                    named[customer.pk] = customer
        else:
            customer = Customer(name=claim.name, language=claim.language)
            new.append(customer)
            age[id(customer)] = (1, len(new))
        for pair in pairs:
            if pair not in known:
                known[pair] = customer
                claimed.append((customer, *pair))
        result.append(customer)
    bulk_insert(new)
    if named:
        now = timezone.now()
        for customer in named.values():
            customer.updated_at = now
        Customer.objects.bulk_update(named.values(), ["name", "updated_at"])
    if claimed:
        # Another request may add the same identifier at the same moment: it is known then,
        # which is the goal (ON CONFLICT DO NOTHING, no savepoint per identifier). In the
        # order of the unique key, so that two such requests wait instead of deadlocking.
        bulk_insert(
            [
                CustomerIdentifier(customer=c, kind=kind, value=value)
                for c, kind, value in sorted(claimed, key=lambda row: row[1:])
            ],
            ignore_conflicts=True,
        )
    return result
