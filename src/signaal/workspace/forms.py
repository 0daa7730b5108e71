"""Forms of the agent workspace: they parse and validate; services and selectors do the work."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from signaal.accounts.models import Team
from signaal.cases.ingest import MAX_TURN_CHARS
from signaal.cases.models import Case, Channel, ContactReason
from signaal.workspace.selectors import (
    DRAFT_MAX_CHARS,
    LANGUAGES,
    OPEN_STATUSES,
    QueueFilters,
    contact_reasons_active,
)
from signaal.workspace.services import REPLY_CHANNELS

_LANGUAGE_CHOICES = [(code, code) for code in LANGUAGES]


def _open_status_choices() -> list[tuple[str, str]]:
    # capfirst, not str.capitalize(), which lowers the rest: "WhatsApp" became "Whatsapp".
    labels = dict(Case.Status.choices)
    return [(s, capfirst(str(labels[s]))) for s in OPEN_STATUSES]


def _reply_channel_choices() -> list[tuple[str, str]]:
    labels = dict(Channel.choices)
    return [(c, capfirst(str(labels[c]))) for c in REPLY_CHANNELS]


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    # Choices that depend on translations are set per form, so they follow the active language.
    return cast(forms.ChoiceField, form.fields[name])


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string so that a filtered queue has a URL."""

    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("All teams")
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    mine = forms.BooleanField(label=_("Only mine"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channels = [(c.value, capfirst(str(c.label))) for c in Channel]
        _choice(self, "channel").choices = [("", _("All channels")), *channels]
        _choice(self, "status").choices = [("", _("All open")), *_open_status_choices()]

    def filters(self) -> QueueFilters:
        """The filters asked for; anything invalid in the query string is simply ignored."""
        if not self.is_bound:
            return QueueFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        team = data.get("team")
        return QueueFilters(
            team_id=team.pk if team is not None else None,
            channel=data.get("channel") or "",
            status=data.get("status") or "",
            mine=bool(data.get("mine")),
        )


class DraftForm(forms.Form):
    """The draft the lexicon check reads; longer drafts are cut, not refused (it is advice)."""

    text = forms.CharField(required=False, strip=False)
    language = forms.ChoiceField(choices=_LANGUAGE_CHOICES, required=False)

    def clean_text(self) -> str:
        return str(self.cleaned_data.get("text") or "")[:DRAFT_MAX_CHARS]


class ReplyForm(forms.Form):
    """A message to the customer, or an internal note."""

    text = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_TURN_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message first.")},
    )
    channel = forms.ChoiceField(label=_("Send as"))
    language = forms.ChoiceField(choices=_LANGUAGE_CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "channel").choices = _reply_channel_choices()


class StatusForm(forms.Form):
    """Another status for an open case (closing has its own form)."""

    status = forms.ChoiceField(label=_("Status"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "status").choices = _open_status_choices()


class CloseForm(forms.Form):
    """Closing a case: reason, resolution, summary and an optional message to the customer."""

    reason = forms.ModelChoiceField(
        label=_("Contact reason"),
        queryset=ContactReason.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a reason"),
        error_messages={"required": _("Choose the contact reason.")},
    )
    resolution = forms.CharField(
        label=_("Resolution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done or agreed, in a sentence or two."),
        error_messages={"required": _("Describe the resolution.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Suggested by Signaal from the latest contact; edit it freely."),
    )
    message = forms.CharField(
        label=_("Message to the customer (optional)"),
        required=False,
        max_length=MAX_TURN_CHARS,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": _(
                    "For example: Thank you for your call today. As agreed, we will …"
                ),
            }
        ),
        help_text=_("Sent before the case is closed, so the customer has a record."),
    )
    message_channel = forms.ChoiceField(label=_("Send the message as"), required=False)
    language = forms.ChoiceField(choices=_LANGUAGE_CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        reason = cast("forms.ModelChoiceField[ContactReason]", self.fields["reason"])
        reason.queryset = contact_reasons_active()
        _choice(self, "message_channel").choices = [
            c for c in _reply_channel_choices() if c[0] != Channel.NOTE
        ]
