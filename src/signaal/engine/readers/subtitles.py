"""Subtitles from speech-to-text: WebVTT (.vtt) and SubRip (.srt) -> one conversation.

WebVTT: a ``WEBVTT`` first line, then blocks separated by blank lines; NOTE, STYLE and REGION
blocks are skipped; a cue is an optional id line, a timing line
``00:00:01.000 --> 00:00:04.000`` (hours optional, cue settings ignored) and its text. SubRip:
a cue number, a timing line ``00:00:01,000 --> 00:00:04,000`` and its text (a missing cue
number is tolerated). Speakers and merging: see cues.py. A turn's line is that of the cue text
where it starts; its start is that cue's start time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import MSG_BAD_CUE, MSG_BAD_TIME, MSG_NO_VTT_HEADER, InputError
from ..model import Conversation
from .cues import CueText
from .limits import clip, split_lines
from .times import parse_time
from .turns import finish_turns

_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_VTT_SKIP = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_TIMING = re.compile(r"\s*(\S+?)\s*-->\s*(\S+)")
_CUE_NUMBER = re.compile(r"\s*\d+\s*")
_VTT_EXAMPLE = "00:00:01.000 --> 00:00:04.000"
_SRT_EXAMPLE = "00:00:01,000 --> 00:00:04,000"


def read_vtt(text: str, *, source: str, default_id: str) -> list[Conversation]:
    """One conversation from a WebVTT file."""
    blocks = _blocks(split_lines(text, source=source))
    first, header = next(blocks, (1, [""]))
    if not _VTT_HEADER.fullmatch(header[0].strip()):
        raise InputError(MSG_NO_VTT_HEADER, path=source, line=first)
    cues = CueText(source=source, vtt=True)
    # Text glued to the header without a blank line is metadata ("Kind: captions"), unless
    # it is a cue.
    if any("-->" in line for line in header[1:3]):
        _read_cue(cues, first + 1, header[1:], example=_VTT_EXAMPLE, source=source)
    for number, block in blocks:
        if "-->" not in block[0] and _VTT_SKIP.fullmatch(block[0].strip()):
            continue
        _read_cue(cues, number, block, example=_VTT_EXAMPLE, source=source)
    return [
        Conversation(id=default_id, turns=finish_turns(cues.drafts, source=source), source=source)
    ]


def read_srt(text: str, *, source: str, default_id: str) -> list[Conversation]:
    """One conversation from a SubRip file."""
    cues = CueText(source=source, vtt=False)
    for number, block in _blocks(split_lines(text, source=source)):
        if _CUE_NUMBER.fullmatch(block[0]) and len(block) > 1:
            number, block = number + 1, block[1:]
        _read_cue(cues, number, block, example=_SRT_EXAMPLE, source=source, srt=True)
    return [
        Conversation(id=default_id, turns=finish_turns(cues.drafts, source=source), source=source)
    ]


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    # Runs of non-blank lines with the 1-based number of their first line.
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _read_cue(
    cues: CueText,
    number: int,
    block: list[str],
    *,
    example: str,
    source: str,
    srt: bool = False,
) -> None:
    # The timing is on the first line, or on the second after a cue id (WebVTT only).
    at = 0 if "-->" in block[0] else 1
    if at >= len(block) or "-->" not in block[at] or (srt and at):
        raise InputError(MSG_BAD_CUE.format(example=example), path=source, line=number)
    timing = _TIMING.match(block[at])
    if timing is None:
        raise InputError(MSG_BAD_CUE.format(example=example), path=source, line=number + at)
    start = _time(timing.group(1), source=source, line=number + at)
    _time(timing.group(2), source=source, line=number + at)
    for offset, line in enumerate(block[at + 1 :], at + 1):
        cues.add_line(line, number=number + offset, start=start)


def _time(value: str, *, source: str, line: int) -> float:
    seconds = parse_time(value)
    if seconds is None:
        raise InputError(MSG_BAD_TIME.format(value=clip(value)), path=source, line=line)
    return seconds
