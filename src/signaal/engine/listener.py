"""The Listener: packs compiled once per language, conversations analysed turn by turn."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.lang.en.stop_words import STOP_WORDS as STOP_WORDS_EN
from spacy.lang.nl.stop_words import STOP_WORDS as STOP_WORDS_NL
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from .conversation import (
    CUSTOMER_SIDE,
    AgentTurnEvidence,
    build_opening,
    find_identification_first,
    find_late_discoveries,
    find_pickups,
)
from .errors import PackError
from .language import detect_language
from .matching import VETO, Match, Rule, RuleMatcher
from .model import Analysis, Behaviour, Conversation, LexiconHit, Signal, Turn
from .nlp import LANGUAGES, build_pipeline
from .packs import LexiconDef, Pack, load_pack, pack_dirs
from .patterns import compile_pattern, compile_set
from .pii import detect_pii, redact_analysis
from .summary import summarize_parts

logger = logging.getLogger(__name__)

DEFAULT_OPENING_SECONDS = 30.0
_STRENGTH_RANK = {"explicit": 0, "hint": 1}
_ACK_GROUPS = frozenset({"empathy", "summary", "open_question", "apology"})


# The shortest word of a customer's turn that counts as its subject for `echo: turn`.
TURN_ECHO_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class LanguageEngine:
    """Everything compiled for one language."""

    language: str
    nlp: Language
    customer: RuleMatcher
    agent: RuleMatcher
    lexicon: dict[str, LexiconDef]
    stop_lemmas: frozenset[str]
    no_echo: frozenset[str]
    turn_echo: frozenset[str]
    pack: Pack

    def tokenize(self, text: str) -> Doc:
        """The tokens of one text (the tokenizer alone: lemmas are lexeme norms)."""
        return self.nlp.tokenizer(text)


def build_language_engine(pack: Pack) -> LanguageEngine:
    """Compile a merged pack into matchers; raises PackError on a bad entry."""
    nlp = build_pipeline(pack.language, lemma_overrides=pack.lemmas)
    vocab: Any = nlp.vocab
    lemmatize: Callable[[str], str] = vocab.lex_attr_getters[NORM]
    sets = {}
    for name, words in pack.sets.items():
        try:
            sets[name] = compile_set(list(words), lemmatize=lemmatize)
        except PackError as exc:
            raise PackError(exc.message, path=exc.path, entry=f"sets.{name}") from None
    customer_rules: list[Rule] = []
    agent_rules: list[Rule] = []
    for entry in pack.patterns:
        rules = customer_rules if entry.group == "signal" else agent_rules
        for k, text in enumerate(entry.match):
            specs = compile_pattern(text, lemmatize=lemmatize, sets=sets, where=entry.id)
            rule = Rule(
                id=entry.id if len(entry.match) == 1 else f"{entry.id}#{k + 1}",
                group=entry.group,
                type=entry.type,
                specs=specs,
                strength=entry.strength,
                negatable=entry.negatable,
                source=text,
                unless=entry.id if entry.unless else "",
            )
            rules.append(rule)
        for k, text in enumerate(entry.unless):
            specs = compile_pattern(text, lemmatize=lemmatize, sets=sets, where=entry.id)
            rules.append(
                Rule(
                    id=f"{entry.id}!unless{k + 1}",
                    group=VETO,
                    type=entry.type,
                    specs=specs,
                    strength=None,
                    negatable=True,
                    source=text,
                    entry=entry.id,
                )
            )
    for lex in pack.lexicon:
        for k, text in enumerate(lex.match):
            specs = compile_pattern(text, lemmatize=lemmatize, sets=sets, where=lex.id)
            agent_rules.append(
                Rule(
                    id=lex.id if len(lex.match) == 1 else f"{lex.id}#{k + 1}",
                    group="lexicon",
                    type=lex.kind,
                    specs=specs,
                    strength=None,
                    negatable=lex.negatable,
                    source=text,
                    entry=lex.id,
                )
            )
    stop = STOP_WORDS_NL if pack.language == "nl" else STOP_WORDS_EN
    stop_lemmas = frozenset(lemmatize(w) for w in stop) | frozenset(stop)
    stop_lemmas |= sets.get("no_echo", frozenset())
    tokenizer: Callable[[str], Doc] = nlp.tokenizer
    # The customer's and the agent's rules, matched the same way.
    matcher = functools.partial(
        RuleMatcher,
        negation=pack.negation,
        common=stop_lemmas,
        token_norms=_token_norms(nlp, lemmatize),
        tokenizer=tokenizer,
        glue=_glue(nlp),
    )
    return LanguageEngine(
        language=pack.language,
        nlp=nlp,
        customer=matcher(customer_rules),
        agent=matcher(agent_rules),
        lexicon={lex.id: lex for lex in pack.lexicon},
        stop_lemmas=stop_lemmas,
        no_echo=pack.no_echo,
        turn_echo=pack.turn_echo,
        pack=pack,
    )


def _token_norms(nlp: Language, lemmatize: Callable[[str], str]) -> frozenset[str]:
    """Words whose lemma a tokenizer exception sets per token ("'m" in "I'm" is "be")."""
    tokenizer: Any = nlp.tokenizer
    out: set[str] = set()
    for tokens in tokenizer.rules.values():
        for attrs in tokens:
            orth = attrs.get(ORTH)
            norm = attrs.get(NORM)
            if isinstance(orth, str) and norm is not None and norm != lemmatize(orth):
                out.add(orth)
    return frozenset(out)


def _glue(nlp: Language) -> frozenset[str]:
    """Tokens of the special cases that spaCy could match across a space.

    spaCy applies a special case of several tokens ("a.m." read as "a.m" and ".") wherever its
    tokens follow each other, also across a space; a match across a space changes nothing, but
    may hide one inside a chunk. Turns where two such tokens meet at a space are therefore
    tokenized whole (see ``RuleMatcher.match_text``).
    """
    tokenizer: Any = nlp.tokenizer
    plain = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    out: set[str] = set()
    for key in tokenizer.rules:
        tokens = [t.text for t in plain(key)]
        if len(tokens) > 1:
            out.update(tokens)
    return frozenset(out)


class Listener:
    """Hears signals and behaviours in conversations; build once, use for many."""

    def __init__(
        self,
        *,
        pack_dirs: Sequence[str | os.PathLike[str]] | None = None,
        opening_seconds: float = DEFAULT_OPENING_SECONDS,
    ) -> None:
        self._dirs = _pack_dirs(pack_dirs)
        self.opening_seconds = opening_seconds
        self._engines: dict[str, LanguageEngine] = {}
        self._lock = threading.Lock()

    def engine(self, language: str) -> LanguageEngine:
        """The compiled engine of one language, built on first use."""
        found = self._engines.get(language)
        if found is not None:
            return found
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r} (expected nl or en)")
        with self._lock:
            found = self._engines.get(language)
            if found is None:
                found = build_language_engine(load_pack(language, self._dirs))
                self._engines[language] = found
        return found

    def preload(self) -> None:
        """Compile every language now (before forking workers, or to fail early)."""
        for language in LANGUAGES:
            self.engine(language)

    def detect_language(self, conversation: Conversation) -> str:
        """The conversation's language: as given by its file, or detected from its words."""
        if conversation.language in LANGUAGES:
            return conversation.language
        return detect_language(t.text for t in conversation.turns)

    def analyze(
        self,
        conversation: Conversation,
        *,
        language: str | None = None,
        opening_seconds: float | None = None,
        redact: bool = False,
    ) -> Analysis:
        """Analyse one conversation: signals, behaviours, opening, pick-up, lexicon, PII."""
        lang = language if language in LANGUAGES else self.detect_language(conversation)
        eng = self.engine(lang)
        seconds = self.opening_seconds if opening_seconds is None else opening_seconds
        signals: list[Signal] = []
        evidence_lemmas: list[frozenset[str]] = []
        behaviours: list[Behaviour] = []
        lexicon: list[LexiconHit] = []
        agent: dict[int, AgentTurnEvidence] = {}
        for turn in conversation.turns:
            if turn.speaker in CUSTOMER_SIDE:
                for signal, lemmas in _customer_turn(eng, turn):
                    signals.append(signal)
                    evidence_lemmas.append(lemmas)
            elif turn.speaker == "agent":
                # The agent's words are only needed to recognise an echo of earlier evidence.
                found, hits, evidence = _agent_turn(eng, turn, with_lemmas=bool(signals))
                behaviours.extend(found)
                lexicon.extend(hits)
                agent[turn.index] = evidence
        opening = build_opening(conversation, signals, seconds=seconds)
        echo_lemmas = [
            frozenset() if s.type in eng.no_echo else lemmas
            for s, lemmas in zip(signals, evidence_lemmas, strict=True)
        ]
        pickup = find_pickups(
            conversation.turns,
            signals,
            agent,
            echo_lemmas,
            raised_again_missed=eng.pack.raised_again_missed,
        )
        identification = find_identification_first(
            conversation.turns, agent, signal_turns={s.turn for s in signals}
        )
        if identification is not None:
            behaviours.append(identification)
            behaviours.sort(key=lambda b: (b.turn, b.span[0]))
        analysis = Analysis(
            conversation_id=conversation.id,
            language=lang,
            channel=conversation.channel,
            turns=conversation.turns,
            signals=tuple(signals),
            behaviours=tuple(behaviours),
            opening=opening,
            pickup=pickup,
            late_discoveries=find_late_discoveries(signals, opening),
            lexicon=tuple(lexicon),
            pii=detect_pii(conversation.turns, language=lang),
            summary=summarize_parts(lang, conversation.turns, signals, behaviours),
        )
        return redact_analysis(analysis) if redact else analysis

    def check_draft(self, text: str, *, language: str = "nl") -> tuple[LexiconHit, ...]:
        """Lexicon advice for a draft reply (called on every keystroke: keep it cheap)."""
        if not text.strip():
            return ()
        lang = language if language in LANGUAGES else detect_language([text])
        eng = self.engine(lang)
        matches, _ = eng.agent.match_text(text)
        return tuple(_lexicon_hits(eng, matches, None, text))


