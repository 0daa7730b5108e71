"""A short extractive summary of a conversation: who, about what, and what was agreed.

Extractive on purpose: every sentence is the customer's or the agent's own, chosen by the
signals and behaviours the engine heard, so the summary never claims what was not said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Analysis, Behaviour, Signal, Summary, Turn

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
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
    labels = _LABELS.get(analysis.language, _LABELS["nl"])
    turns = {t.index: t for t in analysis.turns}
    who = _who(analysis.signals, turns)
    what = _what(analysis.signals, analysis.turns)
    agreed = _agreed(analysis.behaviours, turns)
    parts = [f"{labels['who']}: {(who or labels['customer']).rstrip('.!?')}."]
    if what:
        parts.append(f"{labels['what']}: {what}")
    if agreed:
        parts.append(f"{labels['agreed']}: {agreed}")
    return Summary(who=who, what=what, agreed=agreed, text=" ".join(parts))


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` around character ``offset``, trimmed to a readable length."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= offset < max(m.end(), m.start() + 1):
            return _trim(m.group())
    return _trim(text)


def _trim(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) > _MAX_SENTENCE:
        sentence = sentence[: _MAX_SENTENCE - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def _who(signals: Sequence[Signal], turns: dict[int, Turn]) -> str | None:
    for s in signals:
        if s.type == "third_party" and s.strength == "explicit":
            return _sentence_at(turns[s.turn].text, s.span[0])
    return None


def _what(signals: Sequence[Signal], turns: Sequence[Turn]) -> str | None:
    ranked = sorted(
        (s for s in signals if s.type in _TOPIC_ORDER),
        key=lambda s: (s.strength != "explicit", _TOPIC_ORDER.index(s.type), s.turn),
    )
    by_index = {t.index: t for t in turns}
    if ranked:
        first = ranked[0]
        return _sentence_at(by_index[first.turn].text, first.span[0])
    # No signal: the customer's first sentence that asks or tells something of substance.
    for turn in turns:
        if turn.speaker != "customer":
            continue
        sentences = [m.group() for m in _SENTENCE.finditer(turn.text)]
        for sentence in sentences:
            if "?" in sentence or len(sentence.split()) >= 6:
                return _trim(sentence)
    return None


def _agreed(behaviours: Sequence[Behaviour], turns: dict[int, Turn]) -> str | None:
    promises = [b for b in behaviours if b.type == "promise"]
    if not promises:
        return None
    last = promises[-1]
    return _sentence_at(turns[last.turn].text, last.span[0])
