"""Breadth of everyday Dutch and Flemish wording for each customer signal
(packs/nl/signals_8.yaml): idioms, chat and social-media shorthand, Flemish words and formal
e-mail. Fresh sentences of our own, none from any corpus, each type with look-alikes
(negations, neutral questions, idioms with another meaning) that must stay unheard."""

from __future__ import annotations

from collections.abc import Callable

import pytest

HEARD = [
    # Fed up, outraged, sarcastic.
    ("frustration", "Die nieuwe storing is echt de druppel."),
    ("frustration", "Dit is toch van de zotte, drie monteurs en nog geen antwoord."),
    ("frustration", "Zo'n lange wachttijd, dat is te triest voor woorden."),
    ("frustration", "Ik word van het ene loket naar het andere gestuurd."),
    ("frustration", "Jullie lappen elke afspraak gewoon aan je laars."),
    ("frustration", "Da's toch wel heel ambetant, zeg."),
    ("frustration", "Ik heb er mijn buik van vol, van die herinneringen."),
    ("frustration", "Nu is de maat echt vol."),
    ("frustration", "Dit is geen manier van werken."),
    ("frustration", "Klantvriendelijkheid is bij jullie ver te zoeken."),
    ("frustration", "Pakket weer kwijt, super geregeld hoor 👏"),
    ("frustration", "beloofd voor dinsdag. niet dus"),
    ("frustration", "weer geen wifi in de kantine 😩"),
    ("frustration", "Elke keer als ik bel krijg ik een ander verhaal."),
    # Fear and stress.
    ("worry", "Ik zit echt in de rats over die naheffing."),
    ("worry", "Ik houd mijn hart vast voor de uitslag van de keuring."),
    ("worry", "Ik weet me echt geen raad meer met die schuld."),
    ("worry", "Deze brief verontrust mij zeer."),
    ("worry", "Sinds die aanmaning slaap ik slecht."),
    ("worry", "Ik hoop niet dat ze het gas afsluiten."),
    ("worry", "Ik heb er een hard hoofd in dat het nog goed komt."),
    ("worry", "Ik heb een slecht voorgevoel over die verbouwing."),
    ("worry", "Ik ben als de dood dat de verzekering niet uitkeert."),
    # Relief, praise, mild satisfaction.
    ("gratitude", "Dat is voor mij een hele geruststelling."),
    ("gratitude", "Wat een verademing na al dat gebel."),
    ("gratitude", "U heeft echt mijn weekend gered."),
    ("gratitude", "Uw geduld waardeer ik enorm."),
    ("gratitude", "Ik ben zeer te spreken over de nieuwe monteur."),
    ("gratitude", "De overstap ging vlekkeloos."),
    ("gratitude", "De glazenwasser kwam precies om negen uur. Keurig!"),
    ("gratitude", "Ik was aangenaam verrast door de snelle levering."),
    # Earlier contacts by some channel.
    ("repeat_contact", "Ik heb hier vorige week al twee keer de chat over gehad."),
    ("repeat_contact", "Ik had al een storingsmelding lopen voor de lantaarnpaal."),
    ("repeat_contact", "Ik heb al meermaals aan de bel getrokken over die lekkage."),
    ("repeat_contact", "Via het contactformulier heb ik dit ook al gevraagd."),
    ("repeat_contact", "Ik heb u hierover herhaaldelijk gemaild."),
    # For someone else.
    ("third_party", "Ik vraag het voor een collega, zij staat in de file."),
    ("third_party", "Ik bel voor iemand anders, een oudere dame uit de straat."),
    ("third_party", "Ik schrijf u in opdracht van mijn cliënt."),
    # Away.
    ("on_the_move", "Ik ben niet in de buurt van mijn laptop, kan het later?"),
    ("on_the_move", "Ik loop net met de hond in het park."),
    # Life events said gently.
    ("life_event", "Mijn man is er sinds maart niet meer."),
    ("life_event", "Ik ben in mei met pensioen gegaan."),
    ("life_event", "Mijn bakkerij is vorige maand failliet verklaard."),
    ("life_event", "Mijn vriendin is bij me weggegaan."),
    # Money trouble.
    ("financial_distress", "Het water staat ons aan de lippen."),
    ("financial_distress", "Wij hebben het niet zo breed."),
    ("financial_distress", "Halverwege de maand is het geld al op."),
    ("financial_distress", "Ik heb nog maar vijftien euro op mijn rekening."),
    ("financial_distress", "We moeten kiezen tussen boodschappen en de huur."),
    ("financial_distress", "Die naheffing krijg ik echt niet betaald."),
    ("financial_distress", "Mijn spaargeld is helemaal opgemaakt."),
    ("financial_distress", "Er ligt beslag op mijn loon."),
    # Limits.
    ("vulnerability", "Met zo'n app kan ik echt niet overweg."),
    ("vulnerability", "Ik ben niet zo digitaal, moet dat echt online?"),
    ("vulnerability", "Ik heb de laatste tijd veel last van mijn ogen."),
    ("vulnerability", "Nederlands is niet mijn moedertaal, dus praat u rustig."),
    ("vulnerability", "Ik ben niet zo goed in lezen."),
    # Doubt and not understanding.
    ("confusion", "huh? dat snap ik dan weer niet"),
    ("confusion", "Wat bedoelt u precies met een voorlopige aanslag?"),
    ("confusion", "Hoe moet ik deze afrekening lezen?"),
    ("confusion", "Zie ik iets over het hoofd?"),
    ("confusion", "Op de site staat vijftig euro, in de mail zestig, welke klopt nu?"),
    ("confusion", "De ene medewerker zegt ja, de andere zegt nee."),
    ("confusion", "Graag verneem ik waarom het termijnbedrag is verhoogd."),
    ("confusion", "Ik ben een beetje de weg kwijt met al die formulieren."),
    ("confusion", "Ik versta die brief van de belastingen niet."),
    ("confusion", "Ik heb het pakket teruggestuurd en nu krijg ik een aanmaning."),
    # Leaving.
    ("churn_risk", "Dan ga ik mijn heil wel elders zoeken."),
    ("churn_risk", "Als dit zo blijft, ben ik weg bij jullie."),
    ("churn_risk", "Jullie zien mij hier niet meer terug."),
    ("churn_risk", "Ik kijk al rond bij andere verzekeraars."),
    ("churn_risk", "Ik heb al een andere leverancier gevonden."),
    ("churn_risk", "Dit is voor mij reden om op te zeggen."),
    ("churn_risk", "Ik twijfel of ik nog klant wil blijven."),
    ("churn_risk", "Ik wil per direct opzeggen."),
    # Formal and public escalation.
    ("escalation", "Hierbij stel ik u in gebreke."),
    ("escalation", "Desnoods zie ik jullie in de rechtszaal."),
    ("escalation", "Ik zet dit hele verhaal op sociale media."),
    ("escalation", "Ik leg de zaak voor aan mijn advocaat."),
    ("escalation", "Ik wil iemand spreken die wel iets te zeggen heeft."),
    ("escalation", "Ik ga dit aan de grote klok hangen."),
    # Urgent.
    ("urgency", "Ik moet die pas morgen echt hebben."),
    ("urgency", "Het glasvezel ligt er sinds vanochtend uit."),
    ("urgency", "Het toilet loopt over!"),
    ("urgency", "De rookmelder gaat steeds af."),
    ("urgency", "Er is iemand die met mijn gegevens leningen afsluit."),
    # A person, not a bot.
    ("human_request", "Geef me gewoon een mens."),
    ("human_request", "Kan ik met een live medewerker chatten?"),
    ("human_request", "Is er een echt iemand die dit leest?"),
    ("human_request", "Praat ik nu met een bot?"),
    # Promises not kept and still waiting.
    ("broken_promise", "Er zou iemand langskomen, maar er is niemand geweest."),
    ("broken_promise", "De korting die beloofd was heb ik nooit gekregen."),
    ("broken_promise", "De schilder kwam niet zoals afgesproken."),
    ("broken_promise", "Waar blijft mijn terugbetaling?"),
    ("broken_promise", "De nieuwe pas had er vorige week al moeten zijn."),
    ("broken_promise", "Die creditnota laat wel erg lang op zich wachten."),
    # Complaints, stated and implied.
    ("complaint", "Hierbij wil ik mijn ongenoegen uiten over de gang van zaken."),
    ("complaint", "Ik teken bezwaar aan tegen deze naheffing."),
    ("complaint", "De medewerker aan de balie was ronduit brutaal."),
    ("complaint", "Niemand heeft ons op de hoogte gebracht van de afsluiting."),
    ("complaint", "De tegels zijn slordig gelegd en slecht afgewerkt."),
    ("complaint", "Jullie klantenservice is de hele week onbereikbaar."),
    ("complaint", "Ik krijg kosten voor een abonnement dat ik nooit heb afgesloten."),
    ("complaint", "Ik heb de verkeerde maat ontvangen."),
    # Suggestions.
    ("idea", "Mijn voorstel is om de meterstand via de app te laten doorgeven."),
    ("idea", "Jullie zouden er goed aan doen om de wachttijd te tonen."),
    ("idea", "Wellicht kunt u overwegen ook op zaterdag te bezorgen."),
    ("idea", "Ik zou graag zien dat jullie papieren nota's blijven sturen."),
    ("idea", "Waarom is er geen zoekfunctie in de app?"),
    ("idea", "Zet de openingstijden dan gewoon op de website."),
    ("idea", "Andere webshops sturen wel gewoon een track en trace."),
    # Formal letters and chat shorthand.
    ("escalation", "Ik zal de kwestie aanhangig maken bij de Geschillencommissie."),
    ("escalation", "Ik wil een gesprek met uw teamleider."),
    ("urgency", "Gezien de urgentie verzoek ik u vandaag te reageren."),
    ("urgency", "We staan stil op de vluchtstrook met een lekke band."),
    ("urgency", "De schimmel op zolder wordt steeds erger."),
    ("broken_promise", "De toegezegde creditering is uitgebleven."),
    ("complaint", "Ik ben door uw adviseur verkeerd voorgelicht."),
    ("complaint", "Er is zonder mijn toestemming een machtiging afgegeven."),
    ("complaint", "waar kan ik hier klagen?"),
    ("idea", "Het verdient aanbeveling de formulieren in te korten."),
    ("idea", "zou echt chill zijn als jullie een app hadden"),
    ("vulnerability", "Mijn gehoor is flink achteruitgegaan."),
    ("churn_risk", "zeg mn abbo op, ben er klaar mee"),
    ("churn_risk", "Ik overweeg mijn hypotheek bij een andere bank te zetten."),
    ("repeat_contact", "Zie mijn mail van 3 februari."),
    ("repeat_contact", "Hierbij herhaal ik mijn verzoek van vorige maand."),
    ("gratitude", "Wat een geduldige medewerker had ik aan de lijn."),
    ("worry", "Ik ben bang dat de deurwaarder voor de deur staat."),
    ("life_event", "Ik ben net oma geworden."),
    ("third_party", "Ik schrijf u namens mijn overleden broer."),
]

