"""Lemmas as lexeme norms: one word for every form a pattern should match."""

from __future__ import annotations

import pytest
from spacy.attrs import NORM

from signaal.engine.nlp import build_pipeline
from signaal.engine.packs import BUILTIN_DIR, load_pack


@pytest.fixture(scope="module")
def nl():
    # The pack's lemma table carries the irregular verbs that are also function words.
    return build_pipeline("nl", lemma_overrides=load_pack("nl", [BUILTIN_DIR]).lemmas)


@pytest.fixture(scope="module")
def en():
    return build_pipeline("en", lemma_overrides={})


def norms(nlp, text: str) -> list[str]:
    return [t.norm_ for t in nlp.tokenizer(text)]


@pytest.mark.parametrize(
    "forms",
    [
        ["bel", "belt", "belde", "belden", "gebeld", "bellen"],
        ["betaal", "betaalt", "betaalde", "betaald", "betalen"],
        ["mail", "mailt", "mailde", "gemaild", "mailen"],
        ["ben", "bent", "is", "was", "waren", "zijn"],
        ["heb", "hebt", "heeft", "had", "gehad", "hebben"],
        ["zorg", "zorgen"],
        ["overleden", "overlijden"],
        ["begrijp", "begrijpt", "begrepen", "begrijpen"],
    ],
)
def test_dutch_forms_share_one_lemma(nl, forms: list[str]) -> None:
    assert len({norms(nl, f)[0] for f in forms}) == 1, {f: norms(nl, f)[0] for f in forms}


@pytest.mark.parametrize(
    "forms",
    [
        ["call", "calls", "called", "calling"],
        ["worry", "worried", "worries"],
        ["am", "is", "was", "were", "be"],
        ["die", "died", "dies"],
    ],
)
def test_english_forms_share_one_lemma(en, forms: list[str]) -> None:
    assert len({norms(en, f)[0] for f in forms}) == 1


def test_function_words_keep_their_own_lemma(nl) -> None:
    # Read without part-of-speech tags, the tables would make "niet" the verb "nieten".
    assert norms(nl, "niet geen en het") == ["niet", "geen", "en", "het"]


def test_contractions_carry_lemmas(en) -> None:
    assert norms(en, "I'm can't") == ["i", "be", "can", "not"]


def test_uppercase_and_lowercase_agree(nl) -> None:
    assert norms(nl, "GEBELD Gebeld gebeld") == ["bel", "bel", "bel"]


def test_lemma_is_idempotent(nl) -> None:
    lemmatize = nl.vocab.lex_attr_getters[NORM]
    words = "bellen gebeld zorgen moeder kinderen overleden verhuisd betaald ontslagen".split()
    for word in words:
        assert lemmatize(lemmatize(word)) == lemmatize(word)


def test_overrides_win() -> None:
    nlp = build_pipeline("nl", lemma_overrides={"zeurpiet": "zeuren"})
    assert norms(nlp, "zeurpiet") == ["zeuren"]
