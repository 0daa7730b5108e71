"""spaCy pipelines for Dutch and English, with lemmas carried as each word's NORM.

A blank spaCy pipeline gives a fast tokenizer. Instead of running a lemmatizer component on every
token, the lemma of each distinct word is computed once, when spaCy first creates its lexeme, and
stored as the lexeme's ``NORM``. Patterns then match on ``NORM``, so "gebeld", "belde" and "bel"
are one word for a pattern, at no cost per token.

Lemmas come from, in order: the pack's own lemma table (irregular forms), spaCy's lookup tables
(the ``spacy-lookups-data`` package), and for Dutch a few inflection rules whose results are
accepted only when they name a lemma the lookup table knows.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

import spacy
from spacy.attrs import NORM, ORTH
from spacy.lang.en.stop_words import STOP_WORDS as STOP_WORDS_EN
from spacy.lang.nl.stop_words import STOP_WORDS as STOP_WORDS_NL
from spacy.language import Language

logger = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("nl", "en")

_VOWELS = frozenset("aeiouy")


class Lemmatizer:
    """Maps a word form to its lemma; computed once per distinct word."""

    def __init__(self, language: str, overrides: Mapping[str, str]) -> None:
        self.language = language
        self._overrides = {k.lower(): v.lower() for k, v in overrides.items()}
        self._lookup: dict[str, str] = _load_table(language, "lemma_lookup")
        # Irregular forms per part of speech ("ben" -> "zijn", "kinderen" -> "kind").
        exceptions: dict[str, dict[str, list[str]]] = _load_table(language, "lemma_exc")
        self._stems: dict[str, str] = _dutch_verb_stems_cached() if language == "nl" else {}
        # Verbs the rules may produce: known stems and every verb of the exception table.
        self._infinitives = frozenset(self._stems.values()) | frozenset(
            lemmas[0] for lemmas in exceptions.get("verb", {}).values() if lemmas
        )
        self._stop_words = STOP_WORDS_NL if language == "nl" else STOP_WORDS_EN
        nominal = set(self._lookup.values())
        self._exceptions: dict[str, str] = {}
        for pos in ("noun", "adj"):
            for form, lemmas in exceptions.get(pos, {}).items():
                if lemmas:
                    self._exceptions[form] = lemmas[0]
                    nominal.add(lemmas[0])
        # Without part-of-speech tags a form is read as a verb unless it is itself a noun or
        # adjective ("man" is not "mannen"), or the verb is well attested ("bel" -> "bellen").
        for form, lemmas in exceptions.get("verb", {}).items():
            if lemmas and (form not in nominal or form in self._stems):
                self._exceptions[form] = lemmas[0]

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is a known word of the language (not only an abbreviation)."""
        lower = word.lower()
        return (
            lower in self._stop_words
            or lower in self._lookup
            or lower in self._exceptions
            or lower in self._stems
            or lower in self._infinitives
            or lower in self._overrides
        )

    def __call__(self, word: str) -> str:
        """The lemma of ``word`` (lower case); applying it twice changes nothing."""
        lower = word.lower()
        hit = self._overrides.get(lower)
        if hit is not None:
            return hit
        # The tables are not closed under themselves ("gebeld" -> "bellen" -> "bel" -> "bellen"):
        # follow them to a fixed point or a cycle, and name a cycle by its first member.
        seen = [lower]
        current = self._base(lower)
        while current not in seen:
            seen.append(current)
            current = self._base(current)
        cycle = seen[seen.index(current) :]
        return min(cycle)

    def _base(self, lower: str) -> str:
        if lower in self._stop_words:
            # Function words take only the plain lookup ("was" -> "be"): the exception tables and
            # stem rules, read without part-of-speech tags, would turn "niet" into "nieten".
            return self._lookup.get(lower, lower).lower()
        stem = self._stems.get(lower)
        if stem is not None:
            return stem
        hit = self._lookup.get(lower)
        if hit is not None:
            return hit.lower()
        if self.language == "nl":
            # Participles read as verbs before the adjective tables see them ("betaald").
            verb = self._dutch_rules(lower)
            if verb != lower:
                return verb
        return self._exceptions.get(lower, lower).lower()

    def _dutch_rules(self, word: str) -> str:
        # Regular verb forms missing from the tables: present stems ("bel", "zorg"), "-t" forms
        # ("belt") and participles ("gemaild"); a rule's result counts only if it is a known verb.
        stems = self._stems
        if word in stems:
            return stems[word]
        if len(word) < 4 or not word.isalpha():
            return word
        candidates = []
        if word.endswith(("t", "d")):
            core = word[:-1]
            candidates.append(core)
            if core.startswith("ge") and len(core) > 4:
                candidates.append(core[2:])
        for stem in candidates:
            if stem in stems:
                return stems[stem]
            for infinitive in _infinitives(stem):
                if infinitive in self._infinitives:
                    return infinitive
        return word


