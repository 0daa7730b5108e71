"""The Dutch pack: agent behaviours, the identification markers and the language lexicon.

Every sentence here is written for this test (none is copied from corpus/nl), so the cases check
that the patterns in packs/nl/behaviours.yaml and packs/nl/lexicon.yaml generalise: positives
that must be heard, and look-alikes, negations and neutral questions that must not.
"""

from __future__ import annotations

import pytest

from signaal.engine import Listener
from signaal.engine.model import Analysis, Conversation, Turn


def _conversation(*turns: tuple[str, str]) -> Conversation:
    return Conversation(
        id="t",
        language="nl",
        turns=tuple(
            Turn(index=i, speaker=speaker, text=text)  # type: ignore[arg-type]
            for i, (speaker, text) in enumerate(turns)
        ),
    )


def _analyze(listener: Listener, *turns: tuple[str, str]) -> Analysis:
    return listener.analyze(_conversation(*turns), language="nl")


def behaviour_types(listener: Listener, text: str) -> set[str]:
    """Behaviour types heard in one agent turn."""
    return {b.type for b in _analyze(listener, ("agent", text)).behaviours}


# --------------------------------------------------------------------------------------------
# Agent behaviours: (type, sentence)

BEHAVIOUR_POSITIVE = [
    # empathy: the customer's feeling or situation in the agent's own words
    ("empathy", "Wat verdrietig dat uw hond is overleden, en dan ook nog deze rekening."),
    ("empathy", "Dat moet echt een klap zijn geweest, zo vlak voor de feestdagen."),
    ("empathy", "Ik kan me heel goed voorstellen dat je daar onrustig van wordt."),
    ("empathy", "Logisch dat u boos bent, u heeft drie weken zonder verwarming gezeten."),
    ("empathy", "Met een pasgeboren baby in huis heeft u wel wat anders aan uw hoofd."),
    ("empathy", "U staat er nu alleen voor, en dan komt er ineens zoveel op u af."),
    ("empathy", "Gefeliciteerd met jullie nieuwe huis!"),
    ("empathy", "ah wat rot voor je zeg"),
    ("empathy", "Dan ben je natuurlijk ongerust, als er ineens zo'n brief op de mat ligt."),
    ("empathy", "Dat zou mij ook behoorlijk boos maken."),
    # generic_empathy: stock phrases that fit any conversation
    ("generic_empathy", "Wat vervelend voor u."),
    ("generic_empathy", "Ik begrijp het helemaal, meneer."),
    ("generic_empathy", "Ik begrijp uw ergernis."),
    ("generic_empathy", "Maak je geen zorgen hoor."),
    ("generic_empathy", "Oei, dat is geen pretje."),
    ("generic_empathy", "vervelend joh"),
    # open_question
    ("open_question", "Wat is er precies misgegaan met de levering?"),
    ("open_question", "Waarom wilt u het abonnement opzeggen, als ik vragen mag?"),
    ("open_question", "Kunt u mij vertellen wat er die ochtend gebeurde?"),
    ("open_question", "Hoe merkt u dat de verbinding wegvalt?"),
    ("open_question", "Vertel eens, waar loop je precies tegenaan?"),
    ("open_question", "Waarmee kan ik je van dienst zijn?"),
    ("open_question", "hoe kan ik je helpen"),
    # summary
    ("summary", "Als ik je goed hoor, is de ketel na de storing niet meer aangeslagen."),
    ("summary", "Samenvattend: de meter is vervangen, maar de stand is niet doorgegeven."),
    ("summary", "Dus u bedoelt dat de korting twee keer is verrekend?"),
    ("summary", "Even kijken of ik het goed heb: u heeft de bestelling nooit ontvangen."),
    ("summary", "U geeft aan dat de monteur twee keer niet is komen opdagen."),
    # doubt_language: hedging and powerless wording
    ("doubt_language", "Volgens mij moet dat wel goed komen."),
    ("doubt_language", "Wellicht is het volgende week opgelost."),
    ("doubt_language", "Daar heb ik helaas geen invloed op."),
    ("doubt_language", "Ik weet niet precies wanneer de monteur komt."),
    ("doubt_language", "Als het goed is heeft u de pas morgen."),
    ("doubt_language", "Dat bepaal ik niet, dat doet de afdeling planning."),
    ("doubt_language", "ik denk het wel"),
    # promise: who + what + when
    ("promise", "Ik mail u vanmiddag voor vier uur de nieuwe offerte."),
    ("promise", "Morgenochtend bel ik je tussen negen en tien terug."),
    ("promise", "U ontvangt binnen twee werkdagen een bevestiging van ons."),
    ("promise", "De monteur komt vrijdagochtend tussen acht en twaalf."),
    ("promise", "Ik zorg dat het bedrag uiterlijk donderdag op uw rekening staat."),
    ("promise", "We maken het bedrag vandaag nog over."),
    ("promise", "De loodgieter is er binnen twee uur."),
    # apology
    ("apology", "Excuses voor het lange wachten."),
    ("apology", "Sorry, dat hadden wij beter moeten regelen."),
    ("apology", "Het spijt ons dat de bezorger niet is gekomen."),
    ("apology", "Dat is een fout van onze kant."),
    ("apology", "Neem me niet kwalijk, ik had u eerder moeten terugbellen."),
    ("apology", "excuus voor de late reactie"),
    # explanation
    ("explanation", "Dat komt omdat de meterstand niet op tijd is doorgegeven."),
    ("explanation", "De rekening is hoger vanwege de nieuwe tarieven per juli."),
    ("explanation", "Door een storing in ons systeem zijn alle facturen te laat verstuurd."),
    ("explanation", "De reden hiervan is dat uw contract automatisch is verlengd."),
    ("explanation", "Dit gebeurt automatisch als de betaling drie keer mislukt."),
    # choice_offered
    ("choice_offered", "U kunt kiezen tussen een tegoedbon of het geld terug."),
    ("choice_offered", "Wilt u liever gebeld worden of een mail ontvangen?"),
    ("choice_offered", "Welke dag komt u het beste uit, dinsdag of donderdag?"),
    ("choice_offered", "Ik kan het voor u aanpassen, of u doet het zelf via de app."),
    ("choice_offered", "Heeft u een voorkeur voor de ochtend of de middag?"),
    ("choice_offered", "Wil je het zelf doen, of zal ik het regelen?"),
]

