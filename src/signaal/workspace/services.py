"""Writes of the agent workspace: replying, taking a case, closing with a message.

Each function is one business action in one transaction; the case rules themselves stay in
``signaal.cases.services`` (assign, status, close), which these call.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaal.accounts.models import User
from signaal.cases.ingest import MAX_TURN_CHARS
from signaal.cases.models import Case, Channel, Interaction, Turn
from signaal.cases.services import case_assign, case_close
from signaal.errors import Conflict, DomainError
from signaal.privacy.services import audit_record

# Channels an agent writes on from the workspace: the written ones, and internal notes.
REPLY_CHANNELS: tuple[str, ...] = (
    Channel.EMAIL,
    Channel.CHAT,
    Channel.WHATSAPP,
    Channel.SOCIAL,
    Channel.MESSENGER,
    Channel.NOTE,
)


def reply_channel_default(*, case: Case) -> str:
    """Answer on the channel the customer used, or by email when that channel is spoken."""
    return case.channel if case.channel in REPLY_CHANNELS else Channel.EMAIL


@transaction.atomic
def reply_send(
    *, case: Case, text: str, author: User, channel: str = "", language: str = ""
) -> Interaction:
    """Store an agent's message to the customer (or an internal note) on ``case``.

    The message becomes an outbound interaction with one agent turn, analysed like any other
    contact. Delivery over the channel is the connectors' job, after commit.
    """
    text = text.strip()
    channel = channel or reply_channel_default(case=case)
    if channel not in REPLY_CHANNELS:
        raise DomainError(_("Messages cannot be sent on this channel."), extra={"channel": channel})
    if not text:
        raise DomainError(_("The message is empty."))
    if len(text) > MAX_TURN_CHARS or "\x00" in text:
        raise DomainError(_("The message is too long or contains invalid characters."))
    # Lock the case so that a reply and a close by two people cannot cross.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not locked.is_open:
        raise Conflict(_("This case is closed; a new message from the customer reopens it."))
    now = timezone.now()
    note = channel == Channel.NOTE
    interaction = Interaction.objects.create(
        case=locked,
        customer_id=locked.customer_id,
        channel=channel,
        direction=Interaction.Direction.INTERNAL if note else Interaction.Direction.OUTBOUND,
        subject=locked.subject if channel == Channel.EMAIL else "",
        started_at=now,
        ended_at=now,
        language=language,
        author=author,
        # A note is for colleagues: analysing it would count as talking to the customer.
        analysis_state=(
            Interaction.AnalysisState.DONE if note else Interaction.AnalysisState.PENDING
        ),
    )
    Turn.objects.create(
        interaction=interaction, index=0, speaker=Turn.Speaker.AGENT, text=text, sent_at=now
    )
    changed = []
    if not note and locked.first_response_at is None:
        locked.first_response_at = now
        changed.append("first_response_at")
    if locked.status == Case.Status.NEW:
        locked.status = Case.Status.OPEN
        changed.append("status")
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        for name in changed:
            setattr(case, name, getattr(locked, name))
    audit_record(
        actor=author,
        action="create",
        obj=interaction,
        customer_id=locked.customer_id,
        detail={"case": locked.pk, "channel": channel},
    )
    if not note:
        _analyze(interaction.pk, len(text))
    return interaction


def _analyze(interaction_id: int, size: int) -> None:
    if size <= settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS:
        from signaal.assist.services import interaction_analyze

        interaction_analyze(interaction_id=interaction_id)
    else:
        from signaal.assist.tasks import analyze_interaction_task

        transaction.on_commit(lambda: analyze_interaction_task(interaction_id))


def case_take(*, case: Case, user: User) -> Case:
    """Assign ``case`` to ``user``; a case without a team joins the user's team."""
    team = user.team if case.team_id is None else None
    return case_assign(case=case, owner=user, team=team, actor=user)


def case_release(*, case: Case, user: User) -> Case:
    """Give ``case`` back to the queue of its team."""
    return case_assign(case=case, owner=None, team=None, actor=user)


@transaction.atomic
def case_close_with_message(
    *,
    case: Case,
    reason_code: str,
    resolution: str,
    summary: str,
    actor: User,
    message: str = "",
    message_channel: str = "",
    language: str = "",
) -> Case:
    """Close ``case``, first sending the optional after-contact message to the customer."""
    if message.strip():
        if message_channel == Channel.NOTE:
            raise DomainError(_("The message to the customer needs a channel the customer reads."))
        reply_send(
            case=case, text=message, author=actor, channel=message_channel, language=language
        )
    return case_close(
        case=case, reason_code=reason_code, resolution=resolution, summary=summary, actor=actor
    )
