"""Presentation mode: one district's one-pager as large-type screens for a 1280×720 projector.

Owns the order of the screens, the projector styling (CSS only: no user text is ever put into
HTML) and where the keys that drive it from a clicker are drawn and applied (present_keys owns
the keys themselves). Renders the district's ``OnePager`` (advocacy.exports.document),
so the story, its draft marks, the key numbers and the charts are the PDF's. Never edits anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from advocacy import charts, formatting, template
from advocacy.app import present_keys, sources, state, widgets
from advocacy.app.inert import md
from advocacy.exports import document
from advocacy.model import District

CHART_HEIGHT = 500
CHART_TEXT_PX = 20
TITLE_PX = 26
TITLE_LINE_PX = 34  # one line of a TITLE_PX title, with Plotly's leading
TITLE_GAP_PX = 28  # from the title's last line to the plot, past the top tick label

# Streamlit gives a keyed container the class st-key-<key, dots as dashes>; the rules hang on
# those classes. The navigation row is fixed to the bottom edge so Previous and Next stay on a
# 720-pixel screen whatever the screen holds.
_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stElementToolbar"] { display: none; }
.stMainBlockContainer { padding: 1.25rem 3rem 6.5rem; max-width: none; }
.stMainBlockContainer h1 { font-size: 2.75rem; padding: 0 0 0.25rem; }
.stMainBlockContainer h2 { font-size: 2.4rem; }
.stMainBlockContainer p, .stMainBlockContainer li { font-size: 1.75rem; line-height: 1.4; }
.st-key-present-text-m p { font-size: 1.4rem; }
.st-key-present-text-s p { font-size: 1.15rem; }
.st-key-present-figure p { font-size: 4rem; font-weight: 700; line-height: 1.1; }
.st-key-present-figure [data-testid="stCaptionContainer"] p { font-size: 1.5rem;
  font-weight: 400; line-height: 1.3; }
.st-key-present-draft { border: 2px dashed #8a4b00; border-radius: 0.5rem; padding: 0.3rem 1rem;
  width: fit-content; }
.st-key-present-draft p { font-size: 1.2rem; color: #8a4b00; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 3.2rem; }
[data-testid="stMetricLabel"] p { font-size: 1.4rem; }
.st-key-present-nav { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990;
  background: #ffffff; border-top: 1px solid #c8cfd6; padding: 0.6rem 3rem; }
.st-key-present-nav p { font-size: 1.35rem; }
.st-key-present-keys { position: absolute; width: 0; height: 0; overflow: hidden; }
[class*="st-key-present-alt"] { position: absolute !important; width: 1px !important;
  min-width: 0 !important; height: 1px !important; padding: 0 !important; margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
</style>"""


@dataclass(frozen=True, slots=True)
class Screen:
    title: str
    draw: Callable[[], None]


def setup(district: District) -> None:
    """Before presenting: what the screens are and how to drive them; the picker stays above."""
    widgets.fictional_note(district)
    screens = _screens(district)
    st.markdown(f"{len(screens)} screens: " + ", ".join(s.title for s in screens) + ".")
    st.markdown("While presenting, **→**, **Page Down** or **Space** shows the next screen and "
                "**←** or **Page Up** the previous one, so a presentation clicker drives it. "
                "Press F11 for full screen; the screens are laid out for 1280 × 720.")
    st.button("Start presenting", type="primary", icon=":material/slideshow:",
              key=state.key("present", "start"), on_click=state.set_presenting, args=(True,))


def show(district: District) -> None:
    st.html(_STYLE)
    screens = _screens(district)
    last = len(screens) - 1
    _follow_keys(last)
    step = min(state.present_step(), last)
    screen = screens[step]
    st.title(screen.title)
    screen.draw()
    with st.container(key="present.nav"):
        back, where, forward, leave = st.columns([1, 2, 1, 1], vertical_alignment="center")
        # A move is relative to the step the server holds when the click arrives, not to the
        # step this run drew: a press that lands while a run is still drawing moves one screen
        # from where the presenter is, never back to a screen already shown.
        back.button("◀ Previous", disabled=step == 0, key=state.key("present", "back"),
                    on_click=state.move_present_step, args=(-1, last), width="stretch")
        where.markdown(f"{district.name} · screen {step + 1} of {len(screens)}")
        forward.button("Next ▶", disabled=step == last, type="primary",
                       key=state.key("present", "next"), on_click=state.move_present_step,
                       args=(1, last), width="stretch")
        leave.button("End", key=state.key("present", "end"), icon=":material/close:",
                     on_click=state.set_presenting, args=(False,), width="stretch")


def _follow_keys(last: int) -> None:
    """Apply every key press not applied yet, in order, before the screen is chosen. Drawn
    first, at the same place on every screen, so Streamlit keeps the listener mounted between
    screens rather than remounting it."""
    with st.container(key="present.keys"):
        presses = present_keys.listen(state.key("present", "presses"))
    moves, seen = present_keys.unseen(presses, state.present_keys_seen())
    for move in moves:
        state.move_present_step(move, last)
    state.set_present_keys_seen(seen)


