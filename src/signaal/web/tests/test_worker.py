"""The embedded set-up analyses large transcripts with a worker thread inside the web process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Django is set up in the script itself, with the embedded (not the test) settings.
SETUP = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "signaal.web.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
"""


def last_line_of(script: str, data_dir: Path) -> str:
    """Run ``script`` in a fresh Python process with its own data folder; its last output line."""
    done = subprocess.run(
        [sys.executable, "-c", SETUP + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"SIGNAAL_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_inprocess_worker_runs_a_queued_analysis(tmp_path: Path) -> None:
    # A separate process: the test settings run tasks inline, the embedded settings do not.
    script = """
        import time
        from signaal.web.worker import start_inprocess_worker
        assert start_inprocess_worker()
        from django.conf import settings
        settings.SIGNAAL_INLINE_ANALYSIS_MAX_CHARS = 5
        from signaal.cases.models import Interaction
        from signaal.cases.ingest import InteractionInput, TurnInput, interaction_ingest
        result = interaction_ingest(data=InteractionInput(
            channel="chat", identifiers=[("email", "a@example.nl")],
            turns=[TurnInput(speaker="customer", text="Ik bel namens mijn moeder.")]))
        # Loading the engine takes a few seconds, more on a busy machine: wait up to a minute.
        for _ in range(1200):
            state = Interaction.objects.get(pk=result.interaction.pk).analysis_state
            if state != "pending":
                break
            time.sleep(0.05)
        print(state)
    """
    assert last_line_of(script, tmp_path) == "done"


def test_web_process_compiles_every_language_when_it_starts(tmp_path: Path) -> None:
    script = """
        import threading
        import signaal.web.wsgi  # the entry point a server loads
        [warm] = [t for t in threading.enumerate() if t.name == "signaal-engine-warm-up"]
        warm.join(timeout=100)
        from signaal.assist.lexicon import platform_listener
        print(sorted(platform_listener()._engines))
    """
    assert last_line_of(script, tmp_path) == "['en', 'nl']"


def test_web_process_compiles_the_engine_and_freezes_it(tmp_path: Path) -> None:
    # What wsgi.py starts: both languages compiled in a thread, then kept out of the cyclic
    # collector's walks (gc.freeze), as a web process runs.
    script = """
        import gc
        import threading
        import signaal.web.wsgi
        warm = [t for t in threading.enumerate() if t.name == "signaal-engine-warm-up"]
        assert warm, "no warm-up thread"
        warm[0].join(timeout=100)
        from signaal.assist.lexicon import platform_listener
        print(gc.get_freeze_count() > 100_000, sorted(platform_listener()._engines))
    """
    assert last_line_of(script, tmp_path) == "True ['en', 'nl']"
