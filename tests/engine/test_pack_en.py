"""The English pack: customer signals, agent behaviours and the lexicon, on new sentences.

Every sentence here is written for this test (none is copied from corpus/en), so the cases check
that the patterns generalise: positives that must be heard, and look-alikes, negations and
neutral questions that must not.
"""

from __future__ import annotations

import pytest

from signaal.engine import Listener
from signaal.engine.model import Analysis, Conversation, Turn


def _analyze(listener: Listener, speaker: str, text: str) -> Analysis:
    turn = Turn(index=0, speaker=speaker, text=text)  # type: ignore[arg-type]
    return listener.analyze(Conversation(id="t", turns=(turn,), language="en"), language="en")


def signal_types(listener: Listener, text: str) -> dict[str, str]:
    """Signal type -> strength heard in one customer turn."""
    return {s.type: s.strength for s in _analyze(listener, "customer", text).signals}


def behaviour_types(listener: Listener, text: str) -> set[str]:
    """Behaviour types heard in one agent turn."""
    return {b.type for b in _analyze(listener, "agent", text).behaviours}


# --------------------------------------------------------------------------------------------
# Customer signals: (type, sentence)

SIGNAL_POSITIVE = [
    # frustration
    ("frustration", "Honestly I'm sick to the back teeth of chasing you lot."),
    ("frustration", "This is an absolute joke, nobody ever rings back."),
    ("frustration", "I am livid about the way this has been handled."),
    ("frustration", "I'm getting really annoyed now, it's been three weeks."),
    ("frustration", "You've wasted my whole morning with this."),
    ("frustration", "What a farce this company is."),
    ("frustration", "I've had it up to here with your billing department."),
    # worry
    ("worry", "I'm so anxious about the letter from the bailiffs."),
    ("worry", "It's been keeping me awake at night, to be honest."),
    ("worry", "My husband is terrified we'll lose the house."),
    ("worry", "I'm panicking a bit because the money hasn't arrived."),
    ("worry", "I'm really stressed about this overdue notice."),
    ("worry", "What will happen if I can't pay by the end of the month?"),
    # gratitude
    ("gratitude", "Thank you so much, you've been really helpful today."),
    ("gratitude", "That's such a weight off my mind, I really appreciate it."),
    ("gratitude", "You're an absolute star, honestly."),
    ("gratitude", "Brilliant service, the engineer was fantastic."),
    ("gratitude", "I'm very grateful for everything you've done."),
    ("gratitude", "Thanks a lot for sorting that out so quickly."),
    # repeat_contact
    ("repeat_contact", "This is the fourth time I've rung about the same meter."),
    ("repeat_contact", "I already emailed you twice last week about this."),
    ("repeat_contact", "I spoke to one of your colleagues on Tuesday and she said it was sorted."),
    ("repeat_contact", "I'm calling back about my previous complaint."),
    ("repeat_contact", "I've been chasing this for weeks now."),
    ("repeat_contact", "Further to my email of the 3rd, I still have no answer."),
    # third_party
    ("third_party", "I'm phoning on behalf of my grandad, he can't hear very well."),
    ("third_party", "I have lasting power of attorney for my father."),
    ("third_party", "My wife is here with me on speakerphone."),
    ("third_party", "I'm calling about my son's mobile contract."),
    ("third_party", "I'm her carer and I deal with all her bills."),
    ("third_party", "[toddler talking in background] Sorry, it's about the broadband."),
    # on_the_move
    ("on_the_move", "I'm driving at the moment so I can't write anything down."),
    ("on_the_move", "Sorry, I'm on the train, the signal keeps dropping."),
    ("on_the_move", "I haven't got my policy number with me, I'm at work."),
    ("on_the_move", "I'm abroad right now, back next Thursday."),
    ("on_the_move", "The paperwork's at home, I'm in town doing the shopping."),
    ("on_the_move", "[traffic noise] Hi, yeah, quick question about my bill."),
    # life_event
    ("life_event", "My mother passed away last month and I need to close her account."),
    ("life_event", "I was made redundant in March."),
    ("life_event", "We're getting divorced, so the joint account needs splitting."),
    ("life_event", "We've just had a baby girl and want to add her to the policy."),
    ("life_event", "I'm moving house at the end of the month."),
    ("life_event", "I retired last Friday, so my income has changed."),
    ("life_event", "My partner was diagnosed with cancer in the spring."),
    # financial_distress
    ("financial_distress", "I can't afford the new direct debit amount."),
    ("financial_distress", "I'm three months behind with my rent."),
    ("financial_distress", "Could I set up a payment plan? Things are tight at the moment."),
    ("financial_distress", "I'm in a lot of debt and the bailiffs have written to me."),
    ("financial_distress", "We're struggling to keep up with the repayments."),
    ("financial_distress", "Is there any way to pay it in instalments?"),
    # vulnerability
    ("vulnerability", "I'm partially sighted, so I can't read the small print."),
    ("vulnerability", "Could you speak a bit more slowly please, I'm hard of hearing."),
    ("vulnerability", "English isn't my first language."),
    ("vulnerability", "I've got dementia and I forget things easily."),
    ("vulnerability", "I'm 87 and I don't use the internet."),
    ("vulnerability", "I'm disabled and can't get to the post office."),
    # confusion
    ("confusion", "I don't understand this statement at all."),
    ("confusion", "Sorry, you've lost me, what does 'pro rata' mean?"),
    ("confusion", "This letter makes no sense to me."),
    ("confusion", "I'm really confused about which tariff I'm on."),
    ("confusion", "I can't work out why the amount has doubled."),
    ("confusion", "Can you explain what this charge is for?"),
    # churn_risk
    ("churn_risk", "I want to cancel my contract, I've had enough."),
    ("churn_risk", "If this isn't sorted I'm switching to another provider."),
    ("churn_risk", "I'm thinking of leaving you for a cheaper supplier."),
    ("churn_risk", "Can you send me my PAC code please?"),
    ("churn_risk", "I'd like to close my account with you."),
    ("churn_risk", "I'll be taking my business elsewhere."),
    # escalation
    ("escalation", "I'm going to take this to the ombudsman."),
    ("escalation", "I'll be contacting my solicitor about this."),
    ("escalation", "I'm going to post about this all over Facebook."),
    ("escalation", "I want to speak to your supervisor."),
    ("escalation", "I've already written to Ofgem about you."),
    ("escalation", "I'll be leaving a one-star review on Trustpilot."),
    # urgency
    ("urgency", "We've got no heating and the baby is freezing."),
    ("urgency", "There's water pouring through the ceiling, it's an emergency."),
    ("urgency", "I can smell gas in the kitchen."),
    ("urgency", "It needs to be done today, the deadline is tomorrow."),
    ("urgency", "Our internet has been down since this morning and I work from home."),
    ("urgency", "Please, this is urgent."),
    # human_request
    ("human_request", "Can I speak to a real person please?"),
    ("human_request", "I want to talk to a human, not a bot."),
    ("human_request", "operator please"),
    ("human_request", "Just put me through to an agent."),
    ("human_request", "I don't want to chat to a machine."),
    ("human_request", "Is there an actual human I can talk to?"),
    # broken_promise
    ("broken_promise", "You promised me a refund and it never came."),
    ("broken_promise", "The engineer was supposed to come yesterday and nobody turned up."),
    ("broken_promise", "I was told someone would call me back within 24 hours."),
    ("broken_promise", "Nobody ever got back to me like they said they would."),
    ("broken_promise", "It should have been fixed by now."),
    ("broken_promise", "They missed the delivery slot again."),
    # complaint
    ("complaint", "I want to make a formal complaint."),
    ("complaint", "How do I complain about the engineer?"),
    ("complaint", "Please log this as a complaint."),
    ("complaint", "The woman I spoke to was incredibly rude."),
    ("complaint", "I'd like it on record that I'm unhappy with how this was handled."),
    ("complaint", "I wish to complain about the service I received."),
    # idea
    ("idea", "It would be really handy if you could text me before the engineer comes."),
    ("idea", "You should add a chat option to the app."),
    ("idea", "Why don't you just send the bills by email?"),
    ("idea", "Can I make a suggestion? Put the phone number on the front of the letter."),
    ("idea", "Have you thought about letting people pick their own payment date?"),
    ("idea", "It'd make life easier if the form saved your details."),
]

