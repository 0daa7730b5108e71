"""Plain-text transcripts: one turn per line, 'Label: text', optional time prefix.

Rules:
- ``Klant: ...`` starts a turn (labels and synonyms in speakers.py); a time prefix before the
  label, ``[mm:ss]``, ``[hh:mm:ss]``, ``[mm:ss.f]`` or a range ``[00:05 - 00:09]``, sets the
  turn's start in seconds. A timed line must carry a known label.
- A line without a label continues the previous turn, joined with a single space (so a pattern
  can match across a wrapped line); the first text line must have a label.
- A short capitalised prefix that is not a known label ("Sanne:") is an error, not a
  continuation: see speakers.py for the rule that keeps "Let op: morgen" a continuation.
- Blank lines are skipped; lines whose first non-blank character is ``#`` are comments.
- Consecutive turns of the same speaker stay separate turns (chat messages).
"""

from __future__ import annotations

import re

from ..errors import MSG_BAD_TIME, MSG_NO_SPEAKER, InputError
from ..model import Conversation
from .limits import clip, split_lines
from .speakers import EXPECTED_LABELS, split_label
from .times import parse_time
from .turns import Draft, finish_turns

# A bracketed time only when it holds a colon: "[5]" or "[2 kinderen]" are just text.
_TIME_PREFIX = re.compile(r"\[(\d{1,3}:[\d:.,]*)(?:\s*(?:-->|[-–])\s*[\d:.,]*)?\]\s*")


def read_txt(text: str, *, source: str, default_id: str) -> list[Conversation]:
    """One conversation from a plain-text transcript."""
    drafts: list[Draft] = []
    for number, raw in enumerate(split_lines(text, source=source), 1):
        stripped = raw.strip()
        if not stripped or stripped[0] == "#":
            continue
        start = None
        timed = _TIME_PREFIX.match(stripped) if stripped[0] == "[" else None
        if timed is not None:
            start = parse_time(timed.group(1))
            if start is None:
                message = MSG_BAD_TIME.format(value=clip(timed.group(1)))
                raise InputError(message, path=source, line=number)
            raw = stripped[timed.end() :]
        labelled = split_label(raw, source=source, line_no=number, required=timed is not None)
        if labelled is not None:
            speaker, rest = labelled
            drafts.append(Draft(speaker=speaker, line=number, start=start, parts=[rest]))
        elif drafts and timed is None:
            drafts[-1].parts.append(stripped)
        else:
            message = MSG_NO_SPEAKER.format(expected=EXPECTED_LABELS)
            raise InputError(message, path=source, line=number)
    turns = finish_turns(drafts, source=source)
    return [Conversation(id=default_id, turns=turns, source=source)]
