"""Size limits of the readers, and the line splitter that enforces the line limit.

The limits keep one bad file from exhausting memory or time on the ingest path: a file is
rejected with a clear error instead of being half-read.
"""

from __future__ import annotations

from ..errors import MSG_LINE_TOO_LONG, InputError

MAX_FILE_MB = 50
# Bytes on disk, and characters for text handed to read_text directly.
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# One line of a line-based format (.txt, .jsonl, .vtt, .srt); a .jsonl line holds a whole
# conversation, hence a generous limit.
MAX_LINE_CHARS = 1_000_000
# One turn after joining its lines or cues (about 15,000 words).
MAX_TURN_CHARS = 100_000


def split_lines(text: str, *, source: str) -> list[str]:
    """Split on newlines and reject a line longer than MAX_LINE_CHARS, naming its line."""
    # Only "\n": str.splitlines() would also split on \x0b, \x1c or U+2028 inside a turn.
    lines = text.split("\n")
    # max(map(len)) runs in C, so a 5 MB single line is refused in milliseconds.
    if max(map(len, lines)) > MAX_LINE_CHARS:
        number = next(i for i, line in enumerate(lines, 1) if len(line) > MAX_LINE_CHARS)
        raise InputError(
            MSG_LINE_TOO_LONG.format(limit=f"{MAX_LINE_CHARS:,}"), path=source, line=number
        )
    return lines


def clip(value: object, limit: int = 40) -> str:
    """A value as quoted in an error message: at most ``limit`` characters."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = repr(value)
    else:
        # The type only: repr() of a deeply nested JSON value could itself recurse too deep.
        text = type(value).__name__
    return text if len(text) <= limit else text[:limit] + "…"
