"""Present on a 1280×720 projector in headless Chromium: every screen fits with Previous and
Next in view; →, PageDown and Space move forward, ← and PageUp back; chart text is at least
20 px; no toolbar, alt text or download button shows. Screenshots of every screen for review."""

from __future__ import annotations

import pytest

from advocacy.exports.document import DRAFT_MARK
from tests.app.workbooks import workbook
from tests.e2e.conftest import go, open_app, settle, upload

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720
SCREENS = ["Who we are", "Our district", "Challenge", "Solution", "Impact", "Contact"]
# Plotly sets sizes on its SVG text as inline styles; a tick, legend or title under 20 px fails.
SMALLEST_CHART_TEXT = """() => {
  const sizes = [...document.querySelectorAll('.js-plotly-plot svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  return sizes.length ? Math.min(...sizes) : null;
}"""

# A key number is set large and its caption (what it counts, and when) as text under it.
FIGURE_AND_CAPTION_PX = """() => {
  const box = document.querySelector('.st-key-present-figure');
  if (!box) return null;
  const caption = box.querySelector('[data-testid="stCaptionContainer"] p');
  const figure = [...box.querySelectorAll('p')]
    .find(p => !p.closest('[data-testid="stCaptionContainer"]'));
  return [figure, caption].map(p => parseFloat(getComputedStyle(p).fontSize));
}"""


def start_presenting(page):
    go(page, "Present")
    page.get_by_role("button", name="Start presenting").click()
    settle(page)
    page.get_by_role("heading", name=SCREENS[0], level=1).wait_for(timeout=60_000)
    wait_for_keys(page)


def wait_for_keys(page) -> None:
    """streamlit-shortcuts binds its keys from an iframe that loads after the first run of the
    screens; a key pressed before then is lost, as it would be for a person."""
    page.wait_for_function("(window.__streamlitShortcutsMap || {})['present-next'] !== undefined",
                           timeout=60_000)


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def press(page, key: str, expected: str) -> None:
    """One key press moves exactly one screen: never retried, so a lost press fails."""
    page.keyboard.press(key)
    page.get_by_role("heading", name=expected, level=1).wait_for(timeout=60_000)
    settle(page)
    assert heading(page) == expected


def in_view(page, name: str) -> bool:
    box = page.get_by_role("button", name=name).bounding_box()
    return (box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
            and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH)


def test_every_screen_fits_a_projector_and_a_clicker_drives_it(server, browser, shots):
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        start_presenting(page)
        assert page.get_by_role("combobox").count() == 0  # the picker stepped aside
        keys = ["ArrowRight", "PageDown", " ", "ArrowRight", "PageDown"]
        for index, title in enumerate(SCREENS):
            page.wait_for_timeout(800)  # charts draw after the run ends
            assert heading(page) == title
            assert page.evaluate("document.documentElement.scrollHeight") <= HEIGHT, title
            assert in_view(page, "◀ Previous") and in_view(page, "Next ▶"), title
            assert page.locator(".modebar-container .modebar").count() == 0
            assert page.get_by_test_id("stDownloadButton").count() == 0
            if page.locator(".js-plotly-plot").count():
                assert page.evaluate(SMALLEST_CHART_TEXT) >= 20, title
                alt = page.locator('[class*="st-key-present-alt"]')
                assert alt.count() == 1 and alt.inner_text().startswith("Chart: ")
                assert alt.bounding_box()["width"] <= 1  # clipped: read aloud, never seen
            sizes = page.evaluate(FIGURE_AND_CAPTION_PX)
            if sizes is not None:
                figure, caption = sizes
                assert 20 <= caption <= figure / 2, (title, sizes)
            page.screenshot(path=shots / f"present-{WIDTH}x{HEIGHT}-{index + 1}.png")
            if index < len(SCREENS) - 1:
                press(page, keys[index], SCREENS[index + 1])
        # The Contact screen is laid out unlike the others; the keys still work after it.
        press(page, "ArrowLeft", "Impact")
        press(page, "PageUp", "Solution")
    finally:
        context.close()


@pytest.mark.xfail(strict=False, reason=(
    "known bug, open on issue 13: in the fresh-clone CI run of 48a3e12 (quiet machine) two "
    "ArrowRight presses in quick succession did not reach the second screen within 60 s"))
def test_a_fast_double_press_moves_two_screens(server, browser):
    """A presenter who clicks twice before the first screen is drawn lands two screens on,
    not one (the second click repeating the first's target) and not three."""
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        start_presenting(page)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.get_by_role("heading", name=SCREENS[2], level=1).wait_for(timeout=60_000)
        settle(page)
        page.wait_for_timeout(1500)  # a third move, were there one, would have shown by now
        assert heading(page) == SCREENS[2]
        press(page, "ArrowLeft", SCREENS[1])
    finally:
        context.close()


def test_a_press_while_a_screen_is_drawing_moves_one_more(server, browser):
    """A press that lands while the previous press's run is still drawing counts from the
    screen the presenter asked for, and the keys still work once the run ends."""
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        start_presenting(page)
        page.keyboard.press("PageDown")
        page.locator('[data-testid="stApp"][data-test-script-state="running"]').wait_for(
            timeout=60_000)
        page.keyboard.press("PageDown")
        page.get_by_role("heading", name=SCREENS[2], level=1).wait_for(timeout=60_000)
        settle(page)
        page.wait_for_timeout(1500)
        assert heading(page) == SCREENS[2]
        press(page, "PageUp", SCREENS[1])
        press(page, "PageUp", SCREENS[0])
    finally:
        context.close()


def test_a_drafted_story_is_marked_on_screen(server, browser, shots):
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        go(page, "Upload")
        source = workbook(6000)
        upload(page, [(source.name, source.data)])
        start_presenting(page)
        press(page, "ArrowRight", "Our district")
        press(page, "ArrowRight", "Challenge")
        assert page.get_by_text(DRAFT_MARK, exact=True).is_visible()
        page.screenshot(path=shots / f"present-{WIDTH}x{HEIGHT}-draft.png")
    finally:
        context.close()


def test_keys_are_let_go_after_presenting(server, browser):
    """The shortcuts listen on the whole tab; typing on the next page must still work."""
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        start_presenting(page)
        page.get_by_role("button", name="End").click()
        settle(page)
        go(page, "Story")
        box = page.get_by_label("Challenge: what problem are you solving?")
        box.fill("")
        box.press_sequentially("two words")
        box.press("ArrowLeft")
        box.press("Space")
        assert box.input_value() == "two word s"
    finally:
        context.close()
