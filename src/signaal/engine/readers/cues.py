"""The text of subtitle cues -> turns: who speaks (voice tag or 'Name:' prefix), and what.

A voice tag ``<v Klant>`` or ``<v Medewerker Sanne>`` names the speaker (whole annotation first,
then its first word); a line may hold several voices. Text before any voice tag may start with
a ``Name:`` label (the .txt rule, speakers.py). Other markup (``</v>``, ``<i>``, ``<b>``,
``<c.x>``, ``<00:00:01.000>``, ``{\\an8}``) is removed, and in WebVTT entities such as ``&amp;``
are decoded. Text without a speaker continues the last speaker; text before any speaker is an
error. Consecutive cues of the same speaker are merged into one turn that keeps the first cue's
start and line: speech-to-text cuts cues for the screen, not at turns.
"""

from __future__ import annotations

import html
import re

from ..errors import MSG_NO_SPEAKER, InputError
from ..model import Speaker
from .speakers import EXPECTED_LABELS, resolve_speaker, split_label, unknown_speaker
from .turns import Draft

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>")
# SubRip files from subtitle editors carry ASS override codes such as {\an8}.
_ASS = re.compile(r"\{\\[^{}]*\}")


class CueText:
    """Collects the text of successive cues into merged speaker turns."""

    def __init__(self, *, source: str, vtt: bool) -> None:
        self.source = source
        self.vtt = vtt
        self.drafts: list[Draft] = []
        self.speaker: Speaker | None = None

    def add_line(self, line: str, *, number: int, start: float | None) -> None:
        """Add one payload line of a cue that starts at ``start`` seconds."""
        pieces = _VOICE.split(line)
        head = self._clean(pieces[0])
        if head and not head.isspace():
            labelled = split_label(head, source=self.source, line_no=number)
            if labelled is not None:
                self.speaker, head = labelled
            self._append(head, number=number, start=start)
        for index in range(1, len(pieces), 2):
            label = pieces[index]
            speaker = resolve_speaker(label)
            if speaker is None:
                raise unknown_speaker(label, source=self.source, line=number)
            self.speaker = speaker
            self._append(self._clean(pieces[index + 1]), number=number, start=start)

    def _clean(self, text: str) -> str:
        if "<" in text:
            text = _TAG.sub("", text)
        if self.vtt:
            return html.unescape(text) if "&" in text else text
        return _ASS.sub("", text) if "{" in text else text

    def _append(self, text: str, *, number: int, start: float | None) -> None:
        if not text or text.isspace():
            return
        if self.speaker is None:
            message = MSG_NO_SPEAKER.format(expected=EXPECTED_LABELS)
            raise InputError(message, path=self.source, line=number)
        if self.drafts and self.drafts[-1].speaker == self.speaker:
            self.drafts[-1].parts.append(text)
        else:
            self.drafts.append(Draft(speaker=self.speaker, line=number, start=start, parts=[text]))
