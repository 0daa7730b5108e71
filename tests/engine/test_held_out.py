"""Phrasings first met in the demo conversations, which the packs were not written from.

Each case is a new sentence in the same construction, so the test proves the construction is
heard, not the demo sentence.
"""

from __future__ import annotations

import pytest

from signaal.engine import Conversation, Listener, Turn


def _signals(listener: Listener, text: str, lang: str = "nl") -> set[str]:
    turns = (Turn(0, "customer", text),)
    analysis = listener.analyze(Conversation(id="t", turns=turns), language=lang)
    return {s.type for s in analysis.signals}


def _behaviours(listener: Listener, text: str) -> set[str]:
    turns = (Turn(0, "customer", "Goedemiddag."), Turn(1, "agent", text))
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    return {b.type for b in analysis.behaviours}


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        # An e-mail wrapped at a fixed width is still one sentence.
        ("Ik heb de brief gelezen maar ik snap\nniet wat ik moet doen.", "nl", "confusion"),
        ("The letter is long and I honestly do not\nunderstand what it says.", "en", "confusion"),
        ("Wij kunnen de nota echt niet\nin een keer betalen.", "nl", "financial_distress"),
    ],
)
def test_a_single_line_break_does_not_end_the_sentence(
    listener: Listener, text: str, lang: str, kind: str
) -> None:
    assert kind in _signals(listener, text, lang)


def test_a_blank_line_ends_the_sentence(listener: Listener) -> None:
    assert "financial_distress" not in _signals(listener, "Ik kan niet\n\nbetalen via de app.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dat bedrag kunnen wij niet iedere maand betalen.", "financial_distress"),
        ("Mijn moeder is slecht ter been en komt de deur bijna niet uit.", "vulnerability"),
        ("Ik ben niet zo goed meer ter been.", "vulnerability"),
        ("Eerlijk gezegd word ik er totaal niet wijs uit.", "confusion"),
        ("Ik weet niet eens welk tarief wij hebben.", "confusion"),
        ("Vorige maand heb ik met iemand van jullie gesproken over de storing.", "repeat_contact"),
        ("Ik heb dit in maart al per mail gemeld bij jullie.", "repeat_contact"),
        (
            "Ik heb gisteren via het contactformulier op de site een vraag over de meter gesteld.",
            "repeat_contact",
        ),
        ("Dat is wat ons in januari ook werd beloofd.", "broken_promise"),
        ("De buren zitten bij een andere leverancier en zijn veel goedkoper uit.", "churn_risk"),
    ],
)
def test_heard(listener: Listener, text: str, kind: str) -> None:
    assert kind in _signals(listener, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "eerlijk gezegd" is "honestly", not something the company said.
        ("Ik vind het eerlijk gezegd een raar bedrag.", "broken_promise"),
        ("Ik maak me er eerlijk gezegd wel zorgen over.", "broken_promise"),
        # Someone else's business, not waiting on the company.
        ("De uitkering van mijn vader is nog niet geregeld.", "broken_promise"),
        # Living with someone is no life event; coming to live with someone is.
        ("Mijn schoonmoeder woont bij ons in en helpt met de kinderen.", "life_event"),
        # Not knowing a number by heart is not being on the road.
        ("Mijn klantnummer weet ik niet uit mijn hoofd.", "on_the_move"),
        # A relative with another supplier is not the customer comparing.
        ("Mijn zoon zit nu bij een andere leverancier maar dat regelt hij zelf.", "churn_risk"),
    ],
)
def test_not_heard(listener: Listener, text: str, kind: str) -> None:
    assert kind not in _signals(listener, text)


def test_coming_to_live_with_someone_is_a_life_event(listener: Listener) -> None:
    assert "life_event" in _signals(listener, "Mijn vader komt volgende maand bij ons inwonen.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dat kan ik me indenken: zo'n brief waar u niet op zat te wachten.", "empathy"),
        ("Uw auto in de garage, en dan ook nog een kind met koorts.", "empathy"),
        ("Dan wilt u natuurlijk snel weten waar u aan toe bent.", "empathy"),
        ("Ik heb even meegelezen: u heeft sinds gisteren geen internet.", "summary"),
        ("Ik zie het al: de betaling is twee keer afgeschreven.", "explanation"),
    ],
)
def test_agent_behaviour_heard(listener: Listener, text: str, kind: str) -> None:
    assert kind in _behaviours(listener, text)


def test_saying_back_how_often_they_had_to_call_picks_up_the_repeat(listener: Listener) -> None:
    turns = (
        Turn(0, "customer", "Ik heb vorige maand ook al gebeld over de aansluiting."),
        Turn(1, "agent", "Vervelend dat u daar drie keer voor moest bellen. Ik regel het nu."),
    )
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    kinds = {analysis.signals[p.signal_index].type: p.picked_up for p in analysis.pickup}
    assert kinds.get("repeat_contact") is True


@pytest.mark.parametrize(
    ("customer", "flagged"),
    [
        # A neutral request: asking for the number is simply the next step.
        ("Ik wil graag mijn adres wijzigen.", False),
        # A turn that carried a signal: asking for the number skips past it.
        ("Mijn moeder is vorige week overleden en nu krijg ik haar rekeningen.", True),
        ("De wifi ligt er al vijf dagen uit!", True),
    ],
)
def test_identification_first_only_skips_past_something_said(
    listener: Listener, customer: str, flagged: bool
) -> None:
    turns = (Turn(0, "customer", customer), Turn(1, "agent", "Wat is uw klantnummer?"))
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    kinds = {b.type for b in analysis.behaviours}
    assert ("identification_first" in kinds) is flagged


def test_evidence_leaves_out_the_full_stop_a_pattern_used_as_a_boundary(
    listener: Listener,
) -> None:
    text = "I am calling on behalf of my father. He cannot hear well."
    turns = (Turn(0, "customer", text),)
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="en")
    third = next(s for s in analysis.signals if s.type == "third_party")
    assert third.text == "on behalf of my father"
    assert text[third.span[0] : third.span[1]] == third.text
