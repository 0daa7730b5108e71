"""Finding pattern matches in a tokenized turn, fast.

Each compiled pattern is indexed under its most selective word (its anchor). For each distinct
word the patterns anchored on it, and the word specs it satisfies, are computed once and
cached, so a turn costs one dictionary look-up per token, a test of bits per anchored pattern
(are all the words it needs in the turn?) and the verification of the few patterns that pass.
Texts of words separated by single spaces are tokenized from a cache of space-separated chunks,
without building a spaCy doc. This is many times faster than running spaCy's Matcher over a
few thousand patterns (see docs/benchmarks.md), and it gives the same results for the patterns
the packs use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, cast

from spacy.tokens import Doc, Token

from .packs import NegationDef
from .patterns import TokenSpec, is_caps

SENTENCE_END = frozenset({".", "!", "?", ";", "\n"})
# The group of the rules compiled from a pattern's ``unless``: never reported themselves.
VETO = "veto"
_CACHE_LIMIT = 200_000
_CHUNK_LIMIT = 100_000
_DIGIT = re.compile(r"[0-9]")
# The spec id that marks whitespace tokens patterns look through.
_SKIP = 0
# Step ids: any word, and the sentence edges ``^`` and ``$`` (they take no word).
_ANY = -1
_START = -2
_END = -3


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
    # For lexicon rules: the lexicon entry's id; for veto rules: the pattern entry they cancel.
    entry: str = ""
    # For a pattern entry with ``unless``: its id, which its veto rules name in ``entry``.
    unless: str = ""


class Match(NamedTuple):
    """A rule that matched tokens [start, end) and characters [char_start, char_end).

    A named tuple rather than a frozen dataclass: a turn makes several, and a tuple is made
    several times faster.
    """

    rule: Rule
    start: int
    end: int
    char_start: int
    char_end: int
    # Where the negation cue that negates the match stands (-1: none); vetoes need the place,
    # see ``_apply_vetoes``.
    cue: int = -1

    @property
    def negated(self) -> bool:
        """A negation cue negates the match."""
        return self.cue >= 0


class Word:
    """What the matcher knows of one distinct word (a lexeme with its lemma), computed once.

    ``anchors`` are the patterns anchored on the word, ``ids`` the word specs of the matcher
    that accept it, ``mask`` the same as bits, with those the anchor index sees (they differ
    only for whitespace), ``lower`` the form patterns see: a line break for whitespace tokens.
    """

    __slots__ = ("alpha", "anchors", "ids", "keep", "length", "lower", "mask", "norm")

    def __init__(
        self,
        anchors: tuple[tuple[int, _Anchor], ...],
        ids: frozenset[int],
        mask: int,
        norm: str,
        lower: str,
        keep: bool,
        alpha: bool,
        length: int,
    ) -> None:
        # The rules anchored on the word: (required spec bits, anchor).
        self.anchors = anchors
        self.ids = ids
        self.mask = mask
        self.norm = norm
        self.lower = lower
        # False for whitespace that patterns look through (not a blank line).
        self.keep = keep
        self.alpha = alpha
        # Characters in the token.
        self.length = length


# A spec position compiled for verification: (spec id or -1 for any word, optional, gap).
_Step = tuple[int, bool, int]
# A chunk of text: its words, their offsets in it, whether its first / last token may glue.
_Chunk = tuple[tuple[Word, ...], tuple[int, ...], bool, bool]
# A pattern anchored on a word: (rule, anchor position, compiled steps).
_Anchor = tuple[Rule, int, tuple[_Step, ...]]


class RuleMatcher:
    """Matches a fixed set of rules against docs; build once, call for every turn.

    At build time every distinct word spec gets an id and an index by lemma and by form; each
    rule records the ids it cannot match without. Per distinct word the matcher computes once
    which specs accept it and which rules are anchored on it. A turn then costs one dictionary
    look-up per token, one test of bits per anchored rule (are the words it needs all
    present?) and the verification of the few rules that pass.

    ``token_norms`` names the words whose NORM may differ per token (tokenizer exceptions such
    as "'m" in "I'm"); their lemma is read from the token. Without it (None) every token's
    lemma is read, which is correct for any tokenizer but slower.
    """

    def __init__(
        self,
        rules: Sequence[Rule],
        *,
        negation: NegationDef,
        common: frozenset[str] = frozenset(),
        token_norms: frozenset[str] | None = None,
        tokenizer: Callable[[str], Doc] | None = None,
        glue: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = tuple(rules)
        self._negation = negation
        self._token_norms = token_norms
        self._tokenizer = tokenizer
        self._glue = glue
        # Space-separated chunk of text -> its words, their offsets in the chunk, and whether
        # its first and last token could be part of a special case that spans a space.
        self._chunks: dict[str, _Chunk] = {}
        ids: dict[TokenSpec, int] = {}

        def spec_id(spec: TokenSpec) -> int:
            if spec.edge:
                return _START if spec.edge == "start" else _END
            if spec.gap or spec.any_word:
                return _ANY
            # Id 0 marks whitespace to skip; spec ids start at 1.
            return ids.setdefault(spec, len(ids) + 1)

        # Veto rules (group "veto") cancel the matches of the pattern entry they name.
        self._vetoes = any(rule.group == VETO for rule in self.rules)
        self._anchors: list[_Anchor] = []
        # Per rule: the bits of the spec ids it cannot match without.
        self._required: list[int] = []
        for rule in self.rules:
            weights = [
                (_anchor_cost(s, common), i) for i, s in enumerate(rule.specs) if s.anchor_weight
            ]
            _, pos = min(weights)
            steps = tuple((spec_id(s), s.optional, s.gap) for s in rule.specs)
            self._anchors.append((rule, pos, steps))
            required = 0
            for sid, optional, _gap in steps:
                if sid >= 0 and not optional:
                    required |= 1 << sid
            self._required.append(required)
        # Word -> ids of the specs accepting it, by lemma and by lower-case form.
        self._by_norm: dict[str, set[int]] = {}
        self._by_lower: dict[str, set[int]] = {}
        self._regexes: list[tuple[re.Pattern[str], int]] = []
        self._caps: frozenset[int] = frozenset(sid for spec, sid in ids.items() if spec.caps)
        for spec, sid in ids.items():
            for norm in spec.norms:
                self._by_norm.setdefault(norm, set()).add(sid)
            for lower in spec.lowers:
                self._by_lower.setdefault(lower, set()).add(sid)
            if spec.regex is not None:
                self._regexes.append((spec.regex, sid))
        # Anchor spec id -> indexes of the rules anchored on it, in rule order.
        self._anchored: dict[int, list[int]] = {}
        for k, (_rule, pos, steps) in enumerate(self._anchors):
            self._anchored.setdefault(steps[pos][0], []).append(k)
        self._named: dict[str, frozenset[str]] = {}
        # orth id of a word -> what the matcher knows of it; (orth, norm) for words whose
        # lemma differs per token.
        self._cache: dict[int, Word] = {}
        self._token_cache: dict[tuple[int, int], Word] = {}
        self._interned: dict[frozenset[int], frozenset[int]] = {}

    def _spec_ids(self, norm: str, lower: str) -> frozenset[int]:
        found = set(self._by_norm.get(norm, ()))
        found.update(self._by_lower.get(lower, ()))
        for regex, sid in self._regexes:
            if regex.fullmatch(lower) is not None:
                found.add(sid)
        # Many words accept the same specs: share one set between them.
        key = frozenset(found)
        return self._interned.setdefault(key, key)

    def _word(self, token: Token) -> Word:
        """The matcher's view of a word not seen before."""
        norm, lower = token.norm_, token.lower_
        anchor_ids = self._spec_ids(norm, lower)
        if self._caps and is_caps(token.text):
            found_caps = anchor_ids | self._caps
            anchor_ids = self._interned.setdefault(found_caps, found_caps)
        seen = "\n" if token.is_space else lower
        ids = anchor_ids if seen == lower else self._spec_ids(norm, seen)
        keep = not token.is_space or token.text.count("\n") > 1
        mask = 0 if keep else 1 << _SKIP
        for sid in ids | anchor_ids:
            mask |= 1 << sid
        found: list[int] = []
        for sid in anchor_ids:
            found.extend(self._anchored.get(sid, ()))
        found.sort()
        word = Word(
            anchors=tuple((self._required[k], self._anchors[k]) for k in found),
            ids=ids,
            mask=mask,
            norm=norm,
            lower=seen,
            keep=keep,
            alpha=token.is_alpha,
            length=len(token.text),
        )
        if len(self._cache) + len(self._token_cache) < _CACHE_LIMIT:
            if self._token_norms is None or token.text in self._token_norms:
                self._token_cache[token.orth, token.norm] = word
            else:
                self._cache[token.orth] = word
        return word

    def words(self, doc: Doc) -> list[Word]:
        """The matcher's view of each token of ``doc``, in order."""
        if self._token_norms is None:
            get = self._token_cache.get
            return [get((t.orth, t.norm)) or self._word(t) for t in doc]
        cache = self._cache
        words = [cache.get(t.orth) for t in doc]
        if None in words:
            for i, word in enumerate(words):
                if word is None:
                    token = doc[i]
                    # A word new to this turn may have been met earlier in it.
                    found = cache.get(token.orth) or self._token_cache.get((token.orth, token.norm))
                    words[i] = found if found is not None else self._word(token)
        return cast(list[Word], words)

    def __call__(self, doc: Doc) -> list[Match]:
        """All matches in ``doc``, negation marked, in order of position."""
        return self.match(doc, self.words(doc))

    def match_text(self, text: str) -> tuple[list[Match], list[Word]]:
        """Tokenize ``text`` and match it: the matches and the words of its tokens.

        Gives what ``match(doc, words(doc))`` gives for the tokenizer's doc, without building
        the doc when it can: spaCy tokenizes each space-separated chunk on its own (special
        cases that span a space aside), so a text of chunks separated by single spaces is the
        concatenation of its chunks' tokens, and those are cached per chunk.
        """
        tokenizer = self._tokenizer
        if tokenizer is None:
            raise ValueError("this matcher was built without a tokenizer")
        # Only plain spaces, one at a time: no whitespace tokens, no other separators.
        if (
            text.isprintable()
            and text
            and text[0] != " "
            and text[-1] != " "
            and ("  " not in text)
        ):
            chunks = self._chunks
            words: list[Word] = []
            starts: list[int] = []
            position = 0
            glued = False
            for part in text.split(" "):
                chunk = chunks.get(part)
                if chunk is None:
                    chunk = self._chunk(part, tokenizer)
                chunk_words, chunk_starts, glue_first, glue_last = chunk
                if glued and glue_first:
                    break  # a special case might span this space: let spaCy decide
                glued = glue_last
                if len(chunk_words) == 1:
                    words.append(chunk_words[0])
                    starts.append(position)
                else:
                    words.extend(chunk_words)
                    starts.extend([position + start for start in chunk_starts])
                position += len(part) + 1
            else:
                return self._find(words, None, starts), words
        doc = tokenizer(text)
        words = self.words(doc)
        return self.match(doc, words), words

    def _chunk(self, part: str, tokenizer: Callable[[str], Doc]) -> _Chunk:
        doc = tokenizer(part)
        glue = self._glue
        chunk = (
            tuple(self.words(doc)),
            tuple(t.idx for t in doc),
            doc[0].text in glue,
            doc[-1].text in glue,
        )
        # Numbers, amounts and times make new chunks without end and rarely come back: they
        # are tokenized each time. Other new chunks (names, typos) fill the cache slowly; it
        # starts afresh when full, so it stays bounded and keeps what is common.
        if _DIGIT.search(part) is None:
            if len(self._chunks) >= _CHUNK_LIMIT:
                self._chunks.clear()
            self._chunks[part] = chunk
        return chunk

    def match(self, doc: Doc, words: Sequence[Word]) -> list[Match]:
        """All matches in ``doc`` whose words (from ``words(doc)``) are given."""
        return self._find(words, doc, None)

    def _find(
        self, words: Sequence[Word], doc: Doc | None, starts: Sequence[int] | None
    ) -> list[Match]:
        """The matches in a turn's words; character offsets from ``starts`` or the doc."""
        present = 0
        for word in words:
            present |= word.mask
        # Runs of spaces are tokens of their own in spaCy; patterns look through them, and
        # through a single line break (an e-mail wrapped at 72 characters is still one
        # sentence). A blank line ends a paragraph, so it ends a sentence too.
        positions: list[int] | None = None
        if present & 1 << _SKIP:
            positions = [i for i, w in enumerate(words) if w.keep]
            words = [words[i] for i in positions]
        # A rule is verified only where all the words it cannot do without are present.
        hits = [
            (anchor, i)
            for i, word in enumerate(words)
            for required, anchor in word.anchors
            if present & required == required
        ]
        if not hits:
            return []
        # Vetoes are verified last, and only for the entries that matched: most turns need
        # none of them.
        later: list[tuple[_Anchor, int]] = []
        if self._vetoes:
            main: list[tuple[_Anchor, int]] = []
            for hit in hits:
                (later if hit[0][0].group == VETO else main).append(hit)
            hits = main
        ids = [w.ids for w in words]
        lowers = [w.lower for w in words]
        norms: list[str] | None = None
        any_cue = False
        seen: set[tuple[str, int, int]] = set()
        out: list[Match] = []
        while True:
            for (rule, pos, steps), at in hits:
                start = _match_back(steps, pos - 1, at - 1, ids, lowers)
                if start is None:
                    continue
                end = _match_forward(steps, pos + 1, at + 1, ids, lowers)
                if end is None:
                    continue
                key = (rule.id, start, end)
                if key in seen:
                    continue
                seen.add(key)
                if starts is not None:
                    char_start = starts[start]
                    char_end = starts[end - 1] + words[end - 1].length
                else:
                    assert doc is not None
                    if positions is None:
                        first, last = doc[start], doc[end - 1]
                    else:
                        first, last = doc[positions[start]], doc[positions[end - 1]]
                    char_start, char_end = first.idx, last.idx + len(last)
                cue = -1
                if rule.negatable:
                    if norms is None:
                        norms = [w.norm for w in words]
                        # Most turns hold no negation cue at all: then nothing is negated.
                        cues = self._negation.cues
                        any_cue = not (cues.isdisjoint(lowers) and cues.isdisjoint(norms))
                    if any_cue:
                        cue = self._cue_before(norms, lowers, start)
                        if cue < 0:
                            cue = self._cue_inside(rule, norms, lowers, start, end)
                out.append(Match(rule, start, end, char_start, char_end, cue))
            if not later:
                break
            wanted = {m.rule.unless for m in out if m.rule.unless}
            hits = [hit for hit in later if hit[0][0].entry in wanted]
            later = []
        if self._vetoes:
            out = _apply_vetoes(out, lowers)
        out.sort(key=lambda m: (m.char_start, -m.char_end))
        return out

    def _cue_inside(
        self, rule: Rule, norms: list[str], lowers: list[str], start: int, end: int
    ) -> int:
        """A cue the pattern does not name, inside a gap ("ik ben niet in de auto"): its
        position, or -1."""
        cues = self._negation.cues
        named: frozenset[str] | None = None
        for j in range(start + 1, end - 1):
            if lowers[j] in cues or norms[j] in cues:
                if named is None:
                    named = self._named.get(rule.id)
                    if named is None:
                        named = self._named[rule.id] = _spelled_out(rule.specs)
                if lowers[j] not in named and norms[j] not in named:
                    return -1 if self._not_a_negation(lowers, j) else j
        return -1

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

    def _cue_before(self, norms: list[str], lowers: list[str], start: int) -> int:
        """The position of a cue that negates a match at ``start`` from before it, or -1."""
        neg = self._negation
        if not neg.cues:
            return -1
        stop = max(0, start - neg.window)
        for j in range(start - 1, stop - 1, -1):
            lower = lowers[j]
            if lower in SENTENCE_END or lower in neg.breakers:
                return -1
            if lower in neg.cues or norms[j] in neg.cues:
                if self._not_a_negation(lowers, j):
                    continue
                return j
        return -1


