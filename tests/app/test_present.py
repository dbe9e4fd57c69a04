"""Present in AppTest: the set-up view, then screens that hide the title and picker; the
one-pager's story with its key numbers and draft marks; projector-sized chart text."""

from __future__ import annotations

import pytest

from advocacy import charts, metrics
from advocacy.app import present, present_keys
from advocacy.exports import document
from advocacy.load import load_files
from tests.app.conftest import assert_clean, open_page
from tests.app.workbooks import workbook

pytestmark = pytest.mark.app

SCREENS = ["Who we are", "Our district", "Challenge", "Solution", "Impact", "Contact"]


def presenting(result=None):
    app = open_page("pages/7_Present.py", result)
    assert [t.value for t in app.title] == ["Present"]
    assert len(app.selectbox) == 1
    app.button(key="present.start").click().run()
    assert_clean(app)
    return app


def forward(app, times: int = 1):
    for _ in range(times):
        app.button(key="present.next").click().run()
        assert_clean(app)
    return app


def texts(app) -> list[str]:
    return [m.value for m in app.markdown]


def test_presenting_hides_the_title_and_picker_and_clicks_through_every_screen():
    app = presenting()
    seen = []
    for step in range(len(SCREENS)):
        seen.append([t.value for t in app.title])
        assert len(app.selectbox) == 0
        assert f"screen {step + 1} of {len(SCREENS)}" in " ".join(texts(app))
        assert app.get("download_button") == []  # nothing to download on a projected screen
        if step < len(SCREENS) - 1:
            forward(app)
    assert seen == [[title] for title in SCREENS]
    assert app.button(key="present.next").disabled
    app.button(key="present.back").click().run()
    assert app.title[0].value == "Impact"
    app.button(key="present.end").click().run()
    assert [t.value for t in app.title] == ["Present"]
    assert len(app.selectbox) == 1


def test_charts_keep_their_alt_text_for_screen_readers():
    app = forward(presenting(), 3)  # Solution, with the spending-by-use chart
    assert len(app.get("plotly_chart")) == 1
    alt = [text for text in texts(app) if text.startswith("Chart: ")]
    assert len(alt) == 1 and "spent" in alt[0].lower()


def test_a_story_nobody_wrote_shows_the_drafts_marked_as_drafts():
    result = load_files([workbook(6000)])
    challenge = document.build(result.districts[0]).part("challenge")
    assert challenge.marked and challenge.text
    app = forward(presenting(result), 2)
    assert app.title[0].value == "Challenge"
    shown = texts(app)
    assert document.DRAFT_MARK in shown
    assert any(challenge.text[:40] in text.replace("\\", "") for text in shown)
    if challenge.key_number is not None:
        assert challenge.key_number.value in [t.replace("\\", "") for t in shown]


def test_the_districts_own_story_shows_its_key_numbers_and_no_draft_mark():
    app = forward(presenting(), 4)  # the default sample, whose story its district wrote
    assert app.title[0].value == "Impact"
    shown = [text.replace("\\", "") for text in texts(app)]
    assert document.DRAFT_MARK not in shown
    assert any("retention" in text.lower() and len(text) > 40 for text in shown)
    assert "88%" in shown  # the impact's key number, set large


def test_projected_chart_text_is_at_least_20_px():
    result = load_files([workbook(6000)])
    district = result.districts[0]
    for spec in charts.specs(district, metrics.compute(district)):
        figure = present.projected(spec)
        layout = figure.layout
        sizes = [layout.font.size, layout.legend.font.size, layout.hoverlabel.font.size,
                 layout.xaxis.tickfont.size, layout.yaxis.tickfont.size]
        if layout.title.text:
            sizes.append(layout.title.font.size)
        sizes += [note.font.size for note in layout.annotations]
        assert min(sizes) >= present.CHART_TEXT_PX, spec.id


def test_a_click_drawn_before_the_last_move_moves_one_screen_from_where_the_presenter_is():
    """A clicker press can land on a Next button drawn before the previous press was handled;
    it moves one screen on from the step the session holds, never back to a shown screen."""
    app = presenting()  # Next drawn on screen 1
    app.session_state["ui.present_step"] = 2  # a press the browser had not redrawn yet
    forward(app)
    assert app.title[0].value == SCREENS[3]
    app.session_state["ui.present_step"] = len(SCREENS) - 1
    app.button(key="present.next").click().run()  # drawn enabled on the Solution screen
    assert app.title[0].value == SCREENS[-1]  # stays on the last screen, never past it


A, B = "mount-a", "mount-b"


@pytest.mark.parametrize(("presses", "seen", "moves", "after"), [
    # Two presses folded into one message (one browser task, or a run stopped for a newer one
    # before it read the first): both move, in order.
    ({"mount": A, "moves": [[1, 1], [2, 1]]}, ("", 0), [1, 1], (A, 2)),
    # The same value read again (a rerun for another reason) moves nothing.
    ({"mount": A, "moves": [[1, 1], [2, 1]]}, (A, 2), [], (A, 2)),
    # A value still carrying applied presses moves only by the new ones.
    ({"mount": A, "moves": [[1, 1], [2, 1], [3, -1]]}, (A, 2), [-1], (A, 3)),
    # A listener mounted afresh numbers from 1; its presses are new whatever A reached.
    ({"mount": B, "moves": [[1, -1]]}, (A, 7), [-1], (B, 1)),
    # An older value arriving late never moves back.
    ({"mount": A, "moves": [[1, 1]]}, (A, 2), [], (A, 2)),
    # Not the component's shape: nothing moves, nothing is forgotten.
    (None, (A, 2), [], (A, 2)),
    ({"mount": A, "moves": "12"}, (A, 2), [], (A, 2)),
    ({"mount": A, "moves": [[3, 5], ["4", 1], [5, True], [6]]}, (A, 2), [], (A, 2)),
])
def test_each_key_press_moves_once_however_the_browser_batches_them(presses, seen, moves, after):
    assert present_keys.unseen(presses, seen) == (moves, after)
