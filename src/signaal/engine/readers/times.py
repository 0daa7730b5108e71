"""Times in transcripts: '[mm:ss]', 'hh:mm:ss', 'mm:ss.f', '00:00:01,000' -> seconds."""

from __future__ import annotations

import re

# Hours and minutes up to three digits: a long call in "mm:ss" may pass 59 minutes.
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?")
_SECONDS = re.compile(r"\d{1,9}(?:\.\d{1,6})?")


def parse_time(value: str) -> float | None:
    """Seconds from a clock time ('mm:ss', 'hh:mm:ss', optional '.fff' or ',fff'), or None."""
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    total = float(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    # Rounded so that "00:01.1" is 1.1 and not 1.1000000000000001.
    return round(total, 3)


def parse_seconds(value: str) -> float | None:
    """Seconds from a clock time or a plain decimal number of seconds ('12.5'), or None."""
    text = value.strip()
    if _SECONDS.fullmatch(text):
        return float(text)
    return parse_time(text)
