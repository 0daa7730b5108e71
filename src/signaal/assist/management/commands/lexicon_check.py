"""manage.py lexicon_check "draft" [--lang nl|en] [--json]: the advice agents see as they type.

Unlike ``signaal lexicon check`` (the packs and pack folders only), this uses the platform's
lexicon: the packs plus the entries kept in the admin, as the reply composer does.
"""

from __future__ import annotations

import json
import shutil
import sys
from io import StringIO
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console

from signaal.assist.lexicon import platform_listener
from signaal.report import render_lexicon


class Command(BaseCommand):
    help = "Show the lexicon advice for a draft reply, with the lexicon entries of the admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help="the draft text, or - to read it from standard input")
        parser.add_argument("--lang", choices=("nl", "en"), default="nl")
        parser.add_argument("--json", action="store_true", help="the advice as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read() if options["text"] == "-" else options["text"]
        hits = platform_listener().check_draft(text, language=options["lang"])
        if options["json"]:
            self.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False))
            return
        width = shutil.get_terminal_size((120, 24)).columns  # the terminal's, or 120 in a pipe
        console = Console(file=StringIO(), width=width, highlight=False)
        console.print(render_lexicon(text, hits))
        self.stdout.write(console.file.getvalue(), ending="")  # type: ignore[attr-defined]
