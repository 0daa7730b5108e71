"""Agent behaviours in more of their shapes (packs/nl/behaviours_4.yaml, behaviours_5.yaml,
packs/en/behaviours_3.yaml, behaviours_4.yaml, and the vetoes of packs/en/behaviours.yaml):
promises with a deadline, causes given, open questions, recaps,
own-words empathy, stock phrases, apologies, choices, hedging and identity questions. Fresh
sentences of our own, none from any corpus, each type with look-alikes that must stay
unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from signaal.engine import Conversation, Listener, Turn

BEHAVIOURS = [
    # Promises: who, what and a moment, in the passive too.
    ("nl", "promise", "De creditnota wordt uiterlijk 15 maart naar u verstuurd."),
    ("nl", "promise", "Uw nieuwe router wordt dinsdag geleverd."),
    ("nl", "promise", "Het bedrag wordt deze week nog teruggestort."),
    ("nl", "promise", "De terugbetaling is voor het weekend verwerkt."),
    ("nl", "promise", "Voor vrijdag 17.00 uur heeft u een nieuwe offerte in uw mailbox."),
    ("nl", "promise", "Ik heb de bezorging voor zaterdag vastgezet."),
    ("en", "promise", "The £40 credit will be applied to your account within 48 hours."),
    ("en", "promise", "The money will be back with you no later than the 14th."),
    ("en", "promise", "Your replacement card should arrive by Wednesday at the latest."),
    ("en", "promise", "Your refund will reach your bank in 3-5 working days."),
    ("en", "promise", "I've escalated it and a supervisor will ring you before 4pm."),
    ("en", "promise", "Hi Sam, the replacement ships today and lands Thursday."),
    # Causes.
    ("nl", "explanation", "De pas is geblokkeerd na drie keer een verkeerde pincode."),
    ("nl", "explanation", "De oorzaak is een kapotte kabel in de straat."),
    ("nl", "explanation", "Dat ligt aan de postcode van uw nieuwe adres."),
    ("nl", "explanation", "Het is zo gegaan: de bestelling bleef hangen bij de douane."),
    ("nl", "explanation", "De garantie dekt alleen fabrieksfouten, geen valschade."),
    ("nl", "explanation", "Uw meterstand is niet doorgekomen, dus het systeem heeft hem geschat."),
    ("en", "explanation", "What went wrong was that your house number was entered wrongly."),
    ("en", "explanation", "The delay is down to a shortage of parts at our supplier."),
    ("en", "explanation", "The order was cancelled after the payment was declined."),
    ("en", "explanation", "Your bill went up since the fixed tariff ended last month."),
    ("en", "explanation", "The engineer couldn't get in as the gate code had changed."),
    ("en", "explanation", "The reading was estimated, so the bill came out higher."),
    # Open questions.
    ("nl", "open_question", "Wat zou voor u een goede oplossing zijn?"),
    ("nl", "open_question", "Wat wilt u dat wij eraan doen?"),
    ("nl", "open_question", "Wat zei de bezorger tegen u?"),
    ("nl", "open_question", "Neem me eens mee vanaf het begin."),
    ("en", "open_question", "What would a good outcome look like for you?"),
    ("en", "open_question", "How did the engineer's visit go?"),
    ("en", "open_question", "How are things at home since the flood?"),
    ("en", "open_question", "How can we make this right?"),
    ("en", "open_question", "What's been the hardest part?"),
    # Recaps that check.
    ("nl", "summary", "Dus wat je zegt is dat de app je steeds uitlogt?"),
    ("nl", "summary", "Ik herhaal het even: nieuw adres, zelfde tarief, start 1 juni."),
    ("nl", "summary", "Uit uw mail begrijp ik dat de terugbetaling nog niet binnen is."),
    ("nl", "summary", "Dus de doos was kapot en je wilt liever een nieuwe?"),
    ("nl", "summary", "U zit dus sinds dinsdag zonder internet en u werkt thuis?"),
    ("nl", "summary", "Wat ik hoor is dat u vooral zekerheid wilt over de datum."),
    ("en", "summary", "So the code doesn't work at checkout and you've tried twice, right?"),
    ("en", "summary", "Summing up: wrong size sent, no return label, and you need it Saturday."),
    ("en", "summary", "Can I just check I've got the details right? You ordered two, got one."),
    # Own-words empathy.
    ("nl", "empathy", "Drie weken zonder koelkast met een pasgeboren baby in huis, dat is veel."),
    ("nl", "empathy", "U probeert dit te regelen terwijl u herstelt van een operatie."),
    ("nl", "empathy", "Ik hoor hoe ongerust u bent over de rekening."),
    ("nl", "empathy", "Dit regelen terwijl je voor je vader zorgt, dat vraagt veel van je."),
    ("nl", "empathy", "Op de dag van uw sollicitatie zonder telefoon, wat een slechte timing."),
    ("en", "empathy", "Three weeks without a working fridge, with a newborn in the house."),
    ("en", "empathy", "Having to explain this to us four times must be exhausting."),
    ("en", "empathy", "With your operation on Monday, I can see why this is so stressful."),
    ("en", "empathy", "It sounds like the move has been one thing after another."),
    ("en", "empathy", "You were counting on that payment for the rent."),
    # Stock phrases.
    ("nl", "generic_empathy", "Wij begrijpen dat dit teleurstellend voor u is."),
    ("nl", "generic_empathy", "Ik snap je helemaal."),
    ("en", "generic_empathy", "I understand how frustrating this must be."),
    ("en", "generic_empathy", "That sounds frustrating."),
    ("en", "generic_empathy", "We understand this may be disappointing."),
    # Apologies that own the fault.
    ("nl", "apology", "Sorry, we hadden u vorige week moeten terugbellen."),
    ("nl", "apology", "Sorry, ik praat te snel, ik doe het wat langzamer."),
    ("en", "apology", "Sorry for keeping you on hold so long."),
    ("en", "apology", "I'm sorry our driver left the parcel in the rain."),
    ("en", "apology", "I'm sorry it's taken three calls to get this sorted."),
    ("en", "apology", "I want to apologise for how our engineer spoke to you."),
    # Choices.
    ("nl", "choice_offered", "Komt dinsdag of donderdag u beter uit?"),
    ("nl", "choice_offered", "Wil je het geld terug op je rekening of als tegoedbon?"),
    ("nl", "choice_offered", "U mag het oude abonnement houden of overstappen naar het nieuwe."),
    ("nl", "choice_offered", "Ophalen in de winkel of laten bezorgen, wat past het best?"),
    ("nl", "choice_offered", "Ik kan 3, 6 of 10 termijnen aanbieden."),
    ("nl", "choice_offered", "Het is aan u: wachten op de monteur of zelf iemand inschakelen."),
    ("en", "choice_offered", "We can do it now, or I can call you later this week."),
    ("en", "choice_offered", "You can choose between a morning or an afternoon slot."),
    ("en", "choice_offered", "You're welcome to keep the old plan or switch to the new one."),
    ("en", "choice_offered", "Shall I cancel it straight away, or at the end of the month?"),
    ("en", "choice_offered", "I can offer 3, 6 or 10 monthly instalments."),
    # Hedging.
    ("nl", "doubt_language", "Ik denk eigenlijk dat het wel goed komt."),
    ("nl", "doubt_language", "Ik weet eigenlijk niet goed wat daar gebeurd is."),
    ("nl", "doubt_language", "Eerlijk gezegd zou ik het niet weten."),
    ("nl", "doubt_language", "Dat kan nog wel even duren."),
    ("nl", "doubt_language", "Ik ben er niet honderd procent zeker van."),
    ("en", "doubt_language", "To be honest I couldn't tell you."),
    ("en", "doubt_language", "It may or may not be refunded."),
    ("en", "doubt_language", "I'm not 100% sure, but it seems to be working."),
    ("en", "doubt_language", "It's hard to say how long it'll take."),
    # Constructions of packs/nl/behaviours_4.yaml and packs/en/behaviours_3.yaml.
    ("nl", "empathy", "Oei, dat is krap met de verhuizing morgen. Ik regel het vandaag nog."),
    ("nl", "empathy", "Wat zwaar, die zorg voor uw moeder naast uw werk."),
    ("nl", "choice_offered", "Zullen we een vaste dag in de week afspreken?"),
    ("nl", "explanation", "De monteur is later door een storing in de wijk ernaast."),
    ("nl", "explanation", "De brief was al verstuurd voordat uw betaling binnen was."),
    (
        "nl",
        "summary",
        "Even kijken of ik alles goed heb: de pas is kwijt en u wilt een nieuwe. Klopt dat zo?",
    ),
    ("nl", "open_question", "Wat weet u al over de regeling?"),
    ("en", "promise", "I'll call you back at four with the answer."),
    ("en", "promise", "The refund will be credited within three working days."),
    ("en", "empathy", "A new baby and a broken boiler, that's a heavy load."),
    ("en", "apology", "Apologies for that, the letter went to the wrong address."),
    ("en", "explanation", "The reminder had already gone out before your payment arrived."),
    ("en", "open_question", "How's she doing now?"),
    ("en", "doubt_language", "I can't promise anything, maybe next month."),
    # Phrases after "with ... little ones" and "while you're in": one line each in the pack.
    ("en", "empathy", "That must be hard while you're in the car with the kids."),
    ("en", "empathy", "And all that with a newborn at home, I'll send someone today."),
    (
        "en",
        "summary",
        "Right, so the bill says 80 and the app says 60, and you want to know which is right?",
    ),
]

NO_BEHAVIOUR = [
    # A debit, a rule for the customer or a past delivery is no promise.
    ("nl", "promise", "Het bedrag wordt op de 28e afgeschreven."),
    ("nl", "promise", "De factuur werd maandag verstuurd."),
    ("nl", "promise", "U moet het formulier uiterlijk vrijdag insturen."),
    ("en", "promise", "You will be charged a late fee by the 1st."),
    ("en", "promise", "Refunds usually take 3-5 working days."),
    ("en", "promise", "You need to pay by Friday at the latest."),
    # Instructions and bare facts are no explanation; "want" in empathy explains nothing.
    ("nl", "explanation", "Vul het formulier in en stuur het terug."),
    ("nl", "explanation", "Ik begrijp het, want u was er niet."),
    ("nl", "explanation", "Uw pas is geblokkeerd, wilt u een nieuwe?"),
    ("en", "explanation", "The parcel was delivered on Monday."),
    ("en", "explanation", "Since Monday we have new opening hours."),
    # Asking to repeat, a number or "anything else" is no open question.
    ("nl", "open_question", "Wat zegt u?"),
    ("nl", "open_question", "Kan ik nog iets anders voor u doen?"),
    ("en", "open_question", "What did you say, sorry?"),
    ("en", "open_question", "Anything else I can help with?"),
    ("en", "open_question", "How many items were missing?"),
    # A closing or a promise of a summary restates nothing; nor does checking an address.
    ("nl", "summary", "Dus, verder nog vragen?"),
    ("nl", "summary", "Ik herhaal het wachtwoord niet aan de telefoon."),
    ("nl", "summary", "Klopt het dat je op de Dorpsstraat 12 woont?"),
    ("en", "summary", "So you're all set, right?"),
    ("en", "summary", "I'll sum it up in an email."),
    # A plain fact or an identity question is no empathy; a recap of a loss is a summary.
    ("nl", "empathy", "Wij hebben een week zonder storingen gehad."),
    ("nl", "empathy", "Met uw klantnummer kan ik het opzoeken."),
    ("en", "empathy", "We have days without service planned on Sunday for maintenance."),
    ("en", "empathy", "Just to check I've got this right: you've lost your job and need a break?"),
    # "Oh no" followed by the customer's own situation is own words, not stock.
    ("en", "generic_empathy", "Oh no, with two poorly little ones at home that's the last thing."),
    ("nl", "generic_empathy", "Oké, genoteerd."),
    # Blaming the customer, or a bad line, is no apology.
    ("nl", "apology", "U had eerder moeten bellen."),
    ("nl", "apology", "Sorry, ik verstond u niet, kunt u dat herhalen?"),
    ("en", "apology", "I'm so sorry for your loss."),
    # Asking which of two facts is true is no choice; "whether" is no "or".
    ("nl", "choice_offered", "Ik ga kijken of we het kunnen bezorgen."),
    ("nl", "choice_offered", "Was het drie of vier maanden geleden?"),
    ("nl", "choice_offered", "Is het de wasmachine of de droger?"),
    ("en", "choice_offered", "Was it delivered or collected?"),
    ("en", "choice_offered", "Did it happen before or after the update?"),
    ("en", "choice_offered", "Is it the router or the phone that's faulty?"),
    # A time limit stated as a fact, a plain time or thinking along is no hedge.
    ("nl", "doubt_language", "De reparatie kan tot vijf werkdagen duren."),
    ("nl", "doubt_language", "Ik denk graag met u mee."),
    ("en", "doubt_language", "The engineer will arrive at 10am."),
    # A single offer is no choice; a polite goodbye is no empathy (development corpus).
    ("nl", "choice_offered", "Zal ik de bevestiging ook naar u mailen?"),
    ("nl", "empathy", "Graag gedaan. Rijdt u voorzichtig."),
    ("en", "empathy", "I'll text you the reference so you don't have to remember it."),
    ("en", "apology", "Apologies aside, the rate is fixed for a year."),
    # An honest limit inside a commitment, a request to repeat, a hold, a statement
    # (packs/en/behaviours.yaml vetoes).
    (
        "en",
        "doubt_language",
        "I can't say yet what it will cost, but you'll hear from me by Friday.",
    ),
    ("en", "apology", "Sorry, I didn't catch your name."),
    ("en", "promise", "I'll have to put you on hold for a moment."),
    ("en", "open_question", "What went wrong was a typo in the address."),
]


@pytest.mark.parametrize(("language", "kind", "text"), BEHAVIOURS)
def test_behaviour_is_heard(
    agent_behaviours: Callable[..., set[str]], language: str, kind: str, text: str
) -> None:
    assert kind in agent_behaviours(text, language)


@pytest.mark.parametrize(("language", "kind", "text"), NO_BEHAVIOUR)
def test_behaviour_look_alike_stays_unheard(
    agent_behaviours: Callable[..., set[str]], language: str, kind: str, text: str
) -> None:
    assert kind not in agent_behaviours(text, language)


COMPLAINT = {
    "nl": "Ik wacht al twee weken op mijn geld en niemand belt me terug, echt belachelijk.",
    "en": "I've been waiting two weeks for my refund and nobody calls me back, it's ridiculous.",
}


def _identification_first(listener: Listener, language: str, customer: str, agent: str) -> bool:
    turns = (Turn(0, "customer", customer), Turn(1, "agent", agent))
    analysis = listener.analyze(Conversation(id="t", turns=turns), language=language)
    return any(b.type == "identification_first" for b in analysis.behaviours)


@pytest.mark.parametrize(
    ("language", "agent"),
    [
        ("nl", "Heeft u de trackingcode voor me?"),
        ("nl", "Voordat ik iets doe heb ik uw boekingsnummer nodig."),
        ("nl", "Ik heb het kenmerk van uw brief nodig."),
        ("nl", "Naam en postcode alstublieft."),
        ("en", "Could you read me the meter serial number?"),
        ("en", "Sure. What's the email address on the account?"),
        ("en", "I need the reference number on your letter."),
    ],
)
def test_identity_question_after_a_complaint(listener: Listener, language: str, agent: str) -> None:
    assert _identification_first(listener, language, COMPLAINT[language], agent)


@pytest.mark.parametrize(
    ("language", "customer", "agent"),
    [
        # A stock phrase first acknowledges the customer in English (corpus/en/NOTES.md).
        ("en", COMPLAINT["en"], "I understand your frustration. Can I have your order number?"),
        ("en", COMPLAINT["en"], "I can imagine. What's your postcode?"),
        # A neutral request before it: nothing to skip past.
        ("nl", "Ik wil graag mijn adres wijzigen.", "Heeft u de trackingcode voor me?"),
        ("en", "Hi, I'd like to change my address.", "I need the reference number on your letter."),
    ],
)
def test_identity_question_that_is_not_first(
    listener: Listener, language: str, customer: str, agent: str
) -> None:
    assert not _identification_first(listener, language, customer, agent)
