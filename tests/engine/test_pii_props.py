"""Properties of PII detection and redaction, on generated text with real (valid) values."""

from __future__ import annotations

import json
import string

import phonenumbers
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn

from signaal.engine.model import (
    Analysis,
    Behaviour,
    LexiconHit,
    Opening,
    PiiHit,
    Signal,
    Summary,
    Turn,
)
from signaal.engine.pii import PII_TYPES, detect_pii, find_pii
from signaal.engine.redact import redact_analysis, redact_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def n_digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=n, max_size=n)


@st.composite
def bsns(draw: st.DrawFn) -> str:
    body = draw(n_digits(8))
    check = sum((9 - i) * int(d) for i, d in enumerate(body)) % 11
    assume(check < 10 and int(body + str(check)) > 0)
    number = body + str(check)
    layout = draw(st.sampled_from(["plain", "dots", "spaces"]))
    if layout == "dots":
        return f"{number[:4]}.{number[4:6]}.{number[6:]}"
    if layout == "spaces":
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    return number


@st.composite
def ibans(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(["NL", "DE", "BE"]))
    if country == "NL":
        bank = draw(st.text(alphabet=string.ascii_uppercase, min_size=4, max_size=4))
        bban = bank + draw(n_digits(10))
    else:
        bban = draw(n_digits(18 if country == "DE" else 12))
    number = country + iban.calc_check_digits(country + "00" + bban) + bban
    if draw(st.booleans()):
        number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number.lower() if draw(st.booleans()) else number


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["4", "51", "55", "6011"]))
    body = prefix + draw(n_digits(15 - len(prefix)))
    number = body + luhn.calc_check_digit(body)
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


@st.composite
def phones(draw: st.DrawFn) -> str:
    rest = draw(st.sampled_from("12345")) + draw(n_digits(7))
    number = phonenumbers.parse("06" + rest, "NL")
    assume(phonenumbers.is_valid_number(number))
    return draw(
        st.sampled_from(
            [
                f"06{rest}",
                f"06-{rest}",
                f"06 {rest[:4]} {rest[4:]}",
                f"+31 6 {rest}",
                f"0031 6 {rest}",
                f"+31 (0)6 {rest}",
                f"06 {rest[:2]} {rest[2:4]} {rest[4:6]} {rest[6:]}",
            ]
        )
    )


@st.composite
def fixed_phones(draw: st.DrawFn) -> str:
    return draw(
        st.sampled_from(["020-1234567", "(020) 123 45 67", "+44 20 7946 0958", "+32 470 12 34 56"])
    )


@st.composite
def emails(draw: st.DrawFn) -> str:
    local = draw(st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8))
    extra = draw(st.sampled_from(["", ".", "+", "_"]))
    if extra:
        local += extra + draw(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=4))
    domain = draw(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8))
    return f"{local}@{domain}.{draw(st.sampled_from(['nl', 'be', 'com', 'co.uk']))}"


POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from("123456789")) + draw(n_digits(3))
    letters = draw(st.text(alphabet=POSTCODE_LETTERS, min_size=2, max_size=2))
    assume(letters not in ("SA", "SD", "SS"))
    house = str(draw(st.integers(min_value=1, max_value=999)))
    # A bare postcode whose letters could be a unit ("1000 CL", "2000 KB") is not flagged.
    bare = f"{number} {draw(st.sampled_from('EJRVWXZ'))}{letters[1]}"
    with_house = [f"{number} {letters} {house}", f"{number}{letters} {house}"]
    return draw(st.sampled_from([*with_house, bare]))


@st.composite
def birth_dates(draw: st.DrawFn) -> str:
    day = draw(st.integers(min_value=1, max_value=28))
    month = draw(st.integers(min_value=1, max_value=12))
    year = draw(st.integers(min_value=1920, max_value=2010))
    keyword = draw(st.sampled_from(["geboren op", "geboortedatum:", "born", "DOB", "geb."]))
    written = draw(
        st.sampled_from(
            [
                f"{day:02d}-{month:02d}-{year}",
                f"{day}/{month}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day} maart {year}",
                f"March {day}, {year}",
            ]
        )
    )
    return f"{keyword} {written}"


def pii_values() -> st.SearchStrategy[str]:
    return st.one_of(
        bsns(), ibans(), cards(), phones(), fixed_phones(), emails(), postcodes(), birth_dates()
    )


# fmt: off
WORDS = [
    "Ik", "bel", "namens", "mijn", "moeder", "het", "kost", "€ 1.250,00", "om", "14:30",
    "ORD-123456", "klantnummer", "1234567890", "in", "2024", "op", "12-03-2024", "postcode",
    "the", "invoice", "call", "me", "0,5", "3", "nr", "IBAN", "BSN", "tel", "mail", "x", "é",
]
# fmt: on
SEPARATORS = [" ", " ", " ", ", ", "", "\n", ". ", "-", "/", "(", ")", "+", "@", ":", ".", ","]


@st.composite
def turn_texts(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(WORDS), pii_values(), st.text(max_size=6)),
            max_size=10,
        )
    )
    text = ""
    for part in parts:
        text += draw(st.sampled_from(SEPARATORS)) + part if text else part
    return text


