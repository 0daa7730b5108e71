"""Pack files: merging, overriding by id, disabling, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaal.engine import Listener
from signaal.engine.errors import PackError
from signaal.engine.model import Conversation, Turn
from signaal.engine.packs import BUILTIN_DIR, load_pack


def write(tmp_path: Path, name: str, text: str, language: str = "nl") -> Path:
    folder = tmp_path / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def one_turn(text: str, speaker: str = "customer") -> Conversation:
    return Conversation(id="t", turns=(Turn(index=0, speaker=speaker, text=text),), language="nl")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_builtin_packs_load_and_compile(language: str) -> None:
    pack = load_pack(language, [BUILTIN_DIR])
    assert pack.negation.cues
    Listener().engine(language)


def test_an_organisation_adds_a_pattern_without_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extra.yaml",
        """
signals:
  x_parking:
    patterns:
      - id: x_parking.no_space
        match: "geen? parkeerplek|parkeerplaats"
""",
    )
    listener = Listener(pack_dirs=[tmp_path])
    analysis = listener.analyze(one_turn("De parkeerplek bij uw kantoor is altijd vol."))
    assert [(s.type, s.text, s.pattern) for s in analysis.signals if s.type == "x_parking"] == [
        ("x_parking", "parkeerplek", "x_parking.no_space")
    ]


def test_unless_cancels_a_match_from_a_pack_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extra.yaml",
        """
signals:
  x_visit:
    patterns:
      - id: x_visit.expected
        match: "zou ...4 komen"
        unless: ["op tijd", "^ gelukkig"]
""",
    )
    listener = Listener(pack_dirs=[tmp_path])

    def heard(text: str) -> list[str]:
        return [s.text for s in listener.analyze(one_turn(text)).signals if s.type == "x_visit"]

    assert heard("De monteur zou om negen uur komen.") == ["zou om negen uur komen"]
    assert heard("De monteur zou om negen uur komen en was er op tijd.") == []
    assert heard("Hij zou om negen uur komen. Gelukkig kwam hij.") == []
    assert heard("Hij zou om negen uur komen en is gelukkig niet boos.") == [
        "zou om negen uur komen"
    ]


def test_override_replaces_by_id_and_disable_removes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        """
signals:
  x_test:
    patterns:
      - id: x_test.one
        match: "zebra"
      - id: x_test.two
        match: "giraffe"
""",
    )
    write(
        tmp_path / "org",
        "b.yaml",
        """
signals:
  x_test:
    patterns:
      - id: x_test.one
        match: "olifant"
      - id: x_test.two
        disable: true
""",
    )
    listener = Listener(pack_dirs=[tmp_path, tmp_path / "org"])
    found = {s.text for s in listener.analyze(one_turn("zebra giraffe olifant")).signals}
    assert found == {"olifant"}


def test_lexicon_entry_from_an_override(tmp_path: Path) -> None:
    write(
        tmp_path,
        "lex.yaml",
        """
lexicon:
  - id: org.no-jargon
    kind: discouraged
    match: "/dossiernr\\\\.?/"
    advice: "Zeg gewoon 'uw dossier'."
    alternative: "uw dossier"
""",
    )
    hits = Listener(pack_dirs=[tmp_path]).check_draft("Wat is het dossiernr?", language="nl")
    assert [(h.id, h.text) for h in hits if h.id == "org.no-jargon"] == [
        ("org.no-jargon", "dossiernr")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("signals: [", "malformed YAML"),
        ("- just a list", "top level must be a mapping"),
        ("unknown_section: {}", "unknown section"),
        ("pickup:\n  raised_again: sometimes", "must be 'missed' or 'ignored'"),
        ("pickup:\n  window: 5", "unknown pickup setting"),
        ("signals:\n  not_a_type:\n    patterns: [boos]", "unknown signal type"),
        (
            "signals:\n  worry:\n    patterns:\n      - match: 'zorgen'\n        strength: big",
            "strength must be one of",
        ),
        ("lexicon:\n  - id: x\n    match: 'u moet'", "needs 'advice'"),
        ("signals:\n  worry:\n    patterns: ['@nope']", "unknown word set"),
        (
            "signals:\n  worry:\n    echo: often\n    patterns: [zorgen]",
            "echo must be true, false or turn",
        ),
        (
            "signals:\n  worry:\n    patterns:\n      - match: 'zorgen'\n        unless: 5",
            "'unless' must be a pattern or a list",
        ),
        # YAML would silently keep the second set; a pack author means neither to be lost.
        ("sets:\n  a: [boos]\n  b: [moe]\n  a: [kwaad]", "'a' appears twice \\(line 4\\)"),
    ],
)
def test_bad_pack_files_raise_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "bad.yaml", text)
    with pytest.raises(PackError, match=message) as info:
        Listener(pack_dirs=[tmp_path]).engine("nl")
    if "unknown word set" not in message:
        assert "bad.yaml" in str(info.value)


def test_missing_pack_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not found"):
        Listener(pack_dirs=[tmp_path / "missing"])


def test_pack_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "env.yaml", "signals:\n  x_env:\n    patterns: ['kangoeroe']\n")
    monkeypatch.setenv("SIGNAAL_PACK_DIR", str(tmp_path))
    analysis = Listener().analyze(one_turn("een kangoeroe"))
    assert "x_env" in {s.type for s in analysis.signals}


def test_an_id_used_twice_in_one_folder_is_an_error(tmp_path: Path) -> None:
    entry = "signals:\n  x_test:\n    patterns:\n      - id: x_test.same\n        match: '{}'\n"
    write(tmp_path, "a.yaml", entry.format("parkeerplek"))
    write(tmp_path, "b.yaml", entry.format("parkeerplaats"))
    with pytest.raises(PackError, match="'x_test.same' is also used in a.yaml") as info:
        Listener(pack_dirs=[tmp_path]).engine("nl")
    assert "b.yaml" in str(info.value)


def test_a_lexicon_id_used_twice_in_one_folder_is_an_error(tmp_path: Path) -> None:
    entry = "lexicon:\n  - id: lex.same\n    match: '{}'\n    advice: 'Zeg het anders.'\n"
    write(tmp_path, "a.yaml", entry.format("helaas"))
    write(tmp_path, "b.yaml", entry.format("jammer"))
    with pytest.raises(PackError, match="'lex.same' is also used in a.yaml"):
        Listener(pack_dirs=[tmp_path]).engine("nl")