def _screens(district: District) -> list[Screen]:
    doc = sources.one_pager(district)

    def opening() -> None:
        st.markdown(f"## {md(doc.name)}")
        if doc.fictional:
            st.markdown(f"_{widgets.FICTIONAL}_")
        if doc.headline.value != formatting.DASH:
            _key_number(doc.headline)
            st.markdown(_prose(doc.headline_sentence))

    def who() -> None:
        for column, (label, value) in zip(st.columns(3), doc.profile[:3], strict=False):
            column.metric(md(label), value)
        _chart(doc.source_chart, height=CHART_HEIGHT - 100, wide=True)

    def part(key: str, chart=None) -> Callable[[], None]:
        shown = doc.part(key)

        def draw() -> None:
            if chart is None:
                _words(shown)
                return
            left, right = st.columns([5, 6], gap="large")
            with left:
                _words(shown)
            with right:
                _chart(chart)
        return draw

    def contact() -> None:
        lines = [_prose(value) for _label, value in doc.contact]
        if lines:
            st.markdown("  \n".join(lines))
        if doc.data_sources:
            st.caption(f"Data sources: {_prose(doc.data_sources)}")

    screens = [Screen("Who we are", opening), Screen("Our district", who)]
    screens += [Screen(form.label, part(form.key, chart)) for form, chart in zip(
        template.STORY, (None, doc.use_chart, doc.outcome_chart), strict=True)]
    if doc.contact or doc.data_sources:
        screens.append(Screen("Contact", contact))
    return screens


def _words(shown: document.Part) -> None:
    """A story part as the one-pager has it: a draft the app wrote marked as one until someone
    accepts it, its key number large, then the words, smaller when there are many."""
    if not shown.text:
        st.markdown("_Not written yet: draft it on the Story page._")
        return
    if shown.marked:
        with st.container(key="present.draft"):
            st.markdown(document.DRAFT_MARK)
    if shown.key_number is not None:
        _key_number(shown.key_number)
    words = len(shown.text.split())
    size = "l" if words <= 60 else "m" if words <= 100 else "s"
    with st.container(key=f"present.text.{size}"):
        st.markdown(_prose(shown.text))


# A school year such as 2019-20 may not break after its hyphen: "2019-" ending one line and
# "20" starting the next reads as two numbers from the back of a room. A word joiner after the
# hyphen holds the two together; the text reads and sounds the same.
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def _prose(text: str) -> str:
    return md(_DIGIT_HYPHEN.sub("-\u2060", text))


def _key_number(number) -> None:
    with st.container(key="present.figure"):
        st.markdown(md(number.value))
        st.caption(_prose(number.caption))




def _chart(spec, height: int = CHART_HEIGHT, *, wide: bool = False) -> None:
    """The chart with its text at projector size; no toolbar or downloads on the screen. Its
    alt text is kept off the screen but read by screen readers."""
    if spec is None:
        return
    if spec.headline is None and not any(
            value is not None for series in spec.series for value in series.values):
        st.markdown(f"{md(spec.title)}: no figures to chart yet.")
        return
    st.plotly_chart(projected(spec, height, wide=wide), width="stretch", theme=None,
                    key=state.key("present", "chart", spec.id),
                    config={"displayModeBar": False, "displaylogo": False})
    with st.container(key=state.key("present", "alt", spec.id)):
        st.markdown(f"Chart: {md(spec.title)}. {md(spec.alt_text)}")


def projected(spec, height: int = CHART_HEIGHT, *, wide: bool = False):
    """The app's figure for ``spec`` with every text at least CHART_TEXT_PX pixels, none
    touching another: the title clear of the top tick, the first year clear of the lowest.
    ``wide``: the chart spans the screen, so its title needs no second line."""
    figure = charts.to_plotly(spec)
    size = {"size": CHART_TEXT_PX}
    title = figure.layout.title.text or ""
    if wide:
        title = title.replace("<br>", " ")  # the app's own line breaks; user text is escaped
    lines = title.count("<br>") + 1 if title else 0
    figure.update_layout(height=height, font=size, legend={"font": size},
                         hoverlabel={"font": size},
                         # Stood on the plot's top edge, above the top tick label, in a margin
                         # sized for its lines. Plotly anchors a title by its first line, so
                         # the lines under it are added to the gap.
                         title={"text": title, "font": {"size": TITLE_PX}, "yref": "paper",
                                "y": 1, "yanchor": "bottom",
                                "pad": {"b": TITLE_GAP_PX + (lines - 1) * TITLE_LINE_PX}},
                         margin={"l": 80, "r": 20, "b": 10,
                                 "t": lines * TITLE_LINE_PX + TITLE_GAP_PX + 16})
    figure.update_xaxes(tickfont=size)
    figure.update_yaxes(tickfont=size, ticklabelstandoff=8)
    if spec.kind == "line":
        # Plotly puts a line's first year on the plot's left edge, under the lowest value tick;
        # half a year's width of room on each side moves it clear, as bars have.
        figure.update_xaxes(range=[-0.5, len(spec.categories) - 0.5])
    for note in figure.layout.annotations:
        note.font.size = max(note.font.size or 0, CHART_TEXT_PX + 2)
    return figure
