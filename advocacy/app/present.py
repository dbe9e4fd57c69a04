"""Presentation mode: one district's story as large-type screens an affiliate clicks through.

Owns the order of the screens and the projector styling (CSS only: no user text is ever put into
HTML). Facts and sentences come from advocacy.narrative and the district's own story; numbers are
formatted by advocacy.formatting. Never edits anything.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from advocacy import formatting, narrative, template
from advocacy.app import sources, state, widgets
from advocacy.app.inert import md
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
    figures = sources.figures(district)
    specs = {spec.id: spec for spec in sources.chart_specs(district)}
    facts = narrative.headline_facts(district, figures)[:3]

    def opening() -> None:
        st.markdown(f"## {md(district.name)}")
        if district.fictional:
            st.markdown(f"_{widgets.FICTIONAL}_")
        for fact in facts:
            st.markdown(f"- {md(fact.text)}")

    def who() -> None:
        profile, latest = district.profile, figures.latest
        cells = (*((template.profile_field(key).short, formatting.profile_value(
                    key, getattr(profile, key))) for key in ("students", "teachers", "schools")),
                 ("Professional learning" + (f", {latest.school_year}" if latest else ""),
                  formatting.usd_compact(latest.total_usd if latest else None)))
        for column, (label, value) in zip(st.columns(len(cells)), cells, strict=True):
            column.metric(md(label), value)
        _chart(specs.get("spending_by_source"))

    def part(name: str, chart_id: str | None = None) -> Callable[[], None]:
        def draw() -> None:
            text = getattr(district.story, name)
            st.markdown(md(text) or "_Not written yet: draft it on the Story page._")
            _chart(specs.get(chart_id) if chart_id else None)
        return draw

    def impact() -> None:
        part("impact")()
        outcome = next((spec for key, spec in specs.items() if key.startswith("outcome:")), None)
        _chart(outcome)

    def contact() -> None:
        c = district.contact
        lines = [c.name, c.title, c.organization, c.email, c.phone]
        st.markdown("  \n".join(md(line) for line in lines if line) or "_No contact yet._")

    return [("Who we are", opening), ("Our district", who), ("Challenge", part("challenge")),
            ("Solution", part("solution", "spending_by_use")), ("Impact", impact),
            ("Contact", contact)]


def _chart(spec) -> None:
    if spec is not None:
        widgets.chart(spec, key_prefix="present.chart", height=420)
