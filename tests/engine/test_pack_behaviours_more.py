"""Own-words empathy and parallel choices (packs/nl/behaviours_2.yaml, en/behaviours_2.yaml).

Fresh sentences of our own for each construction, with look-alikes that must stay unheard.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "language", "text"),
    [
        ("empathy", "nl", "Zo'n brief is spannend, zeker als u er alleen voor staat."),
        ("empathy", "nl", "Dat is natuurlijk best zwaar, met een verhuizing erbij."),
        ("empathy", "nl", "Dat zou mij ook radeloos maken."),
        ("empathy", "nl", "Fijn dat dit u wat duidelijkheid geeft."),
        ("empathy", "nl", "Ik begrijp dat dat heftig is."),
        ("empathy", "nl", "Dit is niet hoe het hoort, daar is geen excuus voor."),
        ("empathy", "nl", "We nemen het rustig door, in uw eigen tempo."),
        ("choice_offered", "nl", "Wilt u de factuur per post of per e-mail ontvangen?"),
        ("choice_offered", "nl", "Wilt u dat ik het nu regel, of bel ik u morgen terug?"),
        ("empathy", "en", "Losing the car is a real blow, especially with the school run."),
        ("empathy", "en", "With a baby at home you just want things to work."),
        ("empathy", "en", "I can tell how much this is weighing on you."),
        ("empathy", "en", "That's a lot to deal with in one week."),
        ("choice_offered", "en", "Is that for the whole family or for you alone?"),
        ("choice_offered", "en", "Would it help to spread the cost, or to pause for a month?"),
        ("open_question", "en", "What worries you most right now?"),
    ],
)
def test_behaviour_is_heard(
    agent_behaviours: Callable[..., set[str]],
    kind: str,
    language: str,
    text: str,
) -> None:
    assert kind in agent_behaviours(text, language)


@pytest.mark.parametrize(
    ("kind", "language", "text"),
    [
        ("choice_offered", "nl", "Wilt u weten of het pakket al onderweg is?"),
        ("empathy", "nl", "Dat is niet hoe het formulier werkt, u vult eerst uw naam in."),
        ("choice_offered", "en", "Can you check whether it's on or off?"),
        ("empathy", "en", "You need to reset the router first."),
    ],
)
def test_look_alike_stays_unheard(
    agent_behaviours: Callable[..., set[str]],
    kind: str,
    language: str,
    text: str,
) -> None:
    assert kind not in agent_behaviours(text, language)
