"""Benchmark of the platform at size: API ingest throughput and workspace page latency.

Builds a database of ``--cases`` cases and ``--turns`` turns (bulk inserts with realistic
distributions: channels, ~10% of cases open, due times, a few customers with many cases, long
calls, varied Dutch texts, detected signals stored directly without running the engine), then
measures, in one process through Django's test client:

  (a) ingest: POST /api/interactions with a Bearer token, the real path with the listening
      engine's analysis; interactions per second (sequential, one process) and p50/p95;
  (b) the queue page (GET / as a logged-in agent of a team): default filters, a channel
      filter and a later page; p50/p95;
  (c) the case page (GET /cases/<id>/): cases of the customers with the most interactions,
      cases with the longest calls, and ordinary cases; p50/p95.

Targets: >= 300 ingests/s on one process; queue and case page p95 < 150 ms.

Run:  nice -n 10 .venv/bin/python bench/platform_bench.py [--db sqlite|postgres] [--cases 100000]
      [--turns 1000000] [--ingests 2000] [--json] [--keep] [--reuse] [--profile]

SQLite goes to var/bench/platform.sqlite3; PostgreSQL to the database signaal_bench at
$BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/signaal_bench), created and dropped
here. ``--keep`` keeps the database afterwards; ``--reuse`` uses a kept one instead of building
a new one (migrations are still applied, so new indexes are measured). Results are recorded in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "platform.sqlite3"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/signaal_bench")
PROTECTED_DATABASES = frozenset({"signaal", "test_signaal", "postgres"})

TARGET_INGESTS_PER_S = 300.0
TARGET_P95_MS = 150.0
BATCH = 5000
CHUNK_CASES = 2000

# --- Dutch texts ------------------------------------------------------------------------------

# Word lists are "|"-separated strings: a line per word would make this file twice as long.
SLOTS: dict[str, Sequence[str]] = {
    "thing": (
        "de jaarafrekening|mijn termijnbedrag|de storing|de aansluiting|de meterstand|"
        "de verhuizing|mijn contract|de factuur van vorige maand|de nieuwe meter|"
        "het overstappen|de betalingsregeling|de monteur|mijn klantaccount|de incasso|"
        "de teruglevering|de slimme meter|het opzegformulier"
    ).split("|"),
    "family": "moeder|vader|oma|opa|buurvrouw|zoon|dochter|partner".split("|"),
    "life": (
        "is vorige maand overleden|is net verhuisd naar een verzorgingshuis|"
        "ligt in het ziekenhuis|is haar baan kwijt|is net bevallen|gaat scheiden"
    ).split("|"),
    "feeling": (
        "ik word er echt moe van|dit is nu al de derde keer|ik begrijp er niks van|"
        "het zit me niet lekker|ik ben het zat|ik maak me zorgen"
    ).split("|"),
    "nth": "tweede|derde|vierde|vijfde".split("|"),
    "weekday": "maandag|dinsdag|woensdag|donderdag|vrijdag".split("|"),
    "month": "januari|februari|maart|april|mei|juni|september|oktober".split("|"),
    "amount": "87,50|112|1.250|64,20|340|19,95|2.100".split("|"),
    "clock": "acht uur|half tien|twaalf uur|drie uur|vanochtend|gisteravond".split("|"),
    "name": "Sanne|Daan|Fatima|Joris|Emma|Mehmet|Lotte|Kees|Anouk".split("|"),
    "city": "Utrecht|Zwolle|Tilburg|Groningen|Almere|Delft|Arnhem".split("|"),
    "competitor": "een andere leverancier|de concurrent|een goedkopere partij".split("|"),
}
CUSTOMER_TEMPLATES = (
    "Ik bel nu al voor de {nth} keer over {thing}, {feeling}.",
    "Goedemiddag, ik bel namens mijn {family}, want die {life}.",
    "Ik snap {thing} niet, wat moet ik met dat bedrag van {amount} euro?",
    "Kan ik {thing} in termijnen betalen? Het is krap sinds mijn {family} {life}.",
    "Jullie zouden {weekday} terugbellen over {thing}, maar ik heb niks gehoord.",
    "Als {thing} niet vandaag geregeld wordt stap ik over naar {competitor}.",
    "Het zou handig zijn als {thing} ook in de app te zien was.",
    "Dank u wel {name}, fijn dat u zo snel geholpen heeft met {thing}!",
    "We zitten al sinds {clock} zonder stroom in {city}, het moet vandaag nog opgelost.",
    "Ik wil geen klacht indienen hoor, ik wil {thing} alleen begrijpen.",
    "Kan ik gewoon een medewerker spreken over {thing} in plaats van die bot?",
    "Ik ben niet boos, maar wel teleurgesteld over {thing}.",
    "Sinds {month} klopt {thing} niet meer, en nu moet ik {amount} euro bijbetalen.",
    "Ik heb in {month} al gemaild over {thing} en nog steeds geen antwoord.",
)
AGENT_TEMPLATES = (
    "Goedemiddag, u spreekt met {name}, waarmee kan ik u helpen?",
    "Wat naar dat uw {family} {life}. Hoe gaat het nu met u?",
    "Als ik het goed begrijp wacht u al sinds {month} op {thing}?",
    "Ik bel u {weekday} voor {clock} terug over {thing}.",
    "Dat is vervelend. Mag ik uw klantnummer, dan kijk ik naar {thing}.",
    "Het bedrag is hoger omdat {thing} in {month} is aangepast.",
    "Sorry, dat is bij ons misgegaan met {thing}, daar bied ik u excuses voor.",
    "Ik heb {thing} nu aangepast, u krijgt binnen vijf werkdagen een bevestiging.",
    "Vertelt u eens, wat is er precies gebeurd met {thing}?",
)
SUBJECTS = (
    "Vraag over jaarafrekening|Storing|Verhuizing|Betalingsregeling|Termijnbedrag|Opzeggen|"
    "Meterstand doorgeven|Klacht over monteur|Incasso mislukt|Overstappen"
).split("|")
FIRST_NAMES = (
    "Sanne|Daan|Fatima|Joris|Emma|Mehmet|Lotte|Kees|Anouk|Youssef|Ineke|Pieter|Noor|Bram|Esra|"
    "Willem|Mila|Sem"
).split("|")
LAST_NAMES = (
    "de Vries|Jansen|Bakker|Visser|Smit|Meijer|de Boer|Mulder|Yilmaz|Bos|Vos|Peters|Hendriks|"
    "El Amrani|van Dijk|Dekker"
).split("|")
REASONS = [
    (code, label)
    for code, label in (
        pair.split(":")
        for pair in (
            "billing:Rekening en betalen|outage:Storing|moving:Verhuizen|contract:Contract|"
            "meter:Meter en meterstanden|complaint:Klacht|payment_plan:Betalingsregeling|"
            "switch:Overstappen|other:Overig"
        ).split("|")
    )
]
# Channel of a case, with weights: calls and email dominate, as in most contact centres.
CHANNELS = [
    (name, int(weight))
    for name, weight in (
        pair.split(":")
        for pair in (
            "phone:30|email:25|chat:15|whatsapp:10|web_form:8|social:4|messenger:3|in_person:2|"
            "bot:2|video:1"
        ).split("|")
    )
]
SPOKEN = frozenset({"phone", "video", "in_person"})
WRITTEN_LONG = frozenset({"email", "web_form", "social"})
SIGNAL_TYPES = (
    "frustration|worry|gratitude|repeat_contact|third_party|life_event|financial_distress|"
    "confusion|churn_risk|urgency|human_request|broken_promise|complaint|idea"
).split("|")
OPEN_STATUSES = (("new", 35), ("open", 35), ("waiting_customer", 15), ("waiting_organisation", 15))


def _fill(template: str, rng: random.Random) -> str:
    out = template
    for key, values in SLOTS.items():
        token = "{" + key + "}"
        while token in out:
            out = out.replace(token, rng.choice(values), 1)
    return out


def text_pool(templates: Sequence[str], size: int, rng: random.Random) -> list[str]:
    """``size`` distinct-ish texts: one to three filled templates."""
    return [
        " ".join(_fill(rng.choice(templates), rng) for _ in range(rng.choice((1, 1, 2, 3))))
        for _ in range(size)
    ]


def weighted(pairs: Sequence[tuple[str, int]]) -> Callable[[random.Random], str]:
    """A chooser for (value, weight) pairs."""
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return lambda rng: rng.choices(values, weights)[0]


# --- set-up of Django and the database -------------------------------------------------------


def configure(db: str) -> None:
    """Environment for the settings module, before Django is set up."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "signaal.web.settings"
    os.environ["SIGNAAL_DATA_DIR"] = str(BENCH_DIR)
    os.environ["SIGNAAL_TASKS_IMMEDIATE"] = "1"  # long texts analysed inline, not queued
    os.environ["SIGNAAL_INPROCESS_WORKER"] = "0"
    # The per-token rate limit (50/s by default) would measure the throttle, not the platform.
    os.environ["SIGNAAL_API_THROTTLE_RATE"] = "1000000/s"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("REDIS_URL", None)
    if db == "postgres":
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(SQLITE_PATH)
    # This file is called platform.py: drop its folder from the path, or ``import platform``
    # (the standard library's, used by uuid and Django) would import this script again.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if str(Path(p or ".").resolve()) != here]
    sys.path.insert(0, str(ROOT / "src"))


