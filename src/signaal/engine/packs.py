"""Packs: the per-language data files of signal, behaviour and lexicon patterns.

A pack is a folder per language (``packs/nl/``, ``packs/en/``) of YAML files, merged in file-name
order. An organisation adds or overrides entries from its own folder with the same layout
(``--pack-dir DIR`` or the ``SIGNAAL_PACK_DIR`` setting): an entry with the same id replaces the
built-in one, ``disable: true`` removes it, new ids are added. docs/engine.md describes the format.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import PackError
from .model import BEHAVIOUR_TYPES, SIGNAL_TYPES

logger = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).parent / "packs"
PACK_DIR_ENV = "SIGNAAL_PACK_DIR"
STRENGTHS = ("hint", "explicit")
LEXICON_KINDS = ("discouraged", "encouraged")
# Marker groups are patterns the conversation analysis uses but does not report by themselves.
MARKERS = ("identity_request", "acknowledgement")


@dataclass(frozen=True, slots=True)
class PatternDef:
    """One pattern entry of a pack, before compilation."""

    id: str
    group: str  # "signal", "behaviour", "pickup", "marker" or "lexicon"
    type: str
    match: tuple[str, ...]
    strength: str | None = None
    negatable: bool = True
    source: str = ""
    # Patterns that cancel a match of this entry in the same or the next sentence.
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LexiconDef:
    """One lexicon entry: a phrase to avoid or to use, with advice and an alternative."""

    id: str
    kind: str
    match: tuple[str, ...]
    advice: str
    alternative: str | None
    negatable: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class NegationDef:
    """How negation is recognised in one language."""

    cues: frozenset[str] = frozenset()
    window: int = 4
    breakers: frozenset[str] = frozenset()
    pseudo: tuple[tuple[str, ...], ...] = ()
    # A cue inside a condition ("if this isn't fixed, ...") negates the condition, not the match.
    conditionals: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pack:
    """All the data of one language, merged from the built-in pack and any overrides."""

    language: str
    lemmas: Mapping[str, str]
    sets: Mapping[str, tuple[str, ...]]
    patterns: tuple[PatternDef, ...]
    lexicon: tuple[LexiconDef, ...]
    negation: NegationDef
    # Signal types whose pick-up may not be recognised by the agent echoing the customer's words.
    no_echo: frozenset[str] = frozenset()
    # Signal types picked up by the agent echoing any content word of the customer's turn (the
    # object of a worry: "insuline", "koppeling"), not only the words of the evidence.
    turn_echo: frozenset[str] = frozenset()
    # A signal the customer has to raise again (the same type, in a later turn) before any
    # agent turn responded counts as missed at its first turn (the English coaching rule);
    # otherwise any response within the window picks it up (the Dutch rule).
    raised_again_missed: bool = False
    sources: tuple[str, ...] = field(default=())


def pack_dirs(extra: Sequence[str | os.PathLike[str]] | None = None) -> tuple[Path, ...]:
    """The pack folders in the order they apply: built-in, the setting, then ``extra``."""
    dirs = [BUILTIN_DIR]
    env = os.environ.get(PACK_DIR_ENV)
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    dirs.extend(Path(p) for p in (extra or ()))
    for d in dirs[1:]:
        if not d.is_dir():
            raise PackError("pack folder not found", path=str(d))
    return tuple(dirs)


def load_pack(language: str, dirs: Iterable[Path]) -> Pack:
    """Read and merge the YAML files of ``language`` from each folder in order."""
    state = _MergeState()
    sources: list[str] = []
    for base in dirs:
        folder = base / language
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            sources.append(str(path))
            state.merge(_read_yaml(path), path=str(path))
    return state.build(language, tuple(sources))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key twice in one mapping (YAML would keep the last)."""


