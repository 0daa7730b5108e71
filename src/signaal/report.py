"""Terminal reports of analyses and evaluations, rendered with rich."""

from __future__ import annotations

from collections import defaultdict

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from signaal.engine.evaluate import Scores
from signaal.engine.model import Analysis, LexiconHit

SPEAKER_LABELS = {"customer": "Klant", "agent": "Medewerker", "bot": "Bot", "third_party": "Derde"}
SPEAKER_LABELS_EN = {
    "customer": "Customer",
    "agent": "Agent",
    "bot": "Bot",
    "third_party": "Third party",
}
SPEAKER_STYLES = {
    "customer": "bold cyan",
    "agent": "bold green",
    "bot": "bold magenta",
    "third_party": "bold yellow",
}
SIGNAL_STYLE = "bold black on yellow"
BEHAVIOUR_STYLE = "underline green"
DISCOURAGED_STYLE = "bold white on red"
ENCOURAGED_STYLE = "bold black on green"


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours}:{minutes:02}:{secs:02}] " if hours else f"[{minutes:02}:{secs:02}] "


def render_analysis(analysis: Analysis) -> Group:
    """The whole report of one conversation: header, the conversation, and the tables."""
    labels = SPEAKER_LABELS if analysis.language == "nl" else SPEAKER_LABELS_EN
    missed = {p.signal_index for p in analysis.pickup if not p.picked_up}
    picked = {p.signal_index: p for p in analysis.pickup if p.picked_up}
    per_turn_signals = defaultdict(list)
    for i, s in enumerate(analysis.signals):
        per_turn_signals[s.turn].append((i, s))
    per_turn_behaviours = defaultdict(list)
    for b in analysis.behaviours:
        per_turn_behaviours[b.turn].append(b)
    per_turn_lexicon: dict[int | None, list[LexiconHit]] = defaultdict(list)
    for h in analysis.lexicon:
        per_turn_lexicon[h.turn].append(h)
    opening = set(analysis.opening.turns)

    header = Text()
    header.append(analysis.conversation_id, style="bold")
    header.append(f"  ·  {analysis.language}")
    if analysis.channel:
        header.append(f"  ·  {analysis.channel}")
    header.append(f"  ·  {len(analysis.turns)} turns")
    if analysis.redacted:
        header.append("  ·  redacted", style="italic")
    parts: list[object] = [header]
    if analysis.summary:
        parts.append(Text(analysis.summary.text, style="italic"))

    convo = Table.grid(padding=(0, 1))
    convo.add_column(width=2)
    convo.add_column(no_wrap=True)
    convo.add_column(ratio=1)
    for turn in analysis.turns:
        body = Text(turn.text)
        for _, s in per_turn_signals.get(turn.index, []):
            body.stylize(SIGNAL_STYLE, *s.span)
        for b in per_turn_behaviours.get(turn.index, []):
            body.stylize(BEHAVIOUR_STYLE, *b.span)
        for h in per_turn_lexicon.get(turn.index, []):
            body.stylize(
                DISCOURAGED_STYLE if h.kind == "discouraged" else ENCOURAGED_STYLE, *h.span
            )
        tags = []
        for i, s in per_turn_signals.get(turn.index, []):
            mark = " ✗ missed" if i in missed else ""
            tags.append(f"{s.type} ({s.strength}){mark}")
        tags.extend(b.type for b in per_turn_behaviours.get(turn.index, []))
        if tags:
            body.append("  ◀ " + ", ".join(tags), style="dim")
        who = Text(
            _clock(turn.start) + labels.get(turn.speaker, turn.speaker) + ":",
            style=SPEAKER_STYLES.get(turn.speaker, "bold"),
        )
        convo.add_row("▌" if turn.index in opening else "", who, body)
    parts.append(
        Panel(convo, title="Conversation (▌ = opening)", box=box.ROUNDED, title_align="left")
    )

    if analysis.signals:
        table = Table(title="Signals", box=box.SIMPLE_HEAVY, title_justify="left")
        for col in ("#", "turn", "type", "strength", "evidence", "pick-up"):
            table.add_column(col)
        for i, s in enumerate(analysis.signals):
            if i in missed:
                pickup = Text("missed", style="bold red")
            elif i in picked:
                pickup = Text(f"turn {picked[i].by_turn} ({picked[i].reason})", style="green")
            else:
                pickup = Text("–", style="dim")
            table.add_row(str(i), str(s.turn), s.type, s.strength, repr(s.text), pickup)
        parts.append(table)
    if analysis.behaviours:
        table = Table(title="Behaviours", box=box.SIMPLE_HEAVY, title_justify="left")
        for col in ("turn", "type", "evidence"):
            table.add_column(col)
        for b in analysis.behaviours:
            table.add_row(str(b.turn), b.type, repr(b.text))
        parts.append(table)
    if analysis.lexicon:
        table = Table(title="Lexicon", box=box.SIMPLE_HEAVY, title_justify="left")
        for col in ("turn", "kind", "phrase", "advice", "alternative"):
            table.add_column(col)
        for h in analysis.lexicon:
            table.add_row(str(h.turn), h.kind, repr(h.text), h.advice, h.alternative or "")
        parts.append(table)
    facts = Text()
    facts.append("Opening: ", style="bold")
    facts.append(
        f"turns {list(analysis.opening.turns)}, signals "
        f"{', '.join(analysis.opening.signals) or '–'}\n"
    )
    facts.append("Late discoveries: ", style="bold")
    facts.append(
        ", ".join(
            f"{d.type} (hint turn {d.hint_turn}, explicit turn {d.explicit_turn})"
            for d in analysis.late_discoveries
        )
        or "–"
    )
    facts.append("\nPersonal data: ", style="bold")
    facts.append(", ".join(f"{p.type} (turn {p.turn})" for p in analysis.pii) or "–")
    parts.append(facts)
    return Group(*parts)  # type: ignore[arg-type]