BEHAVIOUR_NEGATIVE = [
    # empathy look-alikes: "naar" as a preposition, a bad line, plain facts
    ("empathy", "Wat naar de afdeling Facturatie gaat, zie ik hier niet terug."),
    ("empathy", "Is het bedrag hoger dan honderd euro, of lager?"),
    ("empathy", "Ik zie dat u in maart bent verhuisd."),
    # generic_empathy: negated stock phrase, "jammer genoeg", a neutral "dat begrijp ik"
    ("generic_empathy", "Het is niet vervelend hoor, u mag altijd bellen."),
    ("generic_empathy", "Jammer genoeg kan dat niet."),
    ("generic_empathy", "Oké, dat begrijp ik."),
    # open_question: closed questions and relative clauses
    ("open_question", "Wat is uw postcode?"),
    ("open_question", "Hoe laat komt de monteur?"),
    ("open_question", "Is er nog iets waarmee ik u kan helpen?"),
    ("open_question", "Weet u waar de hoofdkraan zit?"),
    ("open_question", "Wat heeft u het liefst, een mail of een brief?"),
    # summary: "als ik het goed zie" reads the system; an instruction with "dus"
    ("summary", "Als ik het goed zie is uw pas verlopen."),
    ("summary", "Dan hoeft u dus niets te doen."),
    ("summary", "Klopt het dat u op de Dorpsstraat woont?"),
    # doubt_language: certainty, "dat wist ik niet", an honest limit inside a commitment
    ("doubt_language", "Ik weet het zeker, de pas is onderweg."),
    ("doubt_language", "Dat wist ik nog niet, goed dat u het zegt."),
    ("doubt_language", "Ik denk met u mee."),
    ("doubt_language", "Dit is geen beleid maar een wettelijke regel."),
    # promise: no moment, no promiser, or the past
    ("promise", "Ik bel u later nog terug."),
    ("promise", "Wij nemen contact met u op."),
    ("promise", "Ik verwerk de wijziging zo snel mogelijk."),
    ("promise", "Ik heb u gisteren een mail gestuurd met de details."),
    ("promise", "U moet uiterlijk vrijdag betalen."),
    ("promise", "Zal ik u morgen bellen?"),
    # apology: a bad line, a negation
    ("apology", "Sorry, u valt een beetje weg."),
    ("apology", "Ik verstond u niet, sorry, wat zei u?"),
    ("apology", "U hoeft geen excuses te maken."),
    # explanation: instructions and reports
    ("explanation", "U kunt de meterstand doorgeven via de website."),
    ("explanation", "Ik zie dat het pakket gisteren is bezorgd."),
    # choice_offered: either/or questions for a fact, "of" as "whether"
    ("choice_offered", "Is het bedrag hoger dan honderd euro, of lager?"),
    ("choice_offered", "Kunt u kijken of er een envelop bij zat?"),
    ("choice_offered", "Zal ik de bevestiging ook naar uw zoon sturen?"),
]


