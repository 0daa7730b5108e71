"""Bytes -> text: encodings of modern and older systems, binary files refused.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8, then
Windows-1252 (exports of older Dutch systems: "é" as 0xE9, "€" as 0x80), then Latin-1, which
decodes every byte and so only catches cp1252's five undefined bytes. Newlines become "\\n".
Unicode NFC is applied per turn text (see turns.py), not here: normalising the whole file could
glue a combining mark onto markup, e.g. ">" + U+0338 becomes "≯" and breaks a voice tag.
"""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import MSG_BAD_ENCODING, MSG_BINARY, MSG_EMPTY, MSG_TOO_LARGE, InputError
from .limits import MAX_FILE_BYTES, MAX_FILE_MB

logger = logging.getLogger(__name__)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("cp1252", "latin-1")
# C0 controls other than tab, newline, carriage return and form feed. C1 controls are left
# out: Latin-1 turns cp1252's undefined bytes (0x81, 0x8D ...) into them in real text files.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_SPACE = re.compile(r"\S")
# The head of the text is enough to tell text from binary (as file(1) and git do).
_SAMPLE_CHARS = 65_536
_MAX_CONTROL_RATIO = 0.05


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """Decode a conversation file's bytes to text with "\\n" newlines; InputError if binary."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            # A byte-order mark is a promise; guessing another encoding would produce garbage.
            line = data.count(b"\n", 0, exc.start) + 1 if encoding == "utf-8-sig" else None
            raise InputError(
                MSG_BAD_ENCODING.format(encoding=encoding), path=path, line=line
            ) from exc
    elif b"\x00" in data:
        raise InputError(MSG_BINARY, path=path)
    else:
        text = _decode_unmarked(data, path=path)
    return prepare_text(text, source=path)


def _decode_unmarked(data: bytes, *, path: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        logger.debug("%s: not UTF-8, decoded as %s", path or "<input>", encoding)
        return text
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def prepare_text(text: str, *, source: str | None) -> str:
    """Check decoded text (size, binary, empty) and normalise its newlines to "\\n"."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_FILE_BYTES:
        raise InputError(MSG_TOO_LARGE.format(limit=MAX_FILE_MB), path=source)
    if "\x00" in text or _mostly_control(text):
        raise InputError(MSG_BINARY, path=source)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NON_SPACE.search(text) is None:
        raise InputError(MSG_EMPTY, path=source)
    return text


def _mostly_control(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls > _MAX_CONTROL_RATIO * len(sample)