SIGNAL_NEGATIVE = [
    # frustration: negated, or a fault report without a feeling
    ("frustration", "I'm not annoyed at all, I just have a question."),
    ("frustration", "My boiler stopped working this morning."),
    ("frustration", "I'm not cross with you, don't worry."),
    # worry
    ("worry", "No worries, take your time."),
    ("worry", "I'm not worried about it, just curious."),
    ("worry", "As far as I'm concerned that's fine."),
    # gratitude: ritual thanks and refusals
    ("gratitude", "Okay, thanks, bye."),
    ("gratitude", "No thanks, I'll leave it as it is."),
    ("gratitude", "Thanks for nothing."),
    # repeat_contact
    ("repeat_contact", "Could you call me back after five?"),
    ("repeat_contact", "This is my first time getting in touch."),
    ("repeat_contact", "I'd like to speak to someone about my bill."),
    # third_party
    ("third_party", "My brother told me about your company."),
    ("third_party", "The account is in my own name."),
    ("third_party", "[dog barking] Sorry about that, go on."),
    # on_the_move
    ("on_the_move", "My train was delayed and I want a refund."),
    ("on_the_move", "I'm at home with the letter in front of me."),
    ("on_the_move", "I'd like to insure my new car."),
    # life_event
    ("life_event", "Can I move my appointment to Wednesday?"),
    ("life_event", "My phone died halfway through the call."),
    ("life_event", "You're breaking up a bit, sorry."),
    # financial_distress
    ("financial_distress", "Can I pay the whole amount by card?"),
    ("financial_distress", "I'd like to pay the full year upfront."),
    ("financial_distress", "What's the best way to pay, by direct debit or transfer?"),
    # vulnerability
    ("vulnerability", "Sorry, could you repeat that? The line is bad."),
    ("vulnerability", "I'm retired now, so I have plenty of time."),
    ("vulnerability", "I'd like to see my bill online."),
    # confusion
    ("confusion", "Just so I've understood: the new price starts in May?"),
    ("confusion", "That makes sense now, thank you."),
    ("confusion", "I've no idea when the meter was installed, sometime in 2019."),
    # churn_risk
    ("churn_risk", "My flight was cancelled this morning."),
    ("churn_risk", "Can I switch to paperless billing?"),
    ("churn_risk", "I'm not leaving, I just want the bill corrected."),
    ("churn_risk", "The light switch in the hall is broken."),
    # escalation
    ("escalation", "Press one for billing, it said."),
    ("escalation", "I saw your advert on Facebook."),
    ("escalation", "How long does the complaints procedure take?"),
    # urgency
    ("urgency", "There's no rush, whenever suits you."),
    ("urgency", "It's not urgent, just when you have time."),
    ("urgency", "I had a lovely day today."),
    # human_request
    ("human_request", "Could you put me through to the billing department?"),
    ("human_request", "Will someone ring me back then?"),
    ("human_request", "The lady I spoke to was a real help."),
    # broken_promise
    ("broken_promise", "Will someone call me back?"),
    ("broken_promise", "I promise I'll pay on Friday."),
    ("broken_promise", "The parcel arrived on time, thanks."),
    # complaint
    ("complaint", "I don't want to make a complaint, I just want it fixed."),
    ("complaint", "I'm not complaining, it's just a question."),
    ("complaint", "How long does the complaints process usually take?"),
    # idea
    ("idea", "I've no idea where the stopcock is."),
    ("idea", "Good idea, let's do that."),
    ("idea", "Do you have any suggestions for what I should do?"),
]


