"""The ``signaal`` command line: analyse conversations, evaluate the engine, check a draft."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from signaal.engine import Listener
from signaal.engine.errors import CorpusError, EngineError, InputError, PackError
from signaal.engine.evaluate import evaluate, read_corpus
from signaal.engine.model import Analysis

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl", ".vtt", ".srt")
# Below this many files a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 8

logger = logging.getLogger("signaal")


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What ``signaal analyze`` was asked to do, passed to worker processes."""

    language: str | None
    redact: bool
    opening_seconds: float
    pack_dirs: tuple[str, ...]
    input_format: str | None


@dataclass(frozen=True, slots=True)
class FileResult:
    """The analyses of one file, or the one-line reason it could not be read."""

    path: str
    analyses: tuple[Analysis, ...]
    error: str | None


_worker_listener: Listener | None = None


def _init_worker(options: AnalyzeOptions) -> None:
    global _worker_listener
    if _worker_listener is None:
        _worker_listener = Listener(
            pack_dirs=options.pack_dirs, opening_seconds=options.opening_seconds
        )


def _analyze_file(path: str, options: AnalyzeOptions) -> FileResult:
    from signaal.engine.readers import read_path

    listener = _worker_listener
    assert listener is not None
    try:
        conversations = read_path(path, format=options.input_format)
        analyses = tuple(
            listener.analyze(c, language=options.language, redact=options.redact)
            for c in conversations
        )
    except InputError as exc:
        return FileResult(path, (), exc.describe())
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch
        logger.debug("internal error on %s", path, exc_info=True)
        return FileResult(path, (), f"{path}: could not be analysed ({type(exc).__name__}: {exc})")
    return FileResult(path, analyses, None)


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files as given, and the supported files inside any folder, in a stable order."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            out.append(raw)
    return out


def _run(files: list[str], options: AnalyzeOptions, jobs: int) -> Iterator[FileResult]:
    global _worker_listener
    listener = Listener(pack_dirs=options.pack_dirs, opening_seconds=options.opening_seconds)
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        _worker_listener = listener
        for path in files:
            yield _analyze_file(path, options)
        return
    # Compile the packs once here; forked workers share them copy-on-write.
    listener.preload()
    _worker_listener = listener
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(options,)
    ) as pool:
        chunk = max(1, min(64, len(files) // (jobs * 4) or 1))
        yield from pool.map(_analyze_file, files, [options] * len(files), chunksize=chunk)


def cmd_analyze(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``signaal analyze``."""
    from signaal.report import render_analysis

    options = AnalyzeOptions(
        language=None if args.lang == "auto" else args.lang,
        redact=args.redact,
        opening_seconds=args.opening_seconds,
        pack_dirs=tuple(args.pack_dir or ()),
        input_format=args.format,
    )
    files = expand_paths(args.paths)
    if not files:
        err.print("signaal: no conversation files found", markup=False, highlight=False)
        return EXIT_BAD_INPUT
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    failed = 0
    show_progress = len(files) > 1 and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_progress,
    )
    with progress:
        task = progress.add_task("analysing", total=len(files))
        for result in _run(files, options, jobs):
            progress.advance(task)
            if result.error:
                failed += 1
                err.print(f"signaal: {result.error}", markup=False, highlight=False, soft_wrap=True)
                continue
            for analysis in result.analyses:
                if args.json:
                    sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
                else:
                    out.print(render_analysis(analysis))
                    out.print()
    sys.stdout.flush()
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_eval(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``signaal eval``."""
    from signaal.report import render_scores

    listener = Listener(pack_dirs=tuple(args.pack_dir or ()))
    try:
        scores = evaluate(read_corpus(args.corpus), listener=listener)
    except (CorpusError, InputError) as exc:
        err.print(f"signaal: {exc}", markup=False, highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT
    if args.json:
        data: dict[str, Any] = {"languages": scores.to_dict()}
        if args.errors:
            data["false_positives"] = scores.errors.false_positives
            data["false_negatives"] = scores.errors.false_negatives
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.print(render_scores(scores))
    if args.errors:
        for label, items in (
            ("false positive", scores.errors.false_positives),
            ("false negative", scores.errors.false_negatives),
        ):
            for e in items:
                out.print(
                    f"{label:15} {e['type']:20} {e['conversation']}#{e['turn']}: {e['text']}",
                    markup=False,
                    highlight=False,
                )
    return EXIT_OK


def cmd_lexicon_check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``signaal lexicon check``."""
    from signaal.report import render_lexicon

    text = sys.stdin.read() if args.text == "-" else args.text
    listener = Listener(pack_dirs=tuple(args.pack_dir or ()))
    hits = listener.check_draft(text, language=args.lang)
    if args.json:
        sys.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False) + "\n")
    else:
        out.print(render_lexicon(text, hits))
    return EXIT_OK


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError("the opening must be between 0 and 3600 seconds")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="signaal",
        description="Signaal listening engine: hear the signals in customer conversations.",
    )
    parser.add_argument("--debug", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    pack = argparse.ArgumentParser(add_help=False)
    pack.add_argument(
        "--pack-dir",
        action="append",
        metavar="DIR",
        help="a folder with nl/ and en/ pattern files that add to or override "
        "the built-in packs (may be given more than once)",
    )

    an = sub.add_parser(
        "analyze",
        parents=[pack],
        help="analyse conversation files (.txt, .json, .jsonl, .vtt, .srt)",
    )
    an.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    an.add_argument(
        "--json", action="store_true", help="one JSON object per conversation per line (JSON Lines)"
    )
    an.add_argument(
        "--lang",
        choices=("nl", "en", "auto"),
        default="auto",
        help="the conversations' language (default: detect per conversation)",
    )
    an.add_argument(
        "--redact",
        action="store_true",
        help="replace personal data (BSN, IBAN, phone, email, ...) in all output",
    )
    an.add_argument(
        "--opening-seconds",
        type=_positive_seconds,
        default=30.0,
        metavar="N",
        help="length of a call's opening in seconds (default 30)",
    )
    an.add_argument(
        "--format",
        choices=("txt", "json", "jsonl", "vtt", "srt"),
        help="read every file as this format instead of by its extension",
    )
    an.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes for many files (default: all cores)",
    )
    an.set_defaults(func=cmd_analyze)

    ev = sub.add_parser(
        "eval", parents=[pack], help="precision, recall and F1 against an annotated corpus"
    )
    ev.add_argument("corpus", nargs="+", metavar="CORPUS", help="corpus files or folders")
    ev.add_argument("--json", action="store_true", help="the figures as JSON")
    ev.add_argument("--errors", action="store_true", help="also list the mistakes")
    ev.set_defaults(func=cmd_eval)

    lex = sub.add_parser("lexicon", help="the language lexicon")
    lex_sub = lex.add_subparsers(dest="lexicon_command", required=True)
    check = lex_sub.add_parser("check", parents=[pack], help="lexicon advice for a draft reply")
    check.add_argument("text", help="the draft text, or - to read it from standard input")
    check.add_argument("--lang", choices=("nl", "en", "auto"), default="nl")
    check.add_argument("--json", action="store_true", help="the advice as JSON")
    check.set_defaults(func=cmd_lexicon_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``signaal`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    try:
        return int(args.func(args, out, err))
    except PackError as exc:
        err.print(f"signaal: pack error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT
    except EngineError as exc:
        err.print(f"signaal: {exc}", markup=False, highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
