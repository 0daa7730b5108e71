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


def veto_matcher(nlp, pattern: str, *unless: str) -> RuleMatcher:
    lemmatize = nlp.vocab.lex_attr_getters[NORM]

    def rule(rule_id: str, group: str, text: str, **extra: str) -> Rule:
        specs = compile_pattern(text, lemmatize=lemmatize, sets={})
        return Rule(
            id=rule_id,
            group=group,
            type="t",
            strength=None,
            negatable=True,
            specs=specs,
            source=text,
            **extra,
        )

    rules = [rule("p", "signal", pattern, unless="p")]
    rules += [rule(f"p!unless{i}", "veto", u, entry="p") for i, u in enumerate(unless)]
    rules.append(rule("other", "signal", "komen"))
    return RuleMatcher(rules, negation=NEGATION, tokenizer=nlp.tokenizer)


def both_paths(nlp, m: RuleMatcher, text: str) -> list[str]:
    """What the matcher finds, with and without a spaCy doc (the two must agree)."""
    via_doc = [(x.rule.id, text[x.char_start : x.char_end]) for x in m(nlp.tokenizer(text))]
    via_text = [(x.rule.id, text[x.char_start : x.char_end]) for x in m.match_text(text)[0]]
    assert via_doc == via_text
    return [f"{rule_id}:{evidence}" for rule_id, evidence in via_doc]


def test_a_veto_cancels_the_match_in_its_sentence_and_the_next(nlp) -> None:
    m = veto_matcher(nlp, "zou ...4 komen", "op tijd", "keurig")
    assert both_paths(nlp, m, "De monteur zou om negen uur komen.") == [
        "p:zou om negen uur komen",
        "other:komen",
    ]
    # After, before, or in the next sentence: cancelled; the veto itself is never reported,
    # and other rules on the same words stay.
    assert both_paths(nlp, m, "Hij zou om negen uur komen en was er op tijd.") == ["other:komen"]
    assert both_paths(nlp, m, "Keurig: hij zou om negen uur komen.") == ["other:komen"]
    assert both_paths(nlp, m, "Hij zou om negen uur komen. Hij was er op tijd.") == ["other:komen"]
    # Two sentences further on, or negated, the veto cancels nothing.
    assert both_paths(nlp, m, "Hij zou om negen uur komen. Ik wachtte. Nu is hij er op tijd.")[
        0
    ].startswith("p:")
    assert both_paths(nlp, m, "Hij zou om negen uur komen en was er niet op tijd.")[0] == (
        "p:zou om negen uur komen"
    )


def test_a_veto_negated_by_the_matchs_own_cue_still_cancels(nlp) -> None:
    # The pattern names its cue ("snap niet"); the veto after it stands in that cue's reach,
    # but the cue is the match's, not the veto's: an indignant "how on earth", no confusion.
    m = veto_matcher(nlp, "snap ...1 niet", "hoe ...4 voor elkaar krijgen")
    assert both_paths(nlp, m, "Ik snap niet hoe jullie het voor elkaar krijgen.") == []
    assert both_paths(nlp, m, "Ik snap niet wat er in de brief staat.") == ["p:snap niet"]
    # A veto negated on its own, after the match or before it, still cancels nothing.
    m = veto_matcher(nlp, "zou ...4 komen", "op tijd")
    assert both_paths(nlp, m, "Niet op tijd: hij zou om negen uur komen.")[0] == (
        "p:zou om negen uur komen"
    )


def test_sentence_edges(nlp) -> None:
    m = matcher(nlp, "^ mens $", "^ ... hallo", "klaar ...2 $")
    assert [e for e, _ in found(nlp, m, "MENS.")] == ["MENS"]
    assert [e for e, _ in found(nlp, m, "Ik ben klaar. Mens!")] == ["klaar", "Mens"]
    assert [e for e, _ in found(nlp, m, "Een mens weet het niet.")] == []
    assert [e for e, _ in found(nlp, m, "Nou ja hallo zeg")] == ["Nou ja hallo"]
    assert [e for e, _ in found(nlp, m, "Ik ben er helemaal klaar mee")] == ["klaar mee"]
    assert [e for e, _ in found(nlp, m, "Ben je klaar met de was?")] == []


def test_caps_is_a_word_in_capitals(nlp) -> None:
    m = matcher(nlp, "%caps %caps %caps")
    assert [e for e, _ in found(nlp, m, "Ik wil NU MIJN GELD terug")] == ["NU MIJN GELD"]
    assert found(nlp, m, "Ik wil nu mijn geld terug") == []
    assert found(nlp, m, "Mijn IBAN bij ABN is fout") == []  # acronyms apart
    assert found(nlp, m, "I A M") == []  # one letter is no shouting
