"""The pattern language: compilation and its errors."""

from __future__ import annotations

import pytest

from signaal.engine.errors import PackError
from signaal.engine.patterns import compile_pattern


def lemma(word: str) -> str:
    return {"belde": "bellen", "gebeld": "bellen"}.get(word.lower(), word.lower())


SETS = {"family": frozenset({"moeder", "vader"})}


def compile_(text: str):
    return compile_pattern(text, lemmatize=lemma, sets=SETS, where="test")


def test_words_alternatives_sets_and_exact_forms() -> None:
    specs = compile_("gebeld|mailde @family =zo")
    assert specs[0].norms == {"bellen", "mailde"}
    assert specs[1].norms == {"moeder", "vader"}
    assert specs[2].lowers == {"zo"}


def test_optional_gap_any_and_question_mark() -> None:
    specs = compile_("echt? boos ...2 _ ?")
    assert specs[0].optional and specs[0].norms == {"echt"}
    assert specs[2].gap == 2
    assert specs[3].any_word
    assert specs[4].lowers == {"?"} and not specs[4].optional


def test_regex_token() -> None:
    (spec,) = compile_("/betalings.*/")
    assert spec.accepts("x", "betalingsregeling")
    assert not spec.accepts("x", "regeling")


def test_leading_and_trailing_gaps_are_dropped() -> None:
    assert len(compile_("... boos ...")) == 1


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("", "empty pattern"),
        ("boos? _", "needs at least one word"),
        ("@unknown", "unknown word set"),
        ("/(unclosed/", "bad regular expression"),
        ("boos ...x", "bad gap"),
        ("boos ...99 zat", "between 1 and"),
        ("a||b", "empty alternative"),
    ],
)
def test_malformed_patterns_raise_pack_errors(pattern: str, message: str) -> None:
    with pytest.raises(PackError, match=message):
        compile_(pattern)


def test_edges_only_at_the_ends() -> None:
    specs = compile_("^ boos $")
    assert (specs[0].edge, specs[-1].edge) == ("start", "end")
    with pytest.raises(PackError, match="start"):
        compile_("ik ^ boos")
    with pytest.raises(PackError, match="end"):
        compile_("boos $ echt")
    with pytest.raises(PackError, match="needs at least one word"):
        compile_("^ $")


def test_caps_word_class() -> None:
    (spec,) = compile_("%caps")
    assert spec.accepts("nu", "nu", text="NU")
    assert not spec.accepts("nu", "nu", text="Nu")
    assert not spec.accepts("i", "i", text="I")
    with pytest.raises(PackError, match="unknown word class"):
        compile_("%shout")
