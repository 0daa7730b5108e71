"""PII detection and redaction: hand-picked Dutch and English sentences per type."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest

from signaal.engine import pii as pii_module
from signaal.engine.model import (
    Analysis,
    Behaviour,
    Conversation,
    LexiconHit,
    Opening,
    PiiHit,
    Signal,
    Summary,
    Turn,
)
from signaal.engine.pii import PII_TYPES, detect_pii, find_pii
from signaal.engine.redact import (
    PLACEHOLDERS,
    OffsetMap,
    redact_analysis,
    redact_conversation,
    redact_text,
)


def values(text: str, *, language: str = "nl") -> list[tuple[str, str]]:
    return [(kind, text[s:e]) for kind, s, e in find_pii(text, language=language)]


def kinds_of(text: str, *, language: str = "nl") -> list[str]:
    return [kind for kind, _, _ in find_pii(text, language=language)]


# --- positives: (sentence, type, expected value) ------------------------------------------------

POSITIVES = [
    # bsn: 11-proef valid, plain and in the usual groupings, 8 digits is an old 9-digit one
    ("Mijn BSN is 123456782.", "bsn", "123456782"),
    ("burgerservicenummer: 111222333, klopt dat?", "bsn", "111222333"),
    ("Het BSN van mijn moeder is 1234.56.782", "bsn", "1234.56.782"),
    ("BSN 123 456 782 graag noteren", "bsn", "123 456 782"),
    ("bsn 123-456-782", "bsn", "123-456-782"),
    ("my citizen service number is 12345672", "bsn", "12345672"),
    # iban: any country, spaces or not, lower case
    ("Mijn rekening is NL91ABNA0417164300.", "iban", "NL91ABNA0417164300"),
    ("IBAN: NL91 ABNA 0417 1643 00, op naam van J. Jansen", "iban", "NL91 ABNA 0417 1643 00"),
    ("stort het op nl91 abna 0417 1643 00 aub", "iban", "nl91 abna 0417 1643 00"),
    ("nl91abna0417164300", "iban", "nl91abna0417164300"),
    ("Mijn Belgische rekening BE68 5390 0754 7034 graag", "iban", "BE68 5390 0754 7034"),
    (
        "Please use DE89 3704 0044 0532 0130 00 for the refund",
        "iban",
        "DE89 3704 0044 0532 0130 00",
    ),
    ("Our UK account is GB29NWBK60161331926819.", "iban", "GB29NWBK60161331926819"),
    ("NL44RABO0123456789 en verder niets", "iban", "NL44RABO0123456789"),
    # phone: Dutch numbers in every usual writing
    ("Bel me op 06-12345678 alstublieft", "phone", "06-12345678"),
    ("Mijn nummer is 06 1234 5678.", "phone", "06 1234 5678"),
    ("0612345678", "phone", "0612345678"),
    ("vast nummer 020-1234567", "phone", "020-1234567"),
    ("020 123 4567 is het kantoor", "phone", "020 123 4567"),
    ("+31 6 12345678 is mijn mobiel", "phone", "+31 6 12345678"),
    ("bel +31612345678", "phone", "+31612345678"),
    ("of 0031 6 12345678", "phone", "0031 6 12345678"),
    ("kantoor: (020) 123 45 67", "phone", "(020) 123 45 67"),
    ("mobiel +31 (0)6 12345678", "phone", "+31 (0)6 12345678"),
    ("06 12 34 56 78 na zessen", "phone", "06 12 34 56 78"),
    ("06.12.34.56.78", "phone", "06.12.34.56.78"),
    ("010 - 123 45 67 is Rotterdam", "phone", "010 - 123 45 67"),
    ("tel:0687654321", "phone", "0687654321"),
    ("Bel 085-1234567 voor de storingsdienst", "phone", "085-1234567"),
    # phone: international numbers with a country code
    ("You can reach me on +44 20 7946 0958.", "phone", "+44 20 7946 0958"),
    ("my mobile is +44 7911 123456", "phone", "+44 7911 123456"),
    ("Mijn Belgische gsm: +32 470 12 34 56", "phone", "+32 470 12 34 56"),
    ("kantoor Brussel +32 2 555 12 12", "phone", "+32 2 555 12 12"),
    ("Germany: +49 30 12345678", "phone", "+49 30 12345678"),
    ("call 0044 20 7946 0958 tomorrow", "phone", "0044 20 7946 0958"),
    # email
    ("Mail naar jan.jansen@example.nl graag.", "email", "jan.jansen@example.nl"),
    ("my email is J.Smith+claims@mail.example.co.uk", "email", "J.Smith+claims@mail.example.co.uk"),
    ("(info@bakkerij-de-vries.nl)", "email", "info@bakkerij-de-vries.nl"),
    ("e-mail: 0612345678@sms.example.com", "email", "0612345678@sms.example.com"),
    ("adres josé.müller@voorbeeld.be.", "email", "josé.müller@voorbeeld.be"),
    # postcode with house number, and the bare postcode
    ("Ik woon op 1234 AB 56.", "postcode", "1234 AB 56"),
    ("Dorpsstraat 12, 1234 AB Amsterdam", "postcode", "12, 1234 AB"),
    ("postcode 1234AB huisnummer 7", "postcode", "1234AB huisnummer 7"),
    ("mijn postcode is 1234 ab nummer 7a", "postcode", "1234 ab nummer 7a"),
    ("postcode: 3511 lx", "postcode", "3511 lx"),
    ("Kerkweg 3a 2312 XE Leiden", "postcode", "3a 2312 XE"),
    ("1234AB 7", "postcode", "1234AB 7"),
    ("Mijn postcode is 1234AB en huisnummer 12.", "postcode", "1234AB en huisnummer 12"),
    ("1234 AB, nr. 7a", "postcode", "1234 AB, nr. 7a"),
    ("Bel 06/12345678", "phone", "06/12345678"),
    ("+31(0)612345678", "phone", "+31(0)612345678"),
    ("mijn nummer: 06 - 12 34 56 78", "phone", "06 - 12 34 56 78"),
    ("Mijn postcode is 9711 KL.", "postcode", "9711 KL"),
    ("verhuisd naar 3011ab", "postcode", "3011ab"),
    # date of birth: numeric and written, Dutch and English, the keyword near
    ("Ik ben geboren op 12-03-1975.", "date_of_birth", "12-03-1975"),
    ("geboortedatum: 12/03/1975", "date_of_birth", "12/03/1975"),
    ("geb. 1975-03-12", "date_of_birth", "1975-03-12"),
    ("Mijn moeder is geboren op 12 maart 1975", "date_of_birth", "12 maart 1975"),
    ("geboren in Utrecht op 1 januari 1980", "date_of_birth", "1 januari 1980"),
    ("geboren 3 mrt. 1975", "date_of_birth", "3 mrt. 1975"),
    ("I was born on March 12, 1975.", "date_of_birth", "March 12, 1975"),
    ("Date of birth: 12th of March 1975", "date_of_birth", "12th of March 1975"),
    ("DOB 03/12/1975", "date_of_birth", "03/12/1975"),
    ("D.O.B. 12.03.1975", "date_of_birth", "12.03.1975"),
    ("my birthday is 29 February 1980", "date_of_birth", "29 February 1980"),
    ("12 maart 1975 is mijn geboortedatum", "date_of_birth", "12 maart 1975"),
    ("geboren 12-03-75", "date_of_birth", "12-03-75"),
    # card numbers: Luhn valid with a card prefix, grouped or not
    ("Mijn creditcard is 4111 1111 1111 1111", "card_number", "4111 1111 1111 1111"),
    ("card 4111-1111-1111-1111 exp 12/27", "card_number", "4111-1111-1111-1111"),
    ("4111111111111111", "card_number", "4111111111111111"),
    ("Mastercard 5500 0000 0000 0004.", "card_number", "5500 0000 0000 0004"),
    ("Amex 3782 822463 10005", "card_number", "3782 822463 10005"),
    ("Discover 6011111111111117 please", "card_number", "6011111111111117"),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds_value(text: str, kind: str, value: str) -> None:
    language = "en" if kind == "phone" and "call" in text else "nl"
    assert values(text, language=language) == [(kind, value)]


# --- negatives: sentences with digits that hold no personal data --------------------------------

NEGATIVES = [
    # bsn: fails the 11-proef, wrong length, part of a longer token
    "Mijn BSN is 123456789.",
    "bsn 111222334",
    "ordernummer 1234567",
    "ORD-123456782",
    "referentie AB123456782",
    "1234567821 is mijn klantnummer",
    # iban: bad check digits, too short, not a country
    "NL92ABNA0417164300",
    "rekening NL91 ABNA 0417 1643 01",
    "NL91ABNA04171643",
    "XX91ABNA0417164300",
    # phone: not valid numbers, amounts, years, times, dates, order and customer numbers
    "Het kost € 1.250,00 per maand.",
    "I paid €1,250.00 last year",
    "In 2024 en 2025 betaalde ik 120 euro.",
    "Ik bel om 14:30 of om 09.30 uur.",
    "Op 01-02-2020 14:30 heb ik gebeld.",
    "Bestelling ORD-123456 is zoek.",
    "Mijn klantnummer is 1234567890.",
    "klantnummer 0123456789",
    "0698765432",
    "06-123456789",
    "0612345",
    "+31 6 1234567",
    "Versie 10.0.19045 van 2024.",
    "We hebben 3 pakketten van 0,5 kilo.",
    "Kamer 0.12, verdieping 3",
    # email
    "Stuur het naar jan at example dot nl",
    "@jan zei dat het goed was",
    "jan@localhost",
    # postcode: no letters, letters not used in postcodes, units, words
    "In 1000 en 2000 werkte ik daar.",
    "Tussen 1990 en 2000 woonde ik in 1234 ab.",
    "Een schijf van 2000 GB en 1500 MB geheugen.",
    "Een schijf van 2000 KB, 1000 keer.",
    "Het was 2020 of 2021.",
    "1234 SA is geen postcode",
    "Het bestand is 1234 kb groot.",
    "0123 AB begint met een nul",
    # date of birth: dates without a birth keyword, invalid dates, keyword too far
    "Ik kom op 12-03-2024 langs.",
    "Op 12 maart 2024 is de rekening verstuurd.",
    "The invoice of March 12, 2024 was wrong.",
    "geboortedatum 31-02-1980",
    "DOB 2/30/1975",
    "geboren in 1975",
    "Mijn zoon is geboren. De brief kwam op 12-03-1975 binnen.",
    "geboren in het mooie oude Utrecht aan de gracht op 12-03-1975",
    "geboren 12-03-2999",
    # card numbers: Luhn invalid, no card prefix, too short
    "4111 1111 1111 1112",
    "1234 5678 1234 5670",
    "4111 1111 1111",
    "Tracking 3SABCD1234567890123",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_finds_nothing(text: str) -> None:
    assert find_pii(text) == []


def test_no_digit_and_no_at_sign_short_circuits() -> None:
    assert find_pii("Ik ben het zat, jullie zouden me terugbellen!") == []
    assert find_pii("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bel 06-12345678 of mail jan@example.nl, IBAN NL91ABNA0417164300, BSN 123456782.",
            ["phone", "email", "iban", "bsn"],
        ),
        ("0612345678,0687654321", ["phone", "phone"]),
        ("NL91ABNA0417164300 NL91ABNA0417164300", ["iban", "iban"]),
        ("4111111111111111 0612345678", ["card_number", "phone"]),
        (
            "geboren 12-03-1975, woont op 1234 AB 5, tel 020-1234567",
            [
                "date_of_birth",
                "postcode",
                "phone",
            ],
        ),
    ],
)
def test_several_values_in_one_turn(text: str, expected: list[str]) -> None:
    assert kinds_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A card number beats the phone or BSN candidates inside it (longest span wins).
        ("kaart 6011 0009 9013 9424", [("card_number", "6011 0009 9013 9424")]),
        # An e-mail address wins over the phone number that is its local part.
        ("0612345678@sms.example.com", [("email", "0612345678@sms.example.com")]),
        # The phone number is longer than the BSN-shaped last eight digits.
        ("06 12345672", [("phone", "06 12345672")]),
    ],
)
def test_overlap_precedence(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_british_national_numbers_only_for_english() -> None:
    assert kinds_of("ring 020 7946 0958", language="en") == ["phone"]
    assert kinds_of("bel 020 7946 0958", language="nl") == []


@pytest.mark.parametrize(
    "text",
    ["x0612345678", "0612345678x", "1230612345678", "06123456789", "a123456782", "€123456782,50"],
)
def test_digits_inside_a_longer_token_are_not_matched(text: str) -> None:
    assert find_pii(text) == []


@pytest.mark.parametrize("text", ["0 " * 5000, "1 " * 5000, "06 12 " * 2000, "0." * 5000])
def test_long_runs_of_digit_groups_take_linear_time(text: str) -> None:
    # Regression: every start tried every end, and 2,000 characters took seconds.
    started = time.perf_counter()
    find_pii(text)
    assert time.perf_counter() - started < 5.0


def test_spans_index_the_text() -> None:
    text = "Hallo, mijn IBAN is NL91 ABNA 0417 1643 00 en mijn nummer 06-12345678."
    for kind, start, end in find_pii(text):
        assert kind in PII_TYPES
        assert text[start:end].strip() == text[start:end]


def test_detect_pii_builds_hits_with_turn_index() -> None:
    turns = (
        Turn(index=0, speaker="customer", text="Ik ben het zat."),
        Turn(index=1, speaker="agent", text="Wat is uw telefoonnummer?"),
        Turn(index=2, speaker="customer", text="06-12345678, en mail jan@example.nl"),
    )
    assert detect_pii(turns) == (
        PiiHit(type="phone", turn=2, span=(0, 11), text="06-12345678"),
        PiiHit(type="email", turn=2, span=(21, 35), text="jan@example.nl"),
    )


# --- redaction ------------------------------------------------------------------------------------


def test_placeholders_are_uppercase_type_ids() -> None:
    assert dict(PLACEHOLDERS) == {
        "bsn": "[BSN]",
        "iban": "[IBAN]",
        "phone": "[PHONE]",
        "email": "[EMAIL]",
        "postcode": "[POSTCODE]",
        "date_of_birth": "[DATE_OF_BIRTH]",
        "card_number": "[CARD_NUMBER]",
    }


def test_redact_text_replaces_values_and_maps_spans() -> None:
    text = "Bel 06-12345678 of mail jan@example.nl graag."
    redacted, offsets = redact_text(text, find_pii(text))
    assert redacted == "Bel [PHONE] of mail [EMAIL] graag."
    # A span before, after, across and inside values.
    assert redacted[slice(*offsets.span(0, 3))] == "Bel"
    assert redacted[slice(*offsets.span(39, 44))] == "graag"
    assert redacted[slice(*offsets.span(0, 18))] == "Bel [PHONE] of"
    assert redacted[slice(*offsets.span(6, 8))] == "[PHONE]"
    assert redacted[slice(*offsets.span(10, 30))] == "[PHONE] of mail [EMAIL]"
    assert offsets.offset(45) == len(redacted)


def test_redact_text_replaces_repeats_of_a_value() -> None:
    text = "BSN 123456782, dus ref123456782"
    redacted, _ = redact_text(text, find_pii(text))
    assert "123456782" not in redacted
    assert find_pii(redacted) == []


def test_redact_text_redacts_a_value_freed_by_its_neighbour() -> None:
    text = "123456782 en 1234567820612345678"
    redacted, _ = redact_text(text, find_pii(text))
    assert redacted == "[BSN] en [BSN][PHONE]"


def test_redact_text_leaves_values_it_was_not_given() -> None:
    text = "Bel 06-12345678 of mail jan@example.nl"
    spans = [s for s in find_pii(text) if s[0] == "email"]
    assert redact_text(text, spans)[0] == "Bel 06-12345678 of mail [EMAIL]"


def test_redact_text_merges_overlapping_spans() -> None:
    redacted, offsets = redact_text("abcdefghij", [("bsn", 1, 5), ("phone", 3, 9)])
    assert redacted == "a[PHONE]j"
    assert offsets.span(0, 10) == (0, 9)


def test_redact_text_rejects_spans_outside_the_text() -> None:
    with pytest.raises(ValueError):
        redact_text("kort", [("bsn", 2, 10)])


def test_offset_map_without_replacements_is_identity() -> None:
    assert OffsetMap().span(3, 7) == (3, 7)


def _analysis() -> Analysis:
    turns = (
        Turn(index=0, speaker="customer", text="Ik ben het zat, mijn nummer is 06-12345678 hoor"),
        Turn(index=1, speaker="agent", text="Dat is vervelend. Is uw IBAN NL91ABNA0417164300?"),
        Turn(index=2, speaker="customer", text="Ja. Mail mij op jan@example.nl."),
    )
    return Analysis(
        conversation_id="c-1",
        language="nl",
        channel="chat",
        turns=turns,
        signals=(
            Signal(
                type="frustration",
                strength="explicit",
                turn=0,
                span=(0, 14),
                text="Ik ben het zat",
                speaker="customer",
            ),
            # Evidence that runs into the phone number must not carry it along.
            Signal(
                type="urgency",
                strength="hint",
                turn=0,
                span=(16, 47),
                text=turns[0].text[16:47],
                speaker="customer",
            ),
        ),
        behaviours=(
            Behaviour(
                type="identification_first", turn=1, span=(18, 48), text=turns[1].text[18:48]
            ),
        ),
        opening=Opening(seconds=None, turns=(0, 1), signals=("frustration",)),
        pickup=(),
        late_discoveries=(),
        lexicon=(
            LexiconHit(
                id="vervelend",
                kind="discouraged",
                turn=1,
                span=(0, 16),
                text="Dat is vervelend",
                advice="Benoem wat er vervelend is.",
            ),
            LexiconHit(
                id="draft",
                kind="discouraged",
                turn=None,
                span=(0, 20),
                text="mail jan@example.nl",
                advice="-",
            ),
        ),
        pii=detect_pii(turns),
        summary=Summary(
            who="klant met 06-12345678",
            what="IBAN NL91ABNA0417164300 wijzigen",
            agreed="bevestiging naar jan@example.nl",
            text="Klant (06-12345678) wil IBAN NL91 ABNA 0417 1643 00 wijzigen.",
        ),
    )


def test_redact_analysis() -> None:
    original = _analysis()
    redacted = redact_analysis(original)
    assert redacted.redacted is True
    assert [t.text for t in redacted.turns] == [
        "Ik ben het zat, mijn nummer is [PHONE] hoor",
        "Dat is vervelend. Is uw IBAN [IBAN]?",
        "Ja. Mail mij op [EMAIL].",
    ]
    texts = {t.index: t.text for t in redacted.turns}
    evidence: list[Signal | Behaviour | PiiHit] = [
        *redacted.signals,
        *redacted.behaviours,
        *redacted.pii,
    ]
    for hit in evidence:
        assert hit.text == texts[hit.turn][hit.span[0] : hit.span[1]]
    assert redacted.signals[0].text == "Ik ben het zat"
    assert redacted.signals[1].text == "mijn nummer is [PHONE] hoor"
    assert [(p.type, p.turn, p.text) for p in redacted.pii] == [
        ("phone", 0, "[PHONE]"),
        ("iban", 1, "[IBAN]"),
        ("email", 2, "[EMAIL]"),
    ]
    assert redacted.lexicon[0].text == "Dat is vervelend"
    assert redacted.lexicon[1].text == "mail [EMAIL]"
    assert redacted.lexicon[1].span == (0, 20)
    assert redacted.summary == Summary(
        who="klant met [PHONE]",
        what="IBAN [IBAN] wijzigen",
        agreed="bevestiging naar [EMAIL]",
        text="Klant ([PHONE]) wil IBAN [IBAN] wijzigen.",
    )
    dumped = json.dumps(redacted.to_dict(), ensure_ascii=False)
    for hit in original.pii:
        assert hit.text not in dumped
    # The original is untouched (frozen dataclasses, a new Analysis).
    assert original.turns[0].text.endswith("06-12345678 hoor")


def test_redact_analysis_redacts_a_value_repeated_in_another_form() -> None:
    analysis = _analysis()
    turn = Turn(index=3, speaker="agent", text="Ik stuur het naar jan@example.nl!")
    redacted = redact_analysis(dataclasses.replace(analysis, turns=(*analysis.turns, turn)))
    assert redacted.turns[-1].text == "Ik stuur het naar [EMAIL]!"


def test_redact_conversation() -> None:
    conversation = Conversation(
        id="c-2",
        turns=(
            Turn(index=0, speaker="customer", text="Mijn BSN is 123456782."),
            Turn(index=1, speaker="agent", text="Dank u, ik noteer het."),
        ),
        language="nl",
    )
    redacted = redact_conversation(conversation)
    assert [t.text for t in redacted.turns] == ["Mijn BSN is [BSN].", "Dank u, ik noteer het."]
    assert redacted.id == "c-2"


def test_pii_module_offers_the_redaction_functions() -> None:
    # The listener imports redact_analysis from signaal.engine.pii.
    assert pii_module.redact_analysis(_analysis()).redacted is True
    assert pii_module.redact_text("bel 0612345678", find_pii("bel 0612345678"))[0] == "bel [PHONE]"
    conversation = Conversation(
        id="c", turns=(Turn(index=0, speaker="customer", text="0612345678"),)
    )
    assert pii_module.redact_conversation(conversation).turns[0].text == "[PHONE]"
