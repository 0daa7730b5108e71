"""Micro-benchmark of PII detection and redaction: µs per call for typical turns.

Run: PYTHONPATH=src .venv/bin/python bench/pii.py
"""

from __future__ import annotations

import random
import timeit

from signaal.engine import pii
from signaal.engine.pii import find_pii
from signaal.engine.redact import redact_text

TURNS = {
    "no digits, no @ (15 words)": (
        "Ik bel namens mijn moeder, ze is vorige maand verhuisd en snapt de brief niet."
    ),
    "digits, no PII": "Ik heb op 12 maart € 1.250,00 betaald voor order ORD-123456, om 14:30.",
    "phone": "U kunt mij bereiken op 06-12345678, liefst na vijf uur.",
    "iban": "Mijn rekeningnummer is NL91 ABNA 0417 1643 00, op naam van mijn moeder.",
    "email": "Stuur de bevestiging maar naar jan.jansen@example.nl alstublieft.",
    "postcode + house number": "Het adres is Dorpsstraat 12, 1234 AB Amsterdam, tweede etage.",
    "date of birth": "Mijn moeder is geboren op 12 maart 1975, dat staat ook op de brief.",
    "mixed (5 values)": (
        "BSN 123456782, IBAN NL91ABNA0417164300, tel 020-1234567, mail j@example.nl, "
        "geboren 12-03-1975."
    ),
}


def per_call(func: object, number: int) -> float:
    """Best of five runs, in µs per call."""
    timer = timeit.Timer(func)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def first_sight(text: str) -> list[tuple[str, int, int]]:
    """find_pii as if each value were new: phone and IBAN checks are cached per value."""
    pii._valid_phone.cache_clear()
    pii._valid_iban.cache_clear()
    return find_pii(text)


def main() -> None:
    """Print µs per call for each typical turn."""
    print(f"{'turn':28} {'find_pii':>11} {'(cached)':>11} {'redact_text':>12}")
    for name, text in TURNS.items():
        spans = find_pii(text)
        number = 100_000 if not spans and not any(c.isdigit() for c in text) else 2_000
        new = per_call(lambda text=text: first_sight(text), number)
        cached = per_call(lambda text=text: find_pii(text), number)
        redact = per_call(lambda text=text, spans=spans: redact_text(text, spans), 2_000)
        print(f"{name:28} {new:9.2f}µs {cached:9.2f}µs {redact:10.2f}µs")

    # Distinct numbers, so the cache never helps: the cost of a turn with a phone number.
    rng = random.Random(42)
    texts = [
        f"Bel mij op 06-{rng.randrange(10_000_000, 59_999_999)} na vijven." for _ in range(2_000)
    ]
    iterator = iter(texts)
    new = per_call(lambda: find_pii(next(iterator)), 400)
    print(f"{'phone, new number each call':28} {new:9.2f}µs")


if __name__ == "__main__":
    main()
