"""Personal data in turn text: find BSNs, IBANs, phone numbers, e-mail addresses, postcodes,
dates of birth and card numbers, as (type, start, end) character spans.

Every candidate is validated (11-proef, IBAN mod 97, Luhn, libphonenumber metadata, a real
calendar date) and must stand on its own: a value never starts or ends inside a longer run of
letters or digits. The same boundary rule is used on both sides of a value, so removing one
value can never make a neighbouring, previously glued, value detectable; ``redact`` relies on
that. Redaction itself lives in ``signaal.engine.redact``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

import phonenumbers
from stdnum import iban, luhn
from stdnum.nl import bsn

from signaal.engine.model import Analysis, Conversation, PiiHit, Turn

if TYPE_CHECKING:
    from signaal.engine.redact import OffsetMap

PiiSpan = tuple[str, int, int]

# Stable ids: they appear in the JSON output, the database and the placeholders.
PII_TYPES: tuple[str, ...] = (
    "bsn",
    "iban",
    "phone",
    "email",
    "postcode",
    "date_of_birth",
    "card_number",
)

# When two validated candidates overlap the longer span wins; on equal length the type that
# comes first here wins (a card number beats a phone number, an IBAN beats a BSN).
_PRECEDENCE: dict[str, int] = {
    t: i
    for i, t in enumerate(
        ("card_number", "iban", "bsn", "phone", "email", "date_of_birth", "postcode")
    )
}

# Value boundaries. A value may not start after a letter/digit, '+', '-' or '/', nor end
# before one of those or '(' (which can open a phone number). Between two digits a '.' glues
# ("1.250", "12.03"), and so does a ',' before one or two digits ("1.250,00", "3,5"), but not
# a ',' between two long numbers ("0612345678,0687654321"). The rule is symmetric: wherever
# one value may end, the next may start, so redacting a value never unblocks its neighbour.
_START = r"(?<![\w+\-/])(?!(?<=[0-9]\.)[0-9])(?!(?<=[0-9],)[0-9]{1,2}(?![0-9]))"
_END = r"(?![\w+\-/(])(?!(?<=[0-9])\.[0-9])(?!(?<=[0-9]),[0-9]{1,2}(?![0-9]))"
# The same for values that start with a digit: the leading lookahead lets the regex engine skip
# quickly to the next digit.
_DIGIT_START = "(?=[0-9])" + _START
_START_RE = re.compile(_START)
_END_RE = re.compile(_END)

_ANY_DIGIT = re.compile(r"[0-9]")

_BSN = re.compile(
    _DIGIT_START
    + r"(?:[0-9]{8,9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}([ .\-])[0-9]{3}\1[0-9]{3})"
    + _END
)

# Greedy on purpose (single spaces may separate any characters); the valid IBAN is then
# found among the prefixes of the match, longest first.
_IBAN = re.compile(_START + r"[A-Za-z]{2} ?[0-9]{2}(?: ?[A-Za-z0-9]){11,32}")
_IBAN_END = re.compile(r"[A-Za-z0-9](?![A-Za-z0-9])")

_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}" + _END)

# A run of digit groups as people write phone numbers: "+31 (0)6 12 34 56 78",
# "(020) 123 45 67", "06-12345678", "06.12.34.56.78", "010 - 123 45 67".
_PHONE_RUN = re.compile(r"(?=[0-9+(])(?:\+|\(\+?)?[0-9]+(?:(?: ?[\-./] ?| ?\) ?| ?\(| )[0-9]+)*")
_DIGIT_GROUP = re.compile(r"[0-9]+")
# "01-02-2020 14:30" must not become Rotterdam 010-2202014.
_DATE_SHAPE = re.compile(r"(?<![0-9])[0-3]?[0-9]([\-/.])[01]?[0-9]\1(?:19|20)[0-9]{2}(?![0-9])")

_CARD_RUN = re.compile(r"[0-9]+(?:[ \-][0-9]+)*")

# Letters F, I, O, Q, U and Y are not used in Dutch postcodes; SA, SD and SS are never issued.
_PC_LETTER = "[A-EGHJ-NPR-TV-XZa-eghj-npr-tv-xz]"
_POSTCODE = re.compile(
    _DIGIT_START
    + r"(?:(?P<before>[0-9]{1,5}[A-Za-z]?),? +)?"
    + rf"(?P<pc>[1-9][0-9]{{3}}(?P<space> ?)(?P<letters>{_PC_LETTER}{_PC_LETTER}))"
    # The house number after it: "1234 AB 56", "1234AB huisnummer 7", "1234 AB, nr. 7a".
    + r"(?:(?:,? *(?i:(?:en |and )?(?:huisnummer|huisnr\.?|nummer|nr\.?|number|no\.?)) *| *)"
    + r"(?P<after>[0-9]{1,5}(?:-?[A-Za-z])?))?"
    + _END
)
_PC_KEYWORD = re.compile(r"(?i)post(?:code|cd)\s*:?\s*(?:is\s+)?$")
# Units and abbreviations that follow a four-digit number and look like postcode letters.
# fmt: off
_PC_STOP = frozenset({
    "kb", "mb", "gb", "tb", "pb", "kw", "mw", "gw", "kv", "mv", "km", "cm", "mm", "dm", "ha",
    "kg", "mg", "gr", "ml", "cl", "dl", "lb", "pk", "am", "pm", "bc", "ad", "nr", "st", "ct", "hz",
})
# fmt: on

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari jan january",
        "februari feb february",
        "maart mrt mar march",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "augustus aug august",
        "september sep sept",
        "oktober okt october oct",
        "november nov",
        "december dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:1[89]|20)[0-9]{2}"
_SP = r"[ \t\u00a0]+"
_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(
        _DIGIT_START + rf"(?P<d>[0-3]?[0-9])(?P<sep>[\-/.])(?P<m>[01]?[0-9])(?P=sep)"
        rf"(?P<y>{_YEAR}|[0-9]{{2}})" + _END
    ),
    re.compile(_DIGIT_START + rf"(?P<y>{_YEAR})-(?P<m>[01]?[0-9])-(?P<d>[0-3]?[0-9])" + _END),
    re.compile(
        _DIGIT_START + rf"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th|ste|de|e)?{_SP}(?:(?:of|van){_SP})?"
        rf"(?P<m>{_MONTH})\.?,?{_SP}(?P<y>{_YEAR})" + _END,
        re.IGNORECASE,
    ),
    re.compile(
        _START + rf"(?P<m>{_MONTH})\.?{_SP}(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?,?{_SP}"
        rf"(?P<y>{_YEAR})" + _END,
        re.IGNORECASE,
    ),
)
_DOB_KEYWORD = re.compile(
    r"(?<!\w)(?:(?:geboren|geboortedatum|geboortedag|born|date of birth|birth[ \-]?date"
    r"|birthday|verjaardag|dob)(?!\w)|geb(?:\.|(?!\w))|d\.o\.b\.?)",
    re.IGNORECASE,
)
# Substrings of every keyword: a quick test before the keyword pattern runs.
_DOB_HINTS = ("geb", "born", "birth", "dob", "d.o.b", "verjaardag")
# What may stand between the keyword and the date: a few words, no digits (so no other date or
# number), no '@' or '[' (so no value or placeholder) and no sentence end.
_DOB_GAP = re.compile(r"[^0-9@\[\]\n.!?;]{0,40}")
_DOB_WORDS_AFTER = 5
_DOB_WORDS_BEFORE = 3


def find_pii(text: str, *, language: str = "nl") -> list[PiiSpan]:
    """Find personal data in ``text``: sorted, non-overlapping (type, start, end) spans."""
    # Every type needs a digit except e-mail, which needs '@': most turns stop here.
    has_at = "@" in text
    if not has_at and _ANY_DIGIT.search(text) is None:
        return []
    found: list[PiiSpan] = []
    if has_at:
        found.extend(("email", m.start(), m.end()) for m in _EMAIL.finditer(text))
    # Cheap tests on the digit runs skip the detectors that cannot match: most turns with
    # digits hold a time, an amount or an order number.
    lengths = [len(run) for run in _DIGIT_GROUP.findall(text)]
    digits = sum(lengths)
    if digits >= 2:
        _find_iban(text, found)
    if digits >= 8:
        _find_bsn(text, found)
        if "0" in text or "+" in text:
            _find_phone(text, found, _regions(language))
    if digits >= 13:
        _find_card(text, found)
    if 4 in lengths:
        _find_postcode(text, found)
    if digits >= 4:
        _find_date_of_birth(text, found)
    return _resolve(found)


def detect_pii(turns: Sequence[Turn], *, language: str = "nl") -> tuple[PiiHit, ...]:
    """Find personal data in every turn, as PiiHits carrying the value."""
    return tuple(
        PiiHit(type=kind, turn=turn.index, span=(start, end), text=turn.text[start:end])
        for turn in turns
        for kind, start, end in find_pii(turn.text, language=language)
    )


# Redaction lives in signaal.engine.redact, which imports this module; these wrappers import it
# on first call so that either module can be imported first.


def redact_text(
    text: str, spans: Sequence[PiiSpan], *, language: str = "nl"
) -> tuple[str, OffsetMap]:
    """Replace each span by its placeholder; see ``signaal.engine.redact.redact_text``."""
    from signaal.engine import redact

    return redact.redact_text(text, spans, language=language)


def redact_conversation(conversation: Conversation) -> Conversation:
    """Redact every turn; see ``signaal.engine.redact.redact_conversation``."""
    from signaal.engine import redact

    return redact.redact_conversation(conversation)


def redact_analysis(analysis: Analysis) -> Analysis:
    """Redact an analysis; see ``signaal.engine.redact.redact_analysis``."""
    from signaal.engine import redact

    return redact.redact_analysis(analysis)


def _resolve(found: list[PiiSpan]) -> list[PiiSpan]:
    """Keep the longest candidates (then by type precedence) that do not overlap."""
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (c[1] - c[2], _PRECEDENCE[c[0]], c[1]))
    # Kept spans never overlap, so sorted by start their ends are sorted too: one bisection
    # finds the only kept span that could overlap a candidate.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[PiiSpan] = []
    for candidate in found:
        _, start, end = candidate
        k = bisect_left(starts, end)
        if k and ends[k - 1] > start:
            continue
        starts.insert(k, start)
        ends.insert(k, end)
        kept.insert(k, candidate)
    return kept


def _containment(found: list[PiiSpan]) -> Callable[[int, int], bool]:
    """A test of whether a span lies inside one of the values found so far."""
    spans = sorted((start, end) for _, start, end in found)
    starts = [start for start, _ in spans]
    # The furthest end among the spans starting at or before each one.
    reach = list(accumulate((end for _, end in spans), max))

    def inside(start: int, end: int) -> bool:
        k = bisect_right(starts, start)
        return k > 0 and reach[k - 1] >= end

    return inside


def _bounded(text: str, start: int, end: int) -> bool:
    return _START_RE.match(text, start) is not None and _END_RE.match(text, end) is not None


def _find_bsn(text: str, found: list[PiiSpan]) -> None:
    for m in _BSN.finditer(text):
        if bsn.is_valid(m.group()):
            found.append(("bsn", m.start(), m.end()))


def _find_iban(text: str, found: list[PiiSpan]) -> None:
    pos = 0
    while (m := _IBAN.search(text, pos)) is not None:
        # The match may run on into the next words; the IBAN is its longest valid prefix.
        ends = [e.end() for e in _IBAN_END.finditer(text, m.start(), m.end())]
        pos = m.start() + 1
        for end in reversed(ends):
            value = text[m.start() : end]
            compact = value.replace(" ", "").upper()
            if len(compact) < 15 or _END_RE.match(text, end) is None:
                continue
            if _valid_iban(compact):
                found.append(("iban", m.start(), end))
                pos = end
                break


@lru_cache(maxsize=4096)
def _valid_iban(compact: str) -> bool:
    # The cheap mod-97 test first; stdnum then checks the country's BBAN layout. The country
    # modules are skipped: they also check bank registries, which go stale, and a missed IBAN
    # leaks.
    return _mod97(compact) and iban.is_valid(compact, check_country=False)


def _mod97(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    if not rearranged.isascii() or not rearranged.isalnum():
        return False
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _regions(language: str) -> tuple[str, ...]:
    # Numbers written without a country code: Dutch first, then Flemish; English-speaking
    # customers may also give a British number.
    return ("NL", "BE", "GB") if language == "en" else ("NL", "BE")


def _find_phone(text: str, found: list[PiiSpan], regions: tuple[str, ...]) -> None:
    # Digits inside an IBAN or e-mail address found before cannot win the overlap: skip them.
    inside = _containment(found)
    for run in _PHONE_RUN.finditer(text):
        if run.end() - run.start() < 8:
            continue
        groups = list(_DIGIT_GROUP.finditer(text, run.start(), run.end()))
        for i, first in enumerate(groups):
            start = run.start() if i == 0 else first.start()
            if i and text[start - 1] == "(":
                start -= 1
            lead = text[start + 1] if text[start] == "(" else text[start]
            if lead not in "+0":
                continue
            # Longest first: a shorter number from the same start would lose the overlap.
            for j, digits in reversed(_group_ends(groups, i, 17)):
                end = groups[j].end()
                # An opening bracket belongs to the number only if it closes inside it.
                begin = start + 1 if text[start] == "(" and ")" not in text[start:end] else start
                if digits < 8 or not _bounded(text, begin, end):
                    continue
                value = text[begin:end]
                if inside(begin, end):
                    break
                if _DATE_SHAPE.search(value) is None and _valid_phone(value, regions):
                    found.append(("phone", begin, end))
                    break


def _group_ends(groups: list[re.Match[str]], first: int, limit: int) -> list[tuple[int, int]]:
    """(last group, digit count) for each run of groups from ``first`` within ``limit`` digits."""
    # Bounded by the limit, so a long run of digit groups stays linear, not quadratic.
    ends: list[tuple[int, int]] = []
    digits = 0
    for j in range(first, len(groups)):
        digits += groups[j].end() - groups[j].start()
        if digits > limit:
            break
        ends.append((j, digits))
    return ends


@lru_cache(maxsize=4096)
def _valid_phone(value: str, regions: tuple[str, ...]) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    if "+" in value or digits.startswith("00"):
        try:
            number = phonenumbers.parse("+" + digits[2:] if digits.startswith("00") else value)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_valid_number(number)
    # A national number: drop the trunk prefix '0' and try each region's country code.
    national = int(digits[1:])
    for region in regions:
        code = phonenumbers.country_code_for_region(region)
        candidate = phonenumbers.PhoneNumber(country_code=code, national_number=national)
        if phonenumbers.is_valid_number(candidate):
            return True
    return False


def _find_card(text: str, found: list[PiiSpan]) -> None:
    for run in _CARD_RUN.finditer(text):
        if run.end() - run.start() < 13:
            continue
        groups = list(_DIGIT_GROUP.finditer(text, run.start(), run.end()))
        total = sum(len(g.group()) for g in groups)
        if total < 13:
            continue
        for i, first in enumerate(groups):
            if _START_RE.match(text, first.start()) is None:
                continue
            for j, count in reversed(_group_ends(groups, i, 19)):
                end = groups[j].end()
                if count < 13 or _END_RE.match(text, end) is None:
                    continue
                digits = "".join(g.group() for g in groups[i : j + 1])
                if _card_prefix_ok(digits) and luhn.is_valid(digits):
                    found.append(("card_number", first.start(), end))
                    break


def _card_prefix_ok(digits: str) -> bool:
    # Issuer prefixes and lengths (ISO/IEC 7812 ranges as published by the schemes); an order
    # number that happens to pass Luhn rarely also starts like a card.
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":  # Visa, V Pay
        return n in (13, 16, 19)
    if two in (34, 37):  # American Express
        return n == 15
    if 51 <= two <= 55 or 2221 <= four <= 2720:  # Mastercard
        return n == 16
    if two in (30, 36, 38, 39):  # Diners Club
        return 14 <= n <= 19
    if two == 35:  # JCB
        return 3528 <= four <= 3589 and n >= 16
    # Maestro (50, 56-69), Discover (6011, 64, 65), UnionPay (62)
    return two == 50 or 56 <= two <= 69


def _find_postcode(text: str, found: list[PiiSpan]) -> None:
    for m in _POSTCODE.finditer(text):
        letters = m.group("letters")
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        # "1234 ab" with a space and small letters is too often "1000 en ..." to trust
        # without the word "postcode" just before it.
        if not letters.isupper() and m.group("space"):
            window = text[max(0, m.start() - 20) : m.start()]
            if _PC_KEYWORD.search(window) is None:
                continue
        bare = m.group("before") is None and m.group("after") is None
        if bare and letters.lower() in _PC_STOP:
            continue
        found.append(("postcode", m.start(), m.end()))


def _find_date_of_birth(text: str, found: list[PiiSpan]) -> None:
    lower = text.lower()
    if not any(word in lower for word in _DOB_HINTS):
        return
    keywords = [(k.start(), k.end()) for k in _DOB_KEYWORD.finditer(text)]
    if not keywords:
        return
    for pattern in _DATES:
        for m in pattern.finditer(text):
            if _real_date(m) and _near_keyword(text, m.start(), m.end(), keywords):
                found.append(("date_of_birth", m.start(), m.end()))


def _real_date(m: re.Match[str]) -> bool:
    raw_month = m.group("m")
    month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month.lower()]
    day, year = int(m.group("d")), int(m.group("y"))
    if year < 100:
        year += 2000  # any leap year will do to validate the day
    elif not 1900 <= year <= date.today().year:
        return False
    # Numeric dates may be written month first in English ("03/12/1975").
    for d, mo in ((day, month), (month, day)) if raw_month.isdigit() else ((day, month),):
        try:
            date(year, mo, d)
        except ValueError:
            continue
        return True
    return False


def _near_keyword(text: str, start: int, end: int, keywords: list[tuple[int, int]]) -> bool:
    for k_start, k_end in keywords:
        if k_end <= start:
            gap, limit = text[k_end:start], _DOB_WORDS_AFTER
        elif end <= k_start:
            gap, limit = text[end:k_start], _DOB_WORDS_BEFORE
        else:
            continue
        if _DOB_GAP.fullmatch(gap) is not None and len(gap.split()) <= limit:
            return True
    return False
