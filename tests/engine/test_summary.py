"""The extractive summary: who, about what, what was agreed, in the conversation's own words."""

from __future__ import annotations

import pytest

from signaal.engine import Conversation, Listener, Turn


def _summary(listener: Listener, *turns: tuple[str, str], lang: str = "nl"):  # type: ignore[no-untyped-def]
    conversation = Conversation(
        id="t", turns=tuple(Turn(i, speaker, text) for i, (speaker, text) in enumerate(turns))
    )
    summary = listener.analyze(conversation, language=lang).summary
    assert summary is not None
    return summary


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Goedemiddag, met Anouk Mulder. Mijn factuur klopt niet.", "Anouk Mulder"),
        ("Ja hallo, met mevrouw De Wit, ik bel over de meter.", "mevrouw De Wit"),
        ("Mijn naam is Jan van der Berg en ik heb een vraag.", "Jan van der Berg"),
        ("Hoi! Met Sem.", "Sem"),
    ],
)
def test_who_is_the_name_the_caller_gives(listener: Listener, text: str, name: str) -> None:
    summary = _summary(
        listener, ("agent", "Goedemiddag, waarmee kan ik u helpen?"), ("customer", text)
    )
    assert summary.who == name
    assert summary.text.startswith(f"Wie: {name}.")


def test_a_name_later_in_the_turn_is_someone_else(listener: Listener) -> None:
    summary = _summary(
        listener, ("customer", "Ik heb vorige week met Fatima gesproken over de terugbetaling.")
    )
    assert summary.who is None
    assert summary.text.startswith("Wie: De klant.")


def test_a_signed_e_mail_gives_the_name_of_its_writer(listener: Listener) -> None:
    mail = (
        "Beste klantenservice,\n\nMijn nota is dit jaar veel hoger en ik snap niet\n"
        "waarom. Kunt u dat uitleggen?\n\nMet vriendelijke groet,\nPieter de Boer\n"
        "Klantnummer 12345"
    )
    summary = _summary(listener, ("customer", mail))
    assert summary.who == "Pieter de Boer"
    # The wrapped line is one sentence, not two.
    assert summary.what == "Mijn nota is dit jaar veel hoger en ik snap niet waarom."


def test_who_says_for_whom_the_customer_acts(listener: Listener) -> None:
    summary = _summary(
        listener,
        ("customer", "Goedemorgen, met Ellen Jansen. Ik bel namens mijn vader, dhr. B. Jansen."),
    )
    assert summary.who == "Ellen Jansen (Ik bel namens mijn vader, dhr. B. Jansen)"
    assert summary.name == "Ellen Jansen"
    assert summary.on_behalf == "Ik bel namens mijn vader, dhr. B. Jansen."


def test_english_introduction_and_lower_case_words_are_no_name(listener: Listener) -> None:
    summary = _summary(
        listener,
        ("customer", "Hi, this is Grace Miller. I'm moving to Leeds next month."),
        lang="en",
    )
    assert summary.who == "Grace Miller"
    summary = _summary(listener, ("customer", "I'm moving back to Lagos next month."), lang="en")
    assert summary.who is None


def test_what_and_agreed_are_own_sentences(listener: Listener) -> None:
    summary = _summary(
        listener,
        ("customer", "Ik kan de rekening van deze maand niet betalen. Kan dat later?"),
        ("agent", "Dat kan. Ik zet de betaling een maand vooruit en u krijgt morgen een mail."),
    )
    assert summary.what == "Ik kan de rekening van deze maand niet betalen."
    assert summary.agreed is not None and "u krijgt morgen een mail" in summary.agreed


def test_the_on_behalf_sentence_is_not_also_the_question(listener: Listener) -> None:
    form = (
        "Hierbij de machtiging voor mijn vader, dhr. K. Smit (klantnummer 4411).\n"
        "Ik heb hem als bijlage meegestuurd. Kunt u laten weten of het zo in orde is?\n\n"
        "Groet,\nLotte Smit"
    )
    summary = _summary(listener, ("customer", form))
    assert summary.who is not None and summary.who.startswith("Lotte Smit (Hierbij")
    assert summary.what == "Kunt u laten weten of het zo in orde is?"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # Not at the start of the turn: found by the second alternative, after a quick test.
        ("Ja goedemorgen. Mijn naam is Jan de Vries, ik bel over de meter.", "nl", "Jan de Vries"),
        ("Eh, sorry hoor, ik heet Fatima El Amrani en ik heb een vraag.", "nl", "Fatima El Amrani"),
        ("Sorry about that. My name is Kevin Smith and I have a question.", "en", "Kevin Smith"),
        ("Right, so MY NAME'S Priya Patel, calling about my bill.", "en", "Priya Patel"),
    ],
)
def test_an_introduction_later_in_the_opening_words(
    listener: Listener, text: str, lang: str, name: str
) -> None:
    summary = _summary(listener, ("customer", text), lang=lang)
    assert summary.who == name


def test_a_closing_phrase_without_a_line_break_is_no_sign_off(listener: Listener) -> None:
    summary = _summary(listener, ("customer", "Ik wacht het af. Met vriendelijke groet Pieter"))
    assert summary.who is None