# A negation inside the phrase ("I'm not driving") must cancel it, as one before it does.
NEGATED_INSIDE = [
    ("on_the_move", "I'm not driving, I'm at home with the bill."),
    ("broken_promise", "I wasn't told anything, but that's fine."),
    ("financial_distress", "Money isn't tight, I just forgot to pay."),
    ("third_party", "My son isn't with me today."),
    ("frustration", "I'm not upset, it's fine."),
    ("churn_risk", "I never said I wanted to cancel."),
]


@pytest.mark.parametrize(("type_", "text"), NEGATED_INSIDE)
def test_negation_inside_phrase(listener: Listener, type_: str, text: str) -> None:
    assert type_ not in signal_types(listener, text)


@pytest.mark.parametrize(("type_", "text"), SIGNAL_POSITIVE)
def test_signal_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ in signal_types(listener, text)


@pytest.mark.parametrize(("type_", "text"), SIGNAL_NEGATIVE)
def test_signal_not_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ not in signal_types(listener, text)


@pytest.mark.parametrize(
    ("type_", "text", "strength"),
    [
        ("third_party", "I'm ringing on behalf of my aunt.", "explicit"),
        ("third_party", "[baby crying] Hi, it's about my gas bill.", "hint"),
        ("on_the_move", "[station announcement] Sorry, can you say that again?", "hint"),
        ("gratitude", "Oh good, that's better than I expected.", "hint"),
        ("gratitude", "Thank you so much, that's a real relief.", "explicit"),
    ],
)
def test_signal_strength(listener: Listener, type_: str, text: str, strength: str) -> None:
    assert signal_types(listener, text).get(type_) == strength