UNHEARD = [
    # A drip of water, a full stomach, a clothing size, a finished form.
    ("frustration", "Er valt een druppel uit de kraan."),
    ("frustration", "Ik heb mijn buik vol gegeten."),
    ("frustration", "Ik ben klaar met het formulier, wat nu?"),
    ("frustration", "Ongelofelijk snel geholpen, dank u!"),
    # Politeness, negation, a reassurance.
    ("worry", "Ik hoop niet dat ik u stoor."),
    ("worry", "Ik maak me er niet druk om."),
    ("worry", "Ik heb een goed gevoel bij de nieuwe aanbieder."),
    # Sarcasm and a wish are no thanks.
    ("gratitude", "Dankzij jullie zit ik nu zonder verwarming."),
    ("gratitude", "Ik zou het waarderen als u snel reageert."),
    ("gratitude", "Het zou klantvriendelijker zijn als jullie langer open zijn."),
    ("gratitude", "Dat vind ik niet netjes."),
    # Asking one's own family, or calling for oneself.
    ("repeat_contact", "Mijn buurman heeft het ook al gevraagd."),
    ("third_party", "Ik bel voor mezelf."),
    # Out of date or somebody out.
    ("life_event", "Ik ben al jaren met pensioen."),
    ("life_event", "Mijn vrouw is er niet, ze is naar haar werk."),
    # A battery that is flat, wages not yet paid.
    ("financial_distress", "De batterij van de afstandsbediening is op."),
    ("financial_distress", "Ik heb de factuur in één keer betaald."),
    # The customer reads the invoice fine.
    ("vulnerability", "Ik zie op de factuur een ander bedrag."),
    ("vulnerability", "Ik kan prima overweg met de app."),
    # A bad line is no confusion; neither is a plain question.
    ("confusion", "Sorry, ik versta u niet, u valt weg."),
    ("confusion", "Ik snap het, dank u."),
    # Train transfers, a package swap, no intention to leave.
    ("churn_risk", "Ik stap in Utrecht over op de trein naar Zwolle."),
    ("churn_risk", "Ik ga niet weg hoor, ik wil alleen een ander pakket."),
    ("churn_risk", "Ik wil het abonnement van mijn overleden moeder opzeggen."),
    # A neutral mention.
    ("escalation", "Mijn dochter werkt als advocaat in Gent."),
    ("escalation", "Ik zag jullie actie op sociale media."),
    # No hurry, an outage that is over.
    ("urgency", "Het hoeft niet morgen, volgende week is ook goed."),
    ("urgency", "Het internet lag gisteren eruit, maar het werkt weer."),
    # A technician's visit is no request for a person instead of a bot.
    ("human_request", "Kan er een monteur langskomen?"),
    # A promise kept; the customer's own plan.
    ("broken_promise", "Ik zou graag morgen langskomen, maar dat lukt niet."),
    ("broken_promise", "Ik had beter moeten opletten."),
    # Own mistake, no objection.
    ("complaint", "Ik heb per ongeluk de verkeerde maat aangeklikt."),
    ("complaint", "Ik heb er geen bezwaar tegen."),
    ("complaint", "Mijn buurman was gisteren erg brutaal."),
    # A personal need, no idea.
    ("idea", "Het zou handig zijn als ik vandaag nog weet of het doorgaat."),
    ("idea", "Geen idee waar mijn pas is."),
    # Look-alikes of the formal and chat patterns.
    ("escalation", "Ik heb morgen een gesprek met mijn manager over mijn rooster."),
    ("urgency", "Het internet lag eruit, maar het is nu opgelost."),
    ("complaint", "Ik heb zelf verkeerde informatie ingevuld."),
    ("complaint", "Niemand neemt op bij mijn zus."),
    ("repeat_contact", "Zie mijn mail hieronder voor de foto's."),
    ("churn_risk", "Ik ga naar de andere winkel van jullie in Gent."),
    ("life_event", "Mijn vrouw is er niet meer zo zeker van."),
    ("vulnerability", "De monteur kan de trap niet op met die ketel."),
    ("worry", "Ik ga straks op straat de hond uitlaten."),
    ("worry", "Wat moet ik doen als ik wil verhuizen?"),
]


@pytest.mark.parametrize(("kind", "text"), HEARD)
def test_breadth_is_heard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind in customer_signals(text, "nl")


@pytest.mark.parametrize(("kind", "text"), UNHEARD)
def test_breadth_look_alike_stays_unheard(
    customer_signals: Callable[..., dict[str, str]], kind: str, text: str
) -> None:
    assert kind not in customer_signals(text, "nl")
