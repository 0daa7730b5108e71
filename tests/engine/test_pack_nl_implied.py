"""Dutch signals said without their usual words (packs/nl/signals_4.yaml).

Each construction in fresh sentences of our own (none from any held-out set), with a look-alike
that must stay unheard.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("kind", "strength", "text"),
    [
        ("frustration", "hint", "Ik hang nu al 35 minuten aan deze lijn."),
        ("frustration", "hint", "Ik zit al ruim een half uur in de wacht."),
        ("frustration", "hint", "Iedere keer krijg ik weer wat anders te horen."),
        ("frustration", "hint", "Ik betaal elke maand en u doet helemaal niks?"),
        ("frustration", "hint", "Ik vraag me af of er iemand mijn berichten leest."),
        ("frustration", "hint", "Daar ben ik het totaal niet mee eens."),
        ("frustration", "hint", "Mijn abonnement is zonder enige aankondiging verhoogd."),
        ("frustration", "hint", "Zo kan het echt niet langer."),
        ("frustration", "hint", "Ik kom met jullie helpdesk nergens."),
        ("frustration", "hint", "Nou, prachtig geregeld hoor, weer geen pakket."),
        ("urgency", "hint", "Ik moet vrijdag de aanvraag indienen en ik mis nog een formulier."),
        ("urgency", "explicit", "Mijn telefoon is gestolen in de tram."),
        ("urgency", "hint", "Ik sta hier aan de balie zonder geldig ticket."),
        ("urgency", "hint", "Ik ben bang dat de betaling niet op tijd binnen is."),
        ("urgency", "hint", "De koelkast doet helemaal niks meer."),
        ("confusion", "explicit", "Mijn oma kreeg een nota die ze niet begrijpt."),
        ("confusion", "explicit", "Ik heb echt geen flauw idee wat ik moet invullen."),
        ("confusion", "hint", "Ik dacht dat het gratis was, maar nu zie ik een bedrag."),
        ("confusion", "hint", "Toen stond er alsnog een incasso op mijn rekening."),
        ("confusion", "hint", "Er staan twee abonnementen tegelijk op mijn naam."),
        ("confusion", "hint", "Als ik het goed lees moet ik dus zelf bellen?"),
        ("confusion", "hint", "Waarom is mijn voorschot ineens zoveel hoger?"),
        ("financial_distress", "explicit", "Ik weet echt niet hoe ik dat moet betalen."),
        ("financial_distress", "explicit", "Dat bedrag kan ik niet in één keer betalen."),
        ("financial_distress", "hint", "Na de scheiding moet ik de huur in mijn eentje betalen."),
    ],
)
def test_implied_signal_is_heard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    strength: str,
    text: str,
) -> None:
    heard = customer_signals(text, "nl")
    assert heard.get(kind) == strength, heard


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "Ik wacht even op mijn collega, die komt over 10 minuten."),
        ("frustration", "Ik ben het er helemaal mee eens."),
        ("frustration", "Top, bedankt voor de snelle hulp!"),
        ("urgency", "Ik moet volgend jaar een nieuwe aanvraag doen."),
        ("urgency", "Ik heb mijn pinpas gisteren netjes opgehaald."),
        ("confusion", "Ik begrijp de brief prima, ik wil alleen een kopie."),
        ("financial_distress", "Ik kan het in één keer betalen, geen probleem."),
    ],
)
def test_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]],
    kind: str,
    text: str,
) -> None:
    assert kind not in customer_signals(text, "nl")
