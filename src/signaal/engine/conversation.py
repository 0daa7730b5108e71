"""Conversation-level listening: the opening, pick-up of signals, late discoveries and
whether the agent asked for identification before acknowledging anything."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .model import Behaviour, Conversation, LateDiscovery, Opening, Pickup, Signal, Turn

# How many later agent turns may respond to a signal before it counts as missed.
PICKUP_WINDOW = 3
# Signals about how the customer feels or is doing: an agent's own-words empathy or an apology
# responds to them even when it does not name the signal.
FEELING_SIGNALS = frozenset(
    {
        "frustration",
        "worry",
        "life_event",
        "financial_distress",
        "vulnerability",
        "broken_promise",
        "complaint",
        "confusion",
        "urgency",
        "escalation",
        "churn_risk",
    }
)
ACKNOWLEDGING_BEHAVIOURS = frozenset({"empathy", "summary", "open_question", "apology"})
CUSTOMER_SIDE = frozenset({"customer", "third_party"})


@dataclass(frozen=True, slots=True)
class AgentTurnEvidence:
    """What one agent turn said that matters for pick-up and identification."""

    behaviours: frozenset[str]
    pickup_types: Mapping[str, str]  # signal type -> pattern id
    lemmas: frozenset[str]
    acknowledgement_at: int | None  # char offset of the first acknowledging phrase
    identity_request: tuple[int, int, str] | None  # span and pattern id


def opening_turns(conversation: Conversation, *, seconds: float) -> tuple[int, ...]:
    """The turns of the opening: the first N seconds of a call, or the first exchange in writing."""
    turns = conversation.turns
    if conversation.is_spoken:
        out: list[int] = []
        for turn in turns:
            if turn.start is None:
                # A turn without a time belongs to the opening if the one before it did.
                if out and out[-1] == turn.index - 1:
                    out.append(turn.index)
                continue
            if turn.start < seconds:
                out.append(turn.index)
        return tuple(out)
    # In writing: the first customer message (several messages in a row count as one) and the
    # first agent reply to it. What the customer tells a bot in between is not the opening:
    # the agent who takes over reads it, but it was not the first thing said.
    out = []
    phase = "before"  # before the customer wrote, in the first message, or after it
    for turn in turns:
        if phase == "before":
            out.append(turn.index)
            if turn.speaker in CUSTOMER_SIDE:
                phase = "first"
        elif phase == "first" and turn.speaker in CUSTOMER_SIDE:
            out.append(turn.index)
        else:
            phase = "after"
            if turn.speaker == "agent":
                out.append(turn.index)
                break
    return tuple(out)


def build_opening(
    conversation: Conversation, signals: Sequence[Signal], *, seconds: float
) -> Opening:
    """The opening and the signal types heard in it, in order of first appearance."""
    turns = opening_turns(conversation, seconds=seconds)
    inside = set(turns)
    types: list[str] = []
    for signal in signals:
        if signal.turn in inside and signal.type not in types:
            types.append(signal.type)
    return Opening(
        seconds=seconds if conversation.is_spoken else None,
        turns=turns,
        signals=tuple(types),
    )


def find_pickups(
    turns: Sequence[Turn],
    signals: Sequence[Signal],
    agent: Mapping[int, AgentTurnEvidence],
    evidence_lemmas: Sequence[frozenset[str]],
    *,
    raised_again_missed: bool = False,
) -> tuple[Pickup, ...]:
    """For each customer signal followed by an agent turn: was it responded to, and where.

    With ``raised_again_missed`` only the agent turns before the customer raises the same type
    again can pick a signal up (the pack's ``pickup: raised_again: missed``).
    """
    agent_turns = [t.index for t in turns if t.speaker == "agent"]
    out: list[Pickup] = []
    for i, signal in enumerate(signals):
        later = [t for t in agent_turns if t > signal.turn][:PICKUP_WINDOW]
        if not later:
            continue  # nobody spoke after it: nothing was missed
        if raised_again_missed:
            again = min(
                (s.turn for s in signals if s.type == signal.type and s.turn > signal.turn),
                default=None,
            )
            if again is not None:
                later = [t for t in later if t < again]
        by_turn: int | None = None
        reason: str | None = None
        for t in later:
            reason = _responds(signal, agent[t], evidence_lemmas[i])
            if reason:
                by_turn = t
                break
        out.append(
            Pickup(
                signal_index=i,
                picked_up=by_turn is not None,
                by_turn=by_turn,
                reason=reason if by_turn is not None else None,
            )
        )
    return tuple(out)


def _responds(signal: Signal, turn: AgentTurnEvidence, lemmas: frozenset[str]) -> str | None:
    pattern = turn.pickup_types.get(signal.type)
    if pattern:
        return f"pattern:{pattern}"
    echoed = lemmas & turn.lemmas
    if echoed:
        return "echo:" + ",".join(sorted(echoed))
    if signal.type in FEELING_SIGNALS:
        for behaviour in ("empathy", "apology"):
            if behaviour in turn.behaviours:
                return behaviour
    return None


def find_late_discoveries(signals: Sequence[Signal], opening: Opening) -> tuple[LateDiscovery, ...]:
    """Types hinted in the opening that only became explicit after it."""
    inside = set(opening.turns)
    out: list[LateDiscovery] = []
    done: set[str] = set()
    for signal in signals:
        if signal.type in done or signal.strength != "hint" or signal.turn not in inside:
            continue
        same = [s for s in signals if s.type == signal.type and s.strength == "explicit"]
        if any(s.turn in inside for s in same):
            continue
        after = [s.turn for s in same if s.turn not in inside and s.turn > signal.turn]
        if after:
            out.append(LateDiscovery(signal.type, signal.turn, min(after)))
            done.add(signal.type)
    return tuple(out)


def find_identification_first(
    turns: Sequence[Turn],
    agent: Mapping[int, AgentTurnEvidence],
    signal_turns: Collection[int] | None = None,
) -> Behaviour | None:
    """The agent turn that asked for identification while the customer's words went unheard.

    It counts when the customer's turn just before carried a signal (``signal_turns``; every
    customer turn when not given) and the agent acknowledged nothing before asking. Asking for
    a customer number after a neutral request ("Natuurlijk. Wat is uw klantnummer?") is fine.
    """
    heard = False  # a signal in the customer's words since the agent last spoke
    for turn in turns:
        if turn.speaker in CUSTOMER_SIDE:
            heard = heard or signal_turns is None or turn.index in signal_turns
            continue
        if turn.speaker != "agent":
            continue
        ev = agent[turn.index]
        if not heard:
            # Before the customer said anything to listen to there is nothing to skip past.
            continue
        heard = False
        request = ev.identity_request
        if request is not None:
            start, end, pattern = request
            if ev.acknowledgement_at is not None and ev.acknowledgement_at < start:
                return None
            return Behaviour(
                type="identification_first",
                turn=turn.index,
                span=(start, end),
                text=turn.text[start:end],
                start=turn.start,
                pattern=pattern,
            )
        if ev.acknowledgement_at is not None:
            return None
    return None
