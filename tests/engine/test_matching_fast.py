"""The fast paths of the matcher give exactly what the plain ones give.

``RuleMatcher.match_text`` tokenizes a text chunk by chunk from a cache instead of building a
spaCy doc; the words of a special case ("I'm") carry the lemma of their token; a turn is only
verified against rules whose required words are all present. Each is compared here with the
straightforward path over the tokenizer's doc.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaal.engine import Listener
from signaal.engine.listener import LanguageEngine
from signaal.engine.matching import Match, RuleMatcher, Word

TEXTS = [
    "Ik bel nu al de derde keer over mijn rekening, ik ben er klaar mee!",
    "Ik ben niet boos, maar wel teleurgesteld.",
    "Goedemorgen, ik bel namens mijn moeder want zij is vorige maand overleden.",
    "Kan ik gewoon een medewerker spreken in plaats van die bot?",
    "Als dit niet opgelost wordt stap ik naar de ombudsman",
    "I'm calling for the third time about my final bill, I'm fed up",
    "I don't understand the letter, what is this charge of 1.250,00 euros?",
    "You promised to call me back on Monday but nobody did.",
    "I can't pay this, money's tight since I lost my job",
    # Whitespace tokens, line breaks, tabs, leading and trailing spaces: the doc path.
    "Ik  bel  al   de derde keer",
    "ik ben het zat\n\nMet vriendelijke groet,\nJan",
    "I'm\tfed up",
    " leading space, ik ben boos",
    "trailing space ik ben boos ",
    "a line\nbreak inside one sentence: ik maak me zorgen",
    # Special cases and the tokens they are made of, next to each other across a space.
    "It is 10 a.m. (ok) and I'm not happy :) :-) : ) ( : etc. Co. Inc.",
    "z.s.m. bellen a.u.b. :) o.a. de rekening, d.w.z. niet betaald",
    "I 'm here and she 's there, ca n't say",
    "can't won't shouldn't I'll we've y'all gonna",
    "Dat is vervelend. Wat is uw klantnummer?",
    "Ik begrijp dat u boos bent. Sorry, dat is bij ons misgegaan.",
    "U moet eerst het formulier invullen, dat is beleid",
    "😀 emoji en ‘quotes’ en — streepjes … en nbsp\u00a0hier",
    "",
    " ",
    "!",
]


@pytest.fixture(scope="module")
def engines() -> dict[str, LanguageEngine]:
    listener = Listener()
    return {lang: listener.engine(lang) for lang in ("nl", "en")}


def _plain(matcher: RuleMatcher, eng: LanguageEngine, text: str) -> tuple[list[Match], list[Word]]:
    doc = eng.tokenize(text)
    words = matcher.words(doc)
    return matcher.match(doc, words), words


def _key(matches: list[Match]) -> list[tuple[str, int, int, int, int, bool]]:
    return [(m.rule.id, m.start, m.end, m.char_start, m.char_end, m.negated) for m in matches]


def _same(eng: LanguageEngine, text: str) -> None:
    for matcher in (eng.customer, eng.agent):
        # Twice: the first call fills the chunk cache, the second reads it.
        for _ in range(2):
            fast, fast_words = matcher.match_text(text)
            plain, plain_words = _plain(matcher, eng, text)
            assert _key(fast) == _key(plain), text
            assert fast_words == plain_words, text
            for m in fast:
                # The evidence is where the text says it is.
                assert 0 <= m.char_start < m.char_end <= len(text)


@pytest.mark.parametrize("text", TEXTS)
def test_match_text_is_the_doc_path(engines: dict[str, LanguageEngine], text: str) -> None:
    for eng in engines.values():
        _same(eng, text)


def test_matches_are_found_at_all(engines: dict[str, LanguageEngine]) -> None:
    # The comparison above would also pass if neither path found anything.
    found = [
        m.rule.type
        for text in TEXTS
        for eng in engines.values()
        for m in eng.customer.match_text(text)[0]
    ]
    assert {"repeat_contact", "frustration", "worry"} <= set(found)


def test_a_special_case_token_keeps_its_own_lemma(engines: dict[str, LanguageEngine]) -> None:
    eng = engines["en"]
    # "'m" is "be" inside "I'm"; the same characters alone are a different word.
    _, words = eng.customer.match_text("I'm upset")
    assert [w.norm for w in words][:2] == ["i", "be"]
    _same(eng, "'m upset")
    _same(eng, "I'm upset 'm")


def test_a_matcher_without_token_norms_reads_every_lemma(
    engines: dict[str, LanguageEngine],
) -> None:
    eng = engines["en"]
    rules = eng.customer.rules
    generic = RuleMatcher(
        rules, negation=eng.pack.negation, common=eng.stop_lemmas, tokenizer=eng.nlp.tokenizer
    )
    for text in TEXTS:
        doc = eng.tokenize(text)
        assert _key(generic(doc)) == _key(eng.customer(doc)), text
        assert _key(generic.match_text(text)[0]) == _key(eng.customer(doc)), text


def test_match_text_needs_a_tokenizer(engines: dict[str, LanguageEngine]) -> None:
    eng = engines["nl"]
    bare = RuleMatcher(eng.customer.rules, negation=eng.pack.negation)
    with pytest.raises(ValueError, match="tokenizer"):
        bare.match_text("ik ben boos")


PIECES = [
    "ik",
    "bel",
    "niet",
    "boos",
    "zorgen",
    "derde",
    "keer",
    "I'm",
    "can't",
    "not",
    "upset",
    "again",
    "a.m.",
    "etc.",
    "Co.",
    ":)",
    ":",
    ")",
    "(",
    "'s",
    "'m",
    "-",
    ".",
    ",",
    "?",
    "!",
    "12",
    "06-12345678",
    "z.s.m.",
    "d.w.z.",
    "o.a.",
    "😀",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", " ", " ", "", "  ", "\n"])),
        max_size=14,
    ),
    st.sampled_from(["nl", "en"]),
)
def test_match_text_is_the_doc_path_for_any_text(
    engines: dict[str, LanguageEngine], parts: list[tuple[str, str]], lang: str
) -> None:
    _same(engines[lang], "".join(piece + sep for piece, sep in parts))


def test_the_chunk_cache_stays_bounded(
    engines: dict[str, LanguageEngine], monkeypatch: pytest.MonkeyPatch
) -> None:
    from signaal.engine import matching

    eng = engines["nl"]
    matcher = RuleMatcher(
        eng.customer.rules,
        negation=eng.pack.negation,
        common=eng.stop_lemmas,
        tokenizer=eng.nlp.tokenizer,
    )
    monkeypatch.setattr(matching, "_CHUNK_LIMIT", 5)
    for n in range(20):
        text = f"ik bel voor de {n}e keer, nummer {1000 + n} mevrouw Jansen{'x' * n}"
        assert _key(matcher.match_text(text)[0]) == _key(eng.customer(eng.tokenize(text)))
        assert len(matcher._chunks) <= 5
    # Chunks with digits are not kept at all.
    assert not any(any(c.isdigit() for c in chunk) for chunk in matcher._chunks)