def _mapping_unique(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int) and key in seen:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice (line {line})", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _mapping_unique,
)


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read: {exc}", path=str(path)) from None
    except yaml.YAMLError as exc:
        raise PackError(f"malformed YAML: {exc}".replace("\n", " "), path=str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError("the top level must be a mapping", path=str(path))
    return data


class _MergeState:
    """Accumulates pack files; later files override earlier ones by id."""

    def __init__(self) -> None:
        self.lemmas: dict[str, str] = {}
        self.sets: dict[str, list[str]] = {}
        self.patterns: dict[str, PatternDef] = {}
        # Which file of which folder each pattern id came from: an id written twice in one
        # folder is a mistake (one entry would silently replace the other); across folders it
        # is how an organisation overrides a built-in entry.
        self.pattern_files: dict[str, str] = {}
        self.lexicon: dict[str, LexiconDef] = {}
        self.lexicon_files: dict[str, str] = {}
        self.neg_cues: set[str] = set()
        self.neg_breakers: set[str] = set()
        self.neg_pseudo: list[tuple[str, ...]] = []
        self.neg_conditionals: set[str] = set()
        self.neg_window = 4
        self.echo: dict[str, bool | str] = {}
        self.raised_again_missed = False

    def merge(self, data: Mapping[str, Any], *, path: str) -> None:
        known = {
            "language",
            "lemmas",
            "sets",
            "negation",
            "signals",
            "behaviours",
            "markers",
            "lexicon",
            "pickup",
            "description",
        }
        for key in data:
            if key not in known:
                raise PackError(
                    f"unknown section {key!r} (expected one of {sorted(known)})", path=path
                )
        for form, lemma in _mapping(data.get("lemmas"), path, "lemmas").items():
            self.lemmas[str(form).lower()] = str(lemma).lower()
        for name, spec in _mapping(data.get("sets"), path, "sets").items():
            self._merge_set(str(name), spec, path)
        pickup = _mapping(data.get("pickup"), path, "pickup")
        if "raised_again" in pickup:
            rule = pickup["raised_again"]
            if rule not in ("missed", "ignored"):
                raise PackError("pickup raised_again must be 'missed' or 'ignored'", path=path)
            self.raised_again_missed = rule == "missed"
        for key in pickup:
            if key != "raised_again":
                raise PackError(
                    f"unknown pickup setting {key!r} (expected raised_again)", path=path
                )
        self._merge_negation(_mapping(data.get("negation"), path, "negation"), path)
        for group, section, allowed in (
            ("signal", "signals", SIGNAL_TYPES),
            ("behaviour", "behaviours", BEHAVIOUR_TYPES),
            ("marker", "markers", MARKERS),
        ):
            for type_, body in _mapping(data.get(section), path, section).items():
                self._merge_type(group, str(type_), body, path, allowed)
        lexicon = data.get("lexicon") or []
        if not isinstance(lexicon, list):
            raise PackError("'lexicon' must be a list", path=path)
        for i, item in enumerate(lexicon):
            self._merge_lexicon(item, path, i)

    def _merge_set(self, name: str, spec: Any, path: str) -> None:
        if isinstance(spec, dict):
            words = spec.get("words", [])
            replace = bool(spec.get("replace", False))
        else:
            words, replace = spec, False
        if not isinstance(words, list):
            raise PackError("a word set is a list of words", path=path, entry=f"sets.{name}")
        if replace or name not in self.sets:
            self.sets[name] = []
        self.sets[name].extend(str(w) for w in words)

    def _merge_negation(self, data: Mapping[str, Any], path: str) -> None:
        for key in ("cues", "breakers", "pseudo", "conditionals"):
            for value in data.get(key, []) or []:
                if not isinstance(value, str):
                    # YAML reads an unquoted no/yes/on as a boolean: say so, do not guess.
                    raise PackError(
                        f"negation {key} must be words; quote {value!r} in the file",
                        path=path,
                    )
        self.neg_cues.update(str(c).lower() for c in data.get("cues", []) or [])
        self.neg_breakers.update(str(c).lower() for c in data.get("breakers", []) or [])
        self.neg_conditionals.update(str(c).lower() for c in data.get("conditionals", []) or [])
        for phrase in data.get("pseudo", []) or []:
            self.neg_pseudo.append(tuple(str(phrase).lower().split()))
        if "window" in data:
            window = data["window"]
            if not isinstance(window, int) or not 1 <= window <= 10:
                raise PackError("negation window must be a number from 1 to 10", path=path)
            self.neg_window = window

    def _merge_type(
        self, group: str, type_: str, body: Any, path: str, allowed: Sequence[str]
    ) -> None:
        where = f"{group}s.{type_}"
        if type_ not in allowed and not _is_custom_type(type_):
            raise PackError(
                f"unknown {group} type {type_!r}; new types must start with 'x_' "
                f"(known: {', '.join(allowed)})",
                path=path,
                entry=where,
            )
        if not isinstance(body, dict):
            raise PackError("expected a mapping with 'patterns'", path=path, entry=where)
        default_strength = body.get("strength", "explicit" if group == "signal" else None)
        if "echo" in body:
            echo = body["echo"]
            if echo not in (True, False, "turn"):
                raise PackError("echo must be true, false or turn", path=path, entry=where)
            self.echo[type_] = echo
        for sub, sub_group in (("patterns", group), ("pickup", "pickup")):
            items = body.get(sub) or []
            if not isinstance(items, list):
                raise PackError(f"'{sub}' must be a list", path=path, entry=where)
            for i, item in enumerate(items):
                entry = _pattern_def(
                    item,
                    group=sub_group,
                    type_=type_,
                    # Ids without a name are local to their file, so an override file never
                    # replaces a built-in entry by accident.
                    default_id=f"{type_}.{sub_group}.{Path(path).stem}.{i + 1}",
                    default_strength=default_strength if sub_group == "signal" else None,
                    path=path,
                )
                if entry is None:
                    self.patterns.pop(_item_id(item), None)
                else:
                    _claim(self.pattern_files, entry.id, path)
                    self.patterns[entry.id] = entry

    def _merge_lexicon(self, item: Any, path: str, index: int) -> None:
        where = f"lexicon[{index}]"
        if not isinstance(item, dict) or "id" not in item:
            raise PackError("each lexicon entry is a mapping with an 'id'", path=path, entry=where)
        entry_id = str(item["id"])
        if item.get("disable"):
            self.lexicon.pop(entry_id, None)
            return
        kind = item.get("kind", "discouraged")
        if kind not in LEXICON_KINDS:
            raise PackError(f"kind must be one of {LEXICON_KINDS}", path=path, entry=entry_id)
        advice = item.get("advice")
        if not isinstance(advice, str) or not advice.strip():
            raise PackError("a lexicon entry needs 'advice'", path=path, entry=entry_id)
        alternative = item.get("alternative")
        _claim(self.lexicon_files, entry_id, path)
        self.lexicon[entry_id] = LexiconDef(
            id=entry_id,
            kind=kind,
            match=_match_list(item.get("match"), path, entry_id),
            advice=advice.strip(),
            alternative=str(alternative).strip() if alternative else None,
            negatable=bool(item.get("negatable", False)),
            source=path,
        )

    def build(self, language: str, sources: tuple[str, ...]) -> Pack:
        return Pack(
            language=language,
            lemmas=dict(self.lemmas),
            sets={k: tuple(v) for k, v in self.sets.items()},
            patterns=tuple(self.patterns.values()),
            lexicon=tuple(self.lexicon.values()),
            negation=NegationDef(
                cues=frozenset(self.neg_cues),
                window=self.neg_window,
                breakers=frozenset(self.neg_breakers),
                pseudo=tuple(self.neg_pseudo),
                conditionals=frozenset(self.neg_conditionals),
            ),
            no_echo=frozenset(t for t, allowed in self.echo.items() if not allowed),
            turn_echo=frozenset(t for t, allowed in self.echo.items() if allowed == "turn"),
            raised_again_missed=self.raised_again_missed,
            sources=sources,
        )


def _claim(files: dict[str, str], entry_id: str, path: str) -> None:
    """Note that ``path`` defines ``entry_id``; an id written twice in one folder is an error.

    Across folders a later entry replaces an earlier one (how an organisation overrides a
    built-in entry); within one folder one of the two would be silently lost.
    """
    earlier = files.get(entry_id)
    if earlier is not None and Path(earlier).parent == Path(path).parent:
        raise PackError(
            f"the id {entry_id!r} is also used in {Path(earlier).name}; "
            "ids must be unique within a pack folder",
            path=path,
            entry=entry_id,
        )
    files[entry_id] = path


def _is_custom_type(type_: str) -> bool:
    return type_.startswith("x_") and type_[2:].replace("_", "").isalnum()


def _mapping(value: Any, path: str, section: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PackError(f"'{section}' must be a mapping", path=path)
    return value


def _item_id(item: Any) -> str:
    return str(item.get("id")) if isinstance(item, dict) else ""


def _match_list(value: Any, path: str, where: str, *, what: str = "match") -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise PackError(f"'{what}' must be a pattern or a list of patterns", path=path, entry=where)
    return tuple(v.strip() for v in value)


def _pattern_def(
    item: Any,
    *,
    group: str,
    type_: str,
    default_id: str,
    default_strength: str | None,
    path: str,
) -> PatternDef | None:
    if isinstance(item, str):
        item = {"match": item}
    if not isinstance(item, dict):
        raise PackError(
            "a pattern is a string or a mapping with 'match'", path=path, entry=default_id
        )
    entry_id = str(item.get("id", default_id))
    if item.get("disable"):
        return None
    strength = item.get("strength", default_strength)
    if group == "signal" and strength not in STRENGTHS:
        raise PackError(f"strength must be one of {STRENGTHS}", path=path, entry=entry_id)
    unless = item.get("unless")
    return PatternDef(
        id=entry_id,
        group=group,
        type=type_,
        match=_match_list(item.get("match"), path, entry_id),
        strength=strength if group == "signal" else None,
        negatable=bool(item.get("negatable", True)),
        source=path,
        unless=_match_list(unless, path, entry_id, what="unless") if unless is not None else (),
    )
