"""Property tests of the readers: round trips, and nothing but InputError on any input."""

from __future__ import annotations

import contextlib
import json
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaal.engine.errors import InputError
from signaal.engine.readers import FORMATS, decode_bytes, read_path, read_text

LABELS = {
    "customer": ("Klant", "Customer", "Beller", "klant"),
    "agent": ("Medewerker", "Agent", "Medewerker Sanne", "Klantenservice"),
    "bot": ("Bot", "Chatbot"),
    "third_party": ("Derde", "Third party", "third_party"),
}
# Any text on one line: no control characters (they include every line break but U+2028/9).
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
turns = st.lists(st.tuples(st.sampled_from(sorted(LABELS)), texts), min_size=1, max_size=8)
SETTINGS = settings(
    max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip()).strip()


def expected(pairs: list[tuple[str, str]], *, merge: bool = False) -> list[tuple[str, str]]:
    kept = [(speaker, norm(text)) for speaker, text in pairs if norm(text)]
    if not merge:
        return kept
    merged: list[tuple[str, str]] = []
    for speaker, text in kept:
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, f"{merged[-1][1]} {text}")
        else:
            merged.append((speaker, text))
    return merged


def read_back(path: Path, data: str, pairs: list[tuple[str, str]], *, merge: bool = False) -> None:
    path.write_text(data, encoding="utf-8")
    want = expected(pairs, merge=merge)
    if not want:
        with pytest.raises(InputError, match="no turns found|the file is empty"):
            read_path(path)
        return
    got = [(t.speaker, t.text) for c in read_path(path) for t in c.turns]
    assert got == want


def label(speaker: str, pick: int) -> str:
    options = LABELS[speaker]
    return options[pick % len(options)]


@SETTINGS
@given(pairs=turns, pick=st.integers(0, 3), timed=st.booleans())
def test_txt_round_trip(
    tmp_path: Path, pairs: list[tuple[str, str]], pick: int, timed: bool
) -> None:
    lines = [
        (f"[{i // 60:02d}:{i % 60:02d}] " if timed else "") + f"{label(s, pick)}: {text}"
        for i, (s, text) in enumerate(pairs)
    ]
    read_back(tmp_path / "rt.txt", "\n".join(lines), pairs)


@SETTINGS
@given(conversations=st.lists(turns, min_size=1, max_size=4), pick=st.integers(0, 3))
def test_jsonl_round_trip(
    tmp_path: Path, conversations: list[list[tuple[str, str]]], pick: int
) -> None:
    lines = [
        json.dumps({"turns": [{"speaker": label(s, pick), "text": t} for s, t in pairs]})
        for pairs in conversations
    ]
    path = tmp_path / "rt.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    if not all(expected(pairs) for pairs in conversations):
        with pytest.raises(InputError, match="no turns found"):
            read_path(path)
        return
    got = [[(t.speaker, t.text) for t in c.turns] for c in read_path(path)]
    assert got == [expected(pairs) for pairs in conversations]


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@SETTINGS
@given(pairs=turns, pick=st.integers(0, 3), ids=st.booleans())
def test_vtt_round_trip(tmp_path: Path, pairs: list[tuple[str, str]], pick: int, ids: bool) -> None:
    cues = [
        (f"c{i}\n" if ids else "")
        + f"00:{i:02d}.000 --> 00:{i + 1:02d}.500\n<v {label(s, pick)}>{escape(text)}</v>"
        for i, (s, text) in enumerate(pairs)
    ]
    read_back(tmp_path / "rt.vtt", "WEBVTT\n\n" + "\n\n".join(cues) + "\n", pairs, merge=True)


# Fragments of every format, so that random input often gets past the first checks.
FRAGMENTS = [
    "WEBVTT", "\n", "\n\n", "-->", " --> ", "00:01.000", "00:00:01,000", "1\n", "<v Klant>",
    "<v ", "</v>", "<i>", "&amp;", "{\\an8}", "Klant:", "Medewerker Sanne:", "Sanne:", "[00:05]",
    "[99:99]", "# ", ":", "{", "}", "[", "]", '"turns"', '"speaker"', '"text"', '"start"', ",",
    '{"turns": [{"speaker": "klant", "text": "a"}]}', "null", "NaN", "1e999", "\r\n", "\x00",
    "\ufeff", "e\u0301", ">\u0338", "NOTE", "\u2028", " ",
]  # fmt: skip
junk = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=30).map("".join)


@SETTINGS
@given(text=st.text(max_size=300) | junk, fmt=st.sampled_from(FORMATS))
def test_read_text_raises_only_input_error(text: str, fmt: str) -> None:
    try:
        conversations = read_text(text, format=fmt)
    except InputError as error:
        assert error.describe().startswith("<input>")
        return
    for conversation in conversations:
        assert conversation.turns
        assert [t.index for t in conversation.turns] == list(range(len(conversation.turns)))
        assert all(t.text and t.text == t.text.strip() for t in conversation.turns)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_decode_bytes_raises_only_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except InputError:
        return
    assert "\r" not in text and "\x00" not in text


PATHOLOGICAL = [
    "Klant: " + "<v " * 200_000,
    "Klant: " + "<a" * 200_000,
    "Klant: " + "a:" * 400_000,
    "Klant: x\n" + "Sanne Sanne Sanne Sanne Sanne Sanne" * 20_000 + ": x",
    "WEBVTT\n\n" + "0" * 900_000 + "-->" + "1",
    "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<v Klant>a" * 50_000,
    "[" * 400_000,
    '{"turns": [' + ",".join(['{"speaker": "klant", "text": "a"}'] * 20_000) + "]}",
    "1\n" * 400_000,
    "Klant: a\n" * 20_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_input_is_slow(text: str, fmt: str) -> None:
    # A guard against catastrophic backtracking and quadratic scans, not a speed target (those
    # are in bench/): on these inputs such a bug takes minutes, a linear reader well under a
    # second. The bound is generous so that a busy machine does not make it fail.
    began = time.perf_counter()
    with contextlib.suppress(InputError):
        read_text(text, format=fmt)
    assert time.perf_counter() - began < 15.0
