"""Every error the engine raises, in one place, with the messages a person reads."""

from __future__ import annotations


class EngineError(Exception):
    """Base class of the engine's errors."""


class InputError(EngineError):
    """A conversation file that cannot be read: names the file and, when known, the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line for a person: 'file:line: message'."""
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class PackError(EngineError):
    """A pattern or lexicon file that cannot be loaded or compiled."""

    def __init__(self, message: str, *, path: str | None = None, entry: str | None = None) -> None:
        self.message = message
        self.path = path
        self.entry = entry
        where = path or "<pack>"
        if entry:
            where = f"{where} [{entry}]"
        super().__init__(f"{where}: {message}")


class CorpusError(EngineError):
    """An evaluation corpus that cannot be read."""


# Messages used by the readers, kept here so their wording is consistent.
MSG_EMPTY = "the file is empty"
MSG_BINARY = "this is not a text file (binary content)"
MSG_NO_TURNS = "no turns found"
MSG_TOO_LARGE = "the file is larger than the limit of {limit} MB"
MSG_LINE_TOO_LONG = "line is longer than the limit of {limit} characters"
MSG_BAD_JSON = "malformed JSON: {detail}"
MSG_UNKNOWN_SPEAKER = "unknown speaker label {label!r} (expected one of: {expected})"
MSG_UNKNOWN_FORMAT = "unknown file type {ext!r} (expected .txt, .json, .jsonl, .vtt or .srt)"
MSG_NOT_FOUND = "no such file"
MSG_BAD_TIME = "malformed time {value!r}"
MSG_NOT_A_FILE = "not a regular file (a directory?)"
MSG_UNREADABLE = "cannot read the file: {detail}"
MSG_BAD_ENCODING = "cannot decode the text as {encoding}"
MSG_NO_SPEAKER = "no speaker for this text (start the line with a label such as {expected})"
MSG_BAD_SHAPE = "unexpected JSON: {detail}"
MSG_TURN_TOO_LONG = "turn text is longer than the limit of {limit} characters"
MSG_NO_VTT_HEADER = "a WebVTT file must start with a 'WEBVTT' line"
MSG_BAD_CUE = "expected a cue timing line like {example!r}"