def _apply_vetoes(matches: list[Match], lowers: list[str]) -> list[Match]:
    """Drop the veto matches, and each match a veto of its entry cancels.

    A veto cancels a match in the same sentence (before or after it) or in the sentence right
    after it: "zou om negen uur komen en was er stipt op tijd", "heb vorig jaar gebeld. Dat is
    toen netjes opgelost." A negated veto cancels nothing ("was er niet op tijd"), unless the
    cue that negates it stands before or inside the match while the veto starts within or after
    it: then the cue is the match's own ("I don't understand how a shop manages to lose it").
    """
    vetoes = [m for m in matches if m.rule.group == VETO]
    if not vetoes:
        return matches
    sentence: list[int] = []
    count = 0
    for lower in lowers:
        sentence.append(count)
        if lower in SENTENCE_END:
            count += 1
    by_entry: dict[str, list[Match]] = {}
    for veto in vetoes:
        by_entry.setdefault(veto.rule.entry, []).append(veto)

    def cancels(veto: Match, m: Match) -> bool:
        if sentence[veto.start] not in (
            sentence[m.start],
            sentence[m.end - 1],
            sentence[m.end - 1] + 1,
        ):
            return False
        return not veto.negated or (veto.start >= m.start and veto.cue < m.end)

    return [
        m
        for m in matches
        if m.rule.group != VETO
        and not (m.rule.unless and any(cancels(v, m) for v in by_entry.get(m.rule.unless, ())))
    ]


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


