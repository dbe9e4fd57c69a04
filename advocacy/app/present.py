"""Presentation mode: one district's one-pager as large-type screens for a 1280×720 projector.

Owns the order of the screens, the projector styling (CSS only: no user text is ever put into
HTML) and the keys that drive it from a clicker (→, PageDown and Space forward; ←, PageUp back,
through streamlit-shortcuts). Renders the district's ``OnePager`` (advocacy.exports.document),
so the story, its draft marks, the key numbers and the charts are the PDF's. Never edits anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit_shortcuts import add_shortcuts

from advocacy import charts, formatting, template
from advocacy.app import sources, state, widgets
from advocacy.app.inert import md
from advocacy.exports import document
from advocacy.model import District

FORWARD = ["arrowright", "pagedown", " "]
BACK = ["arrowleft", "pageup"]
CHART_HEIGHT = 500
CHART_TEXT_PX = 20

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
    if state.keys_bound():
        widgets.release_keys()
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
    _bind_keys()
    screens = _screens(district)
    last = len(screens) - 1
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


def _bind_keys() -> None:
    """streamlit-shortcuts installs one keydown listener on the page, from inside its component
    iframe, and never installs another while a flag on the page says one exists. When Streamlit
    remounts that iframe (it does whenever the element's place in the page changes, as it did
    here between screens of different lengths), Chromium stops calling a listener whose frame is
    gone, the flag stays set, and every key press after that is lost. So the component is drawn
    first, at the same place on every screen, where Streamlit keeps its iframe alive; leaving
    Present clears the flag (widgets.release_keys) so the next start installs a fresh listener."""
    with st.container(key="present.keys"):
        add_shortcuts(**{"present-next": FORWARD, "present-back": BACK})
    state.set_keys_bound(True)


def _screens(district: District) -> list[Screen]:
    doc = sources.one_pager(district)

    def opening() -> None:
        st.markdown(f"## {md(doc.name)}")
        if doc.fictional:
            st.markdown(f"_{widgets.FICTIONAL}_")
        if doc.headline.value != formatting.DASH:
            _key_number(doc.headline)
            st.markdown(md(doc.headline_sentence))

    def who() -> None:
        for column, (label, value) in zip(st.columns(3), doc.profile[:3], strict=False):
            column.metric(md(label), value)
        _chart(doc.source_chart, height=CHART_HEIGHT - 100)

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
        lines = [md(value) for _label, value in doc.contact]
        if lines:
            st.markdown("  \n".join(lines))
        if doc.data_sources:
            st.caption(f"Data sources: {md(doc.data_sources)}")

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
        st.markdown(md(shown.text))


def _key_number(number) -> None:
    with st.container(key="present.figure"):
        st.markdown(md(number.value))
        st.caption(md(number.caption))




def _chart(spec, height: int = CHART_HEIGHT) -> None:
    """The chart with its text at projector size; no toolbar or downloads on the screen. Its
    alt text is kept off the screen but read by screen readers."""
    if spec is None:
        return
    if spec.headline is None and not any(
            value is not None for series in spec.series for value in series.values):
        st.markdown(f"{md(spec.title)}: no figures to chart yet.")
        return
    st.plotly_chart(projected(spec, height), width="stretch", theme=None,
                    key=state.key("present", "chart", spec.id),
                    config={"displayModeBar": False, "displaylogo": False})
    with st.container(key=state.key("present", "alt", spec.id)):
        st.markdown(f"Chart: {md(spec.title)}. {md(spec.alt_text)}")


def projected(spec, height: int = CHART_HEIGHT):
    """The app's figure for ``spec`` with every text at least CHART_TEXT_PX pixels."""
    figure = charts.to_plotly(spec)
    size = {"size": CHART_TEXT_PX}
    figure.update_layout(height=height, font=size, legend={"font": size},
                         hoverlabel={"font": size}, title={"font": {"size": 26}},
                         margin={"l": 80, "r": 20, "t": 100, "b": 10})
    figure.update_xaxes(tickfont=size)
    figure.update_yaxes(tickfont=size)
    for note in figure.layout.annotations:
        note.font.size = max(note.font.size or 0, CHART_TEXT_PX + 2)
    return figure
