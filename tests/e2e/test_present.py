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
# The projector the screens are laid out for, and a common larger one.
SIZES = [(WIDTH, HEIGHT), (1400, 900)]
SCREENS = ["Who we are", "Our district", "Challenge", "Solution", "Impact", "Contact"]
# Plotly sets sizes on its SVG text as inline styles; a tick, legend or title under 20 px fails.
SMALLEST_CHART_TEXT = """() => {
  const sizes = [...document.querySelectorAll('.js-plotly-plot svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  return sizes.length ? Math.min(...sizes) : null;
}"""

# Chart texts that touch: each pair of a tick label of one axis and one of the other, or the
# title and a tick label, whose boxes come within 2 px of each other.
TOUCHING_CHART_TEXT = """() => {
  const near = (a, b) => a.left < b.right + 2 && b.left < a.right + 2
    && a.top < b.bottom + 2 && b.top < a.bottom + 2;
  const boxes = (plot, selector) => [...plot.querySelectorAll(selector)]
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
  const touching = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const x = boxes(plot, '.xtick text'), y = boxes(plot, '.ytick text');
    const title = boxes(plot, '.gtitle');
    for (const [first, second] of [[x, y], [title, x.concat(y)]])
      for (const [a, boxA] of first) for (const [b, boxB] of second)
        if (near(boxA, boxB)) touching.push(a + ' / ' + b);
  }
  return touching;
}"""

# Places where a line ends inside a number such as 2019-20, the next line starting after the
# hyphen.
BROKEN_AT_A_HYPHEN = """() => {
  const broken = [], range = document.createRange();
  const walker = document.createTreeWalker(document.querySelector('.stMainBlockContainer'),
                                           NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (const match of node.data.matchAll(/\\d-\u2060?\\d/g)) {
      const end = match.index + match[0].length;
      range.setStart(node, match.index); range.setEnd(node, match.index + 1);
      const before = range.getBoundingClientRect();
      range.setStart(node, end - 1); range.setEnd(node, end);
      if (range.getBoundingClientRect().top >= before.bottom - 1)
        broken.push(node.data.slice(Math.max(0, match.index - 10), end + 2));
    }
  }
  return broken;
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


# The running state can last less than a frame, too briefly for a polling wait to see; an
# observer set before the press records it however briefly it lasts.
WATCH_FOR_A_RUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runStarted = new Promise(resolve => new MutationObserver((_, observer) => {
    if (app.dataset.testScriptState === 'running') { observer.disconnect(); resolve(); }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}));
}"""
RUN_STARTED = """() => Promise.race([window.__runStarted, new Promise((_, reject) =>
  setTimeout(() => reject(new Error('no run started within 60 s of the press')), 60000))])"""


def start_presenting(page):
    go(page, "Present")
    page.get_by_role("button", name="Start presenting").click()
    settle(page)
    page.get_by_role("heading", name=SCREENS[0], level=1).wait_for(timeout=60_000)
    wait_for_keys(page)


def wait_for_keys(page) -> None:
    """The keys listen once the component's module has run, just after the first screen is
    drawn; a key pressed before then is lost, as it would be for a person."""
    page.locator(".st-key-present-keys [data-listening=keys]").wait_for(state="attached",
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
    size = page.viewport_size
    return (box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]
            and box["x"] >= 0 and box["x"] + box["width"] <= size["width"])


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_screen_fits_a_projector_and_a_clicker_drives_it(server, browser, shots, width,
                                                               height):
    context, page = open_app(browser, server, width, height)
    try:
        start_presenting(page)
        assert page.get_by_role("combobox").count() == 0  # the picker stepped aside
        keys = ["ArrowRight", "PageDown", " ", "ArrowRight", "PageDown"]
        for index, title in enumerate(SCREENS):
            page.wait_for_timeout(800)  # charts draw after the run ends
            assert heading(page) == title
            assert page.evaluate("document.documentElement.scrollHeight") <= height, title
            assert in_view(page, "◀ Previous") and in_view(page, "Next ▶"), title
            assert page.locator(".modebar-container .modebar").count() == 0
            assert page.get_by_test_id("stDownloadButton").count() == 0
            if page.locator(".js-plotly-plot").count():
                assert page.evaluate(SMALLEST_CHART_TEXT) >= 20, title
                assert page.evaluate(TOUCHING_CHART_TEXT) == [], title
                alt = page.locator('[class*="st-key-present-alt"]')
                assert alt.count() == 1 and alt.inner_text().startswith("Chart: ")
                assert alt.bounding_box()["width"] <= 1  # clipped: read aloud, never seen
            assert page.evaluate(BROKEN_AT_A_HYPHEN) == [], title
            sizes = page.evaluate(FIGURE_AND_CAPTION_PX)
            if sizes is not None:
                figure, caption = sizes
                assert 20 <= caption <= figure / 2, (title, sizes)
            page.screenshot(path=shots / f"present-{width}x{height}-{index + 1}.png")
            if index < len(SCREENS) - 1:
                press(page, keys[index], SCREENS[index + 1])
        # The Contact screen is laid out unlike the others; the keys still work after it.
        press(page, "ArrowLeft", "Impact")
        press(page, "PageUp", "Solution")
    finally:
        context.close()


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
        page.evaluate(WATCH_FOR_A_RUN)
        page.keyboard.press("PageDown")
        page.evaluate(RUN_STARTED)
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


def test_the_keys_drive_a_second_presentation_after_end(server, browser):
    """End removes the listener with its component; Start draws a fresh one, whose presses
    number from one again and still each move one screen."""
    context, page = open_app(browser, server, WIDTH, HEIGHT)
    try:
        start_presenting(page)
        press(page, "ArrowRight", SCREENS[1])
        press(page, "ArrowRight", SCREENS[2])
        page.get_by_role("button", name="End").click()
        settle(page)
        assert page.locator("[data-listening=keys]").count() == 0
        page.get_by_role("button", name="Start presenting").click()
        settle(page)
        page.get_by_role("heading", name=SCREENS[0], level=1).wait_for(timeout=60_000)
        wait_for_keys(page)
        press(page, "ArrowRight", SCREENS[1])
        press(page, "ArrowLeft", SCREENS[0])
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
