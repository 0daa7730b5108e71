"""JSON and JSON Lines conversations.

Shape: ``{"id", "channel"?, "language"?, "turns": [{"speaker", "text", "start"?}]}``. A .json
file holds one such object or a list of them; a .jsonl file one object per line.
``speaker`` is a speaker id or a label synonym; ``start`` is seconds (a number) or a clock time
("mm:ss"). ``annotations`` on a conversation or a turn are passed through (the evaluation corpus
keeps its gold labels there); other extra keys are ignored. A missing id becomes the file stem,
or stem-1, stem-2 ... when the file holds several conversations. The language is lowercased.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..errors import MSG_BAD_JSON, MSG_BAD_SHAPE, MSG_BAD_TIME, MSG_NO_TURNS, InputError
from ..model import Conversation
from .limits import clip, split_lines
from .speakers import EXPECTED_IDS, resolve_speaker, unknown_speaker
from .times import parse_seconds
from .turns import Draft, finish_turns

# Where each turn's "speaker" key is: a cheap way to give turns of a .json file a line.
_SPEAKER_KEY = re.compile(r'"speaker"\s*:')


def read_json(text: str, *, source: str, default_id: str) -> list[Conversation]:
    """Conversations from a .json document: one object or a list of objects."""
    data = _loads(text, source=source, line=None)
    items = data if isinstance(data, list) else [data]
    counts = [_turn_count(item) for item in items]
    lines = _turn_lines(text, sum(counts))
    conversations, offset = [], 0
    for number, (item, count) in enumerate(zip(items, counts, strict=True), 1):
        where = f"[{number - 1}]" if isinstance(data, list) else ""
        conv_id = f"{default_id}-{number}" if len(items) > 1 else default_id
        own = lines[offset : offset + count] if lines is not None else None
        offset += count
        conversations.append(
            _conversation(item, where=where, default_id=conv_id, source=source, lines=own)
        )
    if not conversations:
        raise InputError(MSG_NO_TURNS, path=source)
    return conversations


def read_jsonl(text: str, *, source: str, default_id: str) -> list[Conversation]:
    """Conversations from a .jsonl document: one object per line, blank lines skipped."""
    numbered = [
        (number, line)
        for number, line in enumerate(split_lines(text, source=source), 1)
        if line.strip()
    ]
    conversations = []
    for position, (number, line) in enumerate(numbered, 1):
        item = _loads(line, source=source, line=number)
        conv_id = f"{default_id}-{position}" if len(numbered) > 1 else default_id
        conversations.append(
            _conversation(item, where="", default_id=conv_id, source=source, line=number)
        )
    return conversations


def _loads(text: str, *, source: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} (column {exc.colno})"
        raise InputError(
            MSG_BAD_JSON.format(detail=detail), path=source, line=line or exc.lineno
        ) from exc
    except (ValueError, RecursionError) as exc:
        # Nesting too deep, or an integer beyond Python's digit limit.
        detail = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(MSG_BAD_JSON.format(detail=detail), path=source, line=line) from exc


def _turn_count(item: Any) -> int:
    turns = item.get("turns") if isinstance(item, dict) else None
    return len(turns) if isinstance(turns, list) else 0


def _turn_lines(text: str, count: int) -> list[int] | None:
    # Turn i of the document is the i-th "speaker" key, unless the counts disagree (a missing
    # speaker, or "speaker" inside annotations); then the turns get no line.
    positions = [match.start() for match in _SPEAKER_KEY.finditer(text)]
    if len(positions) != count:
        return None
    lines, line, previous = [], 1, 0
    for position in positions:
        line += text.count("\n", previous, position)
        previous = position
        lines.append(line)
    return lines


def _shape(detail: str, *, source: str, line: int | None) -> InputError:
    return InputError(MSG_BAD_SHAPE.format(detail=detail), path=source, line=line)


def _conversation(
    item: Any,
    *,
    where: str,
    default_id: str,
    source: str,
    line: int | None = None,
    lines: list[int] | None = None,
) -> Conversation:
    if not isinstance(item, dict):
        raise _shape(f"{where or 'the document'} must be an object", source=source, line=line)
    prefix = f"{where}." if where else ""
    conv_id = _optional_str(item, "id", prefix=prefix, source=source, line=line, number=True)
    channel = _optional_str(item, "channel", prefix=prefix, source=source, line=line)
    language = _optional_str(item, "language", prefix=prefix, source=source, line=line)
    annotations = _annotations(item, prefix=prefix, source=source, line=line)
    raw_turns = item.get("turns")
    if raw_turns is None:
        raise _shape(f"{prefix}turns is missing", source=source, line=line)
    if not isinstance(raw_turns, list):
        raise _shape(f"{prefix}turns must be a list", source=source, line=line)
    drafts = [
        _draft(raw, prefix=prefix, index=i, source=source, line=_line_of(i, line, lines))
        for i, raw in enumerate(raw_turns)
    ]
    return Conversation(
        id=conv_id or default_id,
        turns=finish_turns(drafts, source=source, line=line),
        channel=channel,
        language=language.lower() if language else None,
        source=source,
        annotations=annotations,
    )


def _line_of(index: int, line: int | None, lines: list[int] | None) -> int | None:
    if lines is not None and index < len(lines):
        return lines[index]
    return line


def _draft(raw: Any, *, prefix: str, index: int, source: str, line: int | None) -> Draft:
    if not isinstance(raw, dict):
        raise _shape(f"{prefix}turns[{index}] must be an object", source=source, line=line)
    label = raw.get("speaker")
    if label is None:
        raise _shape(f"{prefix}turns[{index}].speaker is missing", source=source, line=line)
    if not isinstance(label, str):
        raise _shape(f"{prefix}turns[{index}].speaker must be a string", source=source, line=line)
    speaker = resolve_speaker(label)
    if speaker is None:
        raise unknown_speaker(label, source=source, line=line, expected=EXPECTED_IDS)
    text = raw.get("text")
    if not isinstance(text, str):
        state = "is missing" if text is None else "must be a string"
        raise _shape(f"{prefix}turns[{index}].text {state}", source=source, line=line)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start = raw.get("start")
    draft = Draft(speaker, line, None if start is None else _start(start, source=source, line=line))
    draft.parts.append(text)
    if "annotations" in raw:
        draft.annotations = _annotations(
            raw, prefix=f"{prefix}turns[{index}].", source=source, line=line
        )
    return draft


def _start(value: Any, *, source: str, line: int | None) -> float:
    seconds: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except OverflowError:  # an integer with hundreds of digits
            seconds = math.inf
        if not (math.isfinite(seconds) and seconds >= 0):
            seconds = None
    elif isinstance(value, str):
        seconds = parse_seconds(value)
    if seconds is None:
        raise InputError(MSG_BAD_TIME.format(value=clip(value)), path=source, line=line)
    return seconds


def _optional_str(
    item: dict[str, Any],
    key: str,
    *,
    prefix: str,
    source: str,
    line: int | None,
    number: bool = False,
) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if number and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _shape(f"{prefix}{key} must be a string", source=source, line=line)
    return value.strip() or None


def _annotations(
    item: dict[str, Any], *, prefix: str, source: str, line: int | None
) -> dict[str, Any] | None:
    value = item.get("annotations")
    if value is not None and not isinstance(value, dict):
        raise _shape(f"{prefix}annotations must be an object", source=source, line=line)
    return value
