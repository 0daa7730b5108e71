"""Redaction: personal data replaced by placeholders such as ``[IBAN]`` in texts, conversations
and analyses, with evidence spans moved along so they still point at the right words.

Redaction errs on the side of removing too much: besides the spans it is given it replaces
every other literal occurrence of those values, and it repeats detection on its own result
until nothing is found, so ``find_pii`` on a redacted text always returns nothing.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final, TypeVar

from signaal.engine.model import (
    Analysis,
    Behaviour,
    Conversation,
    LexiconHit,
    PiiHit,
    Signal,
    Summary,
    Turn,
)
from signaal.engine.pii import PII_TYPES, PiiSpan, find_pii

# The evidence objects whose span and text are moved into the redacted turn.
_Evidence = TypeVar("_Evidence", Signal, Behaviour, LexiconHit, PiiHit)

# Language-neutral placeholders: the same in Dutch and English output, and greppable.
PLACEHOLDERS: Final[Mapping[str, str]] = MappingProxyType({t: f"[{t.upper()}]" for t in PII_TYPES})
_FALLBACK_PLACEHOLDER = "[PII]"
# Shorter values are not searched for elsewhere in the text: every detected type is at least
# six characters long, and a caller's short span ("a") must not blank out every "a".
_MIN_LITERAL = 6
# Real values never contain square brackets; text that does holds a placeholder already.
_BRACKETS = frozenset("[]")
# Each round covers more of the text, so the loop ends; the cap is a guard, never reached.
_MAX_ROUNDS = 20


@dataclasses.dataclass(frozen=True, slots=True)
class OffsetMap:
    """Translates spans of an original text into spans of its redacted text."""

    # (original start, original end, redacted start, redacted end) per replaced value, sorted.
    replacements: tuple[tuple[int, int, int, int], ...] = ()
    _starts: tuple[int, ...] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r[0] for r in self.replacements))

    def offset(self, position: int) -> int:
        """The redacted position of an original position (a value's start if inside one)."""
        k = bisect_right(self._starts, position) - 1
        if k < 0:
            return position
        o_start, o_end, r_start, r_end = self.replacements[k]
        return r_start if position < o_end else position + r_end - o_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The redacted span of an original span; touching a value, it covers its placeholder."""
        new_start = self.offset(start)
        k = bisect_left(self._starts, end) - 1
        if k < 0:
            return new_start, end
        o_start, o_end, r_start, r_end = self.replacements[k]
        new_end = r_end if end <= o_end else end + r_end - o_end
        return new_start, max(new_start, new_end)

    def inverse(self) -> OffsetMap:
        """The map from the redacted text back to the original."""
        return OffsetMap(tuple((a, b, c, d) for c, d, a, b in self.replacements))


def placeholder(kind: str) -> str:
    """The placeholder that replaces a value of this PII type."""
    return PLACEHOLDERS.get(kind, _FALLBACK_PLACEHOLDER)


def redact_text(
    text: str, spans: Sequence[PiiSpan], *, language: str = "nl"
) -> tuple[str, OffsetMap]:
    """Replace each (type, start, end) span, and any repeat of its value, by a placeholder."""
    for kind, start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) of {kind!r} is outside the text")
    return _redact(text, spans, {}, language, everything=False)


def redact_conversation(conversation: Conversation) -> Conversation:
    """The same conversation with personal data in every turn replaced by placeholders."""
    language = conversation.language or "nl"
    found = [find_pii(t.text, language=language) for t in conversation.turns]
    values = _values(zip((t.text for t in conversation.turns), found, strict=True))
    turns = tuple(
        dataclasses.replace(t, text=_redact(t.text, spans, values, language)[0])
        for t, spans in zip(conversation.turns, found, strict=True)
    )
    return dataclasses.replace(conversation, turns=turns)


def redact_analysis(analysis: Analysis) -> Analysis:
    """The analysis with every value replaced in turns, evidence, PII hits and the summary."""
    language = analysis.language
    hits: dict[int, list[PiiHit]] = {}
    for hit in analysis.pii:
        hits.setdefault(hit.turn, []).append(hit)
    spans: list[list[PiiSpan]] = []
    for turn in analysis.turns:
        own = find_pii(turn.text, language=language)
        # The hits the analysis carries are redacted too, should detection have differed; a hit
        # of an analysis redacted before points at a placeholder and has nothing left to hide.
        for hit in hits.get(turn.index, ()):
            start, end = hit.span
            if 0 <= start < end <= len(turn.text) and _BRACKETS.isdisjoint(turn.text[start:end]):
                own.append((hit.type, start, end))
        spans.append(own)
    values = _values(zip((t.text for t in analysis.turns), spans, strict=True))
    for hit in analysis.pii:
        if _searchable(hit.text):
            values.setdefault(hit.text, hit.type)

    turns: list[Turn] = []
    # Evidence points at turns by index; should two turns share one, the first is meant.
    maps: dict[int, tuple[str, str, OffsetMap]] = {}
    for turn, own in zip(analysis.turns, spans, strict=True):
        redacted, offsets = _redact(turn.text, own, values, language)
        maps.setdefault(turn.index, (turn.text, redacted, offsets))
        turns.append(dataclasses.replace(turn, text=redacted))

    def clean(text: str) -> str:
        return _redact(text, find_pii(text, language=language), values, language)[0]

    def move(turn: int | None, span: tuple[int, int], text: str) -> tuple[tuple[int, int], str]:
        if turn is None or turn not in maps:
            return span, clean(text)
        original, redacted, offsets = maps[turn]
        start, end = (min(max(p, 0), len(original)) for p in span)
        new_start, new_end = offsets.span(start, max(start, end))
        return (new_start, new_end), redacted[new_start:new_end]

    def moved(hit: _Evidence) -> _Evidence:
        span, text = move(hit.turn, hit.span, hit.text)
        return dataclasses.replace(hit, span=span, text=text)

    summary = analysis.summary
    if summary is not None:
        summary = Summary(
            who=clean(summary.who) if summary.who is not None else None,
            what=clean(summary.what) if summary.what is not None else None,
            agreed=clean(summary.agreed) if summary.agreed is not None else None,
            text=clean(summary.text),
            name=clean(summary.name) if summary.name is not None else None,
            on_behalf=clean(summary.on_behalf) if summary.on_behalf is not None else None,
        )
    return dataclasses.replace(
        analysis,
        turns=tuple(turns),
        signals=tuple(moved(s) for s in analysis.signals),
        behaviours=tuple(moved(b) for b in analysis.behaviours),
        lexicon=tuple(moved(h) for h in analysis.lexicon),
        pii=tuple(moved(p) for p in analysis.pii),
        summary=summary,
        redacted=True,
    )


def _values(turns: Iterable[tuple[str, Sequence[PiiSpan]]]) -> dict[str, str]:
    """Each detected value (long enough to search for) with its type."""
    values: dict[str, str] = {}
    for text, spans in turns:
        for kind, start, end in spans:
            if _searchable(text[start:end]):
                values.setdefault(text[start:end], kind)
    return values


def _searchable(value: str) -> bool:
    """Whether other occurrences of this value are worth replacing too."""
    return len(value) >= _MIN_LITERAL and _BRACKETS.isdisjoint(value)


def _redact(
    text: str,
    spans: Sequence[PiiSpan],
    values: Mapping[str, str],
    language: str,
    *,
    everything: bool = True,
) -> tuple[str, OffsetMap]:
    """Redact spans, repeats of their values and of ``values``, and whatever that uncovers.

    With ``everything`` False, values that were detectable before redaction but not asked for
    are left alone: only those the redaction itself uncovered are added.
    """
    if not spans and not values:
        return text, OffsetMap()
    current = list(spans)
    known = dict(values)
    before: set[PiiSpan] | None = None
    for _ in range(_MAX_ROUNDS):
        for kind, start, end in current:
            if _searchable(text[start:end]):
                known.setdefault(text[start:end], kind)
        merged = _merge(current + _occurrences(text, known))
        redacted, offsets = _apply(text, merged)
        # A value glued to another one ("0612345678" in "x0612345678") may only stand free
        # once its neighbour is gone; such values lie in the redacted text, outside placeholders.
        back = offsets.inverse()
        again = [(k, *back.span(s, e)) for k, s, e in find_pii(redacted, language=language)]
        if not everything and again:
            if before is None:
                before = set(find_pii(text, language=language))
            again = [span for span in again if span not in before]
        if not again:
            return redacted, offsets
        current = merged + again
    return redacted, offsets


def _occurrences(text: str, values: Mapping[str, str]) -> list[PiiSpan]:
    found: list[PiiSpan] = []
    for value, kind in values.items():
        at = text.find(value)
        while at != -1:
            found.append((kind, at, at + len(value)))
            at = text.find(value, at + 1)
    return found


def _merge(spans: Iterable[PiiSpan]) -> list[PiiSpan]:
    """Overlapping spans become one, named after its longest part (then the earliest)."""
    merged: list[tuple[PiiSpan, PiiSpan]] = []  # (merged span, its longest part)
    for span in sorted(spans, key=lambda s: (s[1], -s[2])):
        kind, start, end = span
        if merged and start < merged[-1][0][2]:
            (_, m_start, m_end), longest = merged[-1]
            if end - start > longest[2] - longest[1]:
                longest = span
            merged[-1] = ((longest[0], m_start, max(m_end, end)), longest)
        else:
            merged.append((span, span))
    return [m for m, _ in merged]


def _apply(text: str, spans: Sequence[PiiSpan]) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    replacements: list[tuple[int, int, int, int]] = []
    position = length = 0
    for kind, start, end in spans:
        parts.append(text[position:start])
        length += start - position
        mark = placeholder(kind)
        parts.append(mark)
        replacements.append((start, end, length, length + len(mark)))
        length += len(mark)
        position = end
    parts.append(text[position:])
    return "".join(parts), OffsetMap(tuple(replacements))
