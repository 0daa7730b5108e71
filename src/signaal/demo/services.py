"""Loading the demo: Stroomlijn's team, contact reasons and customer stories.

Everything goes in through the platform's own services (``interaction_ingest``, ``case_assign``,
``case_set_status``, ``case_close``), so the listening engine analyses the demo conversations
exactly as it would analyse real ones. The conversations themselves are data files in
``data/``: ``setup.yaml`` (teams, users, contact reasons) and one file per customer in
``data/stories/``. Times in the files are relative to "now", so the queue always looks alive.

Loading is idempotent: interactions are recognised by their external id, users by their user
name (an existing user is never changed, so an admin's real password is safe), and reference
data is only created when missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from signaal.accounts.models import Role, Team, User
from signaal.accounts.services import roles_ensure, user_create
from signaal.cases.ingest import InteractionInput, TurnInput, interaction_ingest
from signaal.cases.models import BusinessHours, Case, Channel, ChannelNorm, ContactReason
from signaal.cases.norms import AMSTERDAM, DEFAULT_HOURS, DEFAULT_NORMS, NormCalendar
from signaal.cases.selectors import norm_calendar
from signaal.cases.services import case_assign, case_close, case_set_status

DATA_DIR = Path(__file__).parent / "data"
SPEAKERS = ("customer", "agent", "bot", "third_party")
SPOKEN = frozenset({"phone", "video", "in_person"})
# Seconds between written messages, before typing time: how fast each channel goes back and forth.
WRITTEN_GAP: dict[str, int] = {"chat": 20, "bot": 4, "whatsapp": 60, "messenger": 60}
SPEAKING_PACE = 14.0  # characters a second
TYPING_PACE = 4.0


class DemoDataError(Exception):
    """A demo data file does not say what the loader needs; names the file."""


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo log-in and whether this load created it."""

    username: str
    role: str
    name: str
    created: bool
    demo_password: bool = False


@dataclass(frozen=True, slots=True)
class DemoResult:
    """What a load did."""

    logins: tuple[DemoLogin, ...]
    password: str
    interactions_created: int
    cases_created: int
    customers: int
    stories: int

    @property
    def already_loaded(self) -> bool:
        """True when the demo conversations were all there before this load."""
        return self.interactions_created == 0


@dataclass(frozen=True, slots=True)
class Expectation:
    """What the engine should hear in a demo interaction (checked by the demo's tests)."""

    signals: tuple[str, ...] = ()
    picked_up: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    late: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # signal types a careful coach would not hear here


@dataclass(frozen=True, slots=True)
class Step:
    """One interaction of a story and what the team did with its case afterwards."""

    external_id: str
    channel: str
    when: str
    turns: tuple[tuple[str, str], ...]
    direction: str = "in"
    agent: str = ""
    reason: str = ""
    subject: str = ""
    thread: str = ""
    via: tuple[str, ...] = ()
    then: Mapping[str, Any] = field(default_factory=dict)
    expect: Expectation = Expectation()
    # What a coach hears (or rules out) here that the engine does not get right yet.
    gaps: Expectation = Expectation()


@dataclass(frozen=True, slots=True)
class Story:
    """One demo customer and their contacts, oldest first."""

    key: str
    title: str
    customer: str
    language: str
    identifiers: Mapping[str, str]
    steps: tuple[Step, ...]
    source: str


def demo_stories() -> list[Story]:
    """The stories in ``data/stories/``, in file-name order."""
    return [_story(path) for path in sorted((DATA_DIR / "stories").glob("*.yaml"))]


def demo_setup() -> dict[str, Any]:
    """The team, users and contact reasons of ``data/setup.yaml``."""
    return _read(DATA_DIR / "setup.yaml")


@transaction.atomic
def demo_load(*, now: dt.datetime | None = None) -> DemoResult:
    """Load the demo team, reference data and stories; loading twice adds nothing."""
    now = now or timezone.now()
    setup = demo_setup()
    roles_ensure()
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in setup["teams"]}
    logins, users = _users_ensure(setup, teams)
    _reasons_ensure(setup["reasons"])
    _calendar_ensure()
    calendar = norm_calendar()
    stories = demo_stories()
    created = cases = 0
    customers: set[int] = set()
    for story in stories:
        for step in story.steps:
            made, case_made, customer_id = _step_load(story, step, users, now, calendar)
            created += made
            cases += case_made
            customers.add(customer_id)
    return DemoResult(
        logins=tuple(logins),
        password=setup["password"],
        interactions_created=created,
        cases_created=cases,
        customers=len(customers),
        stories=len(stories),
    )


# --- reference data -------------------------------------------------------------------------


