"""Properties of every analysis: evidence always indexes the original text, redaction leaks
nothing, and no input text makes the engine fail."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaal.engine import Listener
from signaal.engine.model import Conversation, Turn
from signaal.engine.pii import find_pii

# Words that the packs care about, mixed with noise, so that matches really happen.
WORDS = [
    "ik",
    "bel",
    "namens",
    "mijn",
    "moeder",
    "niet",
    "geen",
    "boos",
    "zorgen",
    "klacht",
    "indienen",
    "derde",
    "keer",
    "auto",
    "overleden",
    "betalen",
    "rekening",
    "u",
    "moet",
    "klantnummer",
    "wat",
    "is",
    "uw",
    "dat",
    "vervelend",
    "I'm",
    "not",
    "upset",
    "calling",
    "behalf",
    "of",
    "my",
    "mum",
    "worried",
    "complaint",
    "[kind",
    "huilt]",
    "[traffic]",
    ",",
    ".",
    "?",
    "!",
    "  ",
    "\n",
    "NL91ABNA0417164300",
    "06-12345678",
    "jan@example.nl",
    "1234 AB 12",
    "111222333",
    "4111 1111 1111 1111",
    "é",
    "€",
    "😀",
    "\u200b",
]
text_strategy = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=30).map(" ".join),
    st.text(max_size=200),
)
turn_strategy = st.tuples(
    st.sampled_from(["customer", "agent", "bot", "third_party"]), text_strategy
)


def build(turns: list[tuple[str, str]]) -> Conversation:
    return Conversation(
        id="p",
        turns=tuple(
            Turn(index=i, speaker=s, text=t or ".", start=float(i * 7))  # type: ignore[arg-type]
            for i, (s, t) in enumerate(turns)
        ),
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    turns=st.lists(turn_strategy, min_size=1, max_size=6),
    language=st.sampled_from(["nl", "en", None]),
)
def test_evidence_spans_index_the_original_text(listener: Listener, turns, language) -> None:
    conv = build(turns)
    a = listener.analyze(conv, language=language)
    for item in (*a.signals, *a.behaviours, *a.lexicon):
        text = conv.turns[item.turn].text
        start, end = item.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == item.text
    for p in a.pii:
        start, end = p.span
        assert conv.turns[p.turn].text[start:end] == p.text
    for pickup in a.pickup:
        assert 0 <= pickup.signal_index < len(a.signals)
        if pickup.picked_up:
            assert conv.turns[pickup.by_turn].speaker == "agent"
    json.dumps(a.to_dict())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(turns=st.lists(turn_strategy, min_size=1, max_size=6))
def test_redaction_leaves_no_detected_value_in_any_output(listener: Listener, turns) -> None:
    conv = build(turns)
    values = [conv.turns[p.turn].text[p.span[0] : p.span[1]] for p in listener.analyze(conv).pii]
    redacted = listener.analyze(conv, redact=True)
    dumped = json.dumps(redacted.to_dict(), ensure_ascii=False)
    turn_texts = " ".join(t.text for t in redacted.turns)
    for value in values:
        assert value not in dumped
        assert value not in turn_texts
    for t in redacted.turns:
        assert find_pii(t.text) == []
    for item in (*redacted.signals, *redacted.behaviours, *redacted.lexicon):
        text = redacted.turns[item.turn].text
        assert text[item.span[0] : item.span[1]] == item.text


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(draft=text_strategy, language=st.sampled_from(["nl", "en", "auto"]))
def test_check_draft_spans(listener: Listener, draft: str, language: str) -> None:
    for hit in listener.check_draft(draft, language=language):
        assert draft[hit.span[0] : hit.span[1]] == hit.text
