"""Evaluation against an annotated corpus: precision, recall and F1 per type.

The corpus format is described in corpus/README.md: conversations in the engine's JSON input
format with gold ``annotations`` on turns (signals, behaviours) and on conversations (opening
signals, missed signals, late discoveries). Scores are per turn and type: a type detected in a
turn where the coach annotated it is a true positive, wherever in the turn the evidence lies.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusError, InputError
from .listener import Listener
from .model import BEHAVIOUR_TYPES, SIGNAL_TYPES, Analysis, Conversation
from .readers import read_path

CORPUS_SUFFIXES = (".json", ".jsonl")


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """How many times the type was annotated."""
        return self.tp + self.fn

    def add(self, other: Counts) -> None:
        """Add another type's counts (for micro averages)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        """Figures for JSON output."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


@dataclass(slots=True)
class Errors:
    """Examples of mistakes, to show a person where the engine goes wrong."""

    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Scores:
    """Everything one evaluation run measured, per language."""

    signals: dict[str, dict[str, Counts]] = field(default_factory=dict)
    behaviours: dict[str, dict[str, Counts]] = field(default_factory=dict)
    strength_agree: dict[str, list[int]] = field(default_factory=dict)
    opening: dict[str, Counts] = field(default_factory=dict)
    pickup: dict[str, list[int]] = field(default_factory=dict)  # [agree, total]
    late: dict[str, Counts] = field(default_factory=dict)
    conversations: dict[str, int] = field(default_factory=dict)
    turns: dict[str, int] = field(default_factory=dict)
    errors: Errors = field(default_factory=Errors)

    def languages(self) -> list[str]:
        """The languages seen, in a stable order."""
        return sorted(self.conversations)

    def micro(self, kind: str, language: str) -> Counts:
        """The micro average (summed counts) of signals or behaviours in one language."""
        table = self.signals if kind == "signals" else self.behaviours
        total = Counts()
        for counts in table.get(language, {}).values():
            total.add(counts)
        return total

    def macro_f1(self, kind: str, language: str) -> float:
        """The mean F1 over the types annotated or predicted in one language."""
        table = self.signals if kind == "signals" else self.behaviours
        values = [c.f1 for c in table.get(language, {}).values() if c.tp + c.fp + c.fn]
        return sum(values) / len(values) if values else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The whole report as JSON-ready data."""
        out: dict[str, Any] = {}
        for lang in self.languages():
            entry: dict[str, Any] = {
                "conversations": self.conversations[lang],
                "turns": self.turns[lang],
            }
            for kind in ("signals", "behaviours"):
                table = self.signals if kind == "signals" else self.behaviours
                entry[kind] = {
                    "per_type": {t: c.to_dict() for t, c in sorted(table.get(lang, {}).items())},
                    "micro": self.micro(kind, lang).to_dict(),
                    "macro_f1": round(self.macro_f1(kind, lang), 4),
                }
            agree, total = self.strength_agree.get(lang, [0, 0])
            entry["strength_agreement"] = round(agree / total, 4) if total else None
            entry["opening"] = self.opening.get(lang, Counts()).to_dict()
            p_agree, p_total = self.pickup.get(lang, [0, 0])
            entry["pickup_accuracy"] = round(p_agree / p_total, 4) if p_total else None
            entry["pickup_judged"] = p_total
            entry["late_discoveries"] = self.late.get(lang, Counts()).to_dict()
            out[lang] = entry
        return out


def corpus_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The corpus files under the given files or folders, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in CORPUS_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise CorpusError(f"{path}: no such file or folder")
    if not found:
        raise CorpusError("no corpus files (.json or .jsonl) found")
    return found


def read_corpus(paths: Iterable[str | os.PathLike[str]]) -> list[Conversation]:
    """Every annotated conversation of the corpus; InputError names a broken file and line."""
    conversations: list[Conversation] = []
    for path in corpus_files(paths):
        conversations.extend(read_path(path))
    return conversations


def evaluate(
    conversations: Sequence[Conversation],
    *,
    listener: Listener,
    max_examples: int = 200,
) -> Scores:
    """Score the engine against the annotations of ``conversations``."""
    scores = Scores()
    for conv in conversations:
        analysis = listener.analyze(conv, language=conv.language)
        _score_conversation(conv, analysis, scores, max_examples)
    return scores


def _gold_signals(conv: Conversation) -> dict[int, dict[str, str]]:
    gold: dict[int, dict[str, str]] = {}
    for turn in conv.turns:
        ann = turn.annotations or {}
        signals = ann.get("signals") or {}
        if not isinstance(signals, dict):
            raise CorpusError(f"{conv.id} turn {turn.index}: 'signals' must be a mapping")
        for type_, strength in signals.items():
            if type_ not in SIGNAL_TYPES or strength not in ("hint", "explicit"):
                raise CorpusError(
                    f"{conv.id} turn {turn.index}: unknown signal {type_!r}/{strength!r}"
                )
        gold[turn.index] = dict(signals)
    return gold


def _gold_behaviours(conv: Conversation) -> dict[int, set[str]]:
    gold: dict[int, set[str]] = {}
    for turn in conv.turns:
        ann = turn.annotations or {}
        behaviours = ann.get("behaviours") or []
        unknown = [b for b in behaviours if b not in BEHAVIOUR_TYPES]
        if unknown:
            raise CorpusError(f"{conv.id} turn {turn.index}: unknown behaviour {unknown}")
        gold[turn.index] = set(behaviours)
    return gold


def _score_conversation(
    conv: Conversation, analysis: Analysis, scores: Scores, max_examples: int
) -> None:
    lang = analysis.language
    scores.conversations[lang] = scores.conversations.get(lang, 0) + 1
    scores.turns[lang] = scores.turns.get(lang, 0) + len(conv.turns)
    sig_table = scores.signals.setdefault(lang, defaultdict(Counts))
    beh_table = scores.behaviours.setdefault(lang, defaultdict(Counts))
    agree = scores.strength_agree.setdefault(lang, [0, 0])
    gold_s = _gold_signals(conv)
    gold_b = _gold_behaviours(conv)
    pred_s: dict[int, dict[str, str]] = defaultdict(dict)
    for s in analysis.signals:
        pred_s[s.turn].setdefault(s.type, s.strength)
    pred_b: dict[int, set[str]] = defaultdict(set)
    for b in analysis.behaviours:
        pred_b[b.turn].add(b.type)
    errors = scores.errors
    for turn in conv.turns:
        gold, pred = gold_s.get(turn.index, {}), pred_s.get(turn.index, {})
        for type_ in set(gold) | set(pred):
            counts = sig_table[type_]
            if type_ in gold and type_ in pred:
                counts.tp += 1
                agree[1] += 1
                agree[0] += gold[type_] == pred[type_]
            elif type_ in pred:
                counts.fp += 1
                _example(errors.false_positives, max_examples, conv, turn.index, type_, turn.text)
            else:
                counts.fn += 1
                _example(errors.false_negatives, max_examples, conv, turn.index, type_, turn.text)
        gold_set, pred_set = gold_b.get(turn.index, set()), pred_b.get(turn.index, set())
        for type_ in gold_set | pred_set:
            counts = beh_table[type_]
            if type_ in gold_set and type_ in pred_set:
                counts.tp += 1
            elif type_ in pred_set:
                counts.fp += 1
                _example(errors.false_positives, max_examples, conv, turn.index, type_, turn.text)
            else:
                counts.fn += 1
                _example(errors.false_negatives, max_examples, conv, turn.index, type_, turn.text)
    if conv.annotations:
        _score_conversation_level(conv, analysis, scores, gold_s)


def _score_conversation_level(
    conv: Conversation, analysis: Analysis, scores: Scores, gold_s: dict[int, dict[str, str]]
) -> None:
    lang = analysis.language
    ann = conv.annotations or {}
    if "opening_signals" in ann:
        gold_open = set(ann.get("opening_signals") or [])
        pred_open = set(analysis.opening.signals)
        counts = scores.opening.setdefault(lang, Counts())
        counts.tp += len(gold_open & pred_open)
        counts.fp += len(pred_open - gold_open)
        counts.fn += len(gold_open - pred_open)
    missed = {(m["type"], m["turn"]) for m in ann.get("missed") or []}
    judged = scores.pickup.setdefault(lang, [0, 0])
    by_key = {}
    for p in analysis.pickup:
        s = analysis.signals[p.signal_index]
        by_key[(s.type, s.turn)] = p.picked_up
    for turn_index, types in gold_s.items():
        for type_ in types:
            key = (type_, turn_index)
            if key not in by_key:
                continue  # not detected, or nothing followed it: judged by recall instead
            judged[1] += 1
            judged[0] += by_key[key] == (key not in missed)
    if "late_discoveries" in ann:
        gold_late = {d["type"] for d in ann.get("late_discoveries") or []}
        pred_late = {d.type for d in analysis.late_discoveries}
        counts = scores.late.setdefault(lang, Counts())
        counts.tp += len(gold_late & pred_late)
        counts.fp += len(pred_late - gold_late)
        counts.fn += len(gold_late - pred_late)


def _example(
    bucket: list[dict[str, Any]], limit: int, conv: Conversation, turn: int, type_: str, text: str
) -> None:
    if len(bucket) < limit:
        bucket.append({"conversation": conv.id, "turn": turn, "type": type_, "text": text})


def format_text(scores: Scores) -> str:
    """A plain-text report (the CLI renders a richer one)."""
    lines: list[str] = []
    for lang in scores.languages():
        lines.append(
            f"== {lang}: {scores.conversations[lang]} conversations, {scores.turns[lang]} turns"
        )
        for kind in ("signals", "behaviours"):
            table = scores.signals if kind == "signals" else scores.behaviours
            lines.append(f"-- {kind}")
            for type_, c in sorted(table.get(lang, {}).items()):
                lines.append(
                    f"  {type_:22} P {c.precision:.2f}  R {c.recall:.2f}  "
                    f"F1 {c.f1:.2f}  (tp {c.tp} fp {c.fp} fn {c.fn})"
                )
            micro = scores.micro(kind, lang)
            lines.append(
                f"  {'MICRO':22} P {micro.precision:.2f}  R {micro.recall:.2f}  "
                f"F1 {micro.f1:.2f}   macro F1 {scores.macro_f1(kind, lang):.2f}"
            )
        data = scores.to_dict()[lang]
        lines.append(
            f"  strength agreement {data['strength_agreement']}, opening F1 "
            f"{data['opening']['f1']}, pick-up accuracy {data['pickup_accuracy']} "
            f"({data['pickup_judged']} judged), late-discovery F1 "
            f"{data['late_discoveries']['f1']}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m signaal.engine.evaluate CORPUS... [--errors]``: a quick text report."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_errors = "--errors" in args
    args = [a for a in args if a != "--errors"]
    try:
        scores = evaluate(read_corpus(args or ["corpus"]), listener=Listener())
    except (CorpusError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_text(scores))
    if show_errors:
        for label, items in (
            ("FP", scores.errors.false_positives),
            ("FN", scores.errors.false_negatives),
        ):
            for e in items:
                print(f"{label} {e['type']:20} {e['conversation']}#{e['turn']}: {e['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
