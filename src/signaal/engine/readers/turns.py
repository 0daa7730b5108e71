"""Turns under construction -> the immutable Turn tuple every reader returns."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import MSG_NO_TURNS, MSG_TURN_TOO_LONG, InputError
from ..model import Speaker, Turn
from .limits import MAX_TURN_CHARS


@dataclass(slots=True)
class Draft:
    """A turn being read: its text may still grow (continuation lines, merged cues)."""

    speaker: Speaker
    line: int | None
    start: float | None = None
    parts: list[str] = field(default_factory=list)
    annotations: dict[str, Any] | None = None


def finish_turns(
    drafts: Iterable[Draft], *, source: str, line: int | None = None
) -> tuple[Turn, ...]:
    """Number the drafts with text from 0; InputError if none is left or one is too long."""
    turns: list[Turn] = []
    for draft in drafts:
        parts = draft.parts
        if len(parts) == 1:
            text = parts[0]
        else:
            text = " ".join(part.strip() for part in parts if part and not part.isspace())
        # NFC per turn so that "é" typed as e + U+0301 matches the packs' patterns.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.strip()
        if not text:
            continue
        if len(text) > MAX_TURN_CHARS:
            message = MSG_TURN_TOO_LONG.format(limit=f"{MAX_TURN_CHARS:,}")
            raise InputError(message, path=source, line=draft.line)
        # Positional: this runs once per turn of every file.
        turns.append(
            Turn(len(turns), draft.speaker, text, draft.start, draft.line, draft.annotations)
        )
    if not turns:
        raise InputError(MSG_NO_TURNS, path=source, line=line)
    return tuple(turns)