@pytest.mark.parametrize(("type_", "text"), BEHAVIOUR_POSITIVE)
def test_behaviour_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ in behaviour_types(listener, text)


@pytest.mark.parametrize(("type_", "text"), BEHAVIOUR_NEGATIVE)
def test_behaviour_not_heard(listener: Listener, type_: str, text: str) -> None:
    assert type_ not in behaviour_types(listener, text)


def test_behaviour_evidence_is_the_matched_text(listener: Listener) -> None:
    text = "Ik mail u vanmiddag voor vier uur de nieuwe offerte."
    found = [b for b in _analyze(listener, ("agent", text)).behaviours if b.type == "promise"]
    assert found
    b = found[0]
    assert text[b.span[0] : b.span[1]] == b.text
    assert "vanmiddag" in b.text
    assert b.pattern.startswith("promise.")


def test_no_behaviours_in_customer_turns(listener: Listener) -> None:
    analysis = _analyze(
        listener, ("customer", "Wat vervelend, ik denk dat het misschien morgen komt.")
    )
    assert analysis.behaviours == ()


# --------------------------------------------------------------------------------------------
# Markers, through identification_first in a short exchange

IDENTIFICATION_FIRST = [
    ("Ik bel nu al voor de derde keer, ik word er gek van.", "Wat is uw relatienummer?"),
    (
        "Mijn vader is vorige week overleden en nu krijg ik zijn rekening.",
        "Mag ik eerst de postcode en het huisnummer?",
    ),
    ("Ik ben bang dat ze mijn gas afsluiten.", "Uw geboortedatum graag."),
    ("Mijn pakket is nog steeds niet bezorgd!", "Welk ordernummer heeft u?"),
    # A bare stock phrase before the question does not acknowledge anything.
    (
        "Het internet ligt er al drie dagen uit!",
        "Ik begrijp het. Kunt u mij het contractnummer geven?",
    ),
]

LISTENING_FIRST = [
    # own-words empathy, a summary, an open question, an apology before the identity question
    (
        "Mijn vader is vorige week overleden en nu krijg ik zijn rekening.",
        "Gecondoleerd met uw vader. Mag ik de postcode van zijn adres, dan zoek ik het meteen op?",
    ),
    (
        "Ik heb twee keer betaald voor dezelfde maand.",
        "Als ik het goed begrijp is het bedrag dubbel afgeschreven. Wat is uw klantnummer?",
    ),
    (
        "Ik snap helemaal niks van die brief.",
        "Wat staat er in de brief dat u niet begrijpt? Dan zoek ik hem erbij: uw klantnummer?",
    ),
    (
        "De monteur is weer niet gekomen.",
        "Excuses, dat had niet mogen gebeuren. Mag ik uw postcode?",
    ),
    # taking up a neutral request (NOTES: no identification_first after "Natuurlijk.")
    ("Ik wil graag mijn adres wijzigen.", "Natuurlijk. Wat is uw klantnummer?"),
    ("Ik heb een vraag over mijn rekening.", "Daar help ik u graag mee. Mag ik uw geboortedatum?"),
]


@pytest.mark.parametrize(("customer", "agent"), IDENTIFICATION_FIRST)
def test_identification_first(listener: Listener, customer: str, agent: str) -> None:
    analysis = _analyze(listener, ("customer", customer), ("agent", agent))
    found = [b for b in analysis.behaviours if b.type == "identification_first"]
    assert found
    assert found[0].turn == 1
    assert found[0].pattern.startswith("identity_request.")


