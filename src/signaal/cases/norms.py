"""Due times under the channel norms, over business hours and Dutch public holidays.

Pure functions on plain data, so the rules are easy to test; ``selectors.norm_calendar``
loads the data from the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# DESIGN.md section 6: the defaults, editable per organisation.
DEFAULT_NORMS: dict[str, tuple[str, int | None]] = {
    "phone": ("seconds", 30),
    "in_person": ("seconds", 60),
    "chat": ("seconds", 60),
    "video": ("seconds", 60),
    "bot": ("seconds", 60),
    "social": ("end_of_day", None),
    "whatsapp": ("end_of_day", None),
    "web_form": ("end_of_day", None),
    "messenger": ("end_of_day", None),
    "email": ("end_of_next_day", None),
}
DEFAULT_HOURS: dict[int, tuple[dt.time, dt.time]] = {
    day: (dt.time(8, 30), dt.time(17, 30)) for day in range(5)
}


@dataclass(frozen=True, slots=True)
class NormCalendar:
    """Norms per channel, opening hours per weekday and the extra closed days."""

    norms: dict[str, tuple[str, int | None]] = field(default_factory=lambda: dict(DEFAULT_NORMS))
    hours: dict[int, tuple[dt.time, dt.time]] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    closed: frozenset[dt.date] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        """Open on this date: has opening hours and is no public holiday or closed day."""
        return (
            day.weekday() in self.hours
            and day not in _dutch_holidays(day.year)
            and day not in self.closed
        )

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after ``day``."""
        for _ in range(370):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within a year: check the business hours")

    def working_day_at_or_after(self, moment: dt.datetime) -> dt.date:
        """The working day whose hours ``moment`` falls in or before."""
        day = moment.date()
        if self.is_working_day(day) and moment.time() < self.hours[day.weekday()][1]:
            return day
        return self.next_working_day(day)

    def opening(self, day: dt.date) -> dt.datetime:
        """When ``day`` opens, in Amsterdam time."""
        return dt.datetime.combine(day, self.hours[day.weekday()][0], tzinfo=AMSTERDAM)

    def closing(self, day: dt.date) -> dt.datetime:
        """When ``day`` closes, in Amsterdam time."""
        return dt.datetime.combine(day, self.hours[day.weekday()][1], tzinfo=AMSTERDAM)


def _dutch_holidays(year: int) -> frozenset[dt.date]:
    # Built once per year and process: building them takes ~0.3 ms (``setdefault`` used to
    # build them on every call, for every day a due time looked at).
    found = _HOLIDAYS.get(year)
    if found is None:
        found = _HOLIDAYS[year] = frozenset(holidays.country_holidays("NL", years=year))
    return found


_HOLIDAYS: dict[int, frozenset[dt.date]] = {}


def due_at(channel: str, received: dt.datetime, calendar: NormCalendar) -> dt.datetime:
    """When a contact received at ``received`` on ``channel`` must have had a response."""
    rule, seconds = calendar.norms.get(channel, ("end_of_next_day", None))
    local = received.astimezone(AMSTERDAM)
    if rule == "seconds":
        day = calendar.working_day_at_or_after(local)
        start = max(local, calendar.opening(day))
        return start + dt.timedelta(seconds=seconds or 0)
    day = calendar.working_day_at_or_after(local)
    if rule == "end_of_next_day":
        day = calendar.next_working_day(day)
    return calendar.closing(day)
