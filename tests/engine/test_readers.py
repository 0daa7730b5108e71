"""Tests of signaal.engine.readers: every format, every encoding, every input error."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from signaal.engine.errors import InputError
from signaal.engine.model import Conversation
from signaal.engine.readers import decode_bytes, format_for_path, read_path, read_text
from signaal.engine.readers.limits import MAX_FILE_BYTES, MAX_TURN_CHARS
from signaal.engine.readers.speakers import looks_like_label, resolve_speaker
from signaal.engine.readers.times import parse_time

DATA = Path(__file__).parent / "data" / "readers"


def summary(conversation: Conversation) -> list[tuple[int, str, str, float | None, int | None]]:
    return [(t.index, t.speaker, t.text, t.start, t.line) for t in conversation.turns]


def error_of(path: Path, **kwargs: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path, **kwargs)
    return info.value


# --- sample files, one per format -------------------------------------------------------------


def test_txt_sample() -> None:
    [conversation] = read_path(DATA / "gesprek.txt")
    assert conversation.id == "gesprek"
    assert conversation.source == str(DATA / "gesprek.txt")
    assert summary(conversation) == [
        (
            0,
            "customer",
            "Goedemiddag, ik bel namens mijn moeder. Ze ligt in het ziekenhuis. "
            "Let op: morgen is de deadline.",
            0.0,
            2,
        ),
        (1, "agent", "Wat naar voor uw moeder. Hoe gaat het nu met haar?", 7.5, 6),
        (2, "customer", "[kind huilt]", 15.0, 7),
        (3, "third_party", "Ik luister mee.", 3723.0, 8),
    ]


def test_json_sample_passes_annotations_through() -> None:
    [conversation] = read_path(DATA / "chat.json")
    assert (conversation.id, conversation.channel, conversation.language) == (
        "nl-c-0001",
        "chat",
        "nl",
    )
    assert conversation.annotations == {"opening_signals": ["third_party"]}
    # The bot turn of only spaces is skipped; lines are those of the "speaker" keys.
    assert summary(conversation) == [
        (0, "customer", "Ik bel namens mijn moeder.", 0.0, 9),
        (1, "agent", "Wat naar.", 4.5, 14),
        (2, "third_party", "Ik luister mee.", 12.25, 16),
    ]
    assert conversation.turns[0].annotations == {"signals": {"third_party": "explicit"}}
    assert conversation.turns[1].annotations is None


def test_json_list_numbers_missing_ids() -> None:
    first, second = read_path(DATA / "batch.json")
    assert (first.id, second.id) == ("batch-1", "42")
    assert summary(first) == [(0, "customer", "Eerste gesprek.", None, 2)]
    assert summary(second) == [(0, "agent", "Tweede gesprek.", None, 3)]


def test_jsonl_sample() -> None:
    first, second = read_path(DATA / "calls.jsonl")
    assert (first.id, first.language, second.id) == ("u-1", "en", "calls-2")
    assert summary(first) == [(0, "customer", "I'm calling for my mother.", None, 1)]
    assert summary(second) == [
        (0, "customer", "I'm in the car [traffic]", 3.0, 3),
        (1, "agent", "Shall I call you back?", None, 3),
    ]


def test_vtt_sample_merges_cues_of_one_speaker() -> None:
    [conversation] = read_path(DATA / "call.vtt")
    assert conversation.id == "call"
    assert summary(conversation) == [
        (0, "customer", "Goedemiddag, ik zit in de auto dus ik heb de brief niet bij me.", 1.0, 12),
        (1, "agent", "Geen probleem & geen haast. [achtergrondgeluid]", 5.0, 18),
        (2, "customer", "Fijn, dank u.", 9.0, 24),
    ]
    assert conversation.is_spoken


def test_srt_sample() -> None:
    [conversation] = read_path(DATA / "call.srt")
    assert (conversation.id, conversation.source) == ("call", str(DATA / "call.srt"))
    assert summary(conversation) == [
        (0, "customer", "Ik bel voor de derde keer. Dit is belachelijk.", 1.0, 3),
        (1, "agent", "Dat begrijp ik. Ik zoek het uit.", 5.5, 11),
    ]


# --- format selection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", "txt"), ("A.TXT", "txt"), ("b.Json", "json"), ("c.jsonl", "jsonl"),
     ("c.ndjson", "jsonl"), ("d.VTT", "vtt"), ("e.srt", "srt")],
)  # fmt: skip
def test_format_from_extension(name: str, expected: str) -> None:
    assert format_for_path(name) == expected


def test_format_argument_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text('{"turns": [{"speaker": "klant", "text": "hoi"}]}', encoding="utf-8")
    [conversation] = read_path(path, format="JSON")
    assert conversation.id == "export"
    assert conversation.turns[0].text == "hoi"


def test_read_text_uses_default_id_and_source() -> None:
    [conversation] = read_text("Klant: hoi", format="txt", source="api", default_id="i-7")
    assert (conversation.id, conversation.source) == ("i-7", "api")
    with pytest.raises(InputError) as info:
        read_text("hoi", format="txt", source="api")
    assert info.value.describe().startswith("api:1: no speaker")


# --- .txt rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("Klant", "customer"), ("klant", "customer"), ("Customer", "customer"),
        ("Beller", "customer"), ("Caller", "customer"), ("Cliënt", "customer"),
        ("Clie\u0308nt", "customer"), ("Klant (Jansen)", "customer"),
        ("Medewerker", "agent"), ("MEDEWERKER", "agent"), ("Agent", "agent"),
        ("Medewerker Sanne", "agent"), ("Agent 2", "agent"), ("Klantenservice", "agent"),
        ("Customer service", "agent"), ("Bot", "bot"), ("Chatbot", "bot"),
        ("Virtuele assistent", "bot"), ("Derde", "third_party"), ("Third party", "third_party"),
        ("third_party", "third_party"), ("Third-party", "third_party"), ("Tolk", "third_party"),
    ],
)  # fmt: skip
def test_txt_labels(label: str, speaker: str) -> None:
    [conversation] = read_text(f"{label}: hallo", format="txt")
    assert conversation.turns[0].speaker == speaker
    assert conversation.turns[0].text == "hallo"


@pytest.mark.parametrize(
    ("prefix", "seconds"),
    [("[00:05]", 5.0), ("[12:34]", 754.0), ("[01:02:03]", 3723.0), ("[00:07.5]", 7.5),
     ("[00:07,25]", 7.25), ("[75:00]", 4500.0), ("[00:05 - 00:09]", 5.0), ("", None)],
)  # fmt: skip
def test_txt_time_prefix(prefix: str, seconds: float | None) -> None:
    [conversation] = read_text(f"{prefix} Klant: hallo", format="txt")
    assert conversation.turns[0].start == seconds


@pytest.mark.parametrize(
    "line",
    [
        "Let op: morgen is de deadline",  # a lowercase word: a sentence
        "Om 10:30 kom ik langs",  # a digit after the colon: a clock time
        "Https://example.nl werkt niet",  # a URL
        "NB: ik ben er niet",  # a known prefix of running text
        "  Sanne: ingesprongen regel",  # indented
        "Klant is koning: zegt men",  # a known first word, then a sentence
        "[kind huilt]",
        "ik zei toen: nee",
    ],
)
def test_txt_continuation_lines(line: str) -> None:
    [conversation] = read_text(f"Klant: eerst\n{line}\nMedewerker: dan", format="txt")
    assert [t.text for t in conversation.turns] == [f"eerst {line.strip()}", "dan"]


@pytest.mark.parametrize(
    "label", ["Sanne", "Jan de Vries", "Spreker 1", "SPEAKER_00", "Manager Jan"]
)
def test_txt_unknown_label_is_refused(label: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(f"Klant: hallo\n\n{label}: dag", format="txt", source="g.txt")
    message = info.value.describe()
    assert message.startswith(f"g.txt:3: unknown speaker label {label!r}")
    assert "Klant, Medewerker" in message


def test_txt_comments_blank_lines_and_empty_turns() -> None:
    text = "# kop\n\nKlant:\n   \n  # ook commentaar\nMedewerker:   \nKlant: ja\n"
    [conversation] = read_text(text, format="txt")
    assert summary(conversation) == [(0, "customer", "ja", None, 7)]


def test_txt_same_speaker_lines_stay_separate_turns() -> None:
    [conversation] = read_text("Klant: een\nKlant: twee", format="txt")
    assert [t.text for t in conversation.turns] == ["een", "twee"]


def test_label_rule_helpers() -> None:
    assert looks_like_label("Sanne") and looks_like_label("Jan van der Berg")
    assert not looks_like_label("Let op") and not looks_like_label("NB")
    assert not looks_like_label("Een Twee Drie Vier")
    assert resolve_speaker("Medewerker Sanne") == "agent"
    assert resolve_speaker("Sanne") is None


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("00:00", 0.0), ("1:02:03.5", 3723.5), ("00:01,001", 1.001), ("59:59.999", 3599.999),
     ("00:60", None), ("1:60:00", None), ("5", None), ("00:0x", None), ("", None)],
)  # fmt: skip
def test_parse_time(value: str, seconds: float | None) -> None:
    assert parse_time(value) == seconds


# --- subtitles -------------------------------------------------------------------------------


def test_vtt_cue_without_speaker_continues_the_last_one() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Klant>hallo\n\n"
        "00:02.000 --> 00:03.000\nnog iets\n\n00:03.000 --> 00:04.000\n<v Agent>dag"
    )
    [conversation] = read_text(text, format="vtt")
    assert summary(conversation) == [
        (0, "customer", "hallo nog iets", 1.0, 4),
        (1, "agent", "dag", 3.0, 10),
    ]


def test_vtt_several_voices_in_one_cue() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Klant>ja?</v> <v Medewerker>Zeker.</v>\n"
    [conversation] = read_text(text, format="vtt")
    assert [(t.speaker, t.text, t.start) for t in conversation.turns] == [
        ("customer", "ja?", 1.0),
        ("agent", "Zeker.", 1.0),
    ]


def test_srt_without_cue_numbers_and_with_voice_tags() -> None:
    text = (
        "00:00:01,000 --> 00:00:02,000\n<v Beller>hallo</v>\n\n"
        "00:00:02,000 --> 00:00:03,000\nBot: dag"
    )
    [conversation] = read_text(text, format="srt")
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("customer", "hallo"),
        ("bot", "dag"),
    ]


# --- encodings -------------------------------------------------------------------------------

TEXT = "Klant: Café gesloten, €5 terug? Naïef.\nMedewerker: Dat is vervelend."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("utf-16"),  # with a byte-order mark
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),  # "é" as 0xE9 and "€" as 0x80
        TEXT.replace("\n", "\r\n").encode("cp1252"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf32", "cp1252", "crlf", "cr"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes(data)
    [conversation] = read_path(path)
    assert [t.text for t in conversation.turns] == [
        "Café gesloten, €5 terug? Naïef.",
        "Dat is vervelend.",
    ]


def test_latin1_when_not_cp1252() -> None:
    # 0x81 is undefined in cp1252, so only Latin-1 decodes this file.
    assert decode_bytes(b"Klant: caf\xe9 \x81") == "Klant: café \x81"


def test_decomposed_text_is_nfc() -> None:
    [conversation] = read_text("Klant: cafe\u0301", format="txt")
    assert conversation.turns[0].text == "café"


# --- errors: every one names the file, and the line when known -------------------------------

BIG_LINE = "Klant: " + "a" * 5_000_000


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("leeg.txt", b"", None, "the file is empty"),
        ("spaties.txt", b"  \n\t\r\n ", None, "the file is empty"),
        ("nul.txt", b"Klant: a\x00b", None, "binary content"),
        ("ruis.txt", bytes(range(1, 9)) * 50, None, "binary content"),
        ("bom.txt", b"\xef\xbb\xbfKlant: ok\nKlant: \xff", 2, "cannot decode the text as utf-8"),
        ("lang.txt", f"Klant: kort\n{BIG_LINE}".encode(), 2, "line is longer than the limit"),
        ("lang.jsonl", BIG_LINE.encode(), 1, "line is longer than the limit"),
        ("lang.vtt", f"WEBVTT\n\n{BIG_LINE}".encode(), 3, "line is longer than the limit"),
        ("lang.srt", BIG_LINE.encode(), 1, "line is longer than the limit"),
        ("wie.txt", b"hallo daar", 1, "no speaker for this text"),
        ("wie2.txt", b"Klant: a\n[00:05] hallo", 2, "no speaker for this text"),
        ("sanne.txt", b"Klant: a\nSanne: b", 2, "unknown speaker label 'Sanne'"),
        ("tijd.txt", b"Klant: a\n[00:75] Klant: b", 2, "malformed time '00:75'"),
        ("leeg2.txt", b"# alleen commentaar\nKlant:   ", None, "no turns found"),
        ("kapot.json", b'{\n "turns": [\n  {"speaker": "klant",}\n ]\n}', 3, "malformed JSON"),
        ("diep.json", b"[" * 100_000, None, "malformed JSON: nested too deeply"),
        ("groot.json", b'{"turns": [{"speaker": "klant", "text": "x", "start": 1'
         + b"0" * 5000 + b"}]}", None, "malformed JSON"),
        ("vorm.json", b'{"id": "x"}', None, "unexpected JSON: turns is missing"),
        ("vorm2.json", b'{"turns": {}}', None, "unexpected JSON: turns must be a list"),
        ("vorm3.json", b'[{"turns": [{"speaker": "klant", "text": 3}]}]', 1,
         "unexpected JSON: [0].turns[0].text must be a string"),
        ("vorm4.json", b'{"turns": [\n{"text": "a"}]}', None,
         "unexpected JSON: turns[0].speaker is missing"),
        ("vorm5.json", b'"tekst"', None, "unexpected JSON: the document must be an object"),
        ("vorm6.json", b'{"turns": ["a"]}', None, "unexpected JSON: turns[0] must be an object"),
        ("vorm7.json", b'{"turns": [{"speaker": 1, "text": "a"}]}', 1,
         "turns[0].speaker must be a string"),
        ("vorm8.json", b'{"id": [], "turns": []}', None, "id must be a string"),
        ("vorm9.json", b'{"annotations": 1, "turns": []}', None,
         "annotations must be an object"),
        ("wie.json", b'{"turns": [\n {"speaker": "Sanne", "text": "a"}]}', 2,
         "unknown speaker label 'Sanne' (expected one of: customer, agent, bot, third_party)"),
        ("tijd.json", b'{"turns": [{"speaker": "klant", "text": "a", "start": "1:2"}]}', 1,
         "malformed time '1:2'"),
        ("tijd2.json", b'{"turns": [{"speaker": "klant", "text": "a", "start": -1}]}', 1,
         "malformed time '-1'"),
        ("tijd3.json", b'{"turns": [{"speaker": "klant", "text": "a", "start": true}]}', 1,
         "malformed time 'True'"),
        ("niets.json", b'{"turns": []}', None, "no turns found"),
        ("niets2.json", b"[]", None, "no turns found"),
        ("kapot.jsonl", b'{"turns": [{"speaker": "bot", "text": "a"}]}\n\n{"turns": [', 3,
         "malformed JSON"),
        ("vorm.jsonl", b'{"turns": [{"speaker": "bot", "text": "a"}]}\n[1]', 2,
         "unexpected JSON: the document must be an object"),
        ("niets.jsonl", b'{"turns": [{"speaker": "bot", "text": "a"}]}\n{"turns": []}', 2,
         "no turns found"),
        ("kop.vtt", b"\n00:01.000 --> 00:02.000\n<v Klant>a", 2, "must start with a 'WEBVTT'"),
        ("wie.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nhallo", 4, "no speaker for this text"),
        ("sanne.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sanne>hoi", 4,
         "unknown speaker label 'Sanne'"),
        ("tijd.vtt", b"WEBVTT\n\nid\n00:01.000 --> 00:xx.000\n<v Klant>a", 4,
         "malformed time '00:xx.000'"),
        ("cue.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Klant>a\n\nlos\nzinnetje", 6,
         "expected a cue timing line"),
        ("niets.vtt", b"WEBVTT\n\nNOTE niets\n", None, "no turns found"),
        ("tijd.srt", b"1\n00:00:01,000 --> 00:00:0x\nKlant: a", 2, "malformed time '00:00:0x'"),
        ("cue.srt", b"1\n00:00:01,000 --> 00:00:02,000\nKlant: a\n\n2\nKlant: b", 6,
         "expected a cue timing line"),
        ("wie.srt", b"1\n00:00:01,000 --> 00:00:02,000\nhallo", 3, "no speaker for this text"),
        ("raar.doc", b"Klant: hoi", None, "unknown file type '.doc'"),
        ("geen_extensie", b"Klant: hoi", None, "unknown file type ''"),
    ],
)  # fmt: skip
def test_input_errors(
    tmp_path: Path, name: str, content: bytes, line: int | None, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = error_of(path)
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert error.describe().startswith(where)
    assert message in error.describe()
    assert (error.path, error.line) == (str(path), line)


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "weg.txt")
    assert error.describe() == f"{tmp_path / 'weg.txt'}: no such file"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "map.txt").mkdir()
    assert "not a regular file" in error_of(tmp_path / "map.txt").describe()


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written
    assert error_of(path).describe() == f"{path}: the file is larger than the limit of 50 MB"


def test_unknown_format_argument(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Klant: hoi", encoding="utf-8")
    assert "unknown file type 'docx'" in error_of(path, format="docx").describe()
    with pytest.raises(InputError, match="unknown file type 'csv'"):
        read_text("Klant: hoi", format="csv")


@pytest.mark.parametrize("fmt", ["txt", "json", "jsonl", "vtt", "srt"])
def test_turn_over_the_limit(fmt: str) -> None:
    long = "a" * (MAX_TURN_CHARS + 1)
    text = {
        "txt": f"Klant: x\nMedewerker: {long}",
        "json": json.dumps({"turns": [{"speaker": "klant", "text": long}]}),
        "jsonl": json.dumps({"turns": [{"speaker": "klant", "text": long}]}),
        "vtt": f"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Klant>{long}",
        "srt": f"1\n00:00:01,000 --> 00:00:02,000\nKlant: {long}",
    }[fmt]
    with pytest.raises(InputError, match="turn text is longer than the limit of 100,000"):
        read_text(text, format=fmt)


@pytest.mark.parametrize("suffix", [".txt", ".json", ".jsonl", ".vtt", ".srt"])
def test_five_megabyte_line_is_refused_fast(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"lang{suffix}"
    path.write_text("Klant: " + "woord " * 900_000, encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(InputError):
        read_path(path)
    assert time.perf_counter() - began < 0.5
