"""English signals said without their usual words (packs/en/signals_2.yaml).

Each construction in fresh sentences of our own (none from any held-out set), with a look-alike
that must stay unheard.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "strength", "text"),
    [
        ("frustration", "hint", "I keep paying and you do nothing about it?"),
        ("frustration", "hint", "I doubt if anybody even reads these messages."),
        ("frustration", "hint", "My discount was removed with no warning."),
        ("frustration", "hint", "How is that fair on your customers?"),
        ("frustration", "hint", "Great, another delay. Of course."),
        ("frustration", "hint", "The parcel was due by noon, it's now six."),
        ("confusion", "explicit", "My nan got a bill she does not understand."),
        ("confusion", "explicit", "What does 'standing charge' even mean?"),
        ("confusion", "hint", "I thought the trial was free, but now I see a charge."),
        ("confusion", "hint", "First it was approved, then it was refused, and now it's pending."),
        ("confusion", "hint", "Why has my premium gone up this year?"),
        ("urgency", "hint", "My wallet was stolen on the bus."),
        ("urgency", "explicit", "We're moving out on Friday so the meter reading needs doing."),
        ("on_the_move", "explicit", "I'm stranded at the station with a dead phone."),
        ("broken_promise", "explicit", "You were supposed to email me and you never did."),
        ("broken_promise", "hint", "Still waiting for the replacement charger."),
    ],
)
def test_implied_signal_is_heard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    strength: str,
    text: str,
) -> None:
    heard = customer_signals(text, "en")
    assert heard.get(kind) == strength, heard


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "You did nothing wrong, I just have a question."),
        ("confusion", "I understand the letter, I only need a copy."),
        ("confusion", "I'd like to understand why the price has gone up."),
        ("urgency", "I found my card again, all good."),
        ("broken_promise", "Still, thanks for the quick reply."),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind not in customer_signals(text, "en")
