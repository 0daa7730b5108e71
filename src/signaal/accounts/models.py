"""Users, their teams and their roles (agent, coach, manager, admin as Django groups)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md section 1; each is a Django group with its permissions."""

    AGENT = "agent", _("Medewerker")
    COACH = "coach", _("Coach")
    MANAGER = "manager", _("Teamleider")
    ADMIN = "admin", _("Beheerder")


class Team(models.Model):
    """A team of agents that owns cases."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: an agent, coach, manager or admin."""

    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def has_role(self, role: Role | str) -> bool:
        """Whether the user belongs to the group of ``role`` (superusers have every role)."""
        if self.is_superuser:
            return True
        return self.groups.filter(name=str(role)).exists()

    @property
    def display_name(self) -> str:
        """The name people see: full name, else the user name."""
        return self.get_full_name() or self.username