def render_lexicon(text: str, hits: tuple[LexiconHit, ...]) -> Group:
    """The draft with its phrases highlighted, and the advice per phrase."""
    body = Text(text)
    for h in hits:
        body.stylize(DISCOURAGED_STYLE if h.kind == "discouraged" else ENCOURAGED_STYLE, *h.span)
    if not hits:
        return Group(body, Text("No lexicon advice for this text.", style="green"))
    table = Table(box=box.SIMPLE_HEAVY)
    for col in ("kind", "phrase", "advice", "alternative"):
        table.add_column(col)
    for h in hits:
        table.add_row(h.kind, repr(h.text), h.advice, h.alternative or "")
    return Group(body, table)


def render_scores(scores: Scores) -> Group:
    """Precision, recall and F1 per type and language, with the conversation-level figures."""
    parts: list[object] = []
    data = scores.to_dict()
    for lang in scores.languages():
        for kind in ("signals", "behaviours"):
            table = Table(title=f"{lang} · {kind}", box=box.SIMPLE_HEAVY, title_justify="left")
            for col in ("type", "precision", "recall", "F1", "tp", "fp", "fn"):
                table.add_column(col, justify="right" if col != "type" else "left")
            for type_, c in sorted(data[lang][kind]["per_type"].items()):
                table.add_row(
                    type_,
                    f"{c['precision']:.2f}",
                    f"{c['recall']:.2f}",
                    f"{c['f1']:.2f}",
                    str(c["tp"]),
                    str(c["fp"]),
                    str(c["fn"]),
                )
            micro = data[lang][kind]["micro"]
            table.add_row(
                "micro",
                f"{micro['precision']:.2f}",
                f"{micro['recall']:.2f}",
                f"{micro['f1']:.2f}",
                str(micro["tp"]),
                str(micro["fp"]),
                str(micro["fn"]),
                style="bold",
            )
            table.add_row(
                "macro F1", "", "", f"{data[lang][kind]['macro_f1']:.2f}", "", "", "", style="bold"
            )
            parts.append(table)
        entry = data[lang]
        parts.append(
            Text(
                f"{lang}: {entry['conversations']} conversations, {entry['turns']} turns · "
                f"strength agreement {entry['strength_agreement']} · opening F1 "
                f"{entry['opening']['f1']} · pick-up accuracy {entry['pickup_accuracy']} "
                f"({entry['pickup_judged']} judged) · late discoveries F1 "
                f"{entry['late_discoveries']['f1']}\n"
            )
        )
    return Group(*parts)  # type: ignore[arg-type]


def print_group(group: Group, console: Console) -> None:
    """Print a rendered report."""
    console.print(group)