@pytest.mark.parametrize(("customer", "agent"), LISTENING_FIRST)
def test_no_identification_first_after_listening(
    listener: Listener, customer: str, agent: str
) -> None:
    analysis = _analyze(listener, ("customer", customer), ("agent", agent))
    assert "identification_first" not in {b.type for b in analysis.behaviours}


@pytest.mark.parametrize(
    "agent",
    [
        "Ik heb uw klantnummer gevonden, het staat goed.",
        "Ik stuur de nieuwe pas naar uw adres.",
        "Klopt het dat u op de Dorpsstraat woont?",
        "Ik stuur u een mail ter bevestiging.",
    ],
)
def test_no_identity_request_without_a_request(listener: Listener, agent: str) -> None:
    analysis = _analyze(listener, ("customer", "Ik bel al voor de vierde keer!"), ("agent", agent))
    assert "identification_first" not in {b.type for b in analysis.behaviours}


def test_only_the_first_identity_question_counts(listener: Listener) -> None:
    analysis = _analyze(
        listener,
        ("customer", "Ik word hier knettergek van."),
        ("agent", "Wat is je klantnummer even?"),
        ("customer", "12345."),
        ("agent", "En uw postcode?"),
    )
    found = [b for b in analysis.behaviours if b.type == "identification_first"]
    assert [b.turn for b in found] == [1]


# --------------------------------------------------------------------------------------------
# Lexicon, through check_draft

LEXICON_DISCOURAGED = [
    ("lex.nl.ik-denk", "Ik denk dat de monteur morgen komt."),
    ("lex.nl.ik-denk", "Volgens mij is het bedrag al teruggestort."),
    ("lex.nl.misschien", "Misschien kan het volgende week."),
    ("lex.nl.misschien", "Als het goed is heeft u de brief morgen."),
    ("lex.nl.eigenlijk", "Eigenlijk mag dat niet."),
    ("lex.nl.proberen", "Ik ga het proberen voor u."),
    ("lex.nl.in-principe", "In principe komt de monteur dinsdag."),
    ("lex.nl.hopelijk", "Hopelijk is het morgen opgelost."),
    ("lex.nl.vervelend", "Dat is echt vervelend."),
    ("lex.nl.vervelend", "Wat jammer!"),
    ("lex.nl.begrijp-frustratie", "Ik begrijp uw ergernis, mevrouw."),
    ("lex.nl.begrijp-frustratie", "ik begrijp je frustratie"),
    ("lex.nl.geen-zorgen", "Maakt u zich maar geen zorgen."),
    ("lex.nl.u-moet", "U moet eerst het formulier opsturen."),
    ("lex.nl.u-moet", "Dan moet u even inloggen in de app."),
    ("lex.nl.beleid", "Dat is nu eenmaal ons beleid."),
    ("lex.nl.niet-mijn-afdeling", "Daar ga ik niet over, mevrouw."),
    ("lex.nl.niet-mijn-afdeling", "Daar kan ik helaas niks aan doen."),
    ("lex.nl.helaas", "Helaas kan dat niet, en helaas is de termijn ook verlopen."),
    ("lex.nl.had-moeten", "U had eerder moeten bellen."),
    ("lex.nl.eerlijk-gezegd", "Eerlijk gezegd weet ik het niet."),
    ("lex.nl.klantnummer-eerst", "Wat is je klantnummer even?"),
    ("lex.nl.klantnummer-eerst", "Mag ik eerst uw geboortedatum?"),
    ("lex.nl.jargon", "Ik zet het door naar de backoffice, die escaleert het."),
    ("lex.nl.jargon", "Uw aanvraag is in behandeling genomen."),
    ("lex.nl.ambtelijk", "Middels deze mail verzoeken wij u de meterstand door te geven."),
    ("lex.nl.geen-probleem", "Geen probleem!"),
    ("lex.nl.doorgeven", "Ik zal het doorgeven."),
    ("lex.nl.doorgeven", "Ik geef het even door."),
    ("lex.nl.zo-snel-mogelijk", "We komen er zo snel mogelijk bij u op terug."),
]

