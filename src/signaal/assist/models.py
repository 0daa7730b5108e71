"""What the listening engine heard in an interaction, stored with its evidence."""

from __future__ import annotations

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
