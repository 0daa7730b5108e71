"""Shared fixtures of the engine tests: one Listener, and what it hears in one turn."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from signaal.engine import Conversation, Listener, Turn


@pytest.fixture(scope="session")
def listener() -> Listener:
    """The built-in packs, compiled once for the whole run."""
    return Listener()


@pytest.fixture(scope="session")
def customer_signals(listener: Listener) -> Callable[..., dict[str, str]]:
    """The signal types (with their strength) heard in one customer turn."""

    def heard(text: str, language: str = "nl") -> dict[str, str]:
        turns = (Turn(0, "customer", text),)
        analysis = listener.analyze(Conversation(id="t", turns=turns), language=language)
        return {s.type: s.strength for s in analysis.signals}

    return heard


@pytest.fixture(scope="session")
def agent_behaviours(listener: Listener) -> Callable[..., set[str]]:
    """The behaviour types heard in an agent's answer to a customer's greeting."""

    def heard(text: str, language: str = "nl") -> set[str]:
        greeting = "Goedemiddag." if language == "nl" else "Hello."
        turns = (Turn(0, "customer", greeting), Turn(1, "agent", text))
        analysis = listener.analyze(Conversation(id="t", turns=turns), language=language)
        return {b.type for b in analysis.behaviours}

    return heard
