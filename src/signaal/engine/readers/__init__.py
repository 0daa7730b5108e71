"""Readers: conversation files in every input format -> Conversation.

``read_path`` reads a file (format from its extension or ``format=``), ``read_text`` parses
text the platform already holds, ``decode_bytes`` turns a file's bytes into text. Every problem
with the input is an InputError naming the file and, when known, the 1-based line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import (
    MSG_NOT_A_FILE,
    MSG_NOT_FOUND,
    MSG_TOO_LARGE,
    MSG_UNKNOWN_FORMAT,
    MSG_UNREADABLE,
    InputError,
)
from ..model import Conversation
from .decode import decode_bytes, prepare_text
from .jsonfmt import read_json, read_jsonl
from .limits import MAX_FILE_BYTES, MAX_FILE_MB
from .subtitles import read_srt, read_vtt
from .txt import read_txt

__all__ = ["FORMATS", "decode_bytes", "format_for_path", "read_path", "read_text"]

_Reader = Callable[..., list[Conversation]]
_READERS: dict[str, _Reader] = {
    "txt": read_txt,
    "json": read_json,
    "jsonl": read_jsonl,
    "vtt": read_vtt,
    "srt": read_srt,
}
FORMATS: tuple[str, ...] = tuple(_READERS)
# Other names seen for the same formats.
_ALIASES = {"ndjson": "jsonl", "webvtt": "vtt"}


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The format named by a file's extension (case-insensitive); InputError if unknown."""
    return _format(Path(path).suffix, source=os.fspath(path))


def read_path(path: str | os.PathLike[str], *, format: str | None = None) -> list[Conversation]:
    """Read every conversation in a file; InputError naming the file and line on bad input."""
    source = os.fspath(path)
    file = Path(path)
    try:
        if not file.exists():
            raise InputError(MSG_NOT_FOUND, path=source)
        if not file.is_file():
            raise InputError(MSG_NOT_A_FILE, path=source)
        fmt = _format(format, source=source) if format else format_for_path(path)
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(MSG_TOO_LARGE.format(limit=MAX_FILE_MB), path=source)
        with file.open("rb") as handle:
            # One byte past the limit tells a file that grew since stat() from one that fits.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(MSG_UNREADABLE.format(detail=exc.strerror or exc), path=source) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(MSG_TOO_LARGE.format(limit=MAX_FILE_MB), path=source)
    text = decode_bytes(data, path=source)
    return _READERS[fmt](text, source=source, default_id=file.stem)


def read_text(
    text: str, *, format: str, source: str = "<input>", default_id: str = "input"
) -> list[Conversation]:
    """Parse conversations from text in one of FORMATS; InputError on bad input."""
    reader = _READERS[_format(format, source=source)]
    return reader(prepare_text(text, source=source), source=source, default_id=default_id)


def _format(name: str, *, source: str) -> str:
    key = name.lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in _READERS:
        raise InputError(MSG_UNKNOWN_FORMAT.format(ext=name), path=source)
    return key
