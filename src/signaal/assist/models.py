"""What the listening engine heard in an interaction, stored with its evidence."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaal.cases.models import Interaction, Turn


class DetectedSignal(models.Model):
    """A customer signal with its evidence and whether an agent picked it up."""

    class Strength(models.TextChoices):
        HINT = "hint", _("hint")
        EXPLICIT = "explicit", _("expliciet")

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="signals")
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="signals")
    type = models.CharField(max_length=40)
    strength = models.CharField(max_length=10, choices=Strength.choices)
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    text = models.TextField()
    pattern = models.CharField(max_length=200, blank=True)
    in_opening = models.BooleanField(default=False)
    # None: nothing followed the signal; True/False: picked up or missed.
    picked_up = models.BooleanField(null=True)
    pickup_turn = models.ForeignKey(
        Turn, null=True, blank=True, on_delete=models.SET_NULL, related_name="pickups"
    )

    class Meta:
        ordering = ["turn__index", "span_start"]
        indexes = [models.Index(fields=["type", "picked_up"], name="signal_type_pickup")]


class DetectedBehaviour(models.Model):
    """An agent behaviour with its evidence."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="behaviours"
    )
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="behaviours")
    type = models.CharField(max_length=40)
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    text = models.TextField()
    pattern = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["turn__index", "span_start"]
        indexes = [models.Index(fields=["type"], name="behaviour_type")]


class LexiconEntry(models.Model):
    """An organisation's own lexicon entry, on top of the built-in packs (see assist/lexicon.py).

    An entry whose key is the id of a built-in entry replaces it; switched off, it switches the
    built-in entry off as well.
    """

    class Language(models.TextChoices):
        NL = "nl", _("Nederlands")
        EN = "en", _("Engels")

    class Kind(models.TextChoices):
        DISCOURAGED = "discouraged", _("liever niet")
        ENCOURAGED = "encouraged", _("aanbevolen")

    language = models.CharField(
        _("taal"), max_length=2, choices=Language.choices, default=Language.NL
    )
    key = models.CharField(
        _("sleutel"),
        max_length=100,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9._-]*\Z",
                message=_(
                    "Use lower-case letters, digits, dots, hyphens and underscores only, "
                    "for example lex.nl.u-moet."
                ),
            )
        ],
        help_text=_(
            "A short id such as lex.nl.u-moet. The id of a built-in entry replaces that entry."
        ),
    )
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind.choices, default=Kind.DISCOURAGED
    )
    patterns = models.TextField(
        _("patronen"),
        blank=True,
        help_text=_(
            "One pattern per line, in the pattern language of the packs: a word matches every "
            "form of it ('moeten' also finds 'moet'), a|b is one of several words, ... is a "
            "few words in between, a word ending in ? is optional. Example: u moet ... invullen"
        ),
    )
    negatable = models.BooleanField(
        _("ontkenbaar"),
        default=False,
        help_text=_("Skip the phrase when a negation stands just before it (rarely needed)."),
    )
    advice = models.TextField(
        _("advies"),
        blank=True,
        help_text=_("What the agent reads: why this phrase works or does not work."),
    )
    alternative = models.TextField(
        _("alternatief"),
        blank=True,
        help_text=_("A better phrasing to suggest (may be left empty)."),
    )
    enabled = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_(
            "Switched off, the entry is not used. If its key is a built-in entry, that "
            "built-in entry is switched off too."
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["language", "key"]
        verbose_name = _("lexiconregel")
        verbose_name_plural = _("lexiconregels")
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="lexicon_entry_language_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    def pattern_lines(self) -> tuple[str, ...]:
        """The patterns, one per non-empty line."""
        return self.split_patterns(self.patterns)

    @staticmethod
    def split_patterns(text: str) -> tuple[str, ...]:
        """The patterns of a text, one per non-empty line."""
        return tuple(line.strip() for line in text.splitlines() if line.strip())
