"""Which language a conversation is in: Dutch or English, by their most frequent little words."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Frequent function words that occur in one language and not the other; common loanwords and
# shared spellings ("in", "is", "over", "dan") are left out on purpose.
_NL = frozenset(
    """
    de het een en ik je jij u uw wij we ze zij hij niet geen wel dat die deze dit wat wie
    waar hoe waarom wanneer van voor met naar bij uit op aan ook nog maar al heel erg echt
    mijn mij me ons onze jullie hun haar zijn ben bent heb hebt heeft hebben had was waren
    wordt worden kan kunt kunnen wil wilt moet moeten zou zouden graag dank bedankt alstublieft
    goedemorgen goedemiddag hallo hoi ja nee daar hier omdat want dus als toen nu even om er
    """.split()
)
_EN = frozenset(
    """
    the a an and i you your we they he she it not no that this these those what who where
    how why when of for with to from at on also still but already very really my me our us
    their her his am are have has had was were will would can could should shall do does did
    please thanks thank hello hi yes yeah because so if then now just there here been being
    don't can't i'm it's isn't won't
    """.split()
)
# Words written the same in both ("we", "me", "was", "had") say nothing about the language.
_SHARED = _NL & _EN
_NL = _NL - _SHARED
_EN = _EN - _SHARED
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(texts: Iterable[str], *, default: str = "nl", limit: int = 4000) -> str:
    """'nl' or 'en' for a set of texts, by counting words that belong to one language only."""
    nl = en = 0
    seen = 0
    for text in texts:
        chunk = text[: limit - seen]
        seen += len(chunk)
        for word in _WORD.findall(chunk.lower()):
            if word in _NL:
                nl += 1
            elif word in _EN:
                en += 1
        if seen >= limit:
            break
    if nl == en:
        return default
    return "nl" if nl > en else "en"
