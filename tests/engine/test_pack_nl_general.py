"""Dutch constructions the packs missed on unseen text, each in new sentences of our own.

The constructions come from an error analysis of held-out Dutch text (frustration without a
feeling word, implied urgency, someone else's vulnerability, ...). No sentence is taken from that
text: every case here is a fresh sentence in the same construction, so a pass shows that the
construction is heard, not one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

POSITIVES = [
    # frustration without a feeling word (hint)
    ("frustration", "Waarom moet dit nou altijd zo ingewikkeld??"),
    ("frustration", "Waarom krijg ik dit nu pas te horen?"),
    ("frustration", "Hallo?? Is daar iemand?"),
    ("frustration", "hallo? zit er nog iemand aan de andere kant"),
    ("frustration", "Ik wacht al een uur op antwoord!!"),
    ("frustration", "Operator!"),
    ("frustration", "Nee!!"),
    ("frustration", "alweer niks."),
    ("frustration", "Nooit meer boek ik iets bij jullie."),
    ("human_request", "Operator!"),
    ("human_request", "Medewerker!"),
    ("human_request", "Mens!"),
    # urgency: implied deadlines, outages as a question or complaint, medicine
    ("urgency", "Ik heb om drie uur een sollicitatiegesprek en mijn laptop doet niks."),
    ("urgency", "Het moet echt snel, want ik heb straks een belangrijke afspraak."),
    ("urgency", "Ik heb deze week examens en zit zonder internet."),
    ("urgency", "Waarom heb ik nog steeds geen stroom?"),
    ("urgency", "geen internet!"),
    ("urgency", "We hebben al sinds gisteren geen bereik."),
    ("urgency", "Al sinds vanochtend geen water."),
    ("urgency", "Mijn vader heeft zijn medicijnen echt nodig."),
    ("urgency", "De huisarts moet me kunnen bereiken."),
    ("urgency", "Mijn moeder heeft haar insuline nodig en die zit in het pakket."),
    # vulnerability of someone else, language apology, pace, treatment, a helper
    ("vulnerability", "Hij is 91 en hoort bijna niets meer."),
    ("vulnerability", "Ze is 86 en komt moeilijk bij de deur."),
    ("vulnerability", "Mijn oma komt niet zo snel bij de deur."),
    ("vulnerability", "Sorry voor mijn slechte Nederlands."),
    ("vulnerability", "Excuses voor mijn Nederlands, ik woon hier nog maar kort."),
    ("vulnerability", "Mijn Nederlands is niet zo goed."),
    ("vulnerability", "Het gaat me allemaal een beetje te snel."),
    ("vulnerability", "Dit gaat mij echt te snel."),
    ("vulnerability", "Ik zit midden in mijn chemo."),
    ("vulnerability", "Ik lig momenteel in het ziekenhuis."),
    ("vulnerability", "Mijn zoon luistert mee, hij begrijpt dit beter dan ik."),
    ("vulnerability", "Mijn dochter snapt dit soort dingen beter dan ik."),
    # on_the_move: abroad, about to leave, at a till, short on time
    ("on_the_move", "Ik zit in Portugal en kan mijn post niet inzien."),
    ("on_the_move", "Ik zit nu in Frankrijk op de camping."),
    ("on_the_move", "Ik vertrek morgen naar Spanje."),
    ("on_the_move", "We vliegen overmorgen naar Turkije."),
    ("on_the_move", "Ik sta bij de kassa en mijn pas wordt geweigerd."),
    ("on_the_move", "Ik heb eigenlijk maar even."),
    ("on_the_move", "Ik heb maar heel even tijd."),
    # third_party: children in passing, someone else's card, a newborn on a policy
    ("third_party", "Ik zit hier met twee kleine kinderen zonder verwarming."),
    ("third_party", "Wij hebben een baby van vier maanden."),
    ("third_party", "Het gaat om de pas van mijn zoon."),
    ("third_party", "Ik wil het account van mijn vader opzeggen."),
    ("third_party", "Kan ik onze pasgeboren dochter op de polis zetten?"),
    ("third_party", "Onze baby moet nog bijgeschreven worden op de zorgverzekering."),
    ("third_party", "Mijn moeder zei al dat het zo zou gaan."),
    ("third_party", "Mijn vader is 91"),
    # complaint hints: the organisation or its people failing
    ("complaint", "De schilders hebben verf in de tuin laten liggen."),
    ("complaint", "De stratenmakers lieten hun zand gewoon op de stoep liggen."),
    ("complaint", "De bus reed gewoon te vroeg weg."),
    ("complaint", "Ik heb nooit een antwoord gekregen."),
    ("complaint", "De monteur heeft mijn vloer vol modder achtergelaten."),
    # financial_distress hints
    ("financial_distress", "Kan ik het in delen betalen?"),
    ("financial_distress", "Is het mogelijk om het in stukjes te betalen?"),
    ("financial_distress", "Dat is een flink bedrag voor mij."),
    ("financial_distress", "Dat is een hoop geld voor ons."),
    ("financial_distress", "Ik ben ontslagen en weet niet hoe ik alles moet betalen."),
    ("financial_distress", "Ik weet niet hoe ik de huur moet betalen."),
    ("financial_distress", "Ik wil graag een betalingsregeling."),
    # confusion in every word order
    ("confusion", "Ik word er niet wijs uit."),
    ("confusion", "Wijs word ik er niet uit."),
    ("confusion", "Uit die brief word ik niet wijs."),
    ("confusion", "Ik kan er niet wijs uit worden."),
    ("confusion", "Ik kom er niet uit met dat formulier."),
    ("confusion", "Met die aanvraag kom ik er gewoon niet uit."),
    # worry
    ("worry", "Ik slaap er slecht van."),
    ("worry", "Ik slaap er al weken slecht van."),
    ("worry", "Het houdt me bezig."),
    ("worry", "Het blijft maar door mijn hoofd gaan."),
    # escalation: legal aid, media
    ("escalation", "Dan schakel ik mijn rechtsbijstand in."),
    ("escalation", "Ik ga mijn rechtsbijstandverzekering inschakelen."),
    ("escalation", "Ik heb mijn rechtsbijstand al gebeld."),
    ("escalation", "Ik stap naar Kassa."),
    ("escalation", "Ik ga het op social media zetten."),
    ("escalation", "Ik stuur dit naar de krant."),
    # broken_promise: scare quotes, repeated visits without result
    ("broken_promise", "Toen zou het 'opgelost' zijn."),
    ("broken_promise", 'Het was toch "gerepareerd"?'),
    ("broken_promise", "Ze zijn twee keer geweest en er is niks veranderd."),
    ("broken_promise", "De monteur is al drie keer langs geweest en het probleem is er nog."),
    ("broken_promise", "Ze zijn al vaker geweest, maar het lekt nog steeds."),
    # life_event still heard
    ("life_event", "We zijn net verhuisd."),
    ("life_event", "Ik ga volgende maand verhuizen."),
    ("life_event", "Mijn man is overleden."),
    ("repeat_contact", "Ik heb vorige week al gebeld."),
    ("repeat_contact", "Dit is de derde keer dat ik bel."),
    ("repeat_contact", "Ik bel hier nu voor de derde keer over."),
]


@pytest.mark.parametrize(("kind", "text"), POSITIVES)
def test_construction_is_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind in customer_signals(text)


NEGATIVES = [
    ("frustration", "Wat is mijn klantnummer?"),
    ("frustration", "Hallo, ik heb een vraag over mijn factuur."),
    ("frustration", "Hallo? Hoort u mij?"),
    ("frustration", "Super geholpen, top!!"),
    ("frustration", "Die aanbieding was belachelijk goedkoop, echt top."),
    ("frustration", "Het was bespottelijk voordelig."),
    ("human_request", "Ik ben ook maar een mens."),
    ("urgency", "Valt spoedeisende zorg in het buitenland onder mijn verzekering?"),
    ("urgency", "Wordt spoedeisende hulp vergoed?"),
    ("urgency", "Ik heb geen internet nodig, alleen tv."),
    ("vulnerability", "Ik spreek goed Nederlands."),
    ("vulnerability", "Het ging allemaal heel snel, fijn."),
    ("vulnerability", "Mijn vader is 55 en werkt nog."),
    ("on_the_move", "Ik wil volgend jaar naar Spanje op vakantie."),
    ("on_the_move", "Kan ik mijn reisverzekering voor Portugal verlengen?"),
    ("on_the_move", "Heb je even voor me?"),
    ("third_party", "Ik bel namens de gemeente."),
    ("third_party", "Ik bel namens woningcorporatie De Woonplaats."),
    ("third_party", "Ik mail u namens de afdeling Vergunningen."),
    ("third_party", "Mijn man is overleden."),
    ("third_party", "Mijn vrouw is vorige maand plotseling overleden."),
    ("third_party", "Mijn vader is in maart gestorven."),
    ("third_party", "Ik ben zelf moeder van drie kinderen, zijn kinderen gratis meeverzekerd?"),
    ("complaint", "De monteur heeft alles netjes achtergelaten."),
    ("complaint", "De bus vertrekt om acht uur."),
    ("complaint", "Ik heb een antwoord gekregen, dank u."),
    ("financial_distress", "Een betalingsregeling is niet nodig."),
    ("financial_distress", "Een betalingsregeling hoeft niet, ik betaal het in één keer."),
    ("financial_distress", "Ik heb geen betalingsregeling nodig."),
    ("financial_distress", "Hoe kan ik betalen, met iDEAL of per overschrijving?"),
    ("confusion", "Ik kom er wel uit, dank u."),
    ("confusion", "Ik kom er vandaag niet uit, ik ben ziek."),
    ("worry", "Ik slaap goed."),
    ("worry", "Het houdt me niet bezig."),
    ("escalation", "Ik wil mijn rechtsbijstandverzekering opzeggen."),
    ("escalation", "Wat dekt de rechtsbijstand?"),
    ("escalation", "Ik ga heus niet naar de krant."),
    ("broken_promise", "De monteur is twee keer geweest en nu werkt alles weer."),
    ("broken_promise", "De track en trace zegt 'onderweg'."),
    ("repeat_contact", "Dit is de vierde keer dat de bezorger het bij de buren afgeeft."),
    ("repeat_contact", "Het is de derde keer deze maand dat we geen internet hebben."),
    ("repeat_contact", "Voor de tweede keer deze week geen stroom."),
    ("life_event", "Ik verhuis mijn afspraak naar volgende week."),
    ("life_event", "Kan ik mijn afspraak verzetten naar dinsdag?"),
    ("life_event", "Hoe wijzig ik mijn adres?"),
    ("life_event", "Waar kan ik mijn adres aanpassen?"),
    ("idea", "Waarom is er nog steeds geen stroom?"),
    ("idea", "Waarom hebben we nog steeds geen internet?"),
]


@pytest.mark.parametrize(("kind", "text"), NEGATIVES)
def test_look_alike_is_not_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind not in customer_signals(text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("frustration", "Waarom is dat nou zo lastig??"),
        ("frustration", "Operator!"),
        ("urgency", "geen internet!"),
        ("vulnerability", "Ze komt niet snel bij de deur."),
        ("third_party", "Wij hebben een baby van vier maanden."),
        ("complaint", "De schilders hebben verf in de tuin laten liggen."),
        ("financial_distress", "Kan ik het in delen betalen?"),
        ("broken_promise", "Toen zou het 'opgelost' zijn."),
    ],
)
def test_implied_signals_are_hints(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert customer_signals(text).get(kind) == "hint"


# The pattern language cannot look at what follows a match to cancel it, and has no start of a
# turn: these stay wrong until the engine can express them (strict, so a fix shows up).
@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("broken_promise", "Ze zouden om tien uur komen en waren er om tien uur, keurig."),
        ("broken_promise", "De monteur zou om negen uur komen en was er stipt op tijd."),
        ("repeat_contact", "Vorig jaar heb ik een klacht ingediend, die is toen netjes opgelost."),
        ("repeat_contact", "Twee jaar geleden heb ik gebeld en dat werd toen keurig geregeld."),
    ],
)
def test_kept_or_finished_is_still_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind not in customer_signals(text)


def test_a_bare_one_word_demand_at_the_start(
    customer_signals: Callable[..., dict[str, str]],
) -> None:
    assert "human_request" in customer_signals("MENS.")
    assert "human_request" in customer_signals("Ik snap er niks van. Medewerker graag.")
    assert "human_request" not in customer_signals("Een medewerker heeft mij geholpen.")
