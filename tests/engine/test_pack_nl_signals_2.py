"""The Dutch pack, part 2 (packs/nl/signals_2.yaml): life_event, financial_distress,
vulnerability, confusion, churn_risk and escalation, with their pick-up phrases.

The sentences are written for these tests (none is taken from corpus/nl): each type has
sentences that must produce it and look-alikes, negations and neutral questions that must not.
"""

from __future__ import annotations

import pytest

from signaal.engine import Listener
from signaal.engine.model import Analysis, Conversation, Turn


def _customer(listener: Listener, text: str) -> Analysis:
    turn = Turn(index=0, speaker="customer", text=text)
    return listener.analyze(Conversation(id="t", language="nl", turns=(turn,)))


def _types(listener: Listener, text: str) -> dict[str, str]:
    return {s.type: s.strength for s in _customer(listener, text).signals}


def _picked_up(listener: Listener, customer: str, agent: str, signal_type: str) -> bool:
    turns = (
        Turn(index=0, speaker="customer", text=customer),
        Turn(index=1, speaker="agent", text=agent),
    )
    analysis = listener.analyze(Conversation(id="t", language="nl", turns=turns))
    index = next(i for i, s in enumerate(analysis.signals) if s.type == signal_type)
    return next(p for p in analysis.pickup if p.signal_index == index).picked_up


DETECTED = [
    # life_event
    ("life_event", "Mijn schoonvader is afgelopen zaterdag plotseling gestorven."),
    ("life_event", "Sinds het overlijden van mijn vrouw doe ik de administratie zelf."),
    ("life_event", "we zijn sinds de zomer uit elkaar en ik wil het huis op mijn naam"),
    ("life_event", "Mijn echtscheiding is net rond, dus de hypotheek moet anders."),
    ("life_event", "Mijn vriendin en ik gaan in juni samenwonen."),
    ("life_event", "Ik ga volgend jaar met pensioen."),
    ("life_event", "Ik ben net bevallen van een tweeling."),
    ("life_event", "Bij mijn vader is darmkanker geconstateerd."),
    ("life_event", "Mijn moeder is naar een verpleeghuis gegaan."),
    ("life_event", "We krijgen in september een baby."),
    ("life_event", "Ik ben mijn werk kwijtgeraakt door een reorganisatie."),
    ("life_event", "Door persoonlijke omstandigheden heb ik de brief laten liggen."),
    ("life_event", "Het is een heftige periode voor ons gezin."),
    ("life_event", "Onze dochter is in maart geboren."),
    ("life_event", "Mijn broer is verongelukt."),
    # financial_distress
    ("financial_distress", "Ik kan de huur deze maand niet opbrengen."),
    ("financial_distress", "We zitten financieel echt klem."),
    ("financial_distress", "Er ligt loonbeslag op mijn salaris."),
    ("financial_distress", "Ik sta flink rood en de incasso komt eraan."),
    ("financial_distress", "Mag ik het in drie termijnen betalen?"),
    ("financial_distress", "Ik heb geen geld meer tot het einde van de maand."),
    ("financial_distress", "dat bedrag kan ik nu niet missen"),
    ("financial_distress", "Ik zit in een schuldsaneringstraject."),
    ("financial_distress", "Ik kom elke maand tekort."),
    ("financial_distress", "Kunnen we de betaling spreiden?"),
    # vulnerability
    ("vulnerability", "Ik ben slechtziend, kunt u de brief voorlezen?"),
    ("vulnerability", "Ik hoor slecht, dus praat u wat langzamer alstublieft."),
    ("vulnerability", "Mijn moeder is 94 en woont alleen."),
    ("vulnerability", "Ik heb geen smartphone, kan het ook op papier?"),
    ("vulnerability", "Ik ben niet zo handig met de computer."),
    ("vulnerability", "Ik heb moeite met lezen."),
    ("vulnerability", "Mijn Nederlands is niet zo goed, sorry."),
    ("vulnerability", "Ik zit in een rolstoel en kan niet naar het kantoor."),
    ("vulnerability", "Ik lees niet zo goed, kunt u het voorlezen?"),
    ("vulnerability", "Mijn ogen zijn niet meer zo goed."),
    # confusion
    ("confusion", "Ik begrijp de nieuwe voorwaarden niet."),
    ("confusion", "Ik snap er werkelijk niks van."),
    ("confusion", "Ik raak helemaal in de war van al die brieven."),
    ("confusion", "Het is mij niet duidelijk wat ik moet invullen."),
    ("confusion", "ik weet niet welke optie ik moet kiezen"),
    ("confusion", "Ik kan er geen touw aan vastknopen."),
    ("confusion", "snap niks van die app"),
    ("confusion", "Ik begrijp niet waarom ik twee rekeningen krijg."),
    ("confusion", "Sorry hoor, ik volg het echt niet meer."),
    # churn_risk
    ("churn_risk", "Ik ga over naar een andere provider als dit zo doorgaat."),
    ("churn_risk", "Ik wil mijn lidmaatschap opzeggen."),
    ("churn_risk", "Ik overweeg om over te stappen."),
    ("churn_risk", "Bij de concurrent betaal ik de helft."),
    ("churn_risk", "Wat is de opzegtermijn van mijn contract?"),
    ("churn_risk", "Jullie zijn een klant kwijt."),
    ("churn_risk", "Ik zeg per direct mijn abonnement op."),
    ("churn_risk", "Jullie raken mij kwijt als klant."),
    # escalation
    ("escalation", "Ik stap naar de Geschillencommissie."),
    ("escalation", "Ik schakel mijn advocaat in."),
    ("escalation", "Dit ga ik op Facebook zetten."),
    ("escalation", "Mag ik uw leidinggevende spreken?"),
    ("escalation", "Ik dien een klacht in bij de ombudsman."),
    ("escalation", "Ik ga een slechte review schrijven."),
    ("escalation", "Ik neem contact op met de Consumentenbond."),
    ("escalation", "Dit gaat een staartje krijgen."),
]

