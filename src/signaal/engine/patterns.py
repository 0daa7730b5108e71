"""The pattern language of the packs, compiled once into token specifications.

A pattern is a line of space-separated token specs (see docs/engine.md):

- ``bellen``        any form of the word (its lemma): "bel", "belde", "gebeld"
- ``=bel``          exactly this form (lower case)
- ``a|b|c``         one of several words (each part may be ``=exact`` or ``@set``)
- ``@family``       any word of a named word set of the pack
- ``/regex/``       a word whose lower-case form fully matches the regular expression
- ``_``             any one word
- ``%caps``         a word written in capitals ("NU", "WAAROM"): shouting
- ``^`` / ``$``     first / last: the match starts / ends a sentence
- ``...`` / ``...N`` a gap of 0 to 3 (or N) words inside one sentence
- a ``?`` suffix    makes a spec optional: ``echt? boos``; ``?`` alone is the question mark

Every token is matched on the lemma that spaCy's vocabulary stores as the word's NORM
(see ``nlp.py``), so one pattern covers every inflection.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import PackError

DEFAULT_GAP = 3
MAX_GAP = 8

_TOKEN_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """One position of a pattern: which words it accepts, optional or a gap."""

    norms: frozenset[str] = frozenset()
    lowers: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = None
    any_word: bool = False
    optional: bool = False
    gap: int = 0
    # A word in capitals (two letters or more, all upper case): ``%caps``.
    caps: bool = False
    # ``^`` (start) or ``$`` (end): the match begins or ends a sentence; takes no word.
    edge: str = ""

    @property
    def is_gap(self) -> bool:
        """True for a ``...`` gap."""
        return self.gap > 0

    def accepts(self, norm: str, lower: str, *, text: str = "") -> bool:
        """Whether a word with this lemma, lower-case form (and text as written) fits."""
        if self.any_word:
            return True
        if self.caps:
            return is_caps(text)
        if norm in self.norms or lower in self.lowers:
            return True
        return self.regex is not None and self.regex.fullmatch(lower) is not None

    @property
    def anchor_weight(self) -> int:
        """How selective the spec is as an index key; lower is better, 0 means unusable."""
        if self.optional or self.is_gap or self.any_word or self.edge:
            return 0
        if self.regex is not None or self.caps:
            return 1000
        return len(self.norms) + len(self.lowers)


def compile_pattern(
    text: str,
    *,
    lemmatize: Callable[[str], str],
    sets: Mapping[str, frozenset[str]],
    where: str = "",
) -> tuple[TokenSpec, ...]:
    """Compile one pattern line into token specs; raises PackError on a malformed pattern."""
    specs: list[TokenSpec] = []
    raws = _TOKEN_RE.findall(text.strip())
    for k, raw in enumerate(raws):
        if raw in ("^", "$"):
            if (raw == "^" and k != 0) or (raw == "$" and k != len(raws) - 1):
                raise PackError(
                    f"{raw!r} can only stand at the {'start' if raw == '^' else 'end'} "
                    f"of a pattern: {text!r}",
                    entry=where,
                )
            specs.append(TokenSpec(edge="start" if raw == "^" else "end"))
            continue
        specs.append(_compile_token(raw, lemmatize=lemmatize, sets=sets, where=where))
    if not specs:
        raise PackError("empty pattern", entry=where)
    if not any(s.anchor_weight for s in specs):
        raise PackError(
            f"pattern {text!r} needs at least one word that is not optional, a gap or '_'",
            entry=where,
        )
    while specs and specs[-1].is_gap:
        specs.pop()
    while specs and specs[0].is_gap:
        specs.pop(0)
    return tuple(specs)


def _compile_token(
    raw: str,
    *,
    lemmatize: Callable[[str], str],
    sets: Mapping[str, frozenset[str]],
    where: str,
) -> TokenSpec:
    if raw.startswith("..."):
        rest = raw[3:]
        if rest and not rest.isdigit():
            raise PackError(f"bad gap {raw!r}: write '...' or '...N'", entry=where)
        gap = int(rest) if rest else DEFAULT_GAP
        if not 1 <= gap <= MAX_GAP:
            raise PackError(f"gap {raw!r} must be between 1 and {MAX_GAP}", entry=where)
        return TokenSpec(gap=gap)
    # "?" and "=?" are the question mark itself (also as the last alternative: "=.|=?");
    # "??" or "=??" an optional question mark.
    if raw.endswith("??"):
        optional = True
    elif raw.endswith("=?") or raw == "?":
        optional = False
    else:
        optional = raw.endswith("?") and len(raw) > 1
    if optional:
        raw = raw[:-1]
    if raw == "?":
        raw = "=?"
    if raw == "_":
        return TokenSpec(any_word=True, optional=optional)
    if raw == "%caps":
        return TokenSpec(caps=True, optional=optional)
    if raw.startswith("%"):
        raise PackError(f"unknown word class {raw!r} (known: %caps)", entry=where)
    if raw.startswith("/") and raw.endswith("/") and len(raw) > 2:
        try:
            regex = re.compile(raw[1:-1])
        except re.error as exc:
            raise PackError(f"bad regular expression {raw!r}: {exc}", entry=where) from None
        return TokenSpec(regex=regex, optional=optional)
    norms: set[str] = set()
    lowers: set[str] = set()
    for part in raw.split("|"):
        if not part:
            raise PackError(f"empty alternative in {raw!r}", entry=where)
        if part.startswith("/"):
            raise PackError(
                f"a /regex/ cannot be one of several alternatives in {raw!r}: "
                "write it inside the regular expression (/a|b/)",
                entry=where,
            )
        if part.startswith("@"):
            name = part[1:]
            if name not in sets:
                raise PackError(f"unknown word set @{name}", entry=where)
            norms.update(sets[name])
        elif part.startswith("="):
            lowers.add(part[1:].lower())
        else:
            norms.add(lemmatize(part))
    return TokenSpec(norms=frozenset(norms), lowers=frozenset(lowers), optional=optional)


def is_caps(text: str) -> bool:
    """A word written in capitals: at least two letters, all upper case ("NU", "WAAROM")."""
    return len(text) >= 2 and text.isalpha() and text.isupper()


def compile_set(words: list[str], *, lemmatize: Callable[[str], str]) -> frozenset[str]:
    """A named word set as lemmas; multi-word entries are not allowed in sets."""
    out: set[str] = set()
    for word in words:
        word = str(word).strip()
        if not word or " " in word:
            raise PackError(f"word sets hold single words, not {word!r}")
        out.add(lemmatize(word))
    return frozenset(out)
