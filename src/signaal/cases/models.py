"""Cases, the interactions on every channel that form them, their turns, and channel norms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaal.accounts.models import Team
from signaal.customers.models import Customer


class Channel(models.TextChoices):
    """The channels of DESIGN.md section 6."""

    PHONE = "phone", _("telefoon")
    EMAIL = "email", _("e-mail")
    CHAT = "chat", _("chat")
    WHATSAPP = "whatsapp", _("WhatsApp")
    WEB_FORM = "web_form", _("webformulier")
    SOCIAL = "social", _("social media")
    MESSENGER = "messenger", _("Messenger")
    VIDEO = "video", _("videobellen")
    IN_PERSON = "in_person", _("aan de balie")
    BOT = "bot", _("chatbot")
    NOTE = "note", _("interne notitie")


class ContactReason(models.Model):
    """Why customers contact the organisation; the queue and reports group by it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("omschrijving"), max_length=120)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("contactreden")
        verbose_name_plural = _("contactredenen")

    def __str__(self) -> str:
        return self.label


class Case(models.Model):
    """One question or problem of a customer, open until resolved."""

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        OPEN = "open", _("open")
        WAITING_CUSTOMER = "waiting_customer", _("wacht op klant")
        WAITING_ORGANISATION = "waiting_organisation", _("wacht op organisatie")
        CLOSED = "closed", _("gesloten")

    class Priority(models.IntegerChoices):
        LOW = 1, _("laag")
        NORMAL = 2, _("normaal")
        HIGH = 3, _("hoog")
        URGENT = 4, _("spoed")

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="cases")
    reason = models.ForeignKey(
        ContactReason,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("contactreden"),
    )
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NEW
    )
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.NORMAL
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
        verbose_name=_("behandelaar"),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("team"),
    )
    # The key that ties follow-up messages to this case (an email thread, a chat session).
    thread_key = models.CharField(max_length=255, blank=True, default="")
    opened_at = models.DateTimeField(_("geopend"))
    due_at = models.DateTimeField(_("uiterlijk antwoorden"), null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten"), null=True, blank=True)
    resolution = models.TextField(_("oplossing"), blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    close_reason = models.CharField(_("reden van sluiten"), max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            # The queue: open cases by due time, filtered by team, channel, status.
            models.Index(fields=["status", "due_at"], name="case_status_due"),
            models.Index(fields=["team", "status", "due_at"], name="case_team_status_due"),
            models.Index(fields=["channel", "status", "due_at"], name="case_channel_status_due"),
            # An agent's scope is "own, team's or unrouted": without the status next to the owner,
            # every closed case an agent ever owned is read to find the few open ones.
            models.Index(fields=["owner", "status", "due_at"], name="case_owner_status_due"),
            models.Index(fields=["customer", "reason", "status"], name="case_customer_reason"),
            models.Index(fields=["thread_key"], name="case_thread_key"),
        ]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.subject or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        """True until the case is closed."""
        return self.status != self.Status.CLOSED


class Interaction(models.Model):
    """One contact on one channel: a call, an email, a chat, a form post, a note."""

    class Direction(models.TextChoices):
        INBOUND = "in", _("inkomend")
        OUTBOUND = "out", _("uitgaand")
        INTERNAL = "internal", _("intern")

    class AnalysisState(models.TextChoices):
        PENDING = "pending", _("wacht op analyse")
        DONE = "done", _("geanalyseerd")
        FAILED = "failed", _("analyse mislukt")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interactions")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="interactions")
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INBOUND
    )
    # Idempotency: the same channel + external id is stored once.
    external_id = models.CharField(max_length=255, null=True, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("begonnen"))
    ended_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=5, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    analysis_state = models.CharField(
        max_length=10, choices=AnalysisState.choices, default=AnalysisState.PENDING
    )
    analysis_summary = models.TextField(blank=True)
    analysis = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="interaction_unique_channel_external_id"
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "started_at"], name="interaction_customer_time"),
            models.Index(fields=["case", "started_at"], name="interaction_case_time"),
        ]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"


class Turn(models.Model):
    """One utterance or message of an interaction, in order."""

    class Speaker(models.TextChoices):
        CUSTOMER = "customer", _("klant")
        AGENT = "agent", _("medewerker")
        BOT = "bot", _("bot")
        THIRD_PARTY = "third_party", _("derde")

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField()
    speaker = models.CharField(max_length=12, choices=Speaker.choices)
    text = models.TextField()
    # Seconds from the start of a call; None for written messages.
    start = models.FloatField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["interaction_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["interaction", "index"], name="turn_unique_index")
        ]
        verbose_name = _("beurt")
        verbose_name_plural = _("beurten")

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:60]}"


class ChannelNorm(models.Model):
    """How fast customers expect a response on a channel (DESIGN.md section 6)."""

    class Rule(models.TextChoices):
        SECONDS = "seconds", _("binnen een aantal seconden")
        END_OF_DAY = "end_of_day", _("dezelfde werkdag")
        END_OF_NEXT_DAY = "end_of_next_day", _("uiterlijk de volgende werkdag")

    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, unique=True)
    rule = models.CharField(_("norm"), max_length=20, choices=Rule.choices)
    seconds = models.PositiveIntegerField(_("seconden"), null=True, blank=True)

    class Meta:
        ordering = ["channel"]
        verbose_name = _("kanaalnorm")
        verbose_name_plural = _("kanaalnormen")

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_rule_display()}"


class BusinessHours(models.Model):
    """Opening hours per weekday (0 = Monday); a day without a row is closed."""

    weekday = models.PositiveSmallIntegerField(_("weekdag"), unique=True)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(_("open tot"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("openingstijden")
        verbose_name_plural = _("openingstijden")


class ClosedDay(models.Model):
    """An extra day the service is closed, on top of Dutch public holidays."""

    date = models.DateField(_("datum"), unique=True)
    reason = models.CharField(_("reden"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