# --------------------------------------------------------------------------------------------
# Agent behaviours: (type, sentence)

BEHAVIOUR_POSITIVE = [
    # empathy
    ("empathy", "That must have been really frightening with the children in the house."),
    ("empathy", "I'm so sorry about your wife, that's a lot to deal with on top of everything."),
    ("empathy", "No wonder you're fed up after three visits that didn't fix it."),
    ("empathy", "I can hear how worried you are about the payment."),
    ("empathy", "It sounds like you've had a really rough few weeks."),
    ("empathy", "I'd be upset too if that had happened to me."),
    # generic_empathy
    ("generic_empathy", "I understand your frustration."),
    ("generic_empathy", "Sorry for any inconvenience caused."),
    ("generic_empathy", "That's unfortunate."),
    ("generic_empathy", "I completely understand."),
    ("generic_empathy", "Oh dear, that's a shame."),
    # open_question
    ("open_question", "Can you tell me a bit more about what happened?"),
    ("open_question", "How can I help you this afternoon?"),
    ("open_question", "What would you like us to do about it?"),
    ("open_question", "How is this affecting you day to day?"),
    ("open_question", "Talk me through what you saw on the app."),
    ("open_question", "What's been going on with the meter?"),
    # summary
    ("summary", "So if I've understood you correctly, the payment went out twice?"),
    ("summary", "Let me just recap: the engineer came, left, and the fault is still there."),
    ("summary", "So what you're saying is that nobody told you about the price change."),
    ("summary", "Just to check I've got this right, you moved out in June?"),
    ("summary", "Correct me if I'm wrong, but you've had no bill since March?"),
    # doubt_language
    ("doubt_language", "I think it should probably be there by Monday, hopefully."),
    ("doubt_language", "There's nothing I can do about that, I'm afraid."),
    ("doubt_language", "It's out of my hands, the system won't allow it."),
    ("doubt_language", "Maybe someone will get back to you at some point."),
    ("doubt_language", "I'm not sure, to be honest."),
    ("doubt_language", "I'll try my best to get it sorted."),
    # promise
    ("promise", "I'll call you back tomorrow before noon with the answer."),
    ("promise", "You'll receive the refund within five working days."),
    ("promise", "I'm going to email you the form this afternoon."),
    ("promise", "We will send an engineer on Thursday between 8 and 12."),
    ("promise", "I'll ring you at 3pm to confirm."),
    ("promise", "I'll chase the billing team today and text you by six."),
    # apology
    ("apology", "I'm sorry, that was our mistake."),
    ("apology", "We should have told you about the price change, and I apologise."),
    ("apology", "I'm really sorry we didn't call you back as promised."),
    ("apology", "We got that wrong, and I'm sorry."),
    ("apology", "Apologies, the letter should never have been sent."),
    ("apology", "We let you down on this one."),
    # explanation
    ("explanation", "The bill went up because the estimate was too low last year."),
    ("explanation", "That's why the payment was returned."),
    ("explanation", "The reason you got two letters is a fault in our print system."),
    ("explanation", "This happens when the meter reading doesn't reach us in time."),
    ("explanation", "It was due to a problem with the bank transfer."),
    # choice_offered
    ("choice_offered", "Would you prefer a call back or an email?"),
    ("choice_offered", "You can either pay it now or spread it over three months."),
    ("choice_offered", "There are two options: a refund or a credit on your account."),
    ("choice_offered", "Which day would suit you best for the visit?"),
    ("choice_offered", "It's entirely up to you."),
    ("choice_offered", "Would you like the letter by post or by email?"),
]

