"""The listening engine: conversations in, analysis out. Django-free.

Import from here::

    from signaal.engine import Listener, analyze, check_draft, read_path

``Listener`` compiles the packs once per language; ``analyze`` and ``check_draft`` use one
shared default Listener built on first use.
"""

from __future__ import annotations

import functools

from .errors import EngineError, InputError, PackError
from .listener import DEFAULT_OPENING_SECONDS, Listener
from .model import (
    BEHAVIOUR_TYPES,
    SIGNAL_TYPES,
    Analysis,
    Behaviour,
    Conversation,
    LexiconHit,
    Signal,
    Turn,
)
from .readers import read_path, read_text

__all__ = [
    "BEHAVIOUR_TYPES",
    "DEFAULT_OPENING_SECONDS",
    "SIGNAL_TYPES",
    "Analysis",
    "Behaviour",
    "Conversation",
    "EngineError",
    "InputError",
    "LexiconHit",
    "Listener",
    "PackError",
    "Signal",
    "Turn",
    "analyze",
    "check_draft",
    "default_listener",
    "read_path",
    "read_text",
]


@functools.cache
def default_listener() -> Listener:
    """The shared Listener with the built-in packs (and SIGNAAL_PACK_DIR, if set)."""
    return Listener()


def analyze(
    conversation: Conversation, *, language: str | None = None, redact: bool = False
) -> Analysis:
    """Analyse one conversation with the default Listener."""
    return default_listener().analyze(conversation, language=language, redact=redact)


def check_draft(text: str, *, language: str = "nl") -> tuple[LexiconHit, ...]:
    """Lexicon advice for a draft reply, with the default Listener."""
    return default_listener().check_draft(text, language=language)
