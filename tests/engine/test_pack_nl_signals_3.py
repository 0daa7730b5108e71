"""The Dutch pack, part 3 (packs/nl/signals_3.yaml): urgency, human_request, broken_promise,
complaint and idea, with the agent phrases that pick them up.

The sentences are written for these tests (none is taken from corpus/nl): each type has
sentences that must produce it, and look-alikes, negations and neutral questions that must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from signaal.engine import Listener
from signaal.engine.model import Analysis, Conversation, Turn

PACK_FILE = Path(__file__).parents[2] / "src/signaal/engine/packs/nl/signals_3.yaml"
TYPES = ("urgency", "human_request", "broken_promise", "complaint", "idea")


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
    # urgency: outage, safety, stolen card, deadline, leaving in minutes
    ("urgency", "Er staat een halve meter water in onze kelder en het stijgt nog."),
    ("urgency", "help, ik ruik een gaslucht in de keuken"),
    ("urgency", "Ons huis staat sinds gisteravond zonder elektriciteit."),
    ("urgency", "We hebben sinds vannacht geen stroom meer."),
    ("urgency", "De personenalarmering van mijn vader werkt niet meer."),
    ("urgency", "Mijn bankpas is gisteren gestolen in de tram."),
    ("urgency", "mn pinpas is gejat!!! blokkeren aub"),
    ("urgency", "Mijn creditcard wordt geweigerd en ik sta hier met een volle kar."),
    ("urgency", "Dit heeft echt haast, de verhuizers komen morgenochtend."),
    ("urgency", "ik moet het uiterlijk vandaag hebben anders vervalt mijn recht"),
    ("urgency", "Graag z.s.m. contact, het is dringend."),
    ("urgency", "Mijn vlucht vertrekt over twee uur en ik kan niet inchecken."),
    ("urgency", "Ik heb de verzekeringspapieren morgen nodig voor de notaris."),
    ("urgency", "het kan echt niet langer wachten, het plafond komt naar beneden"),
    ("urgency", "De leiding in de badkamer is gesprongen!"),
    ("urgency", "Mijn dochter zit vast in de lift van ons flatgebouw."),
    ("urgency", "mijn account is gehackt en er zijn bestellingen gedaan op mijn naam"),
    ("urgency", "we zitten al drie dagen in de kou"),
    # human_request: a person instead of a bot or a menu
    ("human_request", "Ik wil graag met een medewerker praten."),
    ("human_request", "Verbind mij alsjeblieft door met een collega van jullie."),
    ("human_request", "Ik praat liever met een mens dan met een computer."),
    ("human_request", "ik heb geen zin in die chatbot, ik wil een persoon"),
    ("human_request", "Geef me gewoon een mens aan de lijn alsjeblieft"),
    ("human_request", "ik wil niet met een robot chatten"),
    ("human_request", "kan ik niet gewoon iemand aan de lijn krijgen"),
    ("human_request", "Hallo? Is hier ook een levend mens?"),
    ("human_request", "medewerker aub"),
    # broken_promise
    (
        "broken_promise",
        "De monteur zou vanochtend tussen acht en tien langskomen, maar ik heb niemand gezien.",
    ),
    ("broken_promise", "Uw collega heeft me beloofd dat het bedrag teruggestort zou worden."),
    ("broken_promise", "Er zou vandaag iemand bellen, maar ik heb niks gehoord."),
    ("broken_promise", "Ik ben nooit teruggebeld terwijl dat wel was afgesproken."),
    ("broken_promise", "De bezorger is gewoon niet komen opdagen."),
    ("broken_promise", "het pakketje zou zaterdag bezorgd worden maar niks"),
    ("broken_promise", "De terugbetaling zou binnen 14 dagen op mijn rekening staan."),
    ("broken_promise", "Ik zou binnen een week een nieuwe pas ontvangen."),
    ("broken_promise", "Jullie houden je niet aan jullie eigen afspraken."),
    ("broken_promise", "Ik wacht al drie weken op de beloofde creditnota."),
    ("broken_promise", "Ik heb nog steeds geen reactie ontvangen op mijn mail."),
    # complaint
    ("complaint", "Ik wil een officiële klacht indienen over de gang van zaken."),
    ("complaint", "Ik heb een klacht over uw klantenservice."),
    ("complaint", "Ik dien hierbij een klacht in tegen uw bedrijf."),
    ("complaint", "Ik wil me beklagen over de behandeling die ik kreeg."),
    ("complaint", "Ik bel om te klagen over de bezorging."),
    ("complaint", "Zie deze mail als een formele klacht."),
    ("complaint", "Waar kan ik terecht met een klacht?"),
    ("complaint", "Kunt u mij doorverbinden met de klachtenafdeling?"),
    ("complaint", "Ik wil mijn onvrede kenbaar maken over hoe dit is afgehandeld."),
    ("complaint", "De medewerker aan de telefoon heeft gewoon opgehangen."),
    ("complaint", "ik werd heel onvriendelijk behandeld aan de balie"),
    # idea
    ("idea", "Het zou handiger zijn als jullie de factuur ook per post versturen."),
    ("idea", "Misschien een idee om een wachtrij-indicatie op de site te zetten?"),
    ("idea", "Een tip voor de webshop: toon de levertijd al bij het product."),
    ("idea", "Waarom bieden jullie geen avondspreekuur aan?"),
    ("idea", "Kunnen jullie niet een herinnering sturen voordat de termijn verloopt?"),
    ("idea", "Zou het niet handiger zijn om het formulier online te zetten?"),
    ("idea", "Mag ik een voorstel doen? Zet de openingstijden bovenaan de website."),
    ("idea", "Als jullie nou eens een knop maken om de afspraak te verzetten."),
    ("idea", "Het zou fijn zijn om de meterstand via de app te kunnen doorgeven."),
    ("idea", "Ik mis een mogelijkheid om mijn facturen te downloaden."),
]

NOT_DETECTED = [
    # urgency: negated haste, neutral questions about services, hypotheticals, old events
    ("urgency", "Geen haast hoor, volgende maand is ook prima."),
    ("urgency", "Het heeft geen spoed, ik wil alleen iets vragen over de factuur."),
    ("urgency", "het is niet dringend, bel me maar wanneer het uitkomt"),
    ("urgency", "Wat kost gas tegenwoordig per kuub?"),
    ("urgency", "Vorig jaar hadden we een lekkage, is die schade toen vergoed?"),
    ("urgency", "Wat moet ik doen als de stroom uitvalt?"),
    ("urgency", "De stroom is hier nooit uitgevallen, gelukkig."),
    ("urgency", "Het is haast niet te geloven hoe goedkoop dat is."),
    ("urgency", "Ik zou graag vandaag nog een offerte ontvangen als dat lukt."),
    ("urgency", "De trein van 10 over 8 gaat toch via Amersfoort?"),
    ("urgency", "Mijn internet is traag, kunt u kijken?"),
    # human_request: a visit, declining, praise, the customer's own computer
    ("human_request", "Kan er een medewerker langskomen om de meter te vervangen?"),
    ("human_request", "nee hoor, ik hoef geen medewerker, het is al gelukt"),
    ("human_request", "De medewerker van gisteren was erg vriendelijk."),
    ("human_request", "Ik kan niet met de computer overweg, kunt u het opsturen?"),
    ("human_request", "Ik heb al met een medewerker gesproken gisteren."),
    ("human_request", "Nee, u hoeft me niet door te verbinden, dank u."),
    # broken_promise: requests and questions with "zou", wishes, the customer's own promise
    ("broken_promise", "Wanneer zou de monteur ongeveer kunnen komen?"),
    ("broken_promise", "Zou u mij morgen kunnen terugbellen?"),
    ("broken_promise", "Ik zou graag een afspraak willen maken voor volgende week."),
    ("broken_promise", "De monteur komt morgen tussen acht en twaalf, toch?"),
    ("broken_promise", "Ik heb u beloofd de foto's te sturen, hier zijn ze."),
    ("broken_promise", "Zouden jullie het ook per post kunnen sturen?"),
    ("broken_promise", "De monteur is gisteren geweest en alles werkt weer."),
    # complaint: negated, health complaints, history, a question about the procedure
    ("complaint", "Ik wil geen klacht indienen, ik wil het alleen laten weten."),
    ("complaint", "Mijn moeder heeft klachten aan haar knie."),
    ("complaint", "Mijn man heeft al weken klachten over zijn maag."),
    ("complaint", "Ik heb die klacht vorige maand al ingediend, wat is de status?"),
    ("complaint", "Ik mag niet klagen, alles loopt goed."),
    ("complaint", "Hoe lang duurt de klachtenprocedure?"),
    ("complaint", "Dit is geen klacht, gewoon een vraag."),
    ("complaint", "De monteur heeft alles netjes achtergelaten."),
    # idea: "geen idee", agreeing, asking for a tip, a personal need
    ("idea", "Heeft u enig idee wanneer het pakket komt?"),
    ("idea", "Geen idee, dat moet ik nakijken."),
    ("idea", "Goed idee, laten we dat doen."),
    ("idea", "Bedankt voor de tip!"),
    ("idea", "Heeft u nog tips om energie te besparen?"),
    ("idea", "Het zou fijn zijn als ik vandaag nog antwoord krijg."),
    ("idea", "Het is handig om te weten, dank u."),
]


@pytest.mark.parametrize(("signal_type", "text"), DETECTED)
def test_signal_detected(listener: Listener, signal_type: str, text: str) -> None:
    assert signal_type in _types(listener, text)


@pytest.mark.parametrize(("signal_type", "text"), NOT_DETECTED)
def test_signal_not_detected(listener: Listener, signal_type: str, text: str) -> None:
    assert signal_type not in _types(listener, text)


STRENGTH = [
    ("urgency", "We zitten zonder warm water met een baby van drie weken.", "explicit"),
    ("urgency", "Hoe snel kan de monteur er zijn?", "hint"),
    ("urgency", "Ik vertrek overmorgen naar Spanje, lukt het voor die tijd?", "hint"),
    ("human_request", "Ik wil een echt mens spreken.", "explicit"),
    ("human_request", "je begrijpt mijn vraag niet", "hint"),
    ("broken_promise", "Jullie zouden vorige week de meter komen vervangen.", "explicit"),
    ("broken_promise", "Ik wacht nog steeds op de nieuwe pas.", "hint"),
    ("complaint", "Ik wil een klacht indienen.", "explicit"),
    ("complaint", "De bezorger heeft het pakket zomaar voor de deur gegooid.", "hint"),
    ("idea", "Tip: stuur een mailtje als de factuur klaarstaat.", "explicit"),
    ("idea", "Bij mijn vorige bank kon je gewoon met de app betalen.", "hint"),
]


@pytest.mark.parametrize(("signal_type", "text", "strength"), STRENGTH)
def test_strength(listener: Listener, signal_type: str, text: str, strength: str) -> None:
    assert _types(listener, text).get(signal_type) == strength


def test_evidence_span_points_at_the_words(listener: Listener) -> None:
    text = "Goedemorgen. Ik wil graag een klacht indienen over de chauffeur."
    signal = next(s for s in _customer(listener, text).signals if s.type == "complaint")
    assert text[signal.span[0] : signal.span[1]] == signal.text
    assert "klacht" in signal.text


PICKUP = [
    ("urgency", "Er komt water door het plafond!", "Ik stuur direct een spoedmonteur.", True),
    ("urgency", "Er komt water door het plafond!", "Wat is uw klantnummer?", False),
    (
        "human_request",
        "ik wil een medewerker",
        "Hoi, je spreekt nu met Fenna van de klantenservice.",
        True,
    ),
    ("human_request", "ik wil een medewerker", "Bedoel je: 'Factuur bekijken'?", False),
    (
        "broken_promise",
        "Jullie zouden me gisteren terugbellen.",
        "Dat had niet mogen gebeuren.",
        True,
    ),
    ("broken_promise", "Jullie zouden me gisteren terugbellen.", "Wat is uw postcode?", False),
    (
        "complaint",
        "Ik wil een klacht indienen.",
        "Ik leg uw klacht vast en u krijgt binnen vijf dagen antwoord.",
        True,
    ),
    ("complaint", "Ik wil een klacht indienen.", "Wat is uw geboortedatum?", False),
    (
        "idea",
        "Misschien een idee om de brieven korter te maken?",
        "Goede suggestie, die geef ik door aan het team.",
        True,
    ),
    (
        "idea",
        "Misschien een idee om de brieven korter te maken?",
        "Kunt u uw postcode noemen?",
        False,
    ),
]


@pytest.mark.parametrize(("signal_type", "customer", "agent", "expected"), PICKUP)
def test_pickup(
    listener: Listener, signal_type: str, customer: str, agent: str, expected: bool
) -> None:
    assert _picked_up(listener, customer, agent, signal_type) is expected


def test_file_keeps_to_its_prefix_and_types() -> None:
    data = yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))
    assert all(name.startswith("sig3_") for name in data["sets"])
    assert set(data["signals"]) == set(TYPES)
    for signal_type, body in data["signals"].items():
        for entry in body.get("patterns", []) + body.get("pickup", []):
            assert entry["id"].startswith(f"{signal_type}."), entry["id"]