BEHAVIOUR_NEGATIVE = [
    ("empathy", "Can I take your postcode please?"),
    ("empathy", "I understand your frustration."),
    ("empathy", "The engineer is booked for Monday."),
    ("generic_empathy", "I'm so sorry about your husband, losing him so suddenly must be hard."),
    ("generic_empathy", "Your refund has been processed."),
    ("generic_empathy", "I'm sorry we sent the wrong bill."),
    ("open_question", "What's your account number?"),
    ("open_question", "Is there anything else I can help with?"),
    ("open_question", "Do you have the letter with you?"),
    ("summary", "So, is there anything else?"),
    ("summary", "Let me check with my manager."),
    ("summary", "What's your date of birth?"),
    ("doubt_language", "How can I help you today?"),
    ("doubt_language", "The refund will be with you on Friday."),
    ("doubt_language", "Can I have your account number please?"),
    ("promise", "We'll look into it."),
    ("promise", "I'll pass it on to the team."),
    ("promise", "Thanks for calling today."),
    ("apology", "I'm so sorry to hear about your dad."),
    ("apology", "Sorry for any inconvenience."),
    ("apology", "Sorry, could you repeat the postcode?"),
    ("explanation", "Can I help with anything else?"),
    ("explanation", "Thank you for holding."),
    ("explanation", "I've booked the engineer for you."),
    ("choice_offered", "I'll send it by email."),
    ("choice_offered", "Your new tariff starts on Monday."),
    ("choice_offered", "What's the postcode?"),
]


@pytest.mark.parametrize(("type_", "text"), BEHAVIOUR_POSITIVE)
def test_behaviour_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ in behaviour_types(listener, text)


@pytest.mark.parametrize(("type_", "text"), BEHAVIOUR_NEGATIVE)
def test_behaviour_not_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ not in behaviour_types(listener, text)


def _conversation(*turns: tuple[str, str]) -> Conversation:
    return Conversation(
        id="c",
        turns=tuple(Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(turns)),  # type: ignore[arg-type]
        language="en",
    )


def test_identification_first(listener: Listener) -> None:
    conv = _conversation(
        ("customer", "My dad died last week and his gas bill has gone up."),
        ("agent", "Can I take the account number please?"),
    )
    analysis = listener.analyze(conv, language="en")
    assert "identification_first" in {b.type for b in analysis.behaviours}