LEXICON_ENCOURAGED = [
    ("lex.nl.belofte-met-tijd", "Ik bel u donderdag voor twaalf uur terug."),
    ("lex.nl.belofte-met-tijd", "U ontvangt vandaag nog een bevestiging per mail."),
    ("lex.nl.goed-begrijpen", "Als ik het goed begrijp, is uw pas twee keer geblokkeerd."),
    ("lex.nl.keuze-bieden", "Wat heeft u het liefst: een nieuwe pas of het geld terug?"),
    ("lex.nl.keuze-bieden", "U kunt kiezen tussen de ochtend en de middag."),
    ("lex.nl.gevoel-benoemen", "Dat moet een enorme schrik zijn geweest."),
    ("lex.nl.gevoel-benoemen", "Ik hoor dat u er echt van wakker ligt."),
    ("lex.nl.wat-wel-kan", "Wat ik wel kan doen, is de termijn met een maand verlengen."),
    ("lex.nl.graag-gedaan", "Graag gedaan, fijne avond nog."),
    ("lex.nl.eigen-fout", "Dat is onze fout, en die herstel ik nu."),
]


@pytest.mark.parametrize(("entry", "text"), LEXICON_DISCOURAGED + LEXICON_ENCOURAGED)
def test_lexicon_hit(listener: Listener, entry: str, text: str) -> None:
    hits = listener.check_draft(text, language="nl")
    assert entry in {h.id for h in hits}


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        # "u" as object, not subject: no "u moet"
        ("lex.nl.u-moet", "De monteur had u moeten bellen."),
        # a negated stock phrase
        ("lex.nl.vervelend", "Het is helemaal niet vervelend dat u belt."),
        # who and when named: no bare "ik geef het door"
        ("lex.nl.doorgeven", "Ik geef uw vraag door aan de planning, zij bellen u morgen."),
        # "gemiddelde" and "reed" share a lemma with "middels" and "reeds"
        ("lex.nl.ambtelijk", "Ik reed gisteren langs het gemiddelde kantoor."),
        ("lex.nl.ambtelijk", "Uw verzoek is ontvangen."),
        # "ik denk met u mee" is no hedge
        ("lex.nl.ik-denk", "Ik denk graag met u mee."),
        # a promise without a moment is not praised
        ("lex.nl.belofte-met-tijd", "Ik bel u later nog terug."),
        ("lex.nl.hopelijk", "Ik hoop dat dat niet nodig zal zijn."),
    ],
)
def test_lexicon_quiet_on_look_alikes(listener: Listener, entry: str, text: str) -> None:
    hits = listener.check_draft(text, language="nl")
    assert entry not in {h.id for h in hits}


@pytest.mark.parametrize(
    "text",
    [
        "Uw terugbetaling van 40 euro staat vrijdag op uw rekening.",
        "Dank u voor het doorgeven van uw nieuwe adres.",
        "De monteur komt tussen acht en twaalf uur.",
    ],
)
def test_lexicon_quiet_on_plain_replies(listener: Listener, text: str) -> None:
    hits = listener.check_draft(text, language="nl")
    assert not [h for h in hits if h.kind == "discouraged"]


def test_lexicon_kinds_advice_and_alternatives(listener: Listener) -> None:
    hits = {
        h.id: h
        for h in listener.check_draft("Geen probleem, ik denk dat het klopt.", language="nl")
    }
    assert hits["lex.nl.geen-probleem"].kind == "discouraged"
    assert "graag gedaan" in (hits["lex.nl.geen-probleem"].alternative or "").lower()
    assert hits["lex.nl.ik-denk"].advice
    good = listener.check_draft("Graag gedaan.", language="nl")
    assert {h.kind for h in good} == {"encouraged"}


def test_every_discouraged_entry_has_an_alternative(listener: Listener) -> None:
    lexicon = listener.engine("nl").lexicon
    dutch = {k: v for k, v in lexicon.items() if k.startswith("lex.nl.")}
    assert len(dutch) >= 20
    for entry in dutch.values():
        assert entry.advice
        if entry.kind == "discouraged":
            assert entry.alternative, entry.id


def test_lexicon_evidence_span(listener: Listener) -> None:
    text = "Goedemiddag. Dat is nu eenmaal ons beleid."
    hit = next(h for h in listener.check_draft(text, language="nl") if h.id == "lex.nl.beleid")
    assert text[hit.span[0] : hit.span[1]] == hit.text
    assert hit.turn is None
