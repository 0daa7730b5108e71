"""Benchmark of the listening engine on one core.

Generates a varied corpus of Dutch and English turns (templates with many slot values, names,
numbers and amounts, so that no sentence repeats), then measures:

  (a) the full analysis: turns per second over whole conversations, and the latency of one
      turn analysed as it arrives in a live call (a one-turn conversation), p50 and p99;
  (b) spaCy's bare tokenizer on the same texts, the floor any spaCy-based engine stands on;
  (c) the same rules run through spaCy's own Matcher instead of the anchored matcher;
  (d) the memory of a process with the engine loaded for both languages.

Run:  .venv/bin/python bench/engine.py [--turns 50000] [--json]
Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

NL_CUSTOMER = [
    "Ik bel {nth} keer over {thing}, {feeling}",
    "Goedemorgen, ik bel namens mijn {family} want {pron} {life}",
    "{Filler} ik zit nu in de {vehicle} en heb {doc} niet bij me",
    "Ik snap {doc} niet, wat moet ik met dat bedrag van {amount} euro?",
    "Kan ik de rekening van {month} in termijnen betalen? Het is krap sinds {life2}",
    "Jullie zouden {weekday} terugbellen maar ik heb niks gehoord",
    "Als dit niet opgelost wordt stap ik naar {body}",
    "Het zou handig zijn als {thing} ook in de app te zien was",
    "Dank u wel, fijn dat u zo snel {helped}!",
    "We zitten al sinds {clock} zonder {utility}, het moet vandaag nog opgelost",
    "Ik wil geen klacht indienen hoor, ik wil het alleen begrijpen",
    "Mijn klantnummer is {number} en mijn postcode {postcode}",
    "Kan ik gewoon een medewerker spreken in plaats van die bot?",
    "{Filler} ik maak me echt zorgen over {thing}",
    "Ik ben niet boos, maar wel teleurgesteld over {thing}",
    "Dan ga ik toch overstappen naar {competitor}",
    "Wilt u wat langzamer praten? Ik hoor niet zo goed meer",
    "Het adres is {street} {house} in {city}",
]
NL_AGENT = [
    "Goedemorgen, u spreekt met {name}, waarmee kan ik u helpen?",
    "Wat naar dat uw {family} {life}. Hoe gaat het nu met u?",
    "Als ik het goed begrijp wacht u al sinds {month} op {thing}?",
    "Ik bel u {weekday} voor {clock} terug met het antwoord",
    "Dat is vervelend. Wat is uw klantnummer?",
    "U moet eerst het formulier invullen, dat is beleid",
    "Ik denk dat het misschien aan {thing} ligt",
    "Het bedrag is hoger omdat {thing} in {month} is aangepast",
    "U kunt kiezen: ik stuur het per mail of per post",
    "Sorry, dat is bij ons misgegaan, daar bied ik u excuses voor",
    "Vertelt u eens, wat is er precies gebeurd met {thing}?",
]
EN_CUSTOMER = [
    "I'm calling for the {nth} time about {thing_en}, {feeling_en}",
    "Hi, I'm calling on behalf of my {family_en} because {pron_en} {life_en}",
    "Sorry, I'm driving right now and don't have {doc_en} with me",
    "I don't understand {doc_en}, what is this charge of {amount} euros?",
    "Could I pay the {month_en} bill in instalments? Money's tight since {life2_en}",
    "You promised to call me back on {weekday_en} but nobody did",
    "If this isn't sorted I'll go to {body_en}",
    "It would be great if {thing_en} showed up in the app",
    "Thank you so much, that's a real relief!",
    "We've had no {utility_en} since {clock}, it needs fixing today",
    "I'm not upset, I just want to understand {thing_en}",
    "Can I please talk to a real person instead of this bot?",
    "My account number is {number} and my phone is 06 {number}",
]
EN_AGENT = [
    "Good morning, you're speaking with {name}, how can I help?",
    "I'm so sorry about your {family_en}. How are you doing?",
    "So if I understand correctly, you've been waiting since {month_en} for {thing_en}?",
    "I'll call you back on {weekday_en} before {clock} with an answer",
    "I understand your frustration. Can I have your account number?",
    "You have to fill in the form first, that's our policy",
    "I think maybe it could be {thing_en}",
    "You can choose: I'll email it or send it by post",
]
SLOTS: dict[str, list[str]] = {
    "nth": ["de tweede", "de derde", "de vierde", "alweer de", "nu voor de vijfde"],
    "thing": [
        "de jaarafrekening",
        "mijn voorschot",
        "de storing",
        "het pakket",
        "de meterstand",
        "de opzegging",
        "mijn verhuizing",
        "de factuur",
        "het contract",
        "de monteur",
        "de aanmaning",
        "het wachtwoord",
        "de machtiging",
        "de app",
        "de toeslag",
    ],
    "feeling": [
        "ik word er gek van",
        "dit is echt belachelijk",
        "ik ben het zat",
        "het is gewoon niet normaal",
        "ik ben er klaar mee",
        "echt waar",
    ],
    "family": ["moeder", "vader", "oma", "schoonmoeder", "zoon", "dochter", "man", "vrouw"],
    "pron": ["zij", "hij", "ze"],
    "life": [
        "is vorige maand overleden",
        "ligt in het ziekenhuis",
        "is net verhuisd",
        "is ontslagen",
        "gaat scheiden",
        "is met pensioen",
    ],
    "life2": ["mijn ontslag", "de scheiding", "de geboorte van de baby", "mijn ziekte"],
    "Filler": ["Eh,", "Nou,", "Ja,", "Kijk,", "Hoi,", "Sorry,"],
    "vehicle": ["auto", "trein", "bus", "tram"],
    "doc": ["de brief", "mijn pasje", "de papieren", "het contract", "die factuur"],
    "month": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"],
    "weekday": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "morgen"],
    "body": ["de ombudsman", "de geschillencommissie", "de krant", "een advocaat"],
    "helped": ["geholpen heeft", "gereageerd heeft", "het geregeld hebt"],
    "utility": ["water", "stroom", "internet", "gas", "verwarming"],
    "competitor": ["een andere leverancier", "de concurrent", "een ander bedrijf"],
    "city": ["Utrecht", "Zwolle", "Breda", "Groningen", "Leiden", "Tilburg"],
    "street": ["Dorpsstraat", "Kerkweg", "Molenlaan", "Stationsplein", "Beukenlaan"],
    "name": ["Sanne", "Ahmed", "Fleur", "Daan", "Priya", "Joris", "Noor", "Kevin"],
    "thing_en": [
        "my final bill",
        "the outage",
        "the parcel",
        "the meter reading",
        "my refund",
        "the contract",
        "the engineer visit",
        "the reminder letter",
        "the app",
    ],
    "feeling_en": ["this is ridiculous", "I'm fed up", "I'm really annoyed", "honestly"],
    "family_en": ["mum", "dad", "grandmother", "husband", "wife", "son", "daughter"],
    "pron_en": ["she", "he"],
    "life_en": [
        "passed away last month",
        "is in hospital",
        "just moved house",
        "lost her job",
        "is getting divorced",
    ],
    "life2_en": ["I lost my job", "the divorce", "the baby arrived", "my illness"],
    "doc_en": ["the letter", "my card", "the paperwork", "the contract"],
    "month_en": ["January", "February", "March", "April", "May", "June"],
    "weekday_en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "body_en": ["the ombudsman", "the regulator", "the papers", "a solicitor"],
    "utility_en": ["water", "power", "internet", "heating"],
}
# Words mixed in so that the vocabulary keeps growing like real text does.
EXTRA = (
    "ongeveer zeker even eigenlijk trouwens overigens gewoon dus toch echt nog al "
    "really just actually basically anyway still already"
).split()


def _fill(template: str, rng: random.Random) -> str:
    out = template
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        key = out[start + 1 : end]
        if key == "amount":
            value = f"{rng.randint(10, 4000)},{rng.randint(0, 99):02}"
        elif key == "number":
            value = str(rng.randint(10_000_000, 99_999_999))
        elif key == "clock":
            value = f"{rng.randint(7, 22)}:{rng.choice(['00', '15', '30', '45'])}"
        elif key == "postcode":
            value = f"{rng.randint(1000, 9999)} {rng.choice('ABCDEFGHJK')}{rng.choice('LMNPRST')}"
        elif key == "house":
            value = str(rng.randint(1, 250))
        else:
            value = rng.choice(SLOTS[key])
        out = out[:start] + value + out[end + 1 :]
    words = out.split()
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randint(0, len(words)), rng.choice(EXTRA))
    return " ".join(words)


def generate(turns: int, seed: int = 7) -> list[tuple[str, list[tuple[str, str, float]]]]:
    """Conversations of 4-12 turns, 70% Dutch, until ``turns`` turns exist."""
    rng = random.Random(seed)
    conversations = []
    total = 0
    while total < turns:
        lang = "nl" if rng.random() < 0.7 else "en"
        customer, agent = (NL_CUSTOMER, NL_AGENT) if lang == "nl" else (EN_CUSTOMER, EN_AGENT)
        n = min(rng.randint(4, 12), turns - total)
        items = []
        clock = 0.0
        for i in range(n):
            speaker = "agent" if i % 2 == 0 else "customer"
            text = _fill(rng.choice(agent if speaker == "agent" else customer), rng)
            items.append((speaker, text, clock))
            clock += rng.uniform(2, 25)
        conversations.append((lang, items))
        total += n
    return conversations


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def memory_probe() -> None:
    """Run in a child process: load both languages and print the peak RSS in MB."""
    from signaal.engine import Listener

    listener = Listener()
    listener.preload()
    listener.check_draft("warm up", language="nl")
    print(_peak_rss_mb())


def _peak_rss_mb() -> float:
    """The peak resident memory of this process in MB.

    Read from VmHWM, not getrusage: on Linux ru_maxrss survives fork and exec, so a child
    started by a large parent would report the parent's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=50_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--memory-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe()
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from spacy.matcher import Matcher

    from signaal.engine import Listener
    from signaal.engine.model import Conversation, Turn

    data = generate(args.turns)
    conversations = [
        Conversation(
            id=f"b{i}",
            language=lang,
            turns=tuple(
                Turn(index=j, speaker=s, text=t, start=at)  # type: ignore[arg-type]
                for j, (s, t, at) in enumerate(items)
            ),
        )
        for i, (lang, items) in enumerate(data)
    ]
    n_turns = sum(len(c.turns) for c in conversations)
    distinct = len({t.text for c in conversations for t in c.turns})
    listener = Listener()
    t0 = time.perf_counter()
    listener.preload()
    load_seconds = time.perf_counter() - t0
    engines = {lang: listener.engine(lang) for lang in ("nl", "en")}

    # Warm the vocabulary once, as a long-running process has, then measure.
    for c in conversations:
        listener.analyze(c, language=c.language)
    gc.collect()

    t0 = time.perf_counter()
    for c in conversations:
        listener.analyze(c, language=c.language)
    full_seconds = time.perf_counter() - t0

    turn_latency: list[float] = []
    tok_latency: list[float] = []
    for c in conversations:
        tokenizer = engines[c.language or "nl"].nlp.tokenizer
        for turn in c.turns:
            single = Conversation(id="live", language=c.language, turns=(turn,))
            s = time.perf_counter()
            listener.analyze(single, language=c.language)
            turn_latency.append(time.perf_counter() - s)
            s = time.perf_counter()
            tokenizer(turn.text)
            tok_latency.append(time.perf_counter() - s)

    t0 = time.perf_counter()
    for c in conversations:
        tokenizer = engines[c.language or "nl"].nlp.tokenizer
        for turn in c.turns:
            tokenizer(turn.text)
    tok_seconds = time.perf_counter() - t0

    # (c) The same rules through spaCy's Matcher, matching only (no negation, no results).
    spacy_matchers = {}
    for lang, eng in engines.items():
        m = Matcher(eng.nlp.vocab)
        for rule in (*eng.customer.rules, *eng.agent.rules):
            for k, pattern in enumerate(_spacy_patterns(rule.specs)):
                m.add(f"{rule.id}/{k}", [pattern])
        spacy_matchers[lang] = m
    docs = [
        (c.language or "nl", engines[c.language or "nl"].nlp.tokenizer(t.text))
        for c in conversations
        for t in c.turns
    ]
    t0 = time.perf_counter()
    for lang, doc in docs:
        spacy_matchers[lang](doc)
    spacy_match_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for lang, doc in docs:
        engines[lang].customer(doc)
        engines[lang].agent(doc)
    anchored_seconds = time.perf_counter() - t0

    probe = subprocess.run(
        [sys.executable, __file__, "--memory-probe"], capture_output=True, text=True, check=True
    )
    memory_mb = float(probe.stdout.strip().splitlines()[-1])

    results: dict[str, Any] = {
        "turns": n_turns,
        "distinct_turn_texts": distinct,
        "conversations": len(conversations),
        "rules": {lang: len(e.customer.rules) + len(e.agent.rules) for lang, e in engines.items()},
        "load_seconds": round(load_seconds, 2),
        "full_turns_per_second": round(n_turns / full_seconds),
        "full_turn_p50_ms": round(_percentile(turn_latency, 0.50) * 1000, 3),
        "full_turn_p99_ms": round(_percentile(turn_latency, 0.99) * 1000, 3),
        "tokenizer_turns_per_second": round(n_turns / tok_seconds),
        "tokenizer_turn_p50_ms": round(_percentile(tok_latency, 0.50) * 1000, 3),
        "tokenizer_turn_p99_ms": round(_percentile(tok_latency, 0.99) * 1000, 3),
        "full_vs_tokenizer": round(full_seconds / tok_seconds, 2),
        "anchored_matcher_turns_per_second": round(n_turns / anchored_seconds),
        "spacy_matcher_turns_per_second": round(n_turns / spacy_match_seconds),
        "memory_mb_both_languages": round(memory_mb, 1),
        "mean_turn_ms": round(statistics.fmean(turn_latency) * 1000, 3),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for key, value in results.items():
        print(f"{key:36} {value}")


def _spacy_patterns(specs: Any) -> list[list[dict[str, Any]]]:
    """A TokenSpec sequence as spaCy Matcher patterns (one per norm/lower alternative)."""
    patterns: list[list[dict[str, Any]]] = [[]]
    for spec in specs:
        if spec.gap:
            token: list[dict[str, Any]] = [{"OP": f"{{0,{spec.gap}}}"}]
        elif spec.any_word:
            token = [{}]
        elif spec.regex is not None:
            token = [{"LOWER": {"REGEX": f"^(?:{spec.regex.pattern})$"}}]
        else:
            token = []
            if spec.norms:
                token.append({"NORM": {"IN": sorted(spec.norms)}})
            if spec.lowers:
                token.append({"LOWER": {"IN": sorted(spec.lowers)}})
        if spec.optional:
            token = [dict(t, OP="?") for t in token]
        patterns = [p + [t] for p in patterns for t in token]
    return patterns


if __name__ == "__main__":
    main()
