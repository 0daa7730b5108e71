"""Customers and the identifiers by which the channels recognise them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Customer(models.Model):
    """A person or organisation; contacts on every channel add to one timeline."""

    class Kind(models.TextChoices):
        PERSON = "person", _("persoon")
        ORGANISATION = "organisation", _("organisatie")

    name = models.CharField(_("naam"), max_length=200, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    language = models.CharField(_("taal"), max_length=5, default="nl")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")

    def __str__(self) -> str:
        return self.name or str(_("Onbekende klant"))


class CustomerIdentifier(models.Model):
    """One way to recognise a customer: an email address, phone number, customer number..."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mailadres")
        PHONE = "phone", _("telefoonnummer")
        CUSTOMER_NUMBER = "customer_number", _("klantnummer")
        EXTERNAL = "external", _("extern id")
        WHATSAPP = "whatsapp", _("WhatsApp")
        SOCIAL = "social", _("social media")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    # Normalised (lower-case email, E.164 phone) so that channels find the same customer.
    value = models.CharField(_("waarde"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="identifier_unique_kind_value")
        ]
        verbose_name = _("klantkenmerk")
        verbose_name_plural = _("klantkenmerken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