NOT_DETECTED = [
    # life_event: jokes, old news, product names, the organisation moving
    ("life_event", "Mijn laptop is overleden, kan ik een nieuwe bestellen?"),
    ("life_event", "Ik ben al twintig jaar met pensioen, daar gaat het niet om."),
    ("life_event", "Het nieuwe abonnement is me goed bevallen."),
    ("life_event", "Mijn geboortedatum is 3 mei 1980."),
    ("life_event", "Hoe moet ik het afval scheiden?"),
    ("life_event", "De app is gestopt met werken na de update."),
    ("life_event", "Ik heb per ongeluk twee keer betaald."),
    ("life_event", "Wat kost een uitvaartverzekering?"),
    ("life_event", "Mijn vader is niet overleden, hij woont in het buitenland."),
    ("life_event", "Ik ben mijn contract kwijt, kunt u een kopie sturen?"),
    # financial_distress: paying in one go, refusals, a red light, refunds
    ("financial_distress", "Ik wil het hele bedrag in één keer voldoen."),
    ("financial_distress", "Geen betalingsregeling nodig, dank u."),
    ("financial_distress", "Het is niet mijn schuld dat het pakket kwijt is."),
    ("financial_distress", "Het lampje van de router staat op rood."),
    ("financial_distress", "Ik heb nog geen geld ontvangen."),
    ("financial_distress", "Ik heb geen schulden."),
    ("financial_distress", "Ik kan niet inloggen om te betalen."),
    ("financial_distress", "Ik kom tijd tekort om alles te regelen."),
    # vulnerability: seeing a bill, a bad line, prices, young age
    ("vulnerability", "Ik zie dat de factuur hoger is dan vorige maand."),
    ("vulnerability", "Ik hoor u prima hoor."),
    ("vulnerability", "Ik ben 35 en wil een jongerenkorting."),
    ("vulnerability", "Ik ben heel handig met computers."),
    ("vulnerability", "Ik ben 80 euro kwijt door jullie fout."),
    ("vulnerability", "De lijn is slecht, ik hoor u slecht."),
    ("vulnerability", "Ik heb geen e-mail ontvangen van jullie."),
    ("vulnerability", "Ik ben niet blind, ik zie heus wel dat er iets mis is."),
    ("vulnerability", "Voor mensen die slecht zien is de app lastig."),
    ("vulnerability", "Mijn dochter is ouder dan 18, is ze nog meeverzekerd?"),
    # confusion: understanding, indignation, planning
    ("confusion", "Ik begrijp dat het niet anders kan."),
    ("confusion", "Ik snap het, dank u."),
    ("confusion", "Ik begrijp niet dat jullie dit zo laten gebeuren."),
    ("confusion", "Waarom duurt de levering zo lang?"),
    ("confusion", "Ik begrijp dat er niets aan te doen is."),
    ("confusion", "Ik weet niet wanneer ik thuis ben."),
    ("confusion", "Geen idee, zeg het maar."),
    ("confusion", "Hoe kan ik de rekening downloaden?"),
    # churn_risk: trains, package changes, staying, paperwork after a death
    ("churn_risk", "Moet ik in Amsterdam overstappen op de trein naar Den Haag?"),
    ("churn_risk", "Ik wil overstappen naar een ander abonnement bij jullie."),
    ("churn_risk", "Ik blijf graag klant bij jullie."),
    ("churn_risk", "Ik wil het abonnement van mijn overleden man opzeggen."),
    ("churn_risk", "Ik ga zeker niet overstappen hoor."),
    ("churn_risk", "Ik wil mijn abonnement niet opzeggen, alleen aanpassen."),
    ("churn_risk", "Ik heb nooit meer iets van jullie gehoord."),
    ("churn_risk", "Ik heb het geld naar een andere bank overgemaakt."),
    # escalation: a lawyer in passing, seeing an ad, a negated threat, a liability question
    ("escalation", "Mijn advocaat regelt de koopakte."),
    ("escalation", "Ik zag jullie reclame op Facebook."),
    ("escalation", "Ik ga echt niet naar de rechter, ik wil gewoon een oplossing."),
    ("escalation", "Mijn baas heeft me gevraagd te bellen."),
    ("escalation", "Ik heb een goede review gegeven."),
    ("escalation", "Ben ik aansprakelijk voor de schade aan de auto van de buren?"),
    ("escalation", "Ik moet naar de politie om aangifte te doen van mijn gestolen pas."),
    ("escalation", "Ik wil vanavond naar RTL 4 kijken maar het beeld hapert."),
]