def _users_ensure(
    setup: Mapping[str, Any], teams: Mapping[str, Team]
) -> tuple[list[DemoLogin], dict[str, User]]:
    logins: list[DemoLogin] = []
    users: dict[str, User] = {}
    for spec in setup["users"]:
        user = User.objects.filter(username__iexact=spec["username"]).first()
        made = user is None
        if user is None:
            # Colleagues who only appear in the conversations get no password: no log-in.
            user = user_create(
                username=spec["username"],
                role=spec["role"],
                password=setup["password"] if spec.get("login") else None,
                team=teams.get(spec.get("team", "")),
                first_name=spec.get("first_name", ""),
                last_name=spec.get("last_name", ""),
                email=spec.get("email", ""),
            )
            if spec["role"] == Role.ADMIN:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        users[spec["key"]] = user
        if spec.get("login"):
            # An existing user whose password was changed keeps it; only the demo one is shown.
            demo_password = made or user.check_password(setup["password"])
            logins.append(
                DemoLogin(user.username, spec["role"], user.display_name, made, demo_password)
            )
    return logins, users


def _reasons_ensure(reasons: Sequence[Mapping[str, str]]) -> None:
    for reason in reasons:
        ContactReason.objects.get_or_create(
            code=reason["code"], defaults={"label": reason["label"]}
        )


def _calendar_ensure() -> None:
    if not ChannelNorm.objects.exists():
        ChannelNorm.objects.bulk_create(
            ChannelNorm(channel=channel, rule=rule, seconds=seconds)
            for channel, (rule, seconds) in DEFAULT_NORMS.items()
        )
    if not BusinessHours.objects.exists():
        BusinessHours.objects.bulk_create(
            BusinessHours(weekday=day, opens=opens, closes=closes)
            for day, (opens, closes) in DEFAULT_HOURS.items()
        )


# --- stories --------------------------------------------------------------------------------


def _step_load(
    story: Story,
    step: Step,
    users: Mapping[str, User],
    now: dt.datetime,
    calendar: NormCalendar,
) -> tuple[int, int, int]:
    started = moment(step.when, now=now, calendar=calendar)
    turns, ended = _timed_turns(step, started, calendar)
    actor = _user(users, step.agent, story) if step.agent else None
    result = interaction_ingest(
        data=InteractionInput(
            channel=step.channel,
            turns=turns,
            identifiers=[(kind, story.identifiers[kind]) for kind in step.via],
            external_id=step.external_id,
            started_at=started,
            customer_name=story.customer,
            subject=step.subject,
            thread_key=f"demo:{step.thread}" if step.thread else "",
            reason_code=step.reason,
            direction=step.direction,
            language=story.language,
        ),
        actor=actor,
        integration="demo",
    )
    customer_id = result.interaction.customer_id
    if not result.created:
        return 0, 0, customer_id
    case = Case.objects.get(pk=result.interaction.case_id)
    _then(case, step, story, users, actor, ended)
    return 1, int(result.case_created), customer_id


def _then(
    case: Case,
    step: Step,
    story: Story,
    users: Mapping[str, User],
    actor: User | None,
    ended: dt.datetime,
) -> None:
    then = step.then
    if "assign" in then:
        owner = _user(users, then["assign"], story)
        team = Team.objects.filter(name=then.get("team", "")).first() or owner.team
        case_assign(case=case, owner=owner, team=team, actor=actor or owner)
    if "status" in then:
        case_set_status(case=case, status=then["status"], actor=actor)
    if "close" in then:
        close = then["close"]
        closer = _user(users, close["by"], story) if "by" in close else actor
        case_close(
            case=case,
            reason_code=close["reason"],
            resolution=close["resolution"],
            summary=close.get("summary") or _latest_summary(case),
            close_reason=close.get("close_reason", ""),
            actor=closer,
        )
        # case_close stamps the real clock; in the demo the case was closed right after this
        # contact, days ago, which is what the timeline and first-contact resolution should see.
        closed_at = ended + dt.timedelta(minutes=int(close.get("after_minutes", 4)))
        Case.objects.filter(pk=case.pk).update(closed_at=closed_at)


def _latest_summary(case: Case) -> str:
    """The engine's summary of the latest interaction of ``case``."""
    latest = case.interactions.order_by("-started_at", "-id").first()
    return latest.analysis_summary if latest else ""


def _user(users: Mapping[str, User], key: str, story: Story) -> User:
    try:
        return users[key]
    except KeyError:
        raise DemoDataError(f"{story.source}: unknown agent {key!r}") from None


def _timed_turns(
    step: Step, started: dt.datetime, calendar: NormCalendar
) -> tuple[list[TurnInput], dt.datetime]:
    """Turns with start times (calls) or send times (writing), and when the contact ended."""
    out: list[TurnInput] = []
    clock = 0.0  # seconds since the start
    spoken = step.channel in SPOKEN
    gap = WRITTEN_GAP.get(step.channel)
    waited = False
    for speaker, text in step.turns:
        if speaker == "wait":
            # A pause sets when the next turn starts, typing time included.
            clock, waited = _wait(text, started, clock, calendar), True
            continue
        if spoken:
            out.append(TurnInput(speaker=speaker, text=text, start=round(clock, 1)))
            clock += max(1.5, len(text) / SPEAKING_PACE) + 0.7
        else:
            if gap is not None and out and not waited:
                clock += gap + len(text) / TYPING_PACE
            waited = False
            sent = started + dt.timedelta(seconds=round(clock))
            out.append(TurnInput(speaker=speaker, text=text, sent_at=sent))
    return out, started + dt.timedelta(seconds=round(clock))


