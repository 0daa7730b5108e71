"""Speaker labels -> the four speakers, and the rule that tells a label from a sentence.

Labels are matched case-insensitively after Unicode NFC, with "_" and "-" read as spaces and
runs of spaces collapsed. The whole label is tried first ("Customer service" is an agent), then
its first word ("Medewerker Sanne", "Agent 2", "Klant (Jansen)").

Synonyms (Dutch and English, as seen in contact-centre exports):
- customer: klant, customer, beller, caller, client, cliënt, consument, consumer, gebruiker, user
- agent: medewerker, agent, klantenservice, klantenservicemedewerker, klantcontactmedewerker,
  adviseur, advisor, adviser, operator, employee, servicedesk, helpdesk, support,
  customer service, customer care, customer support
- bot: bot, chatbot, voicebot, ivr, virtuele assistent, digitale assistent, virtual assistant,
  assistent, assistant (the "assistant" role of chat-model exports)
- third_party: derde, derde partij, third party, tolk, interpreter, mantelzorger, carer, caregiver

A colon prefix that is not a known label is still *taken for* a label (and so refused as an
unknown speaker, rather than silently glued to the previous turn) when it is short and
capitalised: one to three words that start with a capital letter, optionally with Dutch name
particles ("Jan de Vries") and a trailing number ("Spreker 1"). It is read as ordinary text
when it has a lowercase word ("Let op: morgen"), is indented, is followed by a digit
("Om 10:30") or "//" (a URL), or is a common prefix of running text (NB, PS, Let op, ...).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..errors import MSG_UNKNOWN_SPEAKER, InputError
from ..model import SPEAKERS, Speaker
from .limits import clip

_SYNONYMS: dict[Speaker, tuple[str, ...]] = {
    "customer": (
        "klant", "customer", "beller", "caller", "client", "cliënt", "consument", "consumer",
        "gebruiker", "user",
    ),
    "agent": (
        "medewerker", "agent", "klantenservice", "klantenservicemedewerker",
        "klantcontactmedewerker", "adviseur", "advisor", "adviser", "operator", "employee",
        "servicedesk", "helpdesk", "support", "customer service", "customer care",
        "customer support",
    ),
    "bot": (
        "bot", "chatbot", "voicebot", "ivr", "virtuele assistent", "digitale assistent",
        "virtual assistant", "assistent", "assistant",
    ),
    "third_party": (
        "derde", "derde partij", "third party", "tolk", "interpreter", "mantelzorger", "carer",
        "caregiver",
    ),
}  # fmt: skip
_LABELS: dict[str, Speaker] = (
    {word: speaker for speaker, words in _SYNONYMS.items() for word in words}
    | {speaker.replace("_", " "): speaker for speaker in SPEAKERS}
    | {s: s for s in SPEAKERS}
)

EXPECTED_LABELS = "Klant, Medewerker, Bot, Derde, Customer, Agent, Third party"
EXPECTED_IDS = ", ".join(SPEAKERS)

# Capitalised prefixes that start running text rather than a turn.
_NOT_LABELS = frozenset(
    {"nb", "ps", "pps", "let op", "note", "tip", "re", "fw", "fwd", "tel", "onderwerp",
     "subject", "datum", "date", "van", "aan", "from", "to", "cc"}
)  # fmt: skip
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op"})
_SEPARATORS = re.compile(r"[\s_-]+")
_WORD = re.compile(r"\(?[^\W\d_][\w.'’&-]*\)?")
_NUMBER = re.compile(r"#?\d{1,3}")
# At most 40 characters before the colon, so the match never scans a long line.
_PREFIX = re.compile(r"([^:\n]{1,40}):")


def _key(label: str) -> str:
    text = unicodedata.normalize("NFC", label).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def resolve_speaker(label: str) -> Speaker | None:
    """The speaker a label names (whole label first, then its first word), or None."""
    # The common case, a speaker id or a lowercase label, without normalising.
    return _LABELS.get(label) or _lookup(label, names_only=False)


@functools.lru_cache(maxsize=4096)
def _lookup(label: str, *, names_only: bool) -> Speaker | None:
    # Cached: a transcript repeats the same few labels on every line.
    key = _key(label)
    speaker = _LABELS.get(key)
    if speaker is None and " " in key and (not names_only or _name_tail(label.split()[1:])):
        speaker = _LABELS.get(key.split(" ", 1)[0])
    return speaker


def unknown_speaker(
    label: str, *, source: str | None, line: int | None, expected: str = EXPECTED_LABELS
) -> InputError:
    """The error for a label that names none of the speakers."""
    message = MSG_UNKNOWN_SPEAKER.format(label=clip(label.strip()), expected=expected)
    return InputError(message, path=source, line=line)


def _name_tail(words: list[str]) -> bool:
    # What may follow a first word in a label: names, particles, a final number.
    last = len(words) - 1
    return all(
        (_WORD.fullmatch(word) and word.lstrip("(")[:1].isupper())
        or word in _PARTICLES
        or (position == last and _NUMBER.fullmatch(word))
        for position, word in enumerate(words)
    )


def looks_like_label(prefix: str) -> bool:
    """True for a short capitalised word sequence such as 'Sanne' or 'Jan de Vries'."""
    words = prefix.split()
    if not 1 <= len(words) <= 5 or _key(prefix).replace(".", "") in _NOT_LABELS:
        return False
    first = words[0]
    capitalised = sum(1 for word in words if word.lstrip("(")[:1].isupper())
    return (
        _WORD.fullmatch(first) is not None
        and first.lstrip("(")[:1].isupper()
        and _name_tail(words[1:])
        and capitalised <= 3
    )


def split_label(
    line: str, *, source: str | None, line_no: int | None, required: bool = False
) -> tuple[Speaker, str] | None:
    """(speaker, rest) for a line starting with 'Label:', None for ordinary text.

    InputError for a prefix that looks like a label but is unknown, or for any colon prefix
    when ``required`` (a timed line must name its speaker).
    """
    match = _PREFIX.match(line)
    if match is None:
        return None
    prefix, rest = match.group(1), line[match.end() :]
    # "Medewerker Sanne:" names the agent; "Klant is koning:" is a sentence.
    speaker = _lookup(prefix, names_only=True)
    if speaker is not None:
        return speaker, rest
    if required or (
        not prefix[0].isspace()
        and not rest[:1].isdigit()
        and not rest.startswith("//")
        and looks_like_label(prefix)
    ):
        raise unknown_speaker(prefix, source=source, line=line_no)
    return None