def test_no_identification_first_after_acknowledging(listener: Listener) -> None:
    conv = _conversation(
        ("customer", "My dad died last week and his gas bill has gone up."),
        ("agent", "I'm so sorry about your dad. Could I have his account number?"),
    )
    analysis = listener.analyze(conv, language="en")
    assert "identification_first" not in {b.type for b in analysis.behaviours}


def test_pickup_of_life_event(listener: Listener) -> None:
    conv = _conversation(
        ("customer", "My husband passed away in March and the bill is still in his name."),
        ("agent", "I'm so sorry for your loss. Let's get the account into your name."),
    )
    analysis = listener.analyze(conv, language="en")
    life = [i for i, s in enumerate(analysis.signals) if s.type == "life_event"]
    assert life
    assert all(p.picked_up for p in analysis.pickup if p.signal_index in life)


# --------------------------------------------------------------------------------------------
# Lexicon

LEXICON_DISCOURAGED = [
    ("lex.en.i-think", "I think the payment went out on Tuesday."),
    ("lex.en.maybe", "Maybe the engineer can come next week."),
    ("lex.en.ill-try", "I'll try to get that sorted."),
    ("lex.en.hopefully", "Hopefully it'll arrive soon."),
    ("lex.en.understand-frustration", "I understand your frustration, sir."),
    ("lex.en.sorry-inconvenience", "We apologise for any inconvenience this may have caused."),
    ("lex.en.you-have-to", "You have to fill in the form first."),
    ("lex.en.you-have-to", "You must send us a copy of the certificate."),
    ("lex.en.policy", "I'm afraid that's our policy."),
    ("lex.en.not-my-department", "That's not my department."),
    ("lex.en.jargon", "As per my previous email, please be advised the ticket was actioned."),
    ("lex.en.account-number-first", "Can I take your account number first?"),
    ("lex.en.no-problem", "No problem at all!"),
    ("lex.en.pass-it-on", "I'll pass it on."),
    ("lex.en.nothing-i-can-do", "There's nothing I can do, it's out of my hands."),
]

LEXICON_ENCOURAGED = [
    ("lex.en.concrete-promise", "I'll call you back tomorrow before twelve."),
    ("lex.en.own-empathy", "That must have been really stressful for you."),
    ("lex.en.check-understanding", "If I understand you correctly, you were charged twice."),
    ("lex.en.offer-choice", "Would you prefer a text or an email?"),
    ("lex.en.youre-welcome", "You're welcome, glad I could help."),
]


@pytest.mark.parametrize(("entry", "text"), LEXICON_DISCOURAGED + LEXICON_ENCOURAGED)
def test_lexicon_hit(listener: Listener, entry: str, text: str) -> None:
    hits = listener.check_draft(text, language="en")
    assert entry in {h.id for h in hits}


def test_lexicon_kinds_and_advice(listener: Listener) -> None:
    hits = {h.id: h for h in listener.check_draft("No problem, I think it's fine.", language="en")}
    assert hits["lex.en.no-problem"].kind == "discouraged"
    assert hits["lex.en.no-problem"].alternative
    assert hits["lex.en.i-think"].advice
    good = listener.check_draft("You're welcome.", language="en")
    assert {h.kind for h in good} == {"encouraged"}


@pytest.mark.parametrize(
    "text",
    [
        "Your refund of 40 euros will reach your account on Friday.",
        "Thank you for letting me know about your move.",
        "The engineer will arrive between eight and twelve.",
    ],
)
def test_lexicon_quiet_on_plain_replies(listener: Listener, text: str) -> None:
    hits = listener.check_draft(text, language="en")
    assert not [h for h in hits if h.kind == "discouraged"]


def test_empty_draft(listener: Listener) -> None:
    assert listener.check_draft("   ", language="en") == ()
