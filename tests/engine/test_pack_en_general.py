"""English signal constructions that need no feeling word or stock phrase.

Every case is a new sentence written for this file: the test proves the construction is heard
(and its look-alikes are not), not that one sentence from a corpus is.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

HEARD = [
    # frustration shown by form: calling into silence, a word twice, curt replies, "Again."
    ("frustration", "Hello?? Anyone there?"),
    ("frustration", "Agent. Agent! Give me an agent."),
    ("frustration", "Yeah obviously. I did that first."),
    ("frustration", "Same. Again. The app logs me out."),
    ("frustration", "Get me a supervisor. Now."),
    ("frustration", "Why should I trust anything you say?"),
    # urgency: an outage as a complaint, health depending on it, an appointment soon
    ("urgency", "No dial tone since Sunday on the landline."),
    ("urgency", "Still no heating?!"),
    ("urgency", "My wife relies on her oxygen machine."),
    ("urgency", "The hospital needs to be able to call me about the results."),
    ("urgency", "I have a job interview at 9.30 and the train app is down."),
    ("urgency", "I've got a hospital appointment tomorrow and no way to get the code."),
    # vulnerability of someone cared for, helpers, serious illness
    ("vulnerability", "My father can't hear the doorbell any more."),
    ("vulnerability", "He struggles to get to the phone before it stops ringing."),
    ("vulnerability", "Gran is 93 so the courier has to wait."),
    ("vulnerability", "My daughter usually does the online banking for me."),
    ("vulnerability", "I'm halfway through chemo and everything takes longer."),
    # on_the_move: abroad, post out of reach, leaving imminently
    ("on_the_move", "We're in Spain until the end of the month."),
    ("on_the_move", "I can't get to my letters, I'm staying with friends."),
    ("on_the_move", "I'm flying out tonight, so can it wait?"),
    # third_party: someone else's card, children in passing
    ("third_party", "It's about my husband's mobile contract."),
    ("third_party", "The payment was taken from my mum's bank card."),
    ("third_party", "The baby's bottles need hot water."),
    ("third_party", "We're stuck in a flat with two toddlers and no heating."),
    # confusion: a gap in knowing how the product or process works
    ("confusion", "I don't know what happens to the credit when I move."),
    ("confusion", "I'm not sure how the discount works with the new tariff."),
    ("confusion", "No idea where the meter number is on this thing."),
    # financial_distress hints
    ("financial_distress", "My hours were cut so I'm going through my outgoings."),
    ("financial_distress", "Could I split it into three payments?"),
    ("financial_distress", "Can I pay half now and the rest next month?"),
    # broken_promise
    ("broken_promise", "Your man came round twice and it's still not working."),
    ("broken_promise", "They visited on Monday but never replaced the part."),
    ("broken_promise", "The repair slot was cancelled at the last minute."),
    ("broken_promise", "You said it would be live by Thursday. It's Saturday."),
]

NOT_HEARD = [
    ("frustration", "Hello? Hello, is this the right number?"),
    ("frustration", "Could you read that again?"),
    ("frustration", "I said yes, please go ahead."),
    ("urgency", "There's no signal in the basement, which is normal."),
    ("urgency", "Is the interview for the job at your shop still open?"),
    ("urgency", "No rush, whenever suits you."),
    ("vulnerability", "My son recommended your broadband."),
    ("vulnerability", "She can get to the door fine, she just wasn't in."),
    ("on_the_move", "We fly out on Friday, so..."),
    ("on_the_move", "How much does roaming in Spain cost?"),
    ("third_party", "I'm calling on behalf of Leeds city council."),
    ("third_party", "On behalf of the company, thanks for your help."),
    ("third_party", "Is there a discount for children?"),
    ("confusion", "I don't know if I can make it on Tuesday."),
    ("confusion", "I know exactly what happens next, thanks."),
    ("financial_distress", "I'd like to pay the full amount today."),
    ("financial_distress", "Can I pay by card?"),
    ("broken_promise", "Will someone call me back?"),
    ("broken_promise", "The engineer came and fixed it in an hour."),
    ("life_event", "How do I update my address?"),
    ("life_event", "I'm retired, so any day is fine."),
    ("idea", "Why is there still no water?"),
    ("repeat_contact", "The bill is wrong again, second month in a row."),
]


@pytest.mark.parametrize(("kind", "text"), HEARD)
def test_heard(customer_signals: Callable[..., dict[str, str]], kind: str, text: str) -> None:
    assert kind in customer_signals(text, "en")


@pytest.mark.parametrize(("kind", "text"), NOT_HEARD)
def test_not_heard(customer_signals: Callable[..., dict[str, str]], kind: str, text: str) -> None:
    assert kind not in customer_signals(text, "en")
