"""Conversation-level listening: opening, pick-up, late discovery, identification first."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaal.engine import Listener
from signaal.engine.conversation import (
    AgentTurnEvidence,
    build_opening,
    find_identification_first,
    find_late_discoveries,
    find_pickups,
    opening_turns,
)
from signaal.engine.model import Conversation, Signal, Turn


def conv(*turns: tuple[str, str, float | None]) -> Conversation:
    return Conversation(
        id="c",
        turns=tuple(
            Turn(index=i, speaker=s, text=t, start=at) for i, (s, t, at) in enumerate(turns)
        ),  # type: ignore[arg-type]
    )


def signal(type_: str, turn: int, strength: str = "explicit", text: str = "x") -> Signal:
    return Signal(
        type=type_, strength=strength, turn=turn, span=(0, len(text)), text=text, speaker="customer"
    )  # type: ignore[arg-type]


def evidence(**kw: object) -> AgentTurnEvidence:
    base: dict[str, object] = dict(
        behaviours=frozenset(),
        pickup_types={},
        lemmas=frozenset(),
        acknowledgement_at=None,
        identity_request=None,
    )
    base.update(kw)
    return AgentTurnEvidence(**base)  # type: ignore[arg-type]


def test_call_opening_is_the_first_seconds() -> None:
    c = conv(
        ("agent", "Goedemorgen", 0.0),
        ("customer", "Hallo", 4.0),
        ("agent", "Ja?", 29.5),
        ("customer", "Nou", 31.0),
    )
    assert opening_turns(c, seconds=30) == (0, 1, 2)
    assert opening_turns(c, seconds=5) == (0, 1)


def test_written_opening_is_first_customer_message_and_first_reply() -> None:
    c = conv(
        ("bot", "Waarmee kan ik helpen?", None),
        ("customer", "a", None),
        ("customer", "b", None),
        ("agent", "c", None),
        ("customer", "d", None),
    )
    assert opening_turns(c, seconds=30) == (0, 1, 2, 3)


def test_written_opening_leaves_out_what_the_customer_told_a_bot() -> None:
    c = conv(
        ("bot", "Waarmee kan ik helpen?", None),
        ("customer", "mijn factuur", None),
        ("bot", "Bedoel je: factuur bekijken?", None),
        ("customer", "nee ik wil een mens", None),
        ("agent", "Hoi, je spreekt met Sam.", None),
        ("customer", "eindelijk", None),
    )
    assert opening_turns(c, seconds=30) == (0, 1, 4)
    bot_only = conv(("customer", "a", None), ("bot", "b", None), ("customer", "c", None))
    assert opening_turns(bot_only, seconds=30) == (0,)


def test_opening_signals_in_order_without_duplicates() -> None:
    c = conv(("customer", "a", 1.0), ("customer", "b", 10.0), ("customer", "c", 40.0))
    signals = [
        signal("worry", 0),
        signal("third_party", 1),
        signal("worry", 1),
        signal("urgency", 2),
    ]
    opening = build_opening(c, signals, seconds=30)
    assert opening.signals == ("worry", "third_party")
    assert opening.seconds == 30


def test_pickup_by_pattern_echo_and_empathy_and_missed() -> None:
    c = conv(("customer", "x", None), ("agent", "y", None), ("agent", "z", None))
    signals = [
        signal("third_party", 0),
        signal("on_the_move", 0),
        signal("worry", 0),
        signal("idea", 0),
    ]
    agent = {
        1: evidence(pickup_types={"third_party": "p1"}),
        2: evidence(lemmas=frozenset({"auto"}), behaviours=frozenset({"empathy"})),
    }
    lemmas = [frozenset({"moeder"}), frozenset({"auto"}), frozenset(), frozenset({"app"})]
    pickups = find_pickups(c.turns, signals, agent, lemmas)
    assert [(p.picked_up, p.by_turn, p.reason) for p in pickups] == [
        (True, 1, "pattern:p1"),
        (True, 2, "echo:auto"),
        (True, 2, "empathy"),
        (False, None, None),
    ]


def test_signal_without_a_later_agent_turn_is_not_judged() -> None:
    c = conv(("agent", "a", None), ("customer", "b", None))
    assert find_pickups(c.turns, [signal("worry", 1)], {0: evidence()}, [frozenset()]) == ()


def test_pickup_window_is_three_agent_turns() -> None:
    c = conv(("customer", "x", None), *[("agent", "a", None)] * 4)
    agent = {i: evidence() for i in range(1, 4)}
    agent[4] = evidence(pickup_types={"worry": "late"})
    [p] = find_pickups(c.turns, [signal("worry", 0)], agent, [frozenset()])
    assert not p.picked_up


def test_late_discovery_hint_in_opening_explicit_later() -> None:
    c = conv(("customer", "a", 1.0), ("agent", "b", 10.0), ("customer", "c", 60.0))
    signals = [signal("life_event", 0, "hint"), signal("life_event", 2)]
    opening = build_opening(c, signals, seconds=30)
    [late] = find_late_discoveries(signals, opening)
    assert (late.type, late.hint_turn, late.explicit_turn) == ("life_event", 0, 2)
    # Explicit already in the opening: nothing was discovered late.
    signals.append(signal("life_event", 0))
    assert find_late_discoveries(signals, build_opening(c, signals, seconds=30)) == ()


def test_identification_first_before_any_acknowledgement() -> None:
    c = conv(
        ("customer", "Mijn moeder is overleden", None), ("agent", "Wat is uw klantnummer?", None)
    )
    agent = {1: evidence(identity_request=(10, 21, "id.number"))}
    b = find_identification_first(c.turns, agent)
    assert b is not None and (b.turn, b.text, b.pattern) == (1, "klantnummer", "id.number")


def test_no_identification_first_before_the_customer_spoke() -> None:
    c = conv(("agent", "Wat is uw klantnummer?", None), ("customer", "123", None))
    agent = {0: evidence(identity_request=(0, 21, "p"))}
    assert find_identification_first(c.turns, agent) is None


def test_no_identification_first_after_acknowledging() -> None:
    c = conv(("customer", "x", None), ("agent", "ack", None), ("agent", "id", None))
    agent = {1: evidence(acknowledgement_at=0), 2: evidence(identity_request=(0, 2, "p"))}
    assert find_identification_first(c.turns, agent) is None
    same_turn = {1: evidence(acknowledgement_at=0, identity_request=(10, 12, "p")), 2: evidence()}
    assert find_identification_first(c.turns, same_turn) is None


PACK = """
sets:
  kin: [moeder, vader]
