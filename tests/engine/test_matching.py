"""The anchored matcher: spans, gaps, optional words, sentence bounds and negation."""

from __future__ import annotations

import pytest
from spacy.attrs import NORM

from signaal.engine.matching import Rule, RuleMatcher
from signaal.engine.nlp import build_pipeline
from signaal.engine.packs import NegationDef
from signaal.engine.patterns import compile_pattern

NEGATION = NegationDef(
    cues=frozenset({"niet", "geen", "nooit"}),
    window=4,
    breakers=frozenset({",", "maar"}),
    pseudo=(("niet", "eens"), ("nog", "nooit", "zo")),
)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("nl", lemma_overrides={})


def matcher(nlp, *patterns: str) -> RuleMatcher:
    lemmatize = nlp.vocab.lex_attr_getters[NORM]
    sets = {"family": frozenset(lemmatize(w) for w in ("moeder", "vader"))}
    rules = [
        Rule(
            id=f"r{i}",
            group="signal",
            type="t",
            strength="explicit",
            negatable=True,
            specs=compile_pattern(p, lemmatize=lemmatize, sets=sets),
            source=p,
        )
        for i, p in enumerate(patterns)
    ]
    return RuleMatcher(rules, negation=NEGATION)


def found(nlp, m: RuleMatcher, text: str) -> list[tuple[str, bool]]:
    return [(text[x.char_start : x.char_end], x.negated) for x in m(nlp.tokenizer(text))]


def test_lemma_match_covers_every_form(nlp) -> None:
    m = matcher(nlp, "al bellen")
    for text, evidence in [
        ("ik heb al gebeld", "al gebeld"),
        ("ik belde al", None),
        ("ik bel al", None),
        ("ik had al eens gebeld", None),
    ]:
        assert found(nlp, m, text) == ([(evidence, False)] if evidence else [])
    m = matcher(nlp, "bellen")
    for text in ("ik bel", "ik belde", "ik heb gebeld", "wij bellen"):
        assert len(found(nlp, m, text)) == 1, text


def test_gap_stays_inside_the_sentence(nlp) -> None:
    m = matcher(nlp, "namens ...2 @family")
    assert found(nlp, m, "ik bel namens mijn moeder") == [("namens mijn moeder", False)]
    assert found(nlp, m, "ik bel namens. Mijn moeder") == []
    assert found(nlp, m, "namens de buren van mijn moeder") == []


def test_optional_word_is_included_when_present(nlp) -> None:
    m = matcher(nlp, "echt? boos")
    assert found(nlp, m, "ik ben echt boos") == [("echt boos", False)]
    assert found(nlp, m, "ik ben boos") == [("boos", False)]


def test_negation_before_the_match(nlp) -> None:
    m = matcher(nlp, "boos")
    assert found(nlp, m, "ik ben niet boos") == [("boos", True)]
    assert found(nlp, m, "ik ben helemaal niet zo boos") == [("boos", True)]
    assert found(nlp, m, "niet dat ik klaag, maar ik ben boos") == [("boos", False)]
    assert found(nlp, m, "ik ben nog nooit zo boos geweest") == [("boos", False)]


def test_spans_index_the_original_text(nlp) -> None:
    m = matcher(nlp, "namens @family")
    text = "  Goedemorgen!  Ik bel  namens   Moeder."
    [(evidence, _)] = found(nlp, m, text)
    assert evidence == "namens   Moeder"


def test_no_match_is_cheap_and_empty(nlp) -> None:
    assert found(nlp, matcher(nlp, "boos"), "") == []
    assert found(nlp, matcher(nlp, "boos"), "goedemorgen") == []
