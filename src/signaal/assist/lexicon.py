"""The organisation's own lexicon entries (kept in the admin) on top of the built-in packs.

The engine reads its packs from folders, so the entries of the database are written as one
more pack (``<tmp>/<lang>/admin.yaml``) and a ``Listener`` is built with that folder: an entry
whose key is a built-in id replaces it, a switched-off entry is written as ``disable: true``.

Every process keeps one such Listener and rebuilds it only when the lexicon version in the
Django cache changes (shared by all processes on Redis). Saving or deleting an entry through
the services below sets a new version once the transaction commits.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from signaal.accounts.models import User
from signaal.assist.models import LexiconEntry
from signaal.engine import Listener, PackError, default_listener
from signaal.engine.packs import load_pack, pack_dirs
from signaal.shared_state import change_version, change_version_bump

logger = logging.getLogger(__name__)

VERSION_KEY = "signaal:lexicon:version"
PACK_FILE = "admin.yaml"
LANGUAGES = tuple(LexiconEntry.Language.values)

# --- services -------------------------------------------------------------------------------


@transaction.atomic
def lexicon_entry_save(*, entry: LexiconEntry, user: User | None) -> LexiconEntry:
    """Store a new or changed entry after checking its patterns; every process picks it up."""
    entry.updated_by = user
    entry.full_clean()
    if entry.enabled:
        problem = lexicon_patterns_problem(language=entry.language, patterns=entry.pattern_lines())
        if problem:
            raise ValidationError({"patterns": problem})
    entry.save()
    transaction.on_commit(lexicon_version_bump)
    return entry


@transaction.atomic
def lexicon_entry_delete(*, entry: LexiconEntry) -> None:
    """Delete an entry: a built-in entry it replaced or switched off applies again."""
    entry.delete()
    transaction.on_commit(lexicon_version_bump)


def lexicon_version_bump() -> None:
    """Tell every process that the lexicon changed (a new random version, never reused)."""
    change_version_bump(VERSION_KEY)


# --- checking an entry ----------------------------------------------------------------------


def lexicon_entry_problems(
    *, language: str, enabled: bool, patterns: Sequence[str], advice: str
) -> dict[str, str]:
    """What is wrong with an entry, per field (empty when it can be saved).

    An entry in use needs patterns that compile and advice; one that only switches a built-in
    entry off needs neither, but patterns it has must still compile, so that switching it on
    later cannot break the analysis.
    """
    problems: dict[str, str] = {}
    if patterns:
        problem = lexicon_patterns_problem(language=language, patterns=patterns)
        if problem:
            problems["patterns"] = problem
    elif enabled:
        problems["patterns"] = _("Give at least one pattern, or switch the entry off.")
    if enabled and not advice.strip():
        problems["advice"] = _("Give the advice the agent reads.")
    return problems


def lexicon_patterns_problem(*, language: str, patterns: Sequence[str]) -> str | None:
    """Why these patterns cannot be used, in plain words, or None when they compile."""
    lines = tuple(patterns)
    error = _compile_error(language, lines)
    return None if error is None else _describe(error, lines)


@functools.lru_cache(maxsize=64)
def _compile_error(language: str, patterns: tuple[str, ...]) -> PackError | None:
    """Compile the patterns exactly as the engine will: as a pack next to the built-in ones
    (and SIGNAAL_PACK_DIR), so that word sets such as @family resolve as they will in use."""
    entries = [
        {"id": f"check.{n}", "kind": "discouraged", "match": [line], "advice": "-"}
        for n, line in enumerate(patterns, start=1)
    ]
    with tempfile.TemporaryDirectory(prefix="signaal-lexicon-check-") as folder:
        _write_pack(Path(folder), {language: entries})
        try:
            Listener(pack_dirs=[folder]).engine(language)
        except PackError as exc:
            return exc
    return None


def _describe(exc: PackError, patterns: Sequence[str]) -> str:
    problem = _explain(exc.message)
    match = re.fullmatch(r"check\.(\d+)", exc.entry or "")
    if match is None:
        # Not this entry: the packs themselves do not load, so nothing can be checked now.
        return _("The language packs cannot be loaded, so this entry cannot be checked: %s") % (
            str(exc)
        )
    number = int(match.group(1))
    return _("Line %(number)s (“%(pattern)s”) cannot be used: %(problem)s.") % {
        "number": number,
        "pattern": patterns[number - 1],
        "problem": problem,
    }


def _explain(message: str) -> str:
    """The engine's message (errors.py wording, English) said in the user's language."""
    quoted = r"['\"](.*)['\"]"
    if message == "empty pattern":
        return _("the pattern is empty")
    if m := re.fullmatch(rf"pattern {quoted} needs at least one word .*", message):
        return _(
            "it needs at least one ordinary word that is not optional (not ..., _ or a word "
            "ending in ?)"
        )
    if m := re.fullmatch(rf"bad gap {quoted}: .*", message):
        return _("%(token)s is not a gap: write ... or ...N, for example ...2") % {
            "token": m.group(1)
        }
    if m := re.fullmatch(rf"gap {quoted} must be between 1 and (\d+)", message):
        return _("the gap %(token)s must be between 1 and %(max)s words") % {
            "token": m.group(1),
            "max": m.group(2),
        }
    if m := re.fullmatch(rf"bad regular expression {quoted}: (.*)", message):
        return _("%(token)s is not a valid regular expression (%(detail)s)") % {
            "token": m.group(1),
            "detail": m.group(2),
        }
    if m := re.fullmatch(rf"empty alternative in {quoted}", message):
        return _("%(token)s has an empty choice: put a word between every two | signs") % {
            "token": m.group(1)
        }
    if m := re.fullmatch(rf"a /regex/ cannot be one of several .* in {quoted}.*", message):
        return _(
            "in %(token)s a /regular expression/ cannot be one of several choices: put the "
            "choices inside it, as in /a|b/"
        ) % {"token": m.group(1)}
    if m := re.fullmatch(r"unknown word set @(\S*)", message):
        return _("there is no word set @%(name)s") % {"name": m.group(1)}
    return _("the engine cannot read it (%(detail)s)") % {"detail": message}


@functools.lru_cache(maxsize=len(LANGUAGES))
def builtin_lexicon_ids(language: str) -> frozenset[str]:
    """The ids of the lexicon entries in the packs (built-in and SIGNAAL_PACK_DIR)."""
    return frozenset(entry.id for entry in load_pack(language, pack_dirs()).lexicon)


# --- the platform's Listener ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Built:
    version: str
    listener: Listener


_lock = threading.Lock()
_built: _Built | None = None
_folders: list[Path] = []


def platform_listener() -> Listener:
    """The Listener of the platform: the packs plus the lexicon entries of the admin.

    Cheap when nothing changed (one cache read); rebuilt when the lexicon version changed.
    While one thread rebuilds, the others keep answering with the previous Listener.
    """
    global _built
    current = _built
    version = _version(current)
    if current is not None and current.version == version:
        return current.listener
    if not _lock.acquire(blocking=current is None):
        return current.listener if current is not None else default_listener()
    try:
        current = _built
        # Read the version before the entries: a change committed while building then shows
        # as a newer version on the next call, never as a lost update.
        version = _version(current)
        if current is None or current.version != version:
            try:
                entries = list(LexiconEntry.objects.order_by("language", "key"))
            except DatabaseError:
                logger.exception("lexicon entries cannot be read; using the packs only")
                return default_listener()
            current = _build(version, entries)
            _built = current
            _tidy(keep=2)
        return current.listener
    finally:
        _lock.release()


def _version(current: _Built | None) -> str:
    try:
        # Never set, or the cache was emptied: a fresh version makes every process reload.
        version = change_version(VERSION_KEY)
    except Exception:  # noqa: BLE001 - the cache is down: advice must not stop the agent
        logger.warning("lexicon version unavailable; keeping the current lexicon", exc_info=True)
        return current.version if current is not None else ""
    return version


def _build(version: str, entries: Sequence[LexiconEntry]) -> _Built:
    used = list(entries)
    while used:
        folder = Path(tempfile.mkdtemp(prefix="build-", dir=_root()))
        _write_pack(folder, _pack_entries(used))
        listener = Listener(pack_dirs=[folder])
        bad = _first_bad_entry(listener, used)
        if bad is None:
            _folders.append(folder)
            return _Built(version=version, listener=listener)
        # Saved past the checks (or a pack changed since): leave the entry out rather than
        # break the analysis of every conversation in its language.
        shutil.rmtree(folder, ignore_errors=True)
        used.remove(bad)
    # Nothing of our own: share the engine's Listener (and its memory) with the rest.
    return _Built(version=version, listener=default_listener())


def _first_bad_entry(listener: Listener, entries: Sequence[LexiconEntry]) -> LexiconEntry | None:
    """Compile the languages that have entries now, so that a bad entry is found here."""
    for language in sorted({e.language for e in entries if e.enabled}):
        try:
            listener.engine(language)
        except PackError as exc:
            for entry in entries:
                if entry.language == language and entry.key == exc.entry:
                    logger.error("lexicon entry %s (%s) left out: %s", entry.key, language, exc)
                    return entry
            # The packs themselves are broken: the Listener reports it where it is used.
            logger.error("language pack %s does not compile: %s", language, exc)
    return None


def _pack_entries(entries: Iterable[LexiconEntry]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        item: dict[str, Any] = {"id": entry.key}
        if entry.enabled:
            item.update(
                kind=entry.kind,
                match=list(entry.pattern_lines()),
                advice=entry.advice.strip(),
                negatable=entry.negatable,
            )
            if entry.alternative.strip():
                item["alternative"] = entry.alternative.strip()
        else:
            item["disable"] = True
        out.setdefault(entry.language, []).append(item)
    return out


def _write_pack(folder: Path, lexicon: dict[str, list[dict[str, Any]]]) -> None:
    for language, items in lexicon.items():
        (folder / language).mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump({"lexicon": items}, allow_unicode=True, sort_keys=False)
        (folder / language / PACK_FILE).write_text(text, encoding="utf-8")


@functools.cache
def _root() -> Path:
    """This process's temporary folder of lexicon packs, removed when the process ends."""
    root = Path(tempfile.mkdtemp(prefix="signaal-lexicon-"))
    atexit.register(_remove_root, root, os.getpid())
    return root


def _remove_root(root: Path, pid: int) -> None:
    # A forked child inherits the hook, but the folder belongs to the process that made it.
    if os.getpid() == pid:
        shutil.rmtree(root, ignore_errors=True)


def _tidy(*, keep: int) -> None:
    """Remove the pack folders of all but the last ``keep`` builds.

    The previous Listener may still compile a language it had not needed yet, so its folder
    stays until the build after the next.
    """
    while len(_folders) > keep:
        shutil.rmtree(_folders.pop(0), ignore_errors=True)
