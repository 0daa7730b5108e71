"""Dutch signals carried by what the customer says happened (packs/nl/signals_6.yaml) and
identity questions about any kind of number (packs/nl/behaviours_3.yaml). Fresh sentences of
our own, none from any held-out set, with look-alikes that must stay unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from signaal.engine import Conversation, Listener, Turn


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("broken_promise", "De monteur zou dinsdag tussen acht en twaalf komen."),
        ("broken_promise", "Jullie zouden het geld vorige week terugstorten."),
        ("broken_promise", "De nieuwe pas zou binnen vijf werkdagen in de bus liggen."),
        ("broken_promise", "Ik wacht al drie weken op een antwoord van de notaris."),
        ("broken_promise", "Al twee maanden gewacht op die tweede termijn."),
        ("broken_promise", "De boot ligt al een maand in de haven en niemand die belt."),
        ("broken_promise", "Mijn teruggave is nog steeds niet uitbetaald."),
        ("broken_promise", "De huurtoeslag is weer niet gestort."),
        ("confusion", "Waarom moet ik opeens zelf de keuring regelen?"),
        ("confusion", "Dus als ik het goed begrijp moet ik eerst naar het gemeentehuis?"),
        ("confusion", "Ik weet niet of dat met een bijstandsuitkering nog mag."),
        ("confusion", "Ik raak echt de draad kwijt met al die formulieren."),
        ("financial_distress", "Ik weet echt niet of ik dat kan betalen deze maand."),
        ("financial_distress", "We redden het niet meer met twee kleine salarissen."),
        ("financial_distress", "Ik moet eind van de week ook nog de huur betalen."),
        ("financial_distress", "Het sportabonnement is gewoon te duur geworden voor ons."),
        ("financial_distress", "Voor ons is dat echt een fors bedrag."),
        ("on_the_move", "Ik sta nu op het station in Zwolle."),
        ("on_the_move", "Ik zit in de bus, kan ik u zo terugbellen?"),
        ("on_the_move", "Onze camper staat stil op de pechstrook bij Breda."),
        ("third_party", "Ik zit hier met drie zieke kinderen op de bank."),
        ("third_party", "Mijn dochter kan haar kamer in Delft niet meer betalen."),
        ("urgency", "Ons vliegtuig vertrekt morgen om zes uur en de koffer is zoek."),
        ("urgency", "Niemand op kantoor kan nog inloggen sinds de update."),
        ("worry", "Ik heb er nauwelijks van geslapen."),
    ],
)
def test_construction_is_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind in customer_signals(text, "nl")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # The customer's own plan or a polite request is no promise of the organisation.
        ("broken_promise", "Ik zou vrijdag graag even langskomen."),
        ("broken_promise", "Zou het morgen kunnen, die afspraak?"),
        ("broken_promise", "Wanneer zou de monteur dinsdag komen?"),
        ("broken_promise", "We zouden maandag verhuizen maar dat is verschoven."),
        # Something not yet arranged by someone else; a kept agreement.
        ("broken_promise", "De erfenis van mijn tante is nog niet geregeld."),
        ("broken_promise", "Het geld is gisteren gestort, dank u."),
        # A how-to question and a fault question are no confusion.
        ("confusion", "Hoe kan ik mijn adres wijzigen?"),
        ("confusion", "Mijn pas werkt niet bij de slagboom. Hoe kan dat?"),
        # Not making it in time is no money trouble; paying in one go neither.
        ("financial_distress", "Ik red het niet meer op tijd naar het loket."),
        ("financial_distress", "Ik betaal de huur altijd in een keer."),
        # Travel as a topic; a train timetable question.
        ("on_the_move", "Rijdt de trein van 8.12 morgen wel?"),
        # The customer's own children as a fact about herself.
        ("third_party", "Ik ben zelf moeder van twee kinderen en werk parttime."),
        ("worry", "Ik heb heerlijk geslapen na die behandeling."),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind not in customer_signals(text, "nl")


def _identification_first(listener: Listener, agent: str) -> bool:
    turns = (
        Turn(0, "customer", "Ik ben het echt zat, dit is al de derde keer dat ik bel."),
        Turn(1, "agent", agent),
    )
    analysis = listener.analyze(Conversation(id="t", turns=turns), language="nl")
    return any(b.type == "identification_first" for b in analysis.behaviours)


@pytest.mark.parametrize(
    "agent",
    [
        "Wat is uw lidmaatschapsnummer?",
        "Welk ligplaatsnummer heeft u?",
        "Mag ik even uw ticketnummer?",
        "Uw cursistnummer graag.",
    ],
)
def test_any_number_asked_before_listening(listener: Listener, agent: str) -> None:
    assert _identification_first(listener, agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Ik heb uw lidmaatschapsnummer al gevonden, ik kijk even mee.",
        "Wat vervelend dat u zo vaak moest bellen. Wat is uw ticketnummer?",
    ],
)
def test_number_found_or_asked_after_listening(listener: Listener, agent: str) -> None:
    assert not _identification_first(listener, agent)