def _pg_admin(sql: str) -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    if name in PROTECTED_DATABASES:
        raise SystemExit(f"refusing to touch the database {name!r}")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=name))


def database_exists(db: str) -> bool:
    """Whether a kept benchmark database is there."""
    if db == "sqlite":
        return SQLITE_PATH.exists()
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return row is not None


def database_drop(db: str) -> None:
    """Remove the benchmark database (never one of the others)."""
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    else:
        _pg_admin('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_create(db: str) -> None:
    """An empty benchmark database."""
    database_drop(db)
    if db == "postgres":
        _pg_admin('CREATE DATABASE "{name}"')


# --- bulk data -------------------------------------------------------------------------------


@dataclass
class CasePlan:
    """One case to generate: its customer, channel, and the turn count of each interaction."""

    customer: int
    channel: str
    turns: list[int]
    long_call: bool = False


@dataclass
class World:
    """What the generator made, for the measurements."""

    customers: int = 0
    cases: int = 0
    interactions: int = 0
    turns: int = 0
    signals: int = 0
    heavy_customers: list[int] = field(default_factory=list)
    long_cases: list[int] = field(default_factory=list)
    seconds: float = 0.0


def _raw_turns(channel: str, rng: random.Random) -> int:
    if channel in SPOKEN:
        return rng.randint(6, 28)
    if channel in WRITTEN_LONG:
        return rng.choice((1, 1, 1, 2))
    return rng.randint(3, 14)


def plan(cases: int, turns: int, rng: random.Random) -> tuple[int, list[CasePlan]]:
    """Customers and case plans whose turn counts add up to ``turns``."""
    customers = max(300, int(cases * 0.55))
    channel_of = weighted(CHANNELS)
    # A few customers (organisations, housing corporations) with many cases; most have one or two.
    owners: list[int] = []
    heavy = max(1, cases // 10_000)
    for c in range(1, heavy + 1):
        owners += [c] * rng.randint(100, 300)
    for c in range(heavy + 1, heavy + 1 + max(1, cases // 500)):
        owners += [c] * rng.randint(10, 40)
    owners = owners[: cases // 5]
    owners += [rng.randint(heavy + 1, customers) for _ in range(cases - len(owners))]
    rng.shuffle(owners)
    plans = []
    for owner in owners:
        channel = channel_of(rng)
        count = rng.choices((1, 2, 3, 4, 5, 6, 8), (45, 25, 14, 8, 4, 2, 2))[0]
        plans.append(CasePlan(owner, channel, [_raw_turns(channel, rng) for _ in range(count)]))
    # A few very long calls (an hour on the phone): 0.1% of the cases.
    for p in rng.sample(plans, max(1, cases // 1000)):
        p.channel = "phone"
        p.turns[0] = rng.randint(250, 400)
        p.long_call = True
    # Scale the ordinary interactions so that all turns add up to the requested number.
    fixed = sum(p.turns[0] for p in plans if p.long_call)
    raw = sum(sum(p.turns) for p in plans) - fixed
    scale = max(0.01, (turns - fixed) / raw)
    carry = 0.0
    for p in plans:
        for i, n in enumerate(p.turns):
            if p.long_call and i == 0:
                continue
            exact = n * scale + carry
            p.turns[i] = max(1, round(exact))
            carry = exact - p.turns[i]
    last = next(p for p in reversed(plans) if not p.long_call)
    last.turns[-1] = max(1, last.turns[-1] + turns - sum(sum(p.turns) for p in plans))
    return customers, plans


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(cases: int, turns: int, seed: int, log: Callable[[str], None]) -> World:
    """Fill the database with bulk inserts (the engine is not run for these turns)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from signaal.accounts.models import Team, User
    from signaal.assist.models import DetectedSignal
    from signaal.cases.models import Case, ContactReason, Interaction, Turn
    from signaal.customers.models import Customer, CustomerIdentifier

    started = time.perf_counter()
    rng = random.Random(seed)
    world = World()
    n_customers, plans = plan(cases, turns, rng)
    customer_texts = text_pool(CUSTOMER_TEMPLATES, 6000, rng)
    agent_texts = text_pool(AGENT_TEMPLATES, 4000, rng)
    now = timezone.now()
    teams = list(Team.objects.order_by("pk"))
    agents_by_team = {t.pk: list(User.objects.filter(team=t)) for t in teams}
    reasons = list(ContactReason.objects.order_by("pk"))
    status_of = weighted(OPEN_STATUSES)

    log(f"customers: {n_customers}")
    heavy = {p.customer for p in plans if p.customer <= max(1, cases // 10_000)}
    world.heavy_customers = sorted(heavy)
    for chunk in _chunks(range(1, n_customers + 1), BATCH * 4):
        with transaction.atomic():
            Customer.objects.bulk_create(
                (
                    Customer(
                        id=c,
                        name=(
                            f"Woonstichting {rng.choice(LAST_NAMES)} {c}"
                            if c in heavy
                            else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                        ),
                        kind="organisation" if c in heavy else "person",
                        language="nl" if rng.random() < 0.93 else "en",
                    )
                    for c in chunk
                ),
                batch_size=BATCH,
            )
            identifiers = []
            for c in chunk:
                identifiers.append(
                    CustomerIdentifier(id=2 * c - 1, customer_id=c, kind="email", value=_email(c))
                )
                if rng.random() < 0.6:
                    identifiers.append(
                        CustomerIdentifier(id=2 * c, customer_id=c, kind="phone", value=_phone(c))
                    )
            CustomerIdentifier.objects.bulk_create(identifiers, batch_size=BATCH)
    world.customers = n_customers

    case_id = interaction_id = turn_id = signal_id = 0
    for n_chunk, chunk in enumerate(_chunks(plans, CHUNK_CASES)):
        case_rows, interaction_rows, turn_rows, signal_rows = [], [], [], []
        for p in chunk:
            case_id += 1
            is_open = rng.random() < 0.10
            opened = (
                now - dt.timedelta(hours=rng.uniform(0.1, 24 * 10))
                if is_open
                else now - dt.timedelta(days=rng.uniform(10, 730))
            )
            team = rng.choice(teams) if rng.random() < (0.75 if is_open else 0.9) else None
            owner = (
                rng.choice(agents_by_team[team.pk])
                if team and agents_by_team[team.pk] and rng.random() < (0.4 if is_open else 0.95)
                else None
            )
            due = (
                (now + dt.timedelta(hours=rng.uniform(-72, 120)) if is_open else opened)
                if rng.random() > 0.02
                else None
            )
            reason = rng.choice(reasons) if not is_open or rng.random() < 0.3 else None
            if p.long_call:
                world.long_cases.append(case_id)
            case_rows.append(
                Case(
                    id=case_id,
                    customer_id=p.customer,
                    reason=reason,
                    subject=rng.choice(SUBJECTS),
                    status=status_of(rng) if is_open else "closed",
                    priority=rng.choices((1, 2, 3, 4), (10, 70, 15, 5))[0],
                    channel=p.channel,
                    owner=owner,
                    team=team,
                    thread_key=f"<case-{case_id}@mail.example.nl>" if p.channel == "email" else "",
                    opened_at=opened,
                    due_at=due,
                    first_response_at=opened + dt.timedelta(minutes=rng.uniform(1, 600)),
                    closed_at=None if is_open else opened + dt.timedelta(days=rng.uniform(0, 9)),
                    resolution="" if is_open else "Uitgelegd en aangepast in het klantsysteem.",
                    summary="" if is_open else "Klant geholpen; afspraak bevestigd per e-mail.",
                )
            )
            at = opened
            for i, n_turns in enumerate(p.turns):
                interaction_id += 1
                channel = p.channel if rng.random() < 0.85 else weighted(CHANNELS)(rng)
                if i == 0 or rng.random() < 0.6:
                    direction = "in"
                else:
                    direction = "out" if rng.random() < 0.8 else "internal"
                spoken = channel in SPOKEN
                interaction_rows.append(
                    Interaction(
                        id=interaction_id,
                        case_id=case_id,
                        customer_id=p.customer,
                        channel=channel,
                        direction=direction,
                        external_id=f"bulk-{interaction_id}",
                        subject=rng.choice(SUBJECTS) if channel in WRITTEN_LONG else "",
                        started_at=at,
                        ended_at=at + dt.timedelta(seconds=20 * n_turns) if spoken else None,
                        language="nl",
                        author=owner if direction != "in" else None,
                        analysis_state="done",
                        analysis_summary="De klant vraagt naar " + rng.choice(SLOTS["thing"]),
                        analysis={"language": "nl", "opening": {"turns": [0, 1]}, "pickup": []},
                    )
                )
                first_turn = turn_id + 1
                for index in range(n_turns):
                    turn_id += 1
                    if direction == "in":
                        speaker = "customer" if index % 2 == 0 else "agent"
                    else:
                        speaker = "agent" if index % 2 == 0 else "customer"
                    if n_turns == 1 and direction == "in":
                        speaker = "customer"
                    text = rng.choice(customer_texts if speaker == "customer" else agent_texts)
                    turn_rows.append(
                        Turn(
                            id=turn_id,
                            interaction_id=interaction_id,
                            index=index,
                            speaker=speaker,
                            text=text,
                            start=index * 17.5 if spoken else None,
                            sent_at=None if spoken else at + dt.timedelta(minutes=index),
                        )
                    )
                    if speaker == "customer" and rng.random() < 0.18:
                        signal_id += 1
                        end = min(len(text), rng.randint(12, 40))
                        picked = rng.choices((True, False, None), (60, 25, 15))[0]
                        signal_rows.append(
                            DetectedSignal(
                                id=signal_id,
                                interaction_id=interaction_id,
                                turn_id=turn_id,
                                type=rng.choice(SIGNAL_TYPES),
                                strength="explicit" if rng.random() < 0.6 else "hint",
                                span_start=0,
                                span_end=end,
                                text=text[:end],
                                pattern="bench",
                                in_opening=index < 2,
                                picked_up=picked,
                                pickup_turn_id=(
                                    turn_id + 1 if picked and index + 1 < n_turns else None
                                ),
                            )
                        )
                assert turn_id - first_turn + 1 == n_turns
                at += dt.timedelta(hours=rng.uniform(0.5, 72))
        with transaction.atomic():
            Case.objects.bulk_create(case_rows, batch_size=BATCH)
            Interaction.objects.bulk_create(interaction_rows, batch_size=BATCH)
            Turn.objects.bulk_create(turn_rows, batch_size=BATCH)
            DetectedSignal.objects.bulk_create(signal_rows, batch_size=BATCH)
        if n_chunk % 10 == 9:
            log(f"  {case_id} cases, {turn_id} turns ({time.perf_counter() - started:.0f} s)")
    world.cases, world.interactions, world.turns, world.signals = (
        case_id,
        interaction_id,
        turn_id,
        signal_id,
    )
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        models = [Customer, CustomerIdentifier, Case, Interaction, Turn, DetectedSignal]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    world.seconds = time.perf_counter() - started
    return world


def _email(customer_id: int) -> str:
    return f"klant{customer_id}@example.nl"


def _phone(customer_id: int) -> str:
    return f"+3161{customer_id:07d}"


def setup_people() -> tuple[Any, str]:
    """Roles, teams, agents, contact reasons and an ingest token; returns (agent, secret)."""
    from signaal.accounts.models import Team
    from signaal.accounts.services import roles_ensure, user_create
    from signaal.cases.models import ContactReason
    from signaal.integrations.services import api_token_create

    roles_ensure()
    for code, label in REASONS:
        ContactReason.objects.get_or_create(code=code, defaults={"label": label})
    teams = [Team.objects.get_or_create(name=name)[0] for name in ("Energie", "Water", "Zakelijk")]
    from signaal.accounts.models import User

    for team in teams:
        for i in range(4):
            username = f"bench-{team.name.lower()}-{i}"
            if not User.objects.filter(username=username).exists():
                user_create(username=username, role="agent", team=team, first_name=f"Agent {i}")
    agent = User.objects.get(username="bench-energie-0")
    _, secret = api_token_create(name="bench", scopes=["ingest"])
    return agent, secret


def world_of_database() -> World:
    """A World for a kept database (``--reuse``): counts and the cases worth measuring."""
    from signaal.assist.models import DetectedSignal
    from signaal.cases.models import Case, Interaction, Turn
    from signaal.customers.models import Customer

    world = World(
        customers=Customer.objects.count(),
        cases=Case.objects.count(),
        interactions=Interaction.objects.count(),
        turns=Turn.objects.count(),
        signals=DetectedSignal.objects.count(),
    )
    world.heavy_customers = list(
        Customer.objects.filter(kind="organisation").order_by("pk").values_list("pk", flat=True)
    )
    # The generator's long calls have 250 turns or more; ingested ones far fewer.
    world.long_cases = list(
        Turn.objects.filter(index=249).values_list("interaction__case_id", flat=True)
    )
    return world


# --- measurements ----------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ingest_payloads(n: int, customers: int, seed: int) -> list[dict[str, Any]]:
    """Realistic API bodies: half from known customers (by email or phone), half new ones."""
    rng = random.Random(seed)
    customer_texts = text_pool(CUSTOMER_TEMPLATES, 2000, rng)
    agent_texts = text_pool(AGENT_TEMPLATES, 1000, rng)
    channel_of = weighted(CHANNELS)
    run = f"{int(time.time())}-{seed}"
    bodies = []
    for i in range(n):
        channel = channel_of(rng)
        if customers and rng.random() < 0.5:
            c = rng.randint(1, customers)
            identifiers = [
                {"kind": "email", "value": _email(c)}
                if rng.random() < 0.7
                else {"kind": "phone", "value": _phone(c)}
            ]
            name = ""
        else:
            identifiers = [{"kind": "email", "value": f"nieuw-{run}-{i}@example.org"}]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        n_turns = _raw_turns(channel, rng)
        turns = []
        for index in range(n_turns):
            speaker = "customer" if index % 2 == 0 else "agent"
            text = rng.choice(customer_texts if speaker == "customer" else agent_texts)
            turn: dict[str, Any] = {"speaker": speaker, "text": text}
            if channel in SPOKEN:
                turn["start"] = index * 15.0
            turns.append(turn)
        body: dict[str, Any] = {
            "channel": channel,
            "external_id": f"bench-{run}-{i}",
            "customer": {"name": name, "identifiers": identifiers},
            "subject": rng.choice(SUBJECTS) if channel in WRITTEN_LONG else "",
            "turns": turns,
        }
        if rng.random() < 0.3:
            body["reason"] = rng.choice(REASONS)[0]
        bodies.append(body)
    return bodies


def _timed(
    post: Callable[[Any], bool], requests: Sequence[Any], warmup: int
) -> tuple[list[float], float]:
    """Send ``requests`` one after another (the first ``warmup`` untimed): latencies, total."""
    for request in requests[:warmup]:
        post(request)
    gc.collect()
    latencies = []
    started = time.perf_counter()
    for request in requests[warmup:]:
        t0 = time.perf_counter()
        post(request)
        latencies.append(time.perf_counter() - t0)
    return latencies, time.perf_counter() - started


def measure_ingest(secret: str, bodies: list[dict[str, Any]], warmup: int) -> dict[str, float]:
    """Sequential POST /api/interactions in this process; interactions per second."""
    from django.test import Client

    from signaal.assist.lexicon import platform_listener

    # As a web process does when it starts (web/worker.py warm_up_engine): both languages,
    # then the long-lived objects frozen out of the cyclic collector's sight.
    platform_listener().preload()
    gc.freeze()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def post(body: dict[str, Any]) -> bool:
        response = client.post("/api/interactions", body, content_type="application/json")
        if response.status_code != 201:
            raise SystemExit(f"ingest failed: {response.status_code} {response.content[:300]!r}")
        return True

    latencies, total = _timed(post, bodies, warmup)
    timed = bodies[warmup:]
    return {
        "ingests": len(timed),
        "seconds": total,
        "per_s": len(timed) / total,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "turns_per_ingest": sum(len(b["turns"]) for b in timed) / len(timed),
    }


def measure_batches(
    secret: str, bodies: list[dict[str, Any]], size: int, warmup: int
) -> dict[str, float]:
    """Sequential POST /api/interactions/batch of ``size`` each; interactions per second."""
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def post(batch: Sequence[dict[str, Any]]) -> bool:
        response = client.post(
            "/api/interactions/batch",
            {"interactions": list(batch)},
            content_type="application/json",
        )
        if response.status_code != 200 or not all(r["created"] for r in response.json()["results"]):
            raise SystemExit(f"batch failed: {response.status_code} {response.content[:300]!r}")
        return True

    batches = list(_chunks(bodies, size))
    latencies, total = _timed(post, batches, warmup)
    count = sum(len(b) for b in batches[warmup:])
    return {
        "ingests": count,
        "batch_size": size,
        "seconds": total,
        "per_s": count / total,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
    }


def measure_engine(bodies: list[dict[str, Any]]) -> float:
    """The listening engine alone on the same interactions: the ceiling for ingest per second."""
    from signaal.engine import Conversation, Turn, default_listener

    listener = default_listener()
    conversations = [
        Conversation(
            id=str(i),
            channel=b["channel"],
            language=None,
            turns=tuple(
                Turn(index=j, speaker=t["speaker"], text=t["text"], start=t.get("start"))
                for j, t in enumerate(b["turns"])
            ),
        )
        for i, b in enumerate(bodies)
    ]
    started = time.perf_counter()
    for conversation in conversations:
        listener.analyze(conversation)
    return len(conversations) / (time.perf_counter() - started)


def measure_pages(
    client: Any, urls: Sequence[str], requests: int, profile: bool, label: str
) -> dict[str, float]:
    """p50/p95 of GETs cycling through ``urls`` (after one warm-up each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: {response.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        client.get(urls[0])
    # Read now: the next request's request_started signal empties the query log.
    queries = len(ctx.captured_queries)
    if profile:
        print(f"\n-- {label}: {urls[0]} — {queries} queries, slowest:")
        slow = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:4]
        for q in slow:
            print(f"   {float(q['time']) * 1000:7.1f} ms  {q['sql'][:400]}")
    latencies = []
    size = 0
    for i in range(requests):
        url = urls[i % len(urls)]
        t0 = time.perf_counter()
        response = client.get(url)
        latencies.append(time.perf_counter() - t0)
        size = max(size, len(response.content))
    return {
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "max_ms": max(latencies) * 1000,
        "queries": queries,
        "kb": size / 1024,
    }


def case_sets(world: World, agent: Any, rng: random.Random) -> dict[str, list[str]]:
    """Case page URLs the agent may open: the latest case of the customers with the most
    interactions, cases with the longest calls, and ordinary cases."""
    from django.db.models import Count

    from signaal.cases.models import Interaction
    from signaal.workspace.selectors import cases_visible

    visible = cases_visible(user=agent)
    busiest = (
        Interaction.objects.values("customer_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("customer_id", flat=True)[:20]
    )
    heavy = [
        pk
        for c in busiest
        for pk in visible.filter(customer_id=c)
        .order_by("-opened_at")
        .values_list("pk", flat=True)[:1]
    ][:5]
    long_calls = list(visible.filter(pk__in=world.long_cases).values_list("pk", flat=True)[:10])
    ids = list(visible.order_by("pk").values_list("pk", flat=True))
    ordinary = rng.sample(ids, min(20, len(ids)))
    return {
        "many interactions": [f"/cases/{pk}/" for pk in heavy],
        "long calls": [f"/cases/{pk}/" for pk in long_calls],
        "ordinary": [f"/cases/{pk}/" for pk in ordinary],
    }


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--ingests", type=int, default=2000)
    parser.add_argument(
        "--batch", type=int, default=50, help="interactions per batch request (0: no batches)"
    )
    parser.add_argument("--requests", type=int, default=60, help="timed GETs per page kind")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a kept database if there")
    parser.add_argument("--profile", action="store_true", help="print the slowest queries")
    args = parser.parse_args()

    def log(message: str) -> None:
        if not args.json:
            print(message, file=sys.stderr, flush=True)

    configure(args.db)
    reuse = args.reuse and database_exists(args.db)
    if not reuse:
        database_create(args.db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from signaal.accounts.models import User

    results: dict[str, Any] = {"db": args.db, "database": connection.vendor}
    # Other work on the machine shows in the p95: the load average says how much there was.
    results["load_before"] = [round(x, 2) for x in os.getloadavg()]
    try:
        log(f"migrating ({args.db}) ...")
        call_command("migrate", verbosity=0)
        agent, secret = setup_people()
        if reuse:
            world = world_of_database()
            log(f"reusing {world.cases} cases, {world.turns} turns")
        else:
            log(f"generating {args.cases} cases, {args.turns} turns ...")
            world = generate(args.cases, args.turns, args.seed, log)
            log(f"generated in {world.seconds:.0f} s")
        results["data"] = {
            "customers": world.customers,
            "cases": world.cases,
            "open_cases": 0,
            "interactions": world.interactions,
            "turns": world.turns,
            "signals": world.signals,
            "generate_s": round(world.seconds, 1),
        }
        from signaal.cases.models import Case

        results["data"]["open_cases"] = Case.objects.exclude(status="closed").count()

        client = Client()
        client.force_login(User.objects.get(pk=agent.pk))
        rng = random.Random(args.seed)
        pages: dict[str, dict[str, float]] = {}
        log("queue ...")
        pages["queue (default)"] = measure_pages(
            client, ["/"], args.requests, args.profile, "queue"
        )
        pages["queue (channel=email)"] = measure_pages(
            client, ["/?channel=email"], args.requests, args.profile, "queue channel"
        )
        pages["queue (page 20)"] = measure_pages(
            client, ["/?page=20"], args.requests, args.profile, "queue page 20"
        )
        log("case pages ...")
        for name, urls in case_sets(world, agent, rng).items():
            if urls:
                pages[f"case ({name})"] = measure_pages(
                    client, urls, args.requests, args.profile, f"case {name}"
                )
        results["pages"] = pages

        if args.ingests > 0:
            log(f"ingest x {args.ingests} ...")
            bodies = ingest_payloads(args.ingests + 20, world.customers, args.seed)
            results["ingest"] = measure_ingest(secret, bodies, warmup=20)
            results["ingest"]["engine_only_per_s"] = measure_engine(bodies[20:])
        if args.ingests > 0 and args.batch > 0:
            log(f"ingest x {args.ingests} in batches of {args.batch} ...")
            # Other contacts (other external ids, the same mix): the batch path stores them all.
            batch_bodies = ingest_payloads(
                args.ingests + 2 * args.batch, world.customers, args.seed + 1
            )
            results["batch"] = measure_batches(secret, batch_bodies, args.batch, warmup=2)
        results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        connection.close()
        if not args.keep:
            database_drop(args.db)
    report(results, as_json=args.json)


def report(results: dict[str, Any], *, as_json: bool) -> None:
    """A table of the figures against the targets (or JSON)."""
    ingest = results.get("ingest")
    batch = results.get("batch")
    checks = [("ingest per second", ingest["per_s"], TARGET_INGESTS_PER_S, ">=")] if ingest else []
    if batch:
        name = f"ingest per second, batches of {batch['batch_size']}"
        checks.append((name, batch["per_s"], TARGET_INGESTS_PER_S, ">="))
    checks += [
        (f"{k} p95 ms", v["p95_ms"], TARGET_P95_MS, "<") for k, v in results["pages"].items()
    ]
    results["targets"] = [
        {
            "metric": name,
            "value": round(value, 1),
            "target": f"{op} {target:g}",
            "met": value >= target if op == ">=" else value < target,
        }
        for name, value, target, op in checks
    ]
    if as_json:
        print(json.dumps(results, indent=2, default=str))
        return
    d = results["data"]
    print(
        f"\n{results['db']}: {d['cases']} cases ({d['open_cases']} open), {d['interactions']} "
        f"interactions, {d['turns']} turns, {d['signals']} signals, {d['customers']} customers"
        f" (generated in {d['generate_s']} s); load average {results['load_before']} before,"
        f" {results['load_after']} after"
    )
    if ingest:
        print(
            f"\ningest: {ingest['ingests']} interactions ({ingest['turns_per_ingest']:.1f} turns "
            f"each) in {ingest['seconds']:.1f} s = {ingest['per_s']:.0f}/s; "
            f"p50 {ingest['p50_ms']:.1f} ms, p95 {ingest['p95_ms']:.1f} ms; the engine alone on "
            f"the same interactions: {ingest['engine_only_per_s']:.0f}/s"
        )
    if batch:
        print(
            f"ingest in batches of {batch['batch_size']}: {batch['ingests']} interactions in "
            f"{batch['seconds']:.1f} s = {batch['per_s']:.0f}/s; per batch p50 "
            f"{batch['p50_ms']:.0f} ms, p95 {batch['p95_ms']:.0f} ms"
        )
    print(f"\n{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'KB':>7}")
    for name, v in results["pages"].items():
        print(
            f"{name:32} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f} {v['max_ms']:8.1f} "
            f"{v['queries']:8d} {v['kb']:7.0f}"
        )
    print(f"\n{'target':40} {'value':>10} {'target':>10}  met")
    for t in results["targets"]:
        print(
            f"{t['metric']:40} {t['value']:10.1f} {t['target']:>10}  {'yes' if t['met'] else 'NO'}"
        )


if __name__ == "__main__":
    main()