def _pack_dirs(extra: Sequence[str | os.PathLike[str]] | None) -> tuple[Path, ...]:
    return tuple(pack_dirs(extra))


def _best_per_type(matches: Sequence[Match]) -> dict[str, Match]:
    """One match per type: explicit before hint, then the earliest, then the longest."""
    best: dict[str, Match] = {}
    for m in matches:
        current = best.get(m.rule.type)
        if current is None or _rank(m) < _rank(current):
            best[m.rule.type] = m
    return best


def _rank(m: Match) -> tuple[int, int, int]:
    return (_STRENGTH_RANK.get(m.rule.strength or "", 2), m.char_start, -m.char_end)


_TRAILING = ".,;:"


def _evidence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The evidence without the full stop or comma a pattern matched as a clause boundary.

    "?" and "!" stay: in "hallo??" they are the evidence.
    """
    while end - start > 1 and text[end - 1] in _TRAILING:
        end -= 1
    while end - start > 1 and text[end - 1].isspace():
        end -= 1
    return start, end


def _customer_turn(eng: LanguageEngine, turn: Turn) -> list[tuple[Signal, frozenset[str]]]:
    found, words = eng.customer.match_text(turn.text)
    matches = [m for m in found if not m.negated]
    if not matches:
        return []
    out: list[tuple[Signal, frozenset[str]]] = []
    best = _best_per_type(matches)
    for m in sorted(best.values(), key=lambda m: (m.char_start, m.rule.type)):
        # Token positions as the matcher counts them, read in the doc (as before whitespace
        # tokens were skipped): the lemmas of the evidence.
        lemmas = frozenset(
            w.norm for w in words[m.start : m.end] if w.alpha and w.norm not in eng.stop_lemmas
        )
        if m.rule.type in eng.turn_echo:
            # What the worry is about may stand anywhere in the turn: "Mijn insuline dan? Ik
            # maak me zorgen dat die bederft." An answer about the insulin responds to it.
            lemmas |= frozenset(
                w.norm
                for w in words
                if w.alpha and len(w.norm) >= TURN_ECHO_MIN_LENGTH and w.norm not in eng.stop_lemmas
            )
        start, end = _evidence_span(turn.text, m.char_start, m.char_end)
        signal = Signal(
            type=m.rule.type,
            strength="hint" if m.rule.strength == "hint" else "explicit",
            turn=turn.index,
            span=(start, end),
            text=turn.text[start:end],
            speaker=turn.speaker,
            start=turn.start,
            pattern=m.rule.id,
        )
        out.append((signal, lemmas))
    return out


def _agent_turn(
    eng: LanguageEngine, turn: Turn, *, with_lemmas: bool
) -> tuple[list[Behaviour], list[LexiconHit], AgentTurnEvidence]:
    matches, words = eng.agent.match_text(turn.text)
    behaviour_matches: list[Match] = []
    pickup: dict[str, str] = {}
    ack_at: int | None = None
    request: Match | None = None
    # A stock phrase ("dat is vervelend") responds to nothing, even where a pick-up pattern
    # would otherwise read it as a response.
    stock = [
        (m.char_start, m.char_end)
        for m in matches
        if m.rule.type == "generic_empathy" and m.rule.group == "behaviour" and not m.negated
    ]
    for m in matches:
        group = m.rule.group
        if group == "lexicon" or m.negated:
            continue
        if group == "behaviour":
            behaviour_matches.append(m)
        elif group == "pickup":
            if not any(m.char_start < e and m.char_end > b for b, e in stock):
                pickup.setdefault(m.rule.type, m.rule.id)
        elif m.rule.type == "identity_request" and request is None:
            request = m
    for m in matches:
        acknowledges = (
            (m.rule.group == "behaviour" and m.rule.type in _ACK_GROUPS)
            or (
                m.rule.group == "pickup"
                and not any(m.char_start < e and m.char_end > b for b, e in stock)
            )
            or (m.rule.group == "marker" and m.rule.type == "acknowledgement")
        )
        # An identity question is no acknowledgement, even when it is phrased as an open one.
        overlaps = (
            request is not None
            and m.char_start < request.char_end
            and (m.char_end > request.char_start)
        )
        if acknowledges and not m.negated and not overlaps:
            ack_at = m.char_start if ack_at is None else min(ack_at, m.char_start)
            break
    behaviours = []
    for m in sorted(_best_per_type(behaviour_matches).values(), key=lambda m: m.char_start):
        start, end = _evidence_span(turn.text, m.char_start, m.char_end)
        behaviours.append(
            Behaviour(
                type=m.rule.type,
                turn=turn.index,
                span=(start, end),
                text=turn.text[start:end],
                start=turn.start,
                pattern=m.rule.id,
            )
        )
    lemmas = (
        frozenset({w.norm for w in words if w.alpha} - eng.stop_lemmas)
        if with_lemmas
        else frozenset()
    )
    evidence = AgentTurnEvidence(
        behaviours=frozenset(b.type for b in behaviours),
        pickup_types=pickup,
        lemmas=lemmas,
        acknowledgement_at=ack_at,
        identity_request=(
            (request.char_start, request.char_end, request.rule.id) if request else None
        ),
    )
    return behaviours, _lexicon_hits(eng, matches, turn.index, turn.text), evidence


def _lexicon_hits(
    eng: LanguageEngine, matches: Sequence[Match], turn: int | None, text: str
) -> list[LexiconHit]:
    hits: list[LexiconHit] = []
    last_end: dict[str, int] = {}
    for m in matches:
        if m.rule.group != "lexicon" or m.negated:
            continue
        entry = eng.lexicon[m.rule.entry]
        # Several patterns of one entry may cover the same words: report each place once.
        if m.char_start < last_end.get(entry.id, -1):
            continue
        last_end[entry.id] = m.char_end
        hits.append(
            LexiconHit(
                id=entry.id,
                kind="encouraged" if entry.kind == "encouraged" else "discouraged",
                turn=turn,
                span=(m.char_start, m.char_end),
                text=text[m.char_start : m.char_end],
                advice=entry.advice,
                alternative=entry.alternative,
            )
        )
    return hits
