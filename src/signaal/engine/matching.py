"""Finding pattern matches in a tokenized turn, fast.

Each compiled pattern is indexed under its most selective word (its anchor). For each distinct
word the list of patterns anchored on it is computed once and cached, so a turn costs one
dictionary look-up per token plus the verification of the few patterns whose anchor occurs.
This is several times faster than running spaCy's Matcher over a few thousand patterns (see
docs/benchmarks.md), and it gives the same results for the patterns the packs use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .packs import NegationDef
from .patterns import TokenSpec

# Text in which spaCy makes whitespace tokens: leading, doubled or non-plain whitespace.
_SPACE_TOKENS = re.compile(r"^\s|\s\s|[^\S ]")
SENTENCE_END = frozenset({".", "!", "?", ";", "\n"})
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern with what it means: group, type, id, strength."""

    id: str
    group: str
    type: str
    specs: tuple[TokenSpec, ...]
    strength: str | None
    negatable: bool
    source: str = ""
    # For lexicon rules: the lexicon entry's id.
    entry: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A rule that matched tokens [start, end) and characters [char_start, char_end)."""

    rule: Rule
    start: int
    end: int
    char_start: int
    char_end: int
    negated: bool


class RuleMatcher:
    """Matches a fixed set of rules against docs; build once, call for every turn."""

    def __init__(
        self,
        rules: Sequence[Rule],
        *,
        negation: NegationDef,
        common: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = tuple(rules)
        self._negation = negation
        self._anchors: list[tuple[Rule, int, TokenSpec]] = []
        for rule in self.rules:
            weights = [
                (_anchor_cost(s, common), i) for i, s in enumerate(rule.specs) if s.anchor_weight
            ]
            _, pos = min(weights)
            self._anchors.append((rule, pos, rule.specs[pos]))
        self._named: dict[str, frozenset[str]] = {}
        # orth id of a word -> the (rule, anchor position) pairs anchored on it.
        self._cache: dict[int, tuple[tuple[Rule, int], ...]] = {}

    def _candidates(self, orth: int, norm: str, lower: str) -> tuple[tuple[Rule, int], ...]:
        found = tuple((rule, pos) for rule, pos, spec in self._anchors if spec.accepts(norm, lower))
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[orth] = found
        return found

    def __call__(self, doc: Doc) -> list[Match]:
        """All matches in ``doc``, negation marked, in order of position."""
        cache = self._cache
        hits: list[tuple[Rule, int, int]] = []
        # Runs of spaces are tokens of their own in spaCy; patterns look through them, and
        # through a single line break (an e-mail wrapped at 72 characters is still one
        # sentence). A blank line ends a paragraph, so it ends a sentence too.
        tokens: Sequence[Token] | Doc = doc
        if _SPACE_TOKENS.search(doc.text):
            tokens = [t for t in doc if not t.is_space or t.text.count("\n") > 1]
        for i, token in enumerate(tokens):
            found = cache.get(token.orth)
            if found is None:
                found = self._candidates(token.orth, token.norm_, token.lower_)
            for rule, pos in found:
                hits.append((rule, pos, i))
        if not hits:
            return []
        norms = [t.norm_ for t in tokens]
        lowers = ["\n" if t.is_space else t.lower_ for t in tokens]
        seen: set[tuple[str, int, int]] = set()
        out: list[Match] = []
        for rule, pos, at in hits:
            span = _match_at(rule.specs, pos, at, norms, lowers)
            if span is None:
                continue
            start, end = span
            key = (rule.id, start, end)
            if key in seen:
                continue
            seen.add(key)
            first, last = tokens[start], tokens[end - 1]
            negated = rule.negatable and (
                self._negated(norms, lowers, start)
                or self._negated_inside(rule, norms, lowers, start, end)
            )
            out.append(Match(rule, start, end, first.idx, last.idx + len(last.text), negated))
        out.sort(key=lambda m: (m.char_start, -m.char_end))
        return out

    def _negated_inside(
        self, rule: Rule, norms: list[str], lowers: list[str], start: int, end: int
    ) -> bool:
        """A cue the pattern does not name, inside a gap ("ik ben niet in de auto")."""
        cues = self._negation.cues
        named: frozenset[str] | None = None
        for j in range(start + 1, end - 1):
            if lowers[j] in cues or norms[j] in cues:
                if named is None:
                    named = self._named.get(rule.id)
                    if named is None:
                        named = self._named[rule.id] = _spelled_out(rule.specs)
                if lowers[j] not in named and norms[j] not in named:
                    return not self._not_a_negation(lowers, j)
        return False

    def _not_a_negation(self, lowers: list[str], at: int) -> bool:
        """A cue that negates nothing: part of a pseudo phrase, or inside a condition."""
        neg = self._negation
        if _is_pseudo(lowers, at, neg.pseudo):
            return True
        if neg.conditionals:
            for j in range(at - 1, max(-1, at - 8), -1):
                if lowers[j] in SENTENCE_END or lowers[j] in neg.breakers:
                    break
                if lowers[j] in neg.conditionals:
                    return True
        return False

    def _negated(self, norms: list[str], lowers: list[str], start: int) -> bool:
        neg = self._negation
        if not neg.cues:
            return False
        stop = max(0, start - neg.window)
        for j in range(start - 1, stop - 1, -1):
            lower = lowers[j]
            if lower in SENTENCE_END or lower in neg.breakers:
                return False
            if lower in neg.cues or norms[j] in neg.cues:
                if self._not_a_negation(lowers, j):
                    continue
                return True
        return False


def _spelled_out(specs: tuple[TokenSpec, ...]) -> frozenset[str]:
    """The words a pattern names itself (a cue it names is part of its meaning)."""
    out: set[str] = set()
    for spec in specs:
        out |= spec.norms | spec.lowers
    return frozenset(out)


def _anchor_cost(spec: TokenSpec, common: frozenset[str]) -> int:
    """How often a spec is expected to fire: common words ("not", "you") cost far more."""
    if spec.regex is not None:
        return 5000
    return sum(
        200 if w in common or not any(c.isalnum() for c in w) else 1
        for w in spec.norms | spec.lowers
    )


def _is_pseudo(lowers: list[str], at: int, pseudo: tuple[tuple[str, ...], ...]) -> bool:
    """True when the negation word at ``at`` is part of a phrase that negates nothing."""
    word = lowers[at]
    for phrase in pseudo:
        for k, part in enumerate(phrase):
            if part != word:
                continue
            begin = at - k
            if begin < 0 or begin + len(phrase) > len(lowers):
                continue
            if tuple(lowers[begin : begin + len(phrase)]) == phrase:
                return True
    return False


def _match_at(
    specs: tuple[TokenSpec, ...], pos: int, at: int, norms: list[str], lowers: list[str]
) -> tuple[int, int] | None:
    """The longest match of ``specs`` whose spec ``pos`` sits on token ``at``."""
    # Match the part before the anchor backwards and the part after it forwards.
    before = _match_back(specs, pos - 1, at - 1, norms, lowers)
    if before is None:
        return None
    after = _match_forward(specs, pos + 1, at + 1, norms, lowers)
    if after is None:
        return None
    return before, after


def _match_forward(
    specs: tuple[TokenSpec, ...], i: int, j: int, norms: list[str], lowers: list[str]
) -> int | None:
    """End token of the longest match of specs[i:] starting at token j."""
    if i == len(specs):
        return j
    spec = specs[i]
    n = len(norms)
    if spec.gap:
        best: int | None = None
        for k in range(spec.gap + 1):
            if k and (j + k - 1 >= n or lowers[j + k - 1] in SENTENCE_END):
                break
            end = _match_forward(specs, i + 1, j + k, norms, lowers)
            if end is not None:
                # The shortest gap wins: evidence should be as tight as possible.
                return end
        return best
    if j < n and spec.accepts(norms[j], lowers[j]):
        end = _match_forward(specs, i + 1, j + 1, norms, lowers)
        if end is not None:
            return end
    if spec.optional:
        return _match_forward(specs, i + 1, j, norms, lowers)
    return None


def _match_back(
    specs: tuple[TokenSpec, ...], i: int, j: int, norms: list[str], lowers: list[str]
) -> int | None:
    """Start token of the longest match of specs[:i+1] ending at token j (inclusive)."""
    if i < 0:
        return j + 1
    spec = specs[i]
    if spec.gap:
        for k in range(spec.gap + 1):
            if k and (j - k + 1 < 0 or lowers[j - k + 1] in SENTENCE_END):
                break
            start = _match_back(specs, i - 1, j - k, norms, lowers)
            if start is not None:
                return start
        return None
    if j >= 0 and spec.accepts(norms[j], lowers[j]):
        start = _match_back(specs, i - 1, j - 1, norms, lowers)
        if start is not None:
            return start
    if spec.optional:
        return _match_back(specs, i - 1, j, norms, lowers)
    return None
