"""A short extractive summary of a conversation: who, about what, and what was agreed.

Extractive on purpose: every sentence is the customer's or the agent's own, chosen by the
signals and behaviours the engine heard, so the summary never claims what was not said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Analysis, Behaviour, Signal, Summary, Turn

# A blank line ends a sentence; a single line break is an e-mail wrapped at a fixed width.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n[ \t]*\n")
# An initial or a common abbreviation right before a full stop.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:dhr|mevr|mw|mr|mrs|ms|dr|nr|bijv|bv|ca|evt|o\.a|i\.p\.v|z\.s\.m|St))$"
)
_MAX_SENTENCE = 220
# The signals that best say what a conversation is about, strongest first.
_TOPIC_ORDER = (
    "life_event",
    "financial_distress",
    "complaint",
    "broken_promise",
    "urgency",
    "confusion",
    "repeat_contact",
    "idea",
    "churn_risk",
    "escalation",
    "worry",
    "frustration",
)
_LABELS = {
    "nl": {
        "who": "Wie",
        "what": "Vraag",
        "agreed": "Afspraak",
        "customer": "De klant",
        "third": "Namens een ander",
        "channel": "Kanaal",
    },
    "en": {
        "who": "Who",
        "what": "Question",
        "agreed": "Agreed",
        "customer": "The customer",
        "third": "On behalf of someone else",
        "channel": "Channel",
    },
}


def summarize(analysis: Analysis) -> Summary:
    """Who contacted, about what, and what was agreed, in the conversation's own sentences."""
    return summarize_parts(analysis.language, analysis.turns, analysis.signals, analysis.behaviours)


