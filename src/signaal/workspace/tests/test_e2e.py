"""The agent workspace in a real browser: log in, queue, case, live lexicon hint, close; a long
call opened whole.

Playwright (sync API) drives Debian's Chromium (``/usr/bin/chromium``, installed by
``make e2e-deps``); no browser is downloaded. A full-page screenshot of every step goes to
``var/test-artifacts/e2e/`` for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, ViewportSize, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from signaal.cases.models import Case
from signaal.demo.services import demo_load
from signaal.workspace.tests.factories import case_of, contact

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[4] / "var" / "test-artifacts" / "e2e"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# Auto-waiting expectations give up after this many milliseconds (the hint waits 300 ms).
TIMEOUT_MS = 5000
# A demo customer whose open case sits in the agent's queue: a daughter writing for her mother.
CUSTOMER = "Gerda Hendriks"


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo team and customer stories, loaded before the browser starts."""
    demo_load()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """Debian's Chromium, headless; fails (never skips) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium "
            "(run `make e2e-deps`, or `apt-get install chromium`)."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test and of
    # the database fixtures' teardown are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page at 1280x800; the browser asks for nothing but Dutch, like a Dutch laptop."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def shot(page: Page, name: str) -> None:
    """A full-page screenshot of the current step, kept as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # From the top, or the sticky top bar lands in the middle of a full-page picture.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def problems(page: Page) -> list[str]:
    """Failed requests and console errors of the page: a person would see none of them."""
    found: list[str] = []
    page.on("response", lambda r: found.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: found.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(f"script error: {e}"))
    return found


def test_agent_handles_a_case_from_queue_to_closed(
    demo: None, live_server: LiveServer, page: Page, problems: list[str]
) -> None:
    # Not logged in: the workspace sends the agent to the log-in form, in Dutch by default.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Signaal")
    shot(page, "01-login")

    # Keyboard only: the user name field has the focus, Tab goes to the password, Enter submits.
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type("agent")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type("signaal-demo")
    page.keyboard.press("Enter")

    # The queue: open cases with their clocks, this customer among them.
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtrij")
    expect(page.locator("#queue-count")).to_contain_text("open vragen")
    link = page.get_by_role("link", name=re.compile(CUSTOMER))
    expect(link).to_be_visible()
    expect(page.locator(".queue-table time.clock").first).to_contain_text(re.compile(r"\d"))
    shot(page, "02-queue")

    # The case: a signal in the panel, its evidence highlighted in the customer's own words.
    link.click()
    expect(page.locator(".customer-name").first).to_have_text(CUSTOMER)
    signals = page.get_by_role("region", name="Signalen in deze vraag")
    signal = signals.locator(".signal", has_text="Derde partij")
    expect(signal.get_by_role("link")).to_have_text("“voor mijn moeder”")
    current = page.locator(".story-case.is-current")
    expect(current.locator("mark.evidence", has_text="voor mijn moeder")).to_be_visible()
    shot(page, "03-case")

    # The composer: "r" focuses it; a discouraged phrase brings a live hint with an alternative.
    page.keyboard.press("r")
    composer = page.get_by_label("Je antwoord")
    expect(composer).to_be_focused()
    page.keyboard.type("Helaas, u moet eerst het formulier invullen.")
    hints = page.get_by_label("Taaladvies")
    expect(hints.locator(".hint-phrase").first).to_be_visible()
    expect(hints).to_contain_text("u moet")
    expect(hints).to_contain_text("Probeer:")
    shot(page, "04-lexicon-hint")
    # More typing that leaves the advice as it is does not replace (and so re-announce) it.
    hints.locator(".hint-item").first.evaluate("el => el.setAttribute('data-seen', '1')")
    with page.expect_response(re.compile(r"/lexicon")):
        page.keyboard.type(" Graag")
    page.wait_for_timeout(200)
    expect(hints.locator(".hint-item[data-seen]")).to_have_count(1)
    for _ in " Graag":
        page.keyboard.press("Backspace")

    # Closing: contact reason, resolution and summary, then back to the queue without it.
    page.get_by_role("link", name="Vraag afsluiten").click()
    close = page.locator("#close form")
    expect(close.get_by_label("Contactreden")).to_be_focused()
    close.get_by_label("Contactreden").select_option(label="Gegevens wijzigen en machtiging")
    close.get_by_label("Oplossing").fill(
        "Machtigingsformulier gemaild; de dochter regelt voortaan de zaken van haar moeder."
    )
    close.get_by_label("Samenvatting").fill(
        "Dochter vraagt om een machtiging voor haar slechtziende moeder; formulier gemaild."
    )
    shot(page, "05-close-form")
    # The reply typed above was never sent: closing asks first; "cancel" keeps the case open
    # with the reply in the composer.
    asked: list[str] = []

    def answer(dialog: Dialog, accept: bool) -> None:
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    close.get_by_role("button", name="Vraag afsluiten").click()
    expect(composer).to_be_focused()
    expect(composer).to_have_value("Helaas, u moet eerst het formulier invullen.")
    assert asked == ["Je antwoord is nog niet verstuurd. Wil je de vraag toch afsluiten?"]
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    close.get_by_role("button", name="Vraag afsluiten").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtrij")
    expect(page.get_by_role("status").filter(has_text="is gesloten")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(CUSTOMER))).to_have_count(0)
    shot(page, "06-closed")
    closed = Case.objects.filter(customer__name=CUSTOMER, status=Case.Status.CLOSED)
    assert closed.filter(resolution__startswith="Machtigingsformulier gemaild").exists()
    assert problems == []


def test_a_long_call_opens_whole_on_request(
    demo: None, live_server: LiveServer, page: Page, problems: list[str]
) -> None:
    # An hour on the phone: the timeline shows the opening, the worry and its pick-up and the
    # close; the line in between brings the rest in place.
    lines = [("agent", "Goedemiddag, u spreekt met Sanne."), ("customer", "Met Karel Mulder.")]
    for i in range(2, 140):
        lines.append(
            ("customer", f"Dan de meterstand van {1200 + i}.")
            if i % 2 == 0
            else ("agent", "Dat noteer ik even voor u.")
        )
    lines[70] = ("customer", "Ik maak me zorgen dat ik deze winter zonder verwarming zit.")
    lines[71] = ("agent", "Ik hoor dat u zich zorgen maakt. Wat maakt het zo spannend?")
    case = case_of(contact(*lines, channel="phone", customer="Karel Mulder", email="k@example.nl"))
    page.goto(live_server.url + "/")
    page.get_by_label("Gebruikersnaam").fill("agent")
    page.get_by_label("Wachtwoord").fill("signaal-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtrij")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    turns = page.locator(".story-case.is-current .turn")
    expect(turns).to_have_count(12)
    expect(page.locator("mark.evidence", has_text="zorgen").first).to_be_visible()
    gaps = page.get_by_role(
        "link", name="64 beurten tussendoor niet getoond. Toon het hele gesprek"
    )
    expect(gaps).to_have_count(2)
    gap = gaps.first
    expect(gap).to_be_visible()
    shot(page, "07-long-call")
    gap.focus()
    page.keyboard.press("Enter")
    expect(turns).to_have_count(140)
    expect(page.locator(".turn-gap")).to_have_count(0)
    # The keyboard goes on where the hidden turns begin.
    expect(page.locator(f"#contact-{case.interactions.get().pk}-turn-6")).to_be_focused()
    assert problems == []
