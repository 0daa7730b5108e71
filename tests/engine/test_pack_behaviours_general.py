"""Agent behaviours in own words, in English and Dutch: empathy naming the situation, a choice
between two ways, an explanation without "because"/"omdat", a summary of what was read.

Every case is a new sentence written for this file, so the test proves the construction is
heard (and its look-alikes are not), not that one corpus sentence is.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

HEARD = [
    # empathy: the customer's situation in the agent's own words
    ("en", "empathy", "You're behind the wheel, so I'll be brief."),
    ("en", "empathy", "As you're travelling, I'll send the steps by text."),
    ("en", "empathy", "Three nights without hot water, with the kids to bathe."),
    ("en", "empathy", "You took an afternoon off for this visit and nobody turned up."),
    ("en", "empathy", "With a little one at home, the cold is the last thing you need."),
    ("nl", "empathy", "Een heel weekend zonder verwarming, daar schrik ik van."),
    ("nl", "empathy", "Met zo'n kleintje in huis wil je dat snel opgelost."),
    ("nl", "empathy", "U had er speciaal een vrije middag voor genomen."),
    ("nl", "empathy", "Dat begrijp ik, zonder stroom midden in de winter."),
    # choice_offered: two ways, also with someone else as the subject
    ("en", "choice_offered", "Shall the driver leave it with a neighbour or bring it back?"),
    ("en", "choice_offered", "Do you want the code by text or by email?"),
    ("en", "choice_offered", "Should the nurse ring first or just come by?"),
    ("nl", "choice_offered", "Zal de bezorger het bij de buren afgeven of morgen terugkomen?"),
    ("nl", "choice_offered", "Ik kan de bevestiging per sms sturen of per mail."),
    ("nl", "choice_offered", "Moet de monteur eerst bellen of mag hij direct aanbellen?"),
    # explanation without "because" / "omdat"
    ("en", "explanation", "Your direct debit was cancelled in error when the bank merged."),
    ("en", "explanation", "The two meter readings were swapped on our side."),
    ("en", "explanation", "The deposit is the amount you pay yourself up front."),
    ("en", "explanation", "The line was switched off during a system upgrade last night."),
    ("nl", "explanation", "De huisnummers zijn verwisseld in ons systeem."),
    ("nl", "explanation", "Uw abonnement is per abuis stopgezet."),
    ("nl", "explanation", "De borg is het bedrag dat u zelf vooraf betaalt."),
    ("nl", "explanation", "Het ging mis bij de overstap naar het nieuwe systeem."),
    # summary: what the agent read before answering
    ("en", "summary", "I've read the chat: the router keeps dropping since the update."),
    ("en", "summary", "I have looked through the notes: two visits, no fix."),
    ("en", "summary", "I've gone through the thread, and you asked twice for a refund."),
    ("nl", "summary", "Ik heb het chatgesprek teruggelezen: de pas is nog steeds geblokkeerd."),
    ("nl", "summary", "Ik heb uw berichten van vorige week doorgenomen: er kwam geen monteur."),
    ("nl", "summary", "Ik heb het gesprek met onze assistent gelezen, u wacht op geld terug."),
]

NOT_HEARD = [
    ("en", "empathy", "I'll keep you updated."),
    ("en", "empathy", "The wheel is covered under the policy."),
    ("nl", "empathy", "Dat begrijp ik, een ogenblik."),
    ("nl", "empathy", "Ik stuur de monteur vrijdag."),
    ("en", "choice_offered", "I'll send it by email."),
    ("en", "choice_offered", "Should you need anything else, just call."),
    ("nl", "choice_offered", "Ik stuur het per post."),
    ("nl", "choice_offered", "De monteur komt morgen."),
    ("en", "explanation", "The meter was swapped in May, is that right?"),
    ("en", "explanation", "You can pay the bill in the app."),
    ("nl", "explanation", "U kunt het formulier online invullen."),
    ("nl", "explanation", "In de mail stond per ongeluk het verkeerde bedrag, sorry."),
    ("en", "summary", "I read your email this morning."),
    ("en", "summary", "I'll read the notes later."),
    ("nl", "summary", "Ik heb uw mail gelezen."),
    ("nl", "summary", "Ik ga het dossier straks lezen."),
]


@pytest.mark.parametrize(("lang", "kind", "text"), HEARD)
def test_heard(agent_behaviours: Callable[..., set[str]], lang: str, kind: str, text: str) -> None:
    assert kind in agent_behaviours(text, lang)


@pytest.mark.parametrize(("lang", "kind", "text"), NOT_HEARD)
def test_not_heard(
    agent_behaviours: Callable[..., set[str]], lang: str, kind: str, text: str
) -> None:
    assert kind not in agent_behaviours(text, lang)