def _match_forward(
    steps: tuple[_Step, ...], i: int, j: int, ids: list[frozenset[int]], lowers: list[str]
) -> int | None:
    """End token of the first match of steps[i:] starting at token j.

    Optional words are tried present before absent, gaps shortest first: the evidence is as
    tight as possible.
    """
    n_steps = len(steps)
    n = len(ids)
    # Plain words in a loop: they match here or not at all.
    while i < n_steps:
        sid, optional, gap = steps[i]
        if gap or optional:
            break
        if sid < _ANY:  # ``$``: the sentence ends here
            return j if j >= n or lowers[j] in SENTENCE_END else None
        if j >= n or (sid >= 0 and sid not in ids[j]):
            return None
        i += 1
        j += 1
    else:
        return j
    if gap:
        for k in range(gap + 1):
            if k and (j + k - 1 >= n or lowers[j + k - 1] in SENTENCE_END):
                break
            end = _match_forward(steps, i + 1, j + k, ids, lowers)
            if end is not None:
                return end
        return None
    if j < n and (sid < 0 or sid in ids[j]):
        end = _match_forward(steps, i + 1, j + 1, ids, lowers)
        if end is not None:
            return end
    return _match_forward(steps, i + 1, j, ids, lowers)


def _match_back(
    steps: tuple[_Step, ...], i: int, j: int, ids: list[frozenset[int]], lowers: list[str]
) -> int | None:
    """Start token of the first match of steps[:i+1] ending at token j (inclusive)."""
    while i >= 0:
        sid, optional, gap = steps[i]
        if gap or optional:
            break
        if sid < _ANY:  # ``^``: the sentence starts here
            return j + 1 if j < 0 or lowers[j] in SENTENCE_END else None
        if j < 0 or (sid >= 0 and sid not in ids[j]):
            return None
        i -= 1
        j -= 1
    else:
        return j + 1
    if gap:
        for k in range(gap + 1):
            if k and (j - k + 1 < 0 or lowers[j - k + 1] in SENTENCE_END):
                break
            start = _match_back(steps, i - 1, j - k, ids, lowers)
            if start is not None:
                return start
        return None
    if j >= 0 and (sid < 0 or sid in ids[j]):
        start = _match_back(steps, i - 1, j - 1, ids, lowers)
        if start is not None:
            return start
    return _match_back(steps, i - 1, j, ids, lowers)
