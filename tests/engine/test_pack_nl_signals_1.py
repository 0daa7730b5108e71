"""The Dutch pack, part 1 (packs/nl/signals_1.yaml): frustration, worry, gratitude,
repeat_contact, third_party and on_the_move.

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
    # frustration
    ("frustration", "Ik word er echt knettergek van, elke keer die storing."),
    ("frustration", "Ik heb er zo ontzettend genoeg van."),
    ("frustration", "Ik erger me groen en geel aan die nieuwe app."),
    ("frustration", "Het begint me echt de keel uit te hangen."),
    ("frustration", "Ik laat me niet langer afschepen met een standaardmail."),
    ("frustration", "Ik heb het echt helemaal gehad met dit bedrijf."),
    ("frustration", "Mijn geduld raakt nu echt op."),
    ("frustration", "hoe moeilijk kan het zijn om gewoon een factuur te corrigeren"),
    ("frustration", "Jullie luisteren gewoon niet naar je klanten."),
    ("frustration", "ben het zat!!!"),
    # worry
    ("worry", "Ik maak me ontzettend veel zorgen over de afsluiting."),
    ("worry", "Ik lig er 's nachts van wakker."),
    ("worry", "Ik ben doodsbang dat ze de stroom afsluiten."),
    ("worry", "Ik zie er vreselijk tegenop om die envelop te openen."),
    ("worry", "Het zit me helemaal niet lekker, die melding over mijn rekening."),
    ("worry", "Ik durf de rekening niet eens te openen."),
    ("worry", "Ik ben heel erg bezorgd over de betaling."),
    ("worry", "Komt alles wel goed?"),
    # gratitude
    ("gratitude", "Heel hartelijk dank voor uw hulp, echt."),
    ("gratitude", "Pfoe, wat een opluchting zeg."),
    ("gratitude", "Dank je wel voor je geduld met mij."),
    ("gratitude", "Een dikke pluim voor de bezorger."),
    ("gratitude", "Gelukkig, dan hoef ik niets te doen."),
    ("gratitude", "U bent een topper."),
    ("gratitude", "Dat is heel aardig van u."),
    ("gratitude", "Ik ben heel tevreden met hoe het gegaan is."),
    # repeat_contact
    ("repeat_contact", "Ik heb vorige maand ook al gebeld over deze factuur."),
    ("repeat_contact", "Dit is nu de vijfde keer dat ik contact opneem."),
    ("repeat_contact", "Ik heb jullie al meerdere keren gemaild zonder antwoord."),
    ("repeat_contact", "Uw collega beloofde me dat het vorige week geregeld zou zijn."),
    ("repeat_contact", "Zoals ik in mijn vorige mail al schreef, klopt de meterstand niet."),
    ("repeat_contact", "Ik word steeds doorverbonden en niemand helpt me."),
    ("repeat_contact", "Dit is de zoveelste keer dat ik bel."),
    ("repeat_contact", "Ik bel opnieuw over mijn aanvraag van vorige week."),
    # third_party
    ("third_party", "Goedemiddag, ik bel namens mijn dochter."),
    ("third_party", "Ik regel dit voor mijn schoonvader, hij woont in een verzorgingshuis."),
    ("third_party", "Ik ben de bewindvoerder van mevrouw Jansen."),
    ("third_party", "Ik heb u op de luidspreker gezet, mijn zoon luistert mee."),
    ("third_party", "Ik wil graag het abonnement van mijn overleden moeder opzeggen."),
    ("third_party", "Mijn oma is 94 en kan zelf niet meer bellen."),
    ("third_party", "Mijn vrouw staat naast me, ze wil ook even iets vragen."),
    ("third_party", "[baby huilt] sorry, even wachten."),
    ("third_party", "[stemmen op achtergrond] ja, ik ben er nog."),
    # on_the_move
    ("on_the_move", "Ik sta nu in de rij bij de supermarkt."),
    ("on_the_move", "zit in de trein, slecht bereik"),
    ("on_the_move", "Ik ben nu aan het rijden, dus ik kan niks noteren."),
    ("on_the_move", "Ik heb het klantnummer nu niet bij de hand."),
    ("on_the_move", "Mijn papieren liggen thuis, ik ben op mijn werk."),
    ("on_the_move", "Het is hier erg lawaaiig, sorry."),
    ("on_the_move", "Ik kan nu niet goed praten, ik zit in een vergadering."),
    ("on_the_move", "[verkeer] Hallo, ik bel over mijn rekening."),
    ("on_the_move", "[hond blaft] Sorry, ik bel over de meterstand."),
    ("on_the_move", "[wind] hallo? ik hoor u slecht."),
]

NOT_DETECTED = [
    # frustration: negation, look-alikes ("erger" = worse, "zat" = sat), neutral text
    ("frustration", "Ik ben helemaal niet boos, ik wil het alleen snappen."),
    ("frustration", "Het wordt steeds erger met de lekkage in de badkamer."),
    ("frustration", "Er zat een fout in de factuur, kunt u die aanpassen?"),
    ("frustration", "Ik baal er eigenlijk niet van, het komt wel goed."),
    ("frustration", "Ik ben klaar met het formulier, wat moet ik nu doen?"),
    ("frustration", "Is het normaal dat de rekening in de winter hoger is?"),
    # worry: negation, the polite "ik ben bang dat", "zorgen" as a verb, "bezorgd" = delivered
    ("worry", "Ik maak me er geen zorgen over."),
    ("worry", "Ik ben niet bang dat het fout gaat."),
    ("worry", "Ik ben bang dat dat niet gaat lukken met die code, of wel?"),
    ("worry", "Het pakket is gisteren bezorgd bij de buren."),
    ("worry", "Kunt u ervoor zorgen dat de monteur morgen komt?"),
    ("worry", "Komt het goed uit als de monteur om tien uur komt?"),
    # gratitude: thanks as a sign-off, negation, a wish
    ("gratitude", "Ok, bedankt. Fijne dag nog."),
    ("gratitude", "Alvast bedankt voor uw reactie."),
    ("gratitude", "Top, bedankt."),
    ("gratitude", "Ik ben niet blij met deze gang van zaken."),
    ("gratitude", "Nee dank je, ik heb geen interesse."),
    ("gratitude", "Ik zou blij zijn met een reactie binnen een week."),
    # repeat_contact: a callback request, a first call, a recurring problem, plain thanks
    ("repeat_contact", "Kunt u mij morgen even terugbellen?"),
    ("repeat_contact", "Ik wil voor het eerst een declaratie indienen."),
    ("repeat_contact", "Het is al de derde keer dat de bezorger mijn pakket kwijtraakt."),
    ("repeat_contact", "Mag ik nog een keer mijn wachtwoord resetten?"),
    ("repeat_contact", "Mijn moeder heeft me gisteren gebeld over de brief."),
    ("repeat_contact", "Dit is mijn eerste contact met jullie."),
    # third_party: "moeder" look-alikes, no possessive, "zijn" as a verb
    ("third_party", "Is het moederbord van mijn laptop kapot?"),
    ("third_party", "Ik ben zelf vader van twee kinderen en wil een gezinspolis."),
    ("third_party", "Nederlands is niet mijn moedertaal."),
    ("third_party", "Er zijn rekeningen die ik niet begrijp."),
    ("third_party", "Ik bel over mijn eigen contract."),
    # on_the_move: travel as a topic, papers at hand, a past trip, a parcel on its way
    ("on_the_move", "Ik wil mijn auto verzekeren."),
    ("on_the_move", "Hoe laat vertrekt de laatste trein naar Zwolle?"),
    ("on_the_move", "Ik zit thuis achter de computer."),
    ("on_the_move", "Ik was vorige week op vakantie en toen is de pas verlopen."),
    ("on_the_move", "Het pakket is onderweg volgens de app."),
    ("on_the_move", "Ik ga volgende maand op vakantie, moet ik iets regelen?"),
    ("on_the_move", "Mijn dochter zit op school."),
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
        ("third_party", "Goedemiddag, ik bel namens mijn dochter.", "explicit"),
        ("third_party", "Mijn vrouw zei dat de meter vorige week is vervangen.", "hint"),
        ("third_party", "[kind huilt] Ja, ik ben er nog.", "hint"),
        ("on_the_move", "Ik zit momenteel in de bus naar Utrecht.", "explicit"),
        ("on_the_move", "[omroepbericht] Goedemiddag, met Pietersen.", "hint"),
        ("frustration", "Dit is werkelijk belachelijk.", "explicit"),
        ("frustration", "pfff, weer hetzelfde verhaal", "hint"),
        ("gratitude", "Bezorger kwam precies op tijd.", "hint"),
        ("repeat_contact", "Ik heb vorige week al gebeld.", "explicit"),
        ("worry", "Hopelijk komt het op tijd.", "hint"),
    ],
)
def test_strength(listener: Listener, signal_type: str, text: str, strength: str) -> None:
    assert _types(listener, text).get(signal_type) == strength


def test_evidence_span_points_at_the_words(listener: Listener) -> None:
    text = "Goedemiddag, ik bel namens mijn moeder."
    signal = next(s for s in _customer(listener, text).signals if s.type == "third_party")
    assert text[signal.span[0] : signal.span[1]] == signal.text
    assert "namens" in signal.text


@pytest.mark.parametrize(
    ("signal_type", "customer", "agent", "picked_up"),
    [
        ("frustration", "Ik ben het echt zat.", "Ik begrijp dat u er klaar mee bent.", True),
        ("frustration", "Ik word er gek van.", "Mag ik uw klantnummer even?", False),
        (
            "worry",
            "Ik maak me echt zorgen over die brief.",
            "U hoeft zich geen zorgen te maken.",
            True,
        ),
        ("worry", "Ik ben bang dat we de woning moeten verlaten.", "Wat is uw postcode?", False),
        ("gratitude", "Heel erg bedankt voor uw hulp!", "Graag gedaan!", True),
        # Thanks echoed back is no pick-up: gratitude has echo off.
        ("gratitude", "Heel erg bedankt voor uw hulp!", "Bedankt voor het wachten.", False),
        (
            "repeat_contact",
            "Ik heb vorige week ook al gebeld hierover.",
            "Ik zie dat u al eerder contact heeft gehad.",
            True,
        ),
        # "bellen" echoed says nothing about the earlier calls: repeat_contact has echo off.
        ("repeat_contact", "Ik heb vorige week ook al gebeld.", "Waarover belt u?", False),
        ("third_party", "Ik bel namens mijn vader.", "Heeft u een machtiging van uw vader?", True),
        ("third_party", "Ik bel namens mijn vader.", "Wat is het klantnummer?", False),
        (
            "on_the_move",
            "Ik zit op dit moment in de auto.",
            "Zal ik u straks terugbellen als het beter uitkomt?",
            True,
        ),
        (
            "on_the_move",
            "Ik heb de brief niet bij me.",
            "Dat geeft niet, ik zoek het op met uw postcode.",
            True,
        ),
        ("on_the_move", "Ik zit op dit moment in de auto.", "Wat is uw geboortedatum?", False),
    ],
)
def test_pickup(
    listener: Listener, signal_type: str, customer: str, agent: str, picked_up: bool
) -> None:
    assert _picked_up(listener, customer, agent, signal_type) is picked_up
