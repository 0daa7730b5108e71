"""What people read for the engine's stable ids (DESIGN.md section 3), in their language.

The engine is Django-free and speaks in ids; the names people read live here, through gettext.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SIGNAL_LABELS: dict[str, Promise] = {
    "frustration": _("Frustration"),
    "worry": _("Worry"),
    "gratitude": _("Gratitude"),
    "repeat_contact": _("Repeat contact"),
    "third_party": _("Third party"),
    "on_the_move": _("On the move"),
    "life_event": _("Life event"),
    "financial_distress": _("Financial distress"),
    "vulnerability": _("Vulnerability"),
    "confusion": _("Confusion"),
    "churn_risk": _("Churn risk"),
    "escalation": _("Escalation"),
    "urgency": _("Urgency"),
    "human_request": _("Asks for a person"),
    "broken_promise": _("Broken promise"),
    "complaint": _("Complaint"),
    "idea": _("Idea"),
}

# A glyph per channel, shown next to (never instead of) the channel's name.
CHANNEL_ICONS: dict[str, str] = {
    # Symbols from the basic fonts every desktop has (no colour emoji needed).
    "phone": "☎",
    "email": "✉",
    "chat": "❝",
    "whatsapp": "✆",
    "web_form": "▤",
    "social": "#",
    "messenger": "❞",
    "video": "▷",
    "in_person": "⌂",
    "bot": "⚙",
    "note": "✎",
}


def signal_label(signal_type: str) -> str:
    """The name of a signal type; an organisation's own types (``x_...``) read from their id."""
    label = SIGNAL_LABELS.get(signal_type)
    if label is not None:
        return str(label)
    return signal_type.removeprefix("x_").replace("_", " ").capitalize()
