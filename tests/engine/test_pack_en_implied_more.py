"""More English signals and behaviours said without their usual words (packs/en/signals_3.yaml,
en/behaviours_2.yaml). Fresh sentences of our own, none from any held-out set, with
look-alikes that must stay unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "My refund is still pending 🙄"),
        ("frustration", "I'm at my wits' end with this boiler."),
        ("frustration", "Thanks a bunch, the parcel went back to the depot again."),
        ("frustration", "So when is the plumber actually coming?"),
        ("urgency", "The wedding is on Saturday and the suit still hasn't arrived."),
        ("worry", "Is he going to be okay?"),
        ("financial_distress", "I was made redundant in March."),
        ("financial_distress", "There's a letter from a debt collector on the mat."),
        ("repeat_contact", "I'm calling again about the broken gate."),
        ("repeat_contact", "Nobody replied to my message last week."),
        ("churn_risk", "I'm seriously thinking of switching to another provider."),
        ("third_party", "My nan passed away, so her subscription needs to stop."),
        ("third_party", "I'm worried about my dad, he lives alone."),
        ("life_event", "She was diagnosed with dementia last spring."),
        ("vulnerability", "I'm not great with computers, to be honest."),
        ("gratitude", "That was sorted quicker than I expected."),
        ("confusion", "Wait so is the fee monthly or yearly?"),
        ("on_the_move", "Sorry, the signal is really bad out here."),
        ("idea", "Why don't you just have a live chat like every other shop?"),
    ],
)
def test_implied_signal_is_heard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind in customer_signals(text, "en")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "Thanks so much, lovely work by your team."),
        ("repeat_contact", "This is the first time I'm calling about this."),
        ("churn_risk", "I'm switching the lights off for the night."),
        ("worry", "Is the shop open on Sunday?"),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind not in customer_signals(text, "en")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("promise", "The engineer will be with you by 4 pm today."),
        ("choice_offered", "Would Monday or Tuesday suit you better?"),
        ("empathy", "A burst pipe is an awful thing to wake up to."),
        ("empathy", "You're driving, so I won't keep you long."),
        ("apology", "I'm sorry, that's our mistake."),
        ("explanation", "The driver was held up in traffic."),
        ("open_question", "How is your mum getting on with the new carers?"),
    ],
)
def test_behaviour_is_heard(
    agent_behaviours: Callable[..., set[str]],
    kind: str,
    text: str,
) -> None:
    assert kind in agent_behaviours(text, "en")
