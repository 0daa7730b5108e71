"""The evidence highlighter: escaped text, marks that never nest or cross."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from signaal.workspace.selectors import Evidence
from signaal.workspace.templatetags.workspace import case_ref, clock_text, highlight


def ev(
    start: int, end: int, type_: str = "worry", strength: str = "explicit", missed: bool = False
) -> Evidence:
    return Evidence(
        start=start, end=end, type=type_, label=type_.title(), strength=strength, missed=missed
    )


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


class _Balance(HTMLParser):
    """Fails on crossing or unclosed tags."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag


def balanced(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    return not parser.stack


def text_of(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def test_no_evidence_is_just_escaped_text() -> None:
    assert highlight("a < b & c", []) == "a &lt; b &amp; c"


def test_one_span_is_marked_with_type_and_strength() -> None:
    out = highlight("ik maak me zorgen", [ev(3, 17, strength="hint")])
    assert out == (
        'ik <mark class="evidence evidence-hint" title="Worry (hint)" data-signals="worry">'
        "maak me zorgen</mark>"
    )


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (5, 15)],  # crossing
        [(0, 20), (5, 10)],  # nested
        [(5, 10), (5, 10)],  # identical
        [(0, 3), (3, 6)],  # touching
        [(18, 99), (-5, 2)],  # out of range
        [(7, 7)],  # empty
    ],
)
def test_overlapping_spans_stay_valid_html_and_keep_the_text(spans: list[tuple[int, int]]) -> None:
    text = "Ik <ben> het & zat!!"
    evidence = [ev(s, e, type_=f"t{i}") for i, (s, e) in enumerate(spans)]
    out = str(highlight(text, evidence))
    assert balanced(out)
    assert text_of(out) == text
    assert "<ben>" not in out


def test_overlap_names_every_signal_and_missed() -> None:
    out = str(highlight("abcdef", [ev(0, 4, "worry"), ev(2, 6, "urgency", missed=True)]))
    assert 'title="Worry (explicit); Urgency (explicit) — missed"' in out
    assert "evidence-overlap" in out and "evidence-missed" in out


def test_hostile_text_in_evidence_is_escaped() -> None:
    out = str(highlight('<script>alert("x")</script>', [ev(0, 8)]))
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_case_reference_and_clock_text() -> None:
    class Stub:
        pk = 123

    assert case_ref(Stub()) == "V-000123"  # type: ignore[arg-type]
    assert clock_text(65) == "1:05 left"
    assert clock_text(-3 * 3600 - 120) == "3 h 02 min overdue"
    assert clock_text(2 * 86400 + 3600) == "2 d 1 h left"


def test_turn_items_escape_names_and_text_and_show_times() -> None:
    import datetime as dt

    from signaal.accounts.models import User
    from signaal.cases.models import Interaction, Turn
    from signaal.customers.models import Customer
    from signaal.workspace.selectors import InteractionView, TurnView
    from signaal.workspace.templatetags.workspace import turn_items

    author = User(username="sanne", first_name="Sanne <b>")
    item = Interaction(channel="chat", author=author, analysis={"summary": {}})
    sent = dt.datetime(2026, 11, 23, 9, 5, tzinfo=dt.UTC)
    turns = [
        Turn(index=0, speaker="customer", text="<script>x</script> ik maak me zorgen", start=65.0),
        Turn(index=1, speaker="agent", text="Dat snap ik.", sent_at=sent),
        Turn(index=2, speaker="third_party", text="Ja."),
    ]
    view = InteractionView(
        interaction=item,
        turns=tuple(
            TurnView(turn=t, evidence=(ev(23, 38),) if i == 0 else (), anchor=f"t{i}")
            for i, t in enumerate(turns)
        ),
        signals=(),
        anchor="c1",
    )
    html = str(turn_items(view, Customer(name="Fam. <De> Vries")))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Fam. &lt;De&gt; Vries" in html and "Sanne &lt;b&gt;" in html
    assert '<span class="turn-time">1:05</span>' in html
    assert 'datetime="2026-11-23T10:05:00+01:00"' in html  # shown in the local time zone
    assert '<span class="speaker">Third party</span>' in html
    assert html.count("<mark") == 1 and "zorgen</mark>" in html
    _Balance().feed(html)