def _wait(spec: str, started: dt.datetime, clock: float, calendar: NormCalendar) -> float:
    """The clock after a pause: ``"40m"`` later, or ``"next 08:50"``, the next working day."""
    found = _NEXT.fullmatch(spec)
    if not found:
        return clock + duration(spec).total_seconds()
    now = started + dt.timedelta(seconds=clock)
    day = calendar.next_working_day(now.astimezone(AMSTERDAM).date())
    hour, minute = int(found.group(1)), int(found.group(2))
    at = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)
    return (at - started).total_seconds()


_NEXT = re.compile(r"next (\d{1,2}):(\d{2})")
_WORKDAY = re.compile(r"(\d+)d (\d{1,2}):(\d{2})")
_DURATION = re.compile(r"(\d+)([smhd])")


def moment(spec: str, *, now: dt.datetime, calendar: NormCalendar) -> dt.datetime:
    """The time a story step happened: ``"3d 10:15"`` is three working days ago at 10:15
    (Amsterdam time); ``"50m"`` or ``"2h"`` is that long before ``now``."""
    found = _WORKDAY.fullmatch(spec)
    if found:
        days, hour, minute = (int(g) for g in found.groups())
        day = now.astimezone(AMSTERDAM).date()
        while days:
            day -= dt.timedelta(days=1)
            if calendar.is_working_day(day):
                days -= 1
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)
    return now - duration(spec)


def duration(spec: str) -> dt.timedelta:
    """``"40s"``, ``"15m"``, ``"3h"`` or ``"1d"`` as a time span."""
    found = _DURATION.fullmatch(str(spec).strip())
    if not found:
        raise DemoDataError(f"not a duration or moment: {spec!r}")
    amount, unit = int(found.group(1)), found.group(2)
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
    return dt.timedelta(seconds=amount * seconds)


# --- reading the files ----------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise DemoDataError(f"{path.name}: {exc}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise DemoDataError(f"{path.name}: expected a mapping at the top")
    return data


def _story(path: Path) -> Story:
    data = _read(path)
    source = f"stories/{path.name}"
    try:
        customer = data["customer"]
        identifiers = {str(k): str(v) for k, v in customer["identifiers"].items()}
        steps = tuple(_step(raw, source, identifiers) for raw in data["contacts"])
        return Story(
            key=path.stem,
            title=str(data["title"]),
            customer=str(customer["name"]),
            language=str(customer.get("language", "nl")),
            identifiers=identifiers,
            steps=steps,
            source=source,
        )
    except (KeyError, TypeError) as exc:
        raise DemoDataError(f"{source}: missing or malformed {exc}") from None


def _step(raw: Mapping[str, Any], source: str, identifiers: Mapping[str, str]) -> Step:
    where = f"{source} ({raw.get('id', '?')})"
    channel = str(raw["channel"])
    if channel not in Channel.values:
        raise DemoDataError(f"{where}: unknown channel {channel!r}")
    turns: list[tuple[str, str]] = []
    for item in raw["turns"]:
        if not isinstance(item, dict) or len(item) != 1:
            raise DemoDataError(f"{where}: each turn is one 'speaker: text' pair")
        ((speaker, text),) = item.items()
        if speaker not in (*SPEAKERS, "wait"):
            raise DemoDataError(f"{where}: unknown speaker {speaker!r}")
        turns.append((str(speaker), str(text).strip()))
    # By default a contact carries every identifier of the customer, as if the channel or the
    # agent recognised them; ``via`` narrows it (a relative writing with the customer number).
    via = tuple(raw.get("via", ())) or tuple(identifiers)
    if not via or any(kind not in identifiers for kind in via):
        raise DemoDataError(f"{where}: the customer lacks the identifiers {via!r}")
    return Step(
        external_id=f"demo-{raw['id']}",
        channel=channel,
        when=str(raw["when"]),
        turns=tuple(turns),
        direction=str(raw.get("direction", "in")),
        agent=str(raw.get("agent", "")),
        reason=str(raw.get("reason", "")),
        subject=str(raw.get("subject", "")),
        thread=str(raw.get("thread", "")),
        via=via,
        then=raw.get("then") or {},
        expect=_expectation(raw.get("expect"), where),
        gaps=_expectation(raw.get("engine_gaps"), where),
    )


def _expectation(raw: Mapping[str, Any] | None, where: str) -> Expectation:
    fields = set(Expectation.__dataclass_fields__)
    unknown = set(raw or {}) - fields
    if unknown:
        raise DemoDataError(f"{where}: unknown expectation {sorted(unknown)}")
    return Expectation(**{k: tuple(v) for k, v in (raw or {}).items()})
