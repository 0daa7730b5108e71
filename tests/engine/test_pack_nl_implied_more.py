"""More Dutch signals and behaviours said without their usual words (packs/nl/signals_5.yaml,
nl/behaviours_2.yaml). Fresh sentences of our own, none from any held-out set, with
look-alikes that must stay unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "Mijn retour is nog steeds niet verwerkt 🙄"),
        ("frustration", "Komt er ooit nog iets van die terugbetaling?"),
        ("frustration", "Dit is toch niet normaal, drie weken zonder bericht."),
        ("frustration", "Ik laat dit echt niet zomaar gebeuren."),
        ("frustration", "Ik word er echt gek van, van die app."),
        ("frustration", "Wanneer krijg ik nou eindelijk mijn geld terug?"),
        ("complaint", "Wie gaat dat betalen, die schade aan mijn deur?"),
        ("complaint", "Het is onbegrijpelijk dat niemand dit heeft gecontroleerd."),
        ("urgency", "De deadline is morgen en ik heb nog steeds geen bevestiging."),
        ("urgency", "Mijn verblijfsvergunning verloopt vrijdag."),
        ("worry", "Komt dat wel goed met mijn uitkering?"),
        ("worry", "Ik sta nog steeds te trillen op mijn benen."),
        ("financial_distress", "Sinds de scheiding loopt het uit de hand met de rekeningen."),
        ("financial_distress", "We moeten op elke euro letten de laatste tijd."),
        ("broken_promise", "Het pakket zou maandag bezorgd worden."),
        ("broken_promise", "De reparatie zou een week duren."),
        ("broken_promise", "Mijn aanvraag staat nog steeds op in behandeling."),
        ("churn_risk", "Dit was de laatste keer dat ik bij jullie bestel."),
        ("churn_risk", "Hoe lang zit ik nog vast aan dat contract?"),
        ("gratitude", "Dat ging sneller dan verwacht, heel fijn."),
        ("confusion", "Ik kom er echt niet uit met dat formulier."),
        ("confusion", "Wat is nou precies het verschil tussen die twee pakketten?"),
        ("vulnerability", "Mijn vader kan niet meer zelfstandig douchen."),
        ("on_the_move", "Sorry, de verbinding valt steeds weg."),
        ("repeat_contact", "Onder verwijzing naar mijn brief van 4 maart vraag ik u om uitstel."),
        ("third_party", "Mijn oma is overleden, dus het abonnement mag stoppen."),
    ],
)
def test_implied_signal_is_heard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind in customer_signals(text, "nl")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "Dit is heel normaal, hoor, geen probleem."),
        ("worry", "Het gaat nu weer goed met me, dank u."),
        ("broken_promise", "Het pakket wordt maandag bezorgd, toch?"),
        ("churn_risk", "Dit was de eerste keer dat ik bij jullie bestelde."),
        ("confusion", "Ik kom er morgen even uit om het op te halen."),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind not in customer_signals(text, "nl")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("empathy", "Dat klinkt als een flinke last op uw schouders."),
        ("empathy", "Met een baby in huis maakt dat het extra zwaar."),
        ("empathy", "Zonde, een hele middag vrij voor niets."),
        ("empathy", "Daar wilt u natuurlijk niet mee blijven zitten."),
        ("promise", "De afspraak staat voor u vast, donderdag om tien uur."),
        ("promise", "De monteur komt woensdag tussen 13.00 en 17.00 uur."),
        ("promise", "Wij beslissen binnen tien werkdagen over uw bezwaar."),
        ("explanation", "Dat hangt af van het type contract dat u heeft."),
        ("explanation", "Het onderdeel is pas vandaag binnengekomen."),
        ("choice_offered", "Zegt u het maar."),
    ],
)
def test_behaviour_is_heard(
    agent_behaviours: Callable[..., set[str]],
    kind: str,
    text: str,
) -> None:
    assert kind in agent_behaviours(text, "nl")
