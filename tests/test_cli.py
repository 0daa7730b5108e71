"""The `signaal` command line: its contract with users and with the rest of the product."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from signaal.cli import main

CALL = """[00:01] Medewerker: Goedemorgen, u spreekt met Sanne.
[00:04] Klant: Ik bel namens mijn moeder. Mijn IBAN is NL91 ABNA 0417 1643 00.
[00:15] Medewerker: Fijn dat u belt. U moet even uw klantnummer noemen.
"""


@pytest.fixture()
def call(tmp_path: Path) -> Path:
    path = tmp_path / "gesprek-1.txt"
    path.write_text(CALL, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_lines_shape(call: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", str(call), "--json")
    assert code == 0, err
    [line] = out.splitlines()
    data = json.loads(line)
    assert data["conversation_id"] == "gesprek-1"
    assert data["language"] == "nl"
    for key in (
        "signals",
        "behaviours",
        "opening",
        "pickup",
        "late_discoveries",
        "lexicon",
        "pii",
        "summary",
    ):
        assert key in data
    assert data["opening"]["seconds"] == 30
    text = CALL.splitlines()[1].split("Klant: ", 1)[1]
    start = text.index("NL91")
    assert {"type": "iban", "turn": 1, "span": [start, start + 22]} in data["pii"]
    for s in data["signals"]:
        assert text[s["span"][0] : s["span"][1]] == s["text"]


def test_redact_removes_values_from_every_output(
    call: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "analyze", str(call), "--json", "--redact")
    assert code == 0
    assert "0417" not in out and "NL91" not in out
    code, out, _ = run(capsys, "analyze", str(call), "--redact")
    assert code == 0
    assert "0417" not in out and "NL91" not in out


def test_terminal_report(call: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(call))
    assert code == 0
    assert "gesprek-1" in out and "Klant" in out and "Opening" in out


def test_opening_seconds_and_language_options(
    call: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "analyze", str(call), "--json", "--opening-seconds", "3", "--lang", "en"
    )
    data = json.loads(out)
    assert code == 0
    assert data["opening"]["turns"] == [0] and data["language"] == "en"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff" * 50, "binary"),
        (
            "broken.jsonl",
            b'{"id": "a", "turns": [{"speaker": "customer", "text": "hoi"}]}\n{oops\n',
            ":2:",
        ),
        ("speaker.txt", b"Klant: hallo\nManager Piet: nee\n", ":2:"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_the_batch_goes_on(
    tmp_path: Path,
    call: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run(capsys, "analyze", str(bad), str(call), "--json")
    assert code == 2
    assert len(out.splitlines()) == 1  # the good file is still analysed
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0].lower()
    assert "Traceback" not in err


def test_missing_file_and_huge_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("Klant: " + "a" * 5_000_000, encoding="utf-8")
    code, _, err = run(capsys, "analyze", str(tmp_path / "nope.txt"), str(huge))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "nope.txt" in lines[0] and "huge.txt" in lines[1]


def test_lexicon_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lexicon", "check", "u moet dat formulier opsturen", "--json")
    assert code == 0
    assert any(h["kind"] == "discouraged" for h in json.loads(out))


def test_bad_pack_dir_is_a_clear_error(
    tmp_path: Path, call: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "analyze", str(call), "--pack-dir", str(tmp_path / "none"))
    assert code == 2 and "pack" in err and "Traceback" not in err


def test_eval_on_a_small_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    items = [
        {
            "id": "1",
            "language": "nl",
            "turns": [
                {
                    "speaker": "customer",
                    "text": "Ik bel namens mijn moeder.",
                    "annotations": {"signals": {"third_party": "explicit"}},
                }
            ],
        },
        {
            "id": "2",
            "language": "nl",
            "turns": [{"speaker": "customer", "text": "Hoe laat is het?"}],
        },
    ]
    corpus.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(corpus), "--json")
    assert code == 0
    figures = json.loads(out)["languages"]["nl"]["signals"]["per_type"]["third_party"]
    assert figures["tp"] == 1 and figures["fn"] == 0


def test_many_files_in_parallel_keep_their_order(tmp_path: Path) -> None:
    for i in range(10):
        (tmp_path / f"c{i:02}.txt").write_text(
            f"Klant: gesprek {i} over mijn rekening\n", encoding="utf-8"
        )
    result = subprocess.run(
        [sys.executable, "-m", "signaal.cli", "analyze", str(tmp_path), "--json", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["conversation_id"] for line in result.stdout.splitlines()]
    assert ids == [f"c{i:02}" for i in range(10)]
