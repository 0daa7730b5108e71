"""English signals carried by what the customer says happened (packs/en/signals_4.yaml).
Fresh sentences of our own, none from any held-out set, with look-alikes that must stay
unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("broken_promise", "I've been waiting four weeks for the deposit to come back."),
        ("broken_promise", "Two months waiting for a reply from the marina office."),
        ("broken_promise", "I asked for the form twice and nothing has arrived."),
        ("broken_promise", "The school still has not sent the transport schedule."),
        ("broken_promise", "I haven't received a statement since March."),
        ("broken_promise", "The bin lorry skipped our road again."),
        ("financial_distress", "I need that refund for the rent, to be honest."),
        ("financial_distress", "My card payment for the course bounced."),
        ("financial_distress", "We can't keep up with the loan repayments any more."),
        ("financial_distress", "Without the deposit I can't pay my rent."),
        ("third_party", "My mum runs out of her inhaler on Tuesday."),
        ("third_party", "There's a fine my grandad got for the car park."),
        ("third_party", "My son has been charged for a course he never started."),
        ("third_party", "My sister usually handles the boat paperwork."),
        ("on_the_move", "We're stranded on the hard shoulder of the M6."),
        ("on_the_move", "I'm on the platform at Utrecht and my train is gone."),
        ("urgency", "There's smoke coming from the meter cupboard!"),
        ("urgency", "The payroll crashed and our staff haven't been paid."),
        ("urgency", "His operation is next week and the cover still isn't confirmed."),
        ("churn_risk", "I'm looking at other providers at the moment."),
        ("churn_risk", "Other platforms pay out within a week, you know."),
        ("churn_risk", "Please take this as notice of cancellation of my membership."),
        ("churn_risk", "I don't know if I'll stay with you after this."),
        # The vetoes below leave the real thing alone.
        ("life_event", "My husband died suddenly in March."),
        ("life_event", "We're expecting our first, the due date is in May."),
        ("frustration", "I'm not happy at all with how this went."),
    ],
)
def test_construction_is_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind in customer_signals(text, "en")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # Kept, or not waited for.
        ("broken_promise", "The refund arrived after two days, thanks."),
        ("broken_promise", "Everything has arrived, all good."),
        # A birth is a life event, not a relative at stake.
        ("third_party", "My wife's just had our baby, so I need to update the policy."),
        # The road as a topic.
        ("on_the_move", "Is the motorway services open on Sundays?"),
        # Not a competitor: other services of the same company.
        ("churn_risk", "Do you offer other services besides storage?"),
        ("urgency", "The appointment went fine last week."),
        # A machine that died, the due date of a bill, being unsteady on one's feet.
        ("life_event", "My van died on me on the ring road this morning."),
        ("life_event", "The invoice says the due date is 1 December."),
        ("frustration", "I'm not great on my feet since the fall."),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind not in customer_signals(text, "en")
