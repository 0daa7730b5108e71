"""Matches the packs cancel with ``unless``, and a worry picked up about its object.

Fresh sentences for each construction; the demo stories hold the original cases.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from signaal.engine import Conversation, Listener, Turn


@pytest.mark.parametrize(
    ("kind", "language", "text", "heard"),
    [
        ("urgency", "nl", "Zo snel mogelijk, zei u. Dat zei u vorige week ook al.", False),
        ("urgency", "nl", "Ik heb het zo snel mogelijk nodig, de verhuizing is morgen.", True),
        ("repeat_contact", "nl", "Die herinnering heb ik al drie keer weggegooid.", False),
        ("repeat_contact", "nl", "Ik heb al drie keer gebeld hierover.", True),
        (
            "human_request",
            "nl",
            "Ik heb twee keer gemaild en krijg steeds hetzelfde standaardantwoord.",
            False,
        ),
        ("gratitude", "en", "A reply in English would be greatly appreciated.", False),
        ("gratitude", "en", "Thanks so much for sorting it out.", True),
        # Sarcasm, a promise kept, the customer's own mistake (Dutch packs).
        ("gratitude", "nl", "Nou, wat een service weer. Super hoor.", False),
        ("gratitude", "nl", "Wat een service, echt top!", True),
        ("broken_promise", "nl", "De monteur zou vandaag komen en hij is er.", False),
        ("broken_promise", "nl", "Jullie zouden me bellen en dat is netjes gebeurd.", False),
        ("broken_promise", "nl", "De monteur zou vandaag komen en is er nog steeds niet.", True),
        ("complaint", "nl", "Ik heb zelf het verkeerde rekeningnummer opgegeven.", False),
        ("complaint", "nl", "Ik heb per ongeluk de verkeerde datum gekozen.", False),
        # English look-alikes of everyday speech (packs/en/signals.yaml, signals_3.yaml).
        ("gratitude", "en", "I'd be grateful if you could post it instead.", False),
        ("idea", "en", "You could have warned me before the visit.", False),
        ("idea", "en", "It would be great if you could ring me back after five.", False),
        ("repeat_contact", "en", "I rang my sister yesterday about the parking permit.", False),
        ("repeat_contact", "en", "I'll ring again if the noise comes back.", False),
        ("life_event", "en", "My wife passed the receiver to me, she's in the bath.", False),
        ("urgency", "en", "How do I report a power cut in general?", False),
        ("escalation", "en", "Where exactly is your head office based?", False),
        ("escalation", "en", "I'm taking this to your head office.", True),
        ("confusion", "en", "I didn't get the confirmation email yet.", False),
        ("confusion", "en", "I don't understand the letter at all.", True),
        ("financial_distress", "en", "The money left my account on Friday.", False),
        ("churn_risk", "en", "We're thinking of moving abroad next year.", False),
        ("churn_risk", "en", "I'm thinking of cancelling the booking for March.", False),
        ("human_request", "en", "I spoke to a very kind person on Monday.", False),
        ("broken_promise", "en", "You promised it by Friday and it came, so all good.", False),
        ("broken_promise", "en", "You said it would be ready by Friday and it isn't.", True),
    ],
)
def test_unless_cancels_only_the_look_alike(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    language: str,
    text: str,
    heard: bool,
) -> None:
    assert (kind in customer_signals(text, language)) is heard


def test_a_worry_answered_about_its_object_is_picked_up(listener: Listener) -> None:
    turns = (
        Turn(0, "customer", "En de vriezer dan? Ik ben bang dat alles ontdooit."),
        Turn(1, "agent", "Een dichte vriezer houdt het zeker een dag vol, laat hem dicht."),
    )
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    [worry] = [p for p in analysis.pickup if analysis.signals[p.signal_index].type == "worry"]
    assert worry.picked_up and worry.reason == "echo:vriezer"


def test_an_answer_about_something_else_leaves_the_worry_missed(listener: Listener) -> None:
    turns = (
        Turn(0, "customer", "En de vriezer dan? Ik ben bang dat alles ontdooit."),
        Turn(1, "agent", "Mag ik uw postcode en huisnummer?"),
    )
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    assert [p.picked_up for p in analysis.pickup] == [False]