@functools.cache
def _load_table(language: str, name: str) -> Any:
    """One table of spaCy's lookups data, as plain Python data keyed by strings."""
    path = resources.files("spacy_lookups_data") / "data" / f"{language}_{name}.json.gz"
    if not path.is_file():
        return {}
    with path.open("rb") as raw, gzip.open(raw) as data:
        return json.load(data)


@functools.cache
def _dutch_verb_stems_cached() -> dict[str, str]:
    return _dutch_verb_stems(_load_table("nl", "lemma_lookup"))


def _dutch_verb_stems(lookup: Mapping[str, str]) -> dict[str, str]:
    """Verb stems derived from past forms and participles in the lookup table."""
    stop = STOP_WORDS_NL
    evidence: dict[tuple[str, str], set[str]] = {}
    for form, lemma in lookup.items():
        if not lemma.endswith("en") or len(lemma) < 5:
            continue
        options = [(s, form[: -len(s)]) for s in ("den", "ten", "de", "te") if form.endswith(s)]
        if form.startswith("ge") and form.endswith(("d", "t")):
            options.append(("ge", form[2:-1]))
        for kind, stem in options:
            if len(stem) > 1 and stem not in stop and lemma in _infinitives(stem):
                evidence.setdefault((stem, lemma), set()).add(kind)
    # Two independent forms (a past tense and a participle, say) before a stem is trusted: one
    # alone is too often a noun ("ziekte").
    stems: dict[str, str] = {}
    for (stem, lemma), kinds in evidence.items():
        if len(kinds) >= 2:
            stems.setdefault(stem, lemma)
    return stems


def _infinitives(stem: str) -> list[str]:
    """Infinitive candidates for a Dutch verb stem, by the spelling rules."""
    out = [stem + "en"]
    last = stem[-1]
    if last not in _VOWELS and len(stem) > 1 and stem[-2] in _VOWELS:
        if len(stem) > 2 and stem[-3] == stem[-2]:
            # "maak" -> "maken": a doubled vowel is written single in an open syllable.
            body = stem[:-2] + stem[-1]
        else:
            # "bel" -> "bellen": a short vowel doubles the consonant.
            body = stem + last
        out.append(body + "en")
        if body.endswith("f"):
            out.append(body[:-1] + "ven")
        if body.endswith("s"):
            out.append(body[:-1] + "zen")
    if last == "f":
        out.append(stem[:-1] + "ven")
    if last == "s":
        out.append(stem[:-1] + "zen")
    return out


def build_pipeline(language: str, *, lemma_overrides: Mapping[str, str]) -> Language:
    """A blank spaCy pipeline whose words carry their lemma as NORM."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    nlp = spacy.blank(language)
    lemmatize = Lemmatizer(language, lemma_overrides)
    getter: Callable[[str], str] = lemmatize
    vocab: Any = nlp.vocab  # spaCy's stubs do not declare lex_attr_getters
    vocab.lex_attr_getters[NORM] = getter
    # Lexemes that exist already (created with the pipeline) get their lemma now.
    for lexeme in nlp.vocab:
        lexeme.norm_ = lemmatize(lexeme.orth_)
    # Tokenizer exceptions carry their own NORM ("can't" -> "ca" + "n't" with NORM "can", "not");
    # run those norms through the lemmatizer too, so "'m" is "be" like "am".
    rules = {}
    tokenizer: Any = nlp.tokenizer
    for key, tokens in tokenizer.rules.items():
        # Abbreviation exceptions that are also ordinary words ("me.", "bel.", "al.") glue the
        # full stop to the word at the end of a sentence and hide its lemma: drop them.
        if key.endswith(".") and key[:-1].isalpha() and lemmatize.is_word(key[:-1]):
            continue
        fixed = []
        for attrs in tokens:
            attrs = dict(attrs)
            norm = attrs.get(NORM, attrs.get(ORTH, ""))
            if isinstance(norm, str) and norm.strip():
                attrs[NORM] = lemmatize(norm)
            fixed.append(attrs)
        rules[key] = fixed
    tokenizer.rules = rules
    nlp.meta["signaal_lemmatizer"] = True
    return nlp