def summarize_parts(
    language: str,
    turn_list: Sequence[Turn],
    signals: Sequence[Signal],
    behaviours: Sequence[Behaviour],
) -> Summary:
    """``summarize`` from the parts of an analysis, before the Analysis itself is built."""
    labels = _LABELS.get(language, _LABELS["nl"])
    turns = {t.index: t for t in turn_list}
    name = _customer_name(turns, language)
    on_behalf = _on_behalf(signals, turns)
    if name and on_behalf:
        who: str | None = f"{name} ({on_behalf.rstrip('.!?')})"
    else:
        who = name or on_behalf
    # The sentence that says for whom the customer acts is not also the question.
    what = _what(signals, turn_list, skip=who or "")
    agreed = _agreed(behaviours, turns)
    parts = [f"{labels['who']}: {(who or labels['customer']).rstrip('.!?')}."]
    if what:
        parts.append(f"{labels['what']}: {what}")
    if agreed:
        parts.append(f"{labels['agreed']}: {agreed}")
    return Summary(
        who=who,
        what=what,
        agreed=agreed,
        text=" ".join(parts),
        name=name,
        on_behalf=on_behalf,
    )


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of ``text`` start and end."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREVIATION.search(text, 0, m.start()):
            continue  # "mevrouw J. van Dam", "dhr. Willems": no end of a sentence
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` around character ``offset``, trimmed to a readable length."""
    for start, end in _sentence_spans(text):
        if offset < end:
            return _trim(text[start:end])
    return _trim(text)


def _trim(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) > _MAX_SENTENCE:
        sentence = sentence[: _MAX_SENTENCE - 1].rsplit(" ", 1)[0] + "…"
    return sentence


# A name: capitalised words on one line, with the Dutch infixes between them ("Van Dam").
_INFIX = r"(?:(?:van|de|der|den|het|ter|ten|te|la|le|el|al|da|di|du)[ \t]+)*"
_NAME = (
    r"((?:(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|Mr\.|Mrs\.|Ms\.|Miss)[ \t]+)?"
    + _INFIX
    + r"[A-Z][\w'’-]+(?:[ \t]+"
    + _INFIX
    + r"[A-Z][\w'’-]+){0,3})"
)
_GREETING = (
    r"(?i:(?:goede(?:morgen|middag|navond)|hallo|hoi|dag|ja|hai|hey|hi|hello|yes)\b[\s,!.]*)*"
)
# How a caller introduces themselves: at the start of a turn after a greeting ("Goedemorgen,
# met Marieke Verhoeven"), or anywhere with "mijn naam is". "ik heb met Fatima gesproken"
# names the agent, so "met" counts only at the start.
_INTRO = {
    "nl": re.compile(
        r"^\W*"
        + _GREETING
        + r"(?i:(?:u spreekt |je spreekt )?met)[ \t]+"
        + _NAME
        + r"|(?i:mijn naam is|ik heet)[ \t]+"
        + _NAME
    ),
    "en": re.compile(
        r"^\W*"
        + _GREETING
        + r"(?i:this is|it's|it is|i'm|i am)[ \t]+"
        + _NAME
        + r"|(?i:my name is|my name's)[ \t]+"
        + _NAME
    ),
}
# Words that an introduction anywhere but at the very start (the second alternative of _INTRO)
# contains, in lower case: a quick test before the full search. Their letters have no other
# case-insensitive equivalents than their capitals, so the test never misses a match.
_INTRO_LATER = {"nl": ("naam", "heet"), "en": ("name",)}
# A written message signed off: a closing line, then the name on the next line.
_SIGN_OFF = re.compile(
    r"(?i:groet(?:en)?|groetjes|regards|best wishes|thanks|thank you|cheers|sincerely|"
    r"hoogachtend|dank u wel|bedankt)[,!.]*[ \t]*\n+[ \t]*" + _NAME + r"[ \t]*(?:,[^\n]*)?(?:\n|$)"
)
# Words that follow "met" in a greeting but are no name ("met vriendelijke groet").
_NOT_A_NAME = frozenset(
    {"vriendelijke", "hartelijke", "Vriendelijke", "Hartelijke", "Dank", "Groet", "Hallo"}
)


def _on_behalf(signals: Sequence[Signal], turns: dict[int, Turn]) -> str | None:
    """The sentence in which the customer says for whom they contact, in their own words."""
    return next(
        (
            _sentence_at(turns[s.turn].text, s.span[0])
            for s in signals
            # Acting for someone else; not a child in the background or a partner in passing.
            if s.type == "third_party" and s.pattern.startswith("third_party.on_behalf")
        ),
        None,
    )


def _customer_name(turns: dict[int, Turn], language: str) -> str | None:
    customer = [t for _, t in sorted(turns.items()) if t.speaker == "customer"][:3]
    intro = _INTRO.get(language, _INTRO["nl"])
    later = _INTRO_LATER.get(language, _INTRO_LATER["nl"])
    for turn in customer:
        # Only the opening words of a turn: "ik heb gesproken met Fatima" names the agent.
        opening = turn.text[:200]
        # The first alternative is anchored at the start; the second needs its key words.
        m = intro.match(opening)
        if m is None:
            lower = opening.lower()
            if any(word in lower for word in later):
                m = intro.search(opening)
        name = m and (m.group(1) or m.group(2))
        if name and name.split()[0] not in _NOT_A_NAME:
            return name.rstrip(".,!?")
    for turn in customer:
        # A sign-off is followed by a line break.
        m = _SIGN_OFF.search(turn.text) if "\n" in turn.text else None
        if m and m.group(1).split()[0] not in _NOT_A_NAME:
            return m.group(1).rstrip(".,!?")
    return None


def _what(signals: Sequence[Signal], turns: Sequence[Turn], *, skip: str = "") -> str | None:
    ranked = sorted(
        (s for s in signals if s.type in _TOPIC_ORDER),
        key=lambda s: (s.strength != "explicit", _TOPIC_ORDER.index(s.type), s.turn),
    )
    by_index = {t.index: t for t in turns}
    for signal in ranked:
        sentence = _sentence_at(by_index[signal.turn].text, signal.span[0])
        if sentence.rstrip(".!?") not in skip:
            return sentence
    # No signal: the customer's first question, else the first sentence of substance.
    sentences = [
        _trim(turn.text[start:end])
        for turn in turns
        if turn.speaker == "customer"
        for start, end in _sentence_spans(turn.text)
    ]
    sentences = [s for s in sentences if s and s.rstrip(".!?") not in skip]
    question = next((s for s in sentences if s.endswith("?") and len(s.split()) >= 4), None)
    return question or next((s for s in sentences if len(s.split()) >= 6), None)


def _agreed(behaviours: Sequence[Behaviour], turns: dict[int, Turn]) -> str | None:
    promises = [b for b in behaviours if b.type == "promise"]
    if not promises:
        return None
    last = promises[-1]
    return _sentence_at(turns[last.turn].text, last.span[0])
