"""Template helpers of the workspace: evidence highlighting, case references, clocks, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from signaal.cases.models import Case
from signaal.customers.models import Customer
from signaal.workspace.labels import CHANNEL_ICONS, signal_label
from signaal.workspace.selectors import Evidence, InteractionView, TurnGap

register = template.Library()


def _strength_label(strength: str) -> str:
    return _("explicit") if strength == "explicit" else _("hint")


def _evidence_title(items: Sequence[Evidence]) -> str:
    parts = []
    for item in items:
        part = f"{item.label} ({_strength_label(item.strength)})"
        if item.missed:
            part += " — " + _("missed")
        parts.append(part)
    return "; ".join(parts)


@register.filter
def highlight(text: str, evidence: Sequence[Evidence] | None) -> SafeString:
    """``text`` escaped, with each evidence span wrapped in ``<mark>``.

    Spans may overlap: the text is cut at every span boundary and each piece is marked with
    all the signals that cover it, so the marks never nest or cross and the HTML stays valid.
    """
    text = str(text)
    size = len(text)
    spans = [(max(0, min(e.start, size)), max(0, min(e.end, size)), e) for e in (evidence or ())]
    spans = [s for s in spans if s[0] < s[1]]
    if not spans:
        return conditional_escape(text)
    cuts = sorted({0, size} | {s for s, _e, _x in spans} | {e for _s, e, _x in spans})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = text[start:end]
        covering = [x for s, e, x in spans if s <= start and end <= e]
        if not covering:
            out.append(conditional_escape(piece))
            continue
        classes = ["evidence"]
        classes.append(
            "evidence-explicit"
            if any(x.strength == "explicit" for x in covering)
            else "evidence-hint"
        )
        if any(x.missed for x in covering):
            classes.append("evidence-missed")
        if len(covering) > 1:
            classes.append("evidence-overlap")
        out.append(
            format_html(
                '<mark class="{}" title="{}" data-signals="{}">{}</mark>',
                " ".join(classes),
                _evidence_title(covering),
                " ".join(sorted({x.type for x in covering})),
                piece,
            )
        )
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html


@register.filter
def case_ref(case: Case) -> str:
    """The reference people use for a case, e.g. V-000123 (V for "vraag")."""
    return f"V-{case.pk:06d}"


@register.filter
def channel_icon(channel: str) -> str:
    """A glyph for a channel, shown next to its name."""
    return CHANNEL_ICONS.get(channel, "•")


@register.filter(name="signal_label")
def signal_label_filter(signal_type: str) -> str:
    """The name of a signal type in the active language."""
    return signal_label(signal_type)


@register.filter
def strength_label(strength: str) -> str:
    """ "explicit" or "hint" in the active language."""
    return _strength_label(strength)


@register.filter
def call_time(seconds: float | None) -> str:
    """Seconds from the start of a call as m:ss (or h:mm:ss)."""
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def turn_items(view: InteractionView, customer: Customer) -> SafeString:
    """The ``<li>`` of every turn of a contact, with speaker, role, time and highlighted text.

    Built here in one pass rather than in a template loop: an hour-long call has hundreds of
    turns, and the template language spends most of a long call's page on them.
    """
    item = view.interaction
    names = {
        "customer": view.caller or str(customer),
        "agent": item.author.display_name if item.author else _("Agent"),
        "bot": _("Bot"),
    }
    roles = {
        "customer": _("for the customer") if view.on_behalf else _("customer"),
        "agent": _("agent"),
    }
    third_party = _("Third party")
    parts = []
    for tv in view.turns:
        if isinstance(tv, TurnGap):
            parts.append(_gap_item(view, tv))
            continue
        turn = tv.turn
        when: str
        if turn.start is not None:
            when = format_html('<span class="turn-time">{}</span>', call_time(turn.start))
        elif turn.sent_at:
            local = timezone.localtime(turn.sent_at)
            when = format_html(
                '<time class="turn-time" datetime="{}">{}</time>',
                dateformat.format(local, "c"),
                formats.time_format(local, "TIME_FORMAT"),
            )
        else:
            when = ""
        parts.append(
            format_html(
                '<li id="{}" class="turn speaker-{}"><div class="turn-meta">'
                '<span class="speaker">{}</span> <span class="role">{}</span> {}</div>'
                '<p class="turn-text">{}</p></li>',
                tv.anchor,
                turn.speaker,
                names.get(turn.speaker, third_party),
                roles.get(turn.speaker, ""),
                when,
                highlight(turn.text, tv.evidence),
            )
        )
    return mark_safe("\n".join(parts))  # noqa: S308 - every part went through format_html


def _gap_item(view: InteractionView, gap: TurnGap) -> SafeString:
    """The line standing for turns left out of a long contact: htmx puts the whole contact in
    its place; without JavaScript the link opens the case page with that contact whole."""
    text = ngettext(
        "%(count)d turn in between not shown. Show the whole conversation",
        "%(count)d turns in between not shown. Show the whole conversation",
        gap.count,
    ) % {"count": gap.count}
    here = f"?contact={view.interaction.pk}"
    return format_html(
        '<li class="turn-gap"><span aria-hidden="true">⋯</span> <a href="{}#{}" hx-get="{}" '
        'hx-target="closest ol" hx-swap="innerHTML" data-focus="{}-turn-{}">{}</a></li>',
        here,
        view.anchor,
        here,
        view.anchor,
        gap.first,
        text,
    )


def clock_text(seconds_left: float) -> str:
    """Time left or overdue, as the clock shows it (workspace.js writes the same text)."""
    total = int(abs(seconds_left))
    if total < 3600:
        amount = f"{total // 60}:{total % 60:02d}"
    elif total < 86400:
        amount = _("%(h)d h %(m)02d min") % {"h": total // 3600, "m": total % 3600 // 60}
    else:
        amount = _("%(d)d d %(h)d h") % {"d": total // 86400, "h": total % 86400 // 3600}
    if seconds_left >= 0:
        return _("%(time)s left") % {"time": amount}
    return _("%(time)s overdue") % {"time": amount}


def _seconds_left(due: dt.datetime, now: dt.datetime | None = None) -> float:
    return (due - (now or timezone.now())).total_seconds()


@register.filter
def due_clock(due: dt.datetime | None) -> str:
    """The clock's text when the page is made; workspace.js updates it every second."""
    if due is None:
        return _("no norm")
    return clock_text(_seconds_left(due))


@register.filter
def due_state(due: dt.datetime | None) -> str:
    """A CSS state for the clock: overdue, soon (within 15 minutes) or ok."""
    if due is None:
        return "none"
    left = _seconds_left(due)
    if left < 0:
        return "overdue"
    return "soon" if left < 15 * 60 else "ok"


@register.simple_tag
def ui_labels() -> dict[str, str]:
    """The phrases workspace.js writes (clock, errors) in the active language, via json_script."""
    return {
        "error": _("That did not work. Please try again, or reload the page."),
        "offline": _("No connection to Signaal. Check your network and try again."),
        "left": _("%(time)s left"),
        "overdue": _("%(time)s overdue"),
        "hours": _("%(h)d h %(m)02d min"),
        "days": _("%(d)d d %(h)d h"),
        "minutes": _("%(m)d min"),
        "unsent": _("Your reply has not been sent. Close the case anyway?"),
    }