@pytest.mark.parametrize(("signal_type", "text"), DETECTED)
def test_signal_detected(listener: Listener, signal_type: str, text: str) -> None:
    assert signal_type in _types(listener, text)


@pytest.mark.parametrize(("signal_type", "text"), NOT_DETECTED)
def test_signal_not_detected(listener: Listener, signal_type: str, text: str) -> None:
    assert signal_type not in _types(listener, text)


@pytest.mark.parametrize(
    ("signal_type", "text", "strength"),
    [
        ("life_event", "Mijn man is twee weken geleden overleden.", "explicit"),
        ("life_event", "Het is een rare tijd voor ons de laatste maanden.", "hint"),
        ("financial_distress", "We hebben echt schulden bij iedereen.", "explicit"),
        ("financial_distress", "Kan de afschrijving naar na mijn salaris?", "hint"),
        ("vulnerability", "Kunt u iets langzamer spreken?", "explicit"),
        ("vulnerability", "Ik ben ook niet meer de jongste.", "hint"),
        ("confusion", "Ik snap er helemaal niks van.", "explicit"),
        ("confusion", "Klopt het dat de korting vervalt?", "hint"),
        ("churn_risk", "Dan ga ik gewoon overstappen.", "explicit"),
        ("churn_risk", "Hoe lang zit ik nog vast aan dit contract?", "hint"),
        ("escalation", "Ik leg dit voor aan het Kifid.", "explicit"),
        ("escalation", "Ik weet de weg echt wel te vinden.", "hint"),
    ],
)
def test_strength(listener: Listener, signal_type: str, text: str, strength: str) -> None:
    assert _types(listener, text).get(signal_type) == strength


def test_evidence_span_points_at_the_words(listener: Listener) -> None:
    text = "Goedemiddag. Ik schakel nu mijn advocaat in."
    signal = next(s for s in _customer(listener, text).signals if s.type == "escalation")
    assert text[signal.span[0] : signal.span[1]] == signal.text
    assert "advocaat" in signal.text


@pytest.mark.parametrize(
    ("signal_type", "customer", "agent", "picked_up"),
    [
        (
            "life_event",
            "Mijn moeder is vorige week overleden.",
            "Gecondoleerd met het verlies van uw moeder.",
            True,
        ),
        (
            "life_event",
            "We zijn net verhuisd naar Zwolle.",
            "Gefeliciteerd met de verhuizing!",
            True,
        ),
        ("life_event", "Mijn vrouw is vorige maand gestorven.", "Wat is uw klantnummer?", False),
        (
            "financial_distress",
            "Ik kan de rekening niet in één keer betalen.",
            "Dan kunnen we een betalingsregeling afspreken.",
            True,
        ),
        (
            "financial_distress",
            "Ik heb schulden, ik weet het even niet meer.",
            "De factuur is op 3 mei verstuurd.",
            False,
        ),
        ("vulnerability", "Ik zie heel slecht.", "Zal ik de brief aan u voorlezen?", True),
        (
            "vulnerability",
            "Ik heb geen computer.",
            "U kunt het formulier downloaden op onze website.",
            False,
        ),
        (
            "confusion",
            "Ik snap die brief echt niet.",
            "Ik leg het even uit: bovenaan staat uw voorschot.",
            True,
        ),
        ("confusion", "Ik begrijp er niks van.", "Wat is uw postcode?", False),
        (
            "churn_risk",
            "Dan ga ik echt overstappen.",
            "Dat zou ik jammer vinden. Mag ik u een aanbod doen?",
            True,
        ),
        ("churn_risk", "Ik wil mijn abonnement opzeggen.", "Wat is uw klantnummer?", False),
        (
            "escalation",
            "Ik wil uw leidinggevende spreken.",
            "Ik vraag mijn teamleider om u vandaag terug te bellen.",
            True,
        ),
        ("escalation", "Ik ga dit op Facebook zetten.", "Wat is uw ordernummer?", False),
    ],
)
def test_pickup(
    listener: Listener, signal_type: str, customer: str, agent: str, picked_up: bool
) -> None:
    assert _picked_up(listener, customer, agent, signal_type) is picked_up