signals:
  x_kin:
    patterns:
      - id: x_kin.namens
        match: "namens mijn @kin"
      - id: x_kin.passing
        strength: hint
        match: "mijn @kin"
markers:
  identity_request:
    patterns:
      - id: x.id
        match: "wat is uw klantnummer"
"""


@pytest.fixture(scope="module")
def listener(tmp_path_factory: pytest.TempPathFactory) -> Listener:
    root: Path = tmp_path_factory.mktemp("pack")
    (root / "nl").mkdir()
    (root / "nl" / "test.yaml").write_text(PACK, encoding="utf-8")
    return Listener(pack_dirs=[root])


def test_whole_conversation_through_the_listener(listener: Listener) -> None:
    c = Conversation(
        id="call",
        language="nl",
        turns=(
            Turn(0, "agent", "Goedemorgen, u spreekt met Sanne.", start=0.0),
            Turn(1, "customer", "Eh, het gaat over mijn moeder.", start=6.0),
            Turn(2, "agent", "Wat is uw klantnummer?", start=12.0),
            Turn(3, "customer", "Ik bel namens mijn moeder, zij kan niet bellen.", start=45.0),
            Turn(4, "agent", "Fijn dat u dat voor uw moeder doet.", start=52.0),
        ),
    )
    a = listener.analyze(c)
    mine = [s for s in a.signals if s.type == "x_kin"]
    assert [(s.turn, s.strength, s.text) for s in mine] == [
        (1, "hint", "mijn moeder"),
        (3, "explicit", "namens mijn moeder"),
    ]
    assert a.opening.turns == (0, 1, 2)
    assert "x_kin" in a.opening.signals
    assert [
        (d.type, d.hint_turn, d.explicit_turn) for d in a.late_discoveries if d.type == "x_kin"
    ] == [("x_kin", 1, 3)]
    ids = [b for b in a.behaviours if b.type == "identification_first"]
    assert [(b.turn, b.text) for b in ids] == [(2, "Wat is uw klantnummer")]
    by_signal = {
        a.signals[p.signal_index].turn: p
        for p in a.pickup
        if a.signals[p.signal_index].type == "x_kin"
    }
    assert by_signal[3].picked_up and by_signal[3].by_turn == 4
    assert by_signal[3].reason == "echo:moederen" or by_signal[3].reason.startswith("echo:")
    for s in a.signals:
        assert a.turns[s.turn].text[s.span[0] : s.span[1]] == s.text


def test_no_identification_first_after_a_neutral_request() -> None:
    c = conv(
        ("customer", "Ik wil mijn adres wijzigen.", None),
        ("agent", "Natuurlijk. Wat is uw klantnummer?", None),
    )
    agent = {1: evidence(identity_request=(12, 33, "p"))}
    assert find_identification_first(c.turns, agent, signal_turns=set()) is None
    # The same question right after a signal skips past what the customer said.
    b = find_identification_first(c.turns, agent, signal_turns={0})
    assert b is not None and b.turn == 1


def test_identification_first_judges_the_turn_before_each_question() -> None:
    c = conv(
        ("customer", "Ik wil iets vragen.", None),
        ("agent", "Natuurlijk, vertel.", None),
        ("customer", "Mijn vader is overleden.", None),
        ("agent", "Wat is zijn klantnummer?", None),
    )
    agent = {1: evidence(), 3: evidence(identity_request=(0, 23, "p"))}
    b = find_identification_first(c.turns, agent, signal_turns={2})
    assert b is not None and b.turn == 3


def test_raised_again_before_any_response_is_missed_when_the_pack_says_so() -> None:
    # The customer says it, the agent asks for a number, the customer has to say it again,
    # then the agent responds: the response answers the second time, not the first.
    c = conv(
        ("customer", "worried", None),
        ("agent", "number?", None),
        ("customer", "worried again", None),
        ("agent", "I hear you", None),
    )
    signals = [signal("worry", 0), signal("worry", 2)]
    agent = {1: evidence(), 3: evidence(pickup_types={"worry": "p"})}
    lemmas = [frozenset(), frozenset()]
    english = find_pickups(c.turns, signals, agent, lemmas, raised_again_missed=True)
    assert [(p.picked_up, p.by_turn) for p in english] == [(False, None), (True, 3)]
    dutch = find_pickups(c.turns, signals, agent, lemmas)
    assert [(p.picked_up, p.by_turn) for p in dutch] == [(True, 3), (True, 3)]


def test_the_english_pack_misses_a_signal_raised_again(listener: Listener) -> None:
    c = conv(
        ("customer", "I'm really worried about the letter from the bailiff.", None),
        ("agent", "Can I have your account number?", None),
        ("customer", "It's 4471. I'm honestly so worried about it.", None),
        ("agent", "I can hear how worried you are. Let's look at the letter together.", None),
    )
    analysis = listener.analyze(c, language="en")
    worry = [i for i, s in enumerate(analysis.signals) if s.type == "worry"]
    by_signal = {p.signal_index: p for p in analysis.pickup}
    assert [by_signal[i].picked_up for i in worry] == [False, True]
