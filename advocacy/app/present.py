"""Presentation mode: one district's story as large-type screens an affiliate clicks through.

Owns the order of the screens and the projector styling (CSS only: no user text is ever put into
HTML). Renders the district's ``OnePager`` (advocacy.exports.document), so the story, its draft
marks, the key numbers and the outcome chart are the PDF's. Never edits anything.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from advocacy import formatting, template
from advocacy.app import sources, state, widgets
from advocacy.app.inert import md
from advocacy.exports import document
from advocacy.model import District

_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
.stMainBlockContainer p, .stMainBlockContainer li { font-size: 1.9rem; line-height: 1.45; }
.stMainBlockContainer h1 { font-size: 3.2rem; }
.stMainBlockContainer h2 { font-size: 2.5rem; }
[data-testid="stMetricValue"] { font-size: 3.4rem; }
[data-testid="stMetricLabel"] p { font-size: 1.4rem; }
</style>"""


def style() -> None:
    st.html(_STYLE)


def show(district: District) -> None:
    screens = _screens(district)
    step = min(state.present_step(), len(screens) - 1)
    title, draw = screens[step]
    st.header(md(title))
    draw()
    st.divider()
    back, where, forward, leave = st.columns([1, 2, 1, 1])
    back.button("◀ Previous", disabled=step == 0, key=state.key("present", "back"),
                on_click=state.set_present_step, args=(step - 1,), width="stretch")
    where.markdown(f"Screen {step + 1} of {len(screens)}")
    forward.button("Next ▶", disabled=step == len(screens) - 1, type="primary",
                   key=state.key("present", "next"), on_click=state.set_present_step,
                   args=(step + 1,), width="stretch")
    leave.page_link("dashboard.py", label="Leave", icon=":material/home:")


def _screens(district: District) -> list[tuple[str, Callable[[], None]]]:
    doc = sources.one_pager(district)

    def opening() -> None:
        st.markdown(f"## {md(doc.name)}")
        if doc.fictional:
            st.markdown(f"_{widgets.FICTIONAL}_")
        if doc.headline.value != formatting.DASH:
            st.metric(md(doc.headline.caption), doc.headline.value)
            st.markdown(md(doc.headline_sentence))

    def who() -> None:
        for column, (label, value) in zip(st.columns(3), doc.profile[:3], strict=False):
            column.metric(md(label), value)
        _chart(doc.source_chart)

    def part(key: str, chart=None) -> Callable[[], None]:
        shown = doc.part(key)

        def draw() -> None:
            if shown.marked:
                st.warning(document.DRAFT_MARK, icon=":material/edit_note:")
            if shown.key_number is not None:
                st.metric(md(shown.key_number.caption), shown.key_number.value)
            st.markdown(md(shown.text) if shown.text else formatting.DASH)
            _chart(chart)
        return draw

    def contact() -> None:
        lines = [md(value) for _label, value in doc.contact]
        if lines:
            st.markdown("  \n".join(lines))
        if doc.data_sources:
            st.caption(f"Data sources: {md(doc.data_sources)}")

    screens = [("Who we are", opening), ("Our district", who)]
    screens += [(form.label, part(form.key, chart)) for form, chart in zip(
        template.STORY, (None, doc.use_chart, doc.outcome_chart), strict=True)]
    if doc.contact or doc.data_sources:
        screens.append(("Contact", contact))
    return screens


def _chart(spec) -> None:
    if spec is not None:
        widgets.chart(spec, key_prefix="present.chart", height=420)
