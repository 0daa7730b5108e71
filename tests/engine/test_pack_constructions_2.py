"""Signals carried by constructions of meaning (packs/nl/signals_7.yaml,
packs/en/signals_5.yaml). Fresh sentences of our own, none from any held-out set, each with
look-alikes that must stay unheard. The behaviours of packs/nl/behaviours_4.yaml and
packs/en/behaviours_3.yaml are tested in test_pack_behaviours_breadth.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

HEARD = [
    # Work that came back wrong or damaged, without the word "klacht".
    ("nl", "complaint", "De visitekaartjes zijn met een verkeerd telefoonnummer gedrukt."),
    ("nl", "complaint", "De schilder heeft overal vlekken op de vloer achtergelaten."),
    ("nl", "complaint", "Mijn wollen trui is gekrompen na jullie stomerij."),
    ("nl", "complaint", "Bij de kast ontbreken twee planken."),
    ("nl", "complaint", "Er zat wéér geen handleiding bij de printer."),
    ("nl", "complaint", "Ik vind het onacceptabel dat jullie nooit terugmailen."),
    ("nl", "frustration", "Het is elke maand hetzelfde liedje met die factuur."),
    ("nl", "frustration", "Zo kan het echt niet langer met die lift."),
    ("nl", "frustration", "Niemand heeft ons laten weten dat het zwembad dicht was."),
    ("nl", "repeat_contact", "Toen ik in maart belde, zei uw collega dat het geregeld was."),
    ("nl", "repeat_contact", "Zoals ik vorige week al schreef, klopt de meterstand niet."),
    ("nl", "repeat_contact", "Er is me beloofd dat de monteur zelf zou terugbellen."),
    ("nl", "broken_promise", "De tegels kwamen een week later dan afgesproken."),
    ("nl", "broken_promise", "De taart voor het feest is nooit aangekomen."),
    ("nl", "broken_promise", "We wachten al maanden op de eindafrekening."),
    ("nl", "urgency", "De bruiloft begint over twee uur en het pak is nog niet klaar."),
    ("nl", "urgency", "Het examen is morgen en mijn pas is kwijt."),
    ("nl", "urgency", "De kachel ruikt naar brand, is dat gevaarlijk?"),
    ("nl", "urgency", "Ik durf de boiler niet meer aan te zetten."),
    ("nl", "confusion", "Ik heb de contributie al betaald en nu krijg ik een herinnering."),
    ("nl", "confusion", "Waarom is het voorschot hoger dan vorig jaar?"),
    ("nl", "confusion", "Eerst de app openen en dan pas scannen, of andersom?"),
    ("nl", "gratitude", "De monteur was echt heel geduldig met mijn vragen."),
    ("nl", "gratitude", "Ik wil jullie graag even bedanken voor de snelle hulp."),
    ("nl", "churn_risk", "Ik heb al een offerte bij een andere installateur opgevraagd."),
    ("nl", "churn_risk", "Waarom zou ik nog bij jullie blijven als het elders goedkoper is?"),
    ("nl", "idea", "Waarom sturen jullie de rooster niet gewoon per mail?"),
    ("nl", "human_request", "Ik wil gewoon iemand aan de lijn, geen keuzemenu."),
    ("nl", "escalation", "Ik heb de zaak al bij mijn rechtsbijstandverzekeraar neergelegd."),
    ("nl", "third_party", "Mijn vader is overleden en nu loopt zijn abonnement gewoon door."),
    ("nl", "vulnerability", "Sinds mijn hartinfarct kan ik de trap niet meer op."),
    ("nl", "financial_distress", "Ik weet niet hoe ik deze rekening moet betalen."),
    ("nl", "worry", "Wat als de verzekering het niet vergoedt?"),
    ("en", "third_party", "My mum passed away in May and I need to close her bank account."),
    ("en", "third_party", "I'd like to enrol my daughter in the beginners' class."),
    ("en", "third_party", "My son's been really upset since the new driver started."),
    ("en", "third_party", "My elderly dad lives on the top floor."),
    ("en", "urgency", "The ceremony starts in an hour and the cake hasn't arrived."),
    ("en", "urgency", "The exam is tomorrow and my card won't scan."),
    ("en", "urgency", "Water is dripping through the ceiling onto the socket."),
    ("en", "urgency", "Is there any earlier appointment? My permit expires next month."),
    ("en", "frustration", "Like I said, the meter was read in March."),
    ("en", "frustration", "Nobody told us the pool would be shut all week."),
    ("en", "frustration", "Do I really have to fill in the whole form again?"),
    ("en", "confusion", "Is the fee per month or per year?"),
    ("en", "confusion", "Wait, I thought delivery was included?"),
    ("en", "confusion", "I paid the invoice on Monday and now there's a reminder."),
    ("en", "repeat_contact", "Same problem as last time with the heating."),
    ("en", "repeat_contact", "I already emailed about this on Friday."),
    ("en", "worry", "The alarm keeps beeping, should I switch it off?"),
    ("en", "financial_distress", "That left us short for the gas bill this month."),
    ("en", "churn_risk", "I've had a quote from another firm and it's half the price."),
    ("en", "escalation", "My solicitor has all the emails now."),
    ("en", "gratitude", "Big shoutout to the team at the front desk today!"),
    ("en", "vulnerability", "I've a bad hip problem, so stairs are hard for me."),
    ("en", "life_event", "We hand the keys over on the 30th."),
]

UNHEARD = [
    # A device of the customer's own, a question about a fault, the customer's own mistake.
    ("nl", "complaint", "Mijn telefoon is kapot, kunnen jullie die repareren?"),
    ("nl", "complaint", "Ik heb het verkeerde formulier ingevuld, kan ik het opnieuw sturen?"),
    ("nl", "complaint", "Er ontbreekt nog een handtekening op het formulier, zag ik."),
    # "zooitje" is an outrage word; the lemma tables made it "zo", so every "zo" was one.
    ("nl", "complaint", "Het is zo dat jullie op maandag dicht zijn, toch?"),
    # Asking to repeat is no frustration; being late oneself is no broken promise.
    ("nl", "frustration", "Kunt u dat nog een keer zeggen?"),
    ("nl", "broken_promise", "Sorry, ik was te laat voor de afspraak."),
    ("nl", "repeat_contact", "Jullie hadden beloofd dat het vrijdag klaar zou zijn en dat klopte."),
    # A call back in an hour, or the customer being somewhere soon, is no urgency.
    ("nl", "urgency", "Kunt u mij over een uur terugbellen?"),
    ("nl", "urgency", "Ik ben er over een kwartier."),
    ("nl", "urgency", "Hij heeft gelukkig geen pijn meer."),
    ("nl", "confusion", "Ik dacht dat ik de hele dag kwijt zou zijn, fijn dat het zo snel ging."),
    ("nl", "gratitude", "De monteur was aardig, maar de kraan lekt nog steeds."),
    ("nl", "churn_risk", "In juni heb ik het contract opgezegd en toen kwam er nog een factuur."),
    ("nl", "human_request", "Ik krijg steeds iemand anders aan de lijn."),
    ("nl", "third_party", "Mijn man is overleden en nu moet ik alles zelf betalen."),
    ("en", "third_party", "My brother recommended you to me."),
    ("en", "urgency", "Could you call me back in an hour?"),
    ("en", "urgency", "No rush, the exam is tomorrow but I've got the old card."),
    ("en", "frustration", "I'll go through it with her tonight."),
    ("en", "confusion", "I don't understand how a shop manages to lose a sofa."),
    ("en", "churn_risk", "I'm cancelling the appointment on Friday, something came up."),
    ("en", "worry", "Is it normal to pay by card here? Fine, thanks."),
]


@pytest.mark.parametrize(("language", "kind", "text"), HEARD)
def test_construction_is_heard(
    customer_signals: Callable[..., dict[str, str]], language: str, kind: str, text: str
) -> None:
    assert kind in customer_signals(text, language)


@pytest.mark.parametrize(("language", "kind", "text"), UNHEARD)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]], language: str, kind: str, text: str
) -> None:
    assert kind not in customer_signals(text, language)
