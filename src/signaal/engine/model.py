"""Immutable data objects of the listening engine: conversations in, analyses out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Speaker = Literal["customer", "agent", "bot", "third_party"]
SPEAKERS: tuple[Speaker, ...] = ("customer", "agent", "bot", "third_party")
Strength = Literal["hint", "explicit"]
LexiconKind = Literal["discouraged", "encouraged"]

SIGNAL_TYPES: tuple[str, ...] = (
    "frustration",
    "worry",
    "gratitude",
    "repeat_contact",
    "third_party",
    "on_the_move",
    "life_event",
    "financial_distress",
    "vulnerability",
    "confusion",
    "churn_risk",
    "escalation",
    "urgency",
    "human_request",
    "broken_promise",
    "complaint",
    "idea",
)

BEHAVIOUR_TYPES: tuple[str, ...] = (
    "empathy",
    "generic_empathy",
    "open_question",
    "summary",
    "identification_first",
    "doubt_language",
    "promise",
    "apology",
    "explanation",
    "choice_offered",
)


@dataclass(frozen=True, slots=True)
class Turn:
    """One utterance: who said it, what, and when (seconds from the start, if known)."""

    index: int
    speaker: Speaker
    text: str
    start: float | None = None
    # 1-based line in the source file, for error messages and evaluation annotations.
    line: int | None = None
    # Free-form annotations carried by corpus files (gold labels); ignored by the analysis.
    annotations: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Conversation:
    """A conversation as read from a file: an id, its channel and its turns in order."""

    id: str
    turns: tuple[Turn, ...]
    channel: str | None = None
    language: str | None = None
    source: str | None = None
    annotations: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def is_spoken(self) -> bool:
        """True when the turns carry times (a call or video transcript)."""
        return any(t.start is not None for t in self.turns)


@dataclass(frozen=True, slots=True)
class Signal:
    """Something the engine heard in a customer turn, with its evidence."""

    type: str
    strength: Strength
    turn: int
    span: tuple[int, int]
    text: str
    speaker: Speaker
    start: float | None = None
    # The id of the pattern that matched, so a person can see *why*.
    pattern: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {
            "type": self.type,
            "strength": self.strength,
            "turn": self.turn,
            "start": self.start,
            "span": list(self.span),
            "text": self.text,
            "speaker": self.speaker,
            "pattern": self.pattern,
        }


@dataclass(frozen=True, slots=True)
class Behaviour:
    """Something the engine heard in an agent turn, with its evidence."""

    type: str
    turn: int
    span: tuple[int, int]
    text: str
    start: float | None = None
    pattern: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {
            "type": self.type,
            "turn": self.turn,
            "start": self.start,
            "span": list(self.span),
            "text": self.text,
            "pattern": self.pattern,
        }


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """An encouraged or discouraged phrase found in an agent turn or a draft."""

    id: str
    kind: LexiconKind
    turn: int | None
    span: tuple[int, int]
    text: str
    advice: str
    alternative: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {
            "id": self.id,
            "kind": self.kind,
            "turn": self.turn,
            "span": list(self.span),
            "text": self.text,
            "advice": self.advice,
            "alternative": self.alternative,
        }


@dataclass(frozen=True, slots=True)
class PiiHit:
    """A piece of personal data in a turn; the value itself is in ``text``."""

    type: str
    turn: int
    span: tuple[int, int]
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape; the value is left out so the output never repeats it."""
        return {"type": self.type, "turn": self.turn, "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Opening:
    """The opening of a conversation and the signals heard in it."""

    seconds: float | None
    turns: tuple[int, ...]
    signals: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {"seconds": self.seconds, "turns": list(self.turns), "signals": list(self.signals)}


@dataclass(frozen=True, slots=True)
class Pickup:
    """Whether an agent turn responded to a customer signal."""

    signal_index: int
    picked_up: bool
    by_turn: int | None = None
    # How the pick-up was recognised: "echo", "pattern:<id>", "empathy", ...
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {
            "signal_index": self.signal_index,
            "picked_up": self.picked_up,
            "by_turn": self.by_turn,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class LateDiscovery:
    """A signal hinted in the opening that only became explicit later."""

    type: str
    hint_turn: int
    explicit_turn: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md section 4."""
        return {"type": self.type, "hint_turn": self.hint_turn, "explicit_turn": self.explicit_turn}


@dataclass(frozen=True, slots=True)
class Summary:
    """A short extractive summary: who, about what, and what was agreed."""

    who: str | None
    what: str | None
    agreed: str | None
    text: str
    # The parts of ``who``: the name the customer gave, and the sentence saying for whom they
    # contact (a daughter calling for her mother).
    name: str | None = None
    on_behalf: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "who": self.who,
            "what": self.what,
            "agreed": self.agreed,
            "text": self.text,
            "name": self.name,
            "on_behalf": self.on_behalf,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the engine heard in one conversation."""

    conversation_id: str
    language: str
    channel: str | None
    turns: tuple[Turn, ...]
    signals: tuple[Signal, ...]
    behaviours: tuple[Behaviour, ...]
    opening: Opening
    pickup: tuple[Pickup, ...]
    late_discoveries: tuple[LateDiscovery, ...]
    lexicon: tuple[LexiconHit, ...]
    pii: tuple[PiiHit, ...]
    summary: Summary | None = None
    redacted: bool = False

    @property
    def missed(self) -> tuple[Signal, ...]:
        """Customer signals no agent turn responded to."""
        return tuple(self.signals[p.signal_index] for p in self.pickup if not p.picked_up)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of DESIGN.md section 4 for this conversation."""
        return {
            "conversation_id": self.conversation_id,
            "language": self.language,
            "channel": self.channel,
            "signals": [s.to_dict() for s in self.signals],
            "behaviours": [b.to_dict() for b in self.behaviours],
            "opening": self.opening.to_dict(),
            "pickup": [p.to_dict() for p in self.pickup],
            "late_discoveries": [d.to_dict() for d in self.late_discoveries],
            "lexicon": [h.to_dict() for h in self.lexicon],
            "pii": [p.to_dict() for p in self.pii],
            "summary": self.summary.to_dict() if self.summary else None,
            "redacted": self.redacted,
        }