def check_spans(text: str, spans: list[tuple[str, int, int]]) -> None:
    previous_end = 0
    for kind, start, end in spans:
        assert kind in PII_TYPES
        assert 0 <= start < end <= len(text)
        assert start >= previous_end, "spans overlap or are not sorted"
        previous_end = end


@given(st.text())
@SETTINGS
def test_find_pii_never_raises_on_arbitrary_text(text: str) -> None:
    check_spans(text, find_pii(text))
    check_spans(text, find_pii(text, language="en"))


@given(turn_texts())
@SETTINGS
def test_spans_index_the_text_and_never_overlap(text: str) -> None:
    check_spans(text, find_pii(text))


@given(pii_values())
@SETTINGS
def test_generated_values_are_found(value: str) -> None:
    found = find_pii(f"Dat is {value} en verder niets.")
    assert found, value


@given(turn_texts(), st.sampled_from(["nl", "en"]))
@SETTINGS
def test_redact_text_leaves_nothing_to_find(text: str, language: str) -> None:
    spans = find_pii(text, language=language)
    redacted, offsets = redact_text(text, spans, language=language)
    for _, start, end in spans:
        assert text[start:end] not in redacted
    assert find_pii(redacted, language=language) == []
    # Spans map into the redacted text; outside values they keep their text.
    replaced = [(r[0], r[1]) for r in offsets.replacements]
    for start in range(0, len(text) + 1, 3):
        for end in (start, min(len(text), start + 4)):
            new_start, new_end = offsets.span(start, end)
            assert 0 <= new_start <= new_end <= len(redacted)
            if all(end <= s or e <= start for s, e in replaced):
                assert redacted[new_start:new_end] == text[start:end]


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    texts = draw(st.lists(turn_texts(), min_size=1, max_size=4))
    turns = tuple(
        Turn(index=i, speaker="customer" if i % 2 == 0 else "agent", text=t)
        for i, t in enumerate(texts)
    )

    def span_in(text: str) -> tuple[int, int]:
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=len(text)))
        return start, end

    signals: list[Signal] = []
    behaviours: list[Behaviour] = []
    lexicon: list[LexiconHit] = []
    for turn in turns:
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            start, end = span_in(turn.text)
            signals.append(
                Signal(
                    type="worry",
                    strength="hint",
                    turn=turn.index,
                    span=(start, end),
                    text=turn.text[start:end],
                    speaker=turn.speaker,
                )
            )
            start, end = span_in(turn.text)
            behaviours.append(
                Behaviour(
                    type="empathy", turn=turn.index, span=(start, end), text=turn.text[start:end]
                )
            )
            start, end = span_in(turn.text)
            lexicon.append(
                LexiconHit(
                    id="x",
                    kind="discouraged",
                    turn=turn.index,
                    span=(start, end),
                    text=turn.text[start:end],
                    advice="Zeg het anders.",
                )
            )
    lexicon.append(
        LexiconHit(
            id="draft",
            kind="encouraged",
            turn=None,
            span=(0, len(texts[0])),
            text=texts[0],
            advice="Goed zo.",
        )
    )
    first = turns[0].text
    start, end = span_in(first)
    summary = Summary(who=first[start:end], what=texts[-1], agreed=None, text=" / ".join(texts))
    return Analysis(
        conversation_id="c-prop",
        language=draw(st.sampled_from(["nl", "en"])),
        channel="chat",
        turns=turns,
        signals=tuple(signals),
        behaviours=tuple(behaviours),
        opening=Opening(seconds=None, turns=(0,), signals=()),
        pickup=(),
        late_discoveries=(),
        lexicon=tuple(lexicon),
        pii=detect_pii(turns),
        summary=summary,
    )


@given(analyses())
@SETTINGS
def test_redact_analysis_leaks_no_value(analysis: Analysis) -> None:
    redacted = redact_analysis(analysis)
    assert redacted.redacted
    dumped = json.dumps(redacted.to_dict(), ensure_ascii=False)
    turn_texts_after = {t.index: t.text for t in redacted.turns}
    detected = detect_pii(analysis.turns, language=analysis.language)
    for value in (p.text for p in detected):
        assert value not in dumped
        for text in turn_texts_after.values():
            assert value not in text
    for text in turn_texts_after.values():
        assert find_pii(text, language=analysis.language) == []
    evidence: list[Signal | Behaviour | PiiHit] = [
        *redacted.signals,
        *redacted.behaviours,
        *redacted.pii,
    ]
    for hit in evidence:
        start, end = hit.span
        assert hit.text == turn_texts_after[hit.turn][start:end]
    for lex in redacted.lexicon:
        if lex.turn is not None:
            assert lex.text == turn_texts_after[lex.turn][lex.span[0] : lex.span[1]]
    assert [(p.type, p.turn) for p in redacted.pii] == [(p.type, p.turn) for p in analysis.pii]
    # Redacting twice changes nothing more.
    again = redact_analysis(redacted)
    assert again.turns == redacted.turns
