"""Shared renderers for the pages: page setup, district picker, issue tables, charts, downloads.

Owns how the same things look on every page (an issue is always severity, where, message; sample
data always carries the fictional label). Renders what ``advocacy`` computed; never parses,
computes figures or words the story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pandas as pd
import streamlit as st

from advocacy import charts, edit, picking
from advocacy.app import navigation, state
from advocacy.app.inert import md
from advocacy.exports import ExportResult, print_charts, safe_filename
from advocacy.issues import Issue, Severity, tally
from advocacy.model import District

T = TypeVar("T")
ISSUE_PAGE = 50  # issue rows at once; more are paged
# Names in one district picker; past this a search narrows them first (a national table
# of 18,620 names froze the browser in one list).
PICK_LIMIT = 50
FICTIONAL = "Fictional sample data for demonstration only; not a real district."

# Streamlit draws captions in the text colour at 60% opacity: 4.09:1 on white with our theme,
# under WCAG AA's 4.5:1. This grey, opaque, is 6.1:1 on white and 5.5:1 on the sidebar's tint.
CAPTION_GREY = "#5A6468"
_BASE_STYLE = f"""<style>
[data-testid="stCaptionContainer"] {{ color: {CAPTION_GREY}; opacity: 1; }}
</style>"""


def page(title: str, icon: str = "📄", *, heading: bool = True) -> None:
    """Wide layout and the page title; pages call state.init() before this."""
    st.set_page_config(page_title=f"{title} · Make Your Case", page_icon=icon, layout="wide")
    st.html(_BASE_STYLE)
    navigation.sidebar()
    if heading:
        st.title(title)


def fictional_note(district: District | None = None) -> None:
    shown = state.districts() if district is None else (district,)
    if any(d.fictional for d in shown):
        st.info(FICTIONAL, icon=":material/science:")


def no_data() -> None:
    st.info("No district is loaded yet. Load a fictional sample or upload a workbook first.")
    st.page_link("dashboard.py", label="Go to the start page", icon=":material/home:")


def district_picker(page_name: str) -> District | None:
    """One district for this page; the choice is shared by every page of the session. Up to
    PICK_LIMIT districts are one list; past that, a search and a state narrow the list first,
    so a national table never sends thousands of names to the browser."""
    names = state.names()
    if not names:
        no_data()
        return None
    current = state.current()
    widget = state.key("pick", page_name)
    # Shown by the name the district will be printed under (a person may have renamed it).
    labels = list(state.display_names())
    if len(names) > PICK_LIMIT:
        offered = _found(page_name, [names.index(current)])
    else:
        offered = list(range(len(names)))
    shown = [labels[i] for i in offered]

    def chosen() -> None:
        label = state.widget_value(widget, "")
        if label in shown:
            state.set_current(names[offered[shown.index(label)]])

    st.selectbox("District", shown, index=offered.index(names.index(current)), key=widget,
                 on_change=chosen)
    return state.district(state.current())


def pick_many(label: str, widget: str, page_name: str, default: Sequence[str]) -> list[str]:
    """Several districts, by loaded name, shown by the names they are printed under. Past
    PICK_LIMIT districts the list offers those already chosen and the first matches of a
    search and a state, as ``district_picker`` does, never every name of a national table."""
    names = state.names()
    shown_as = dict(zip(names, state.display_names(), strict=True))
    if len(names) > PICK_LIMIT:
        position = {name: i for i, name in enumerate(names)}
        chosen = [n for n in state.widget_value(widget, list(default)) if n in position]
        offered = [names[i] for i in _found(page_name, [position[n] for n in chosen])]
    else:
        offered = list(names)
    return st.multiselect(label, offered, default=[n for n in default if n in offered],
                          format_func=lambda name: shown_as.get(name, name), key=widget)


def _found(page_name: str, keep: list[int]) -> list[int]:
    """Positions of the districts a search offers: those in ``keep`` (the current one, or
    those chosen) first, then the first matches of what was typed and the state chosen, never
    more than PICK_LIMIT besides ``keep``."""
    everyone = state.districts()
    find, where = st.columns([3, 1])
    query = find.text_input("Find a district", key=state.key("pick", page_name, "find"),
                            placeholder="Part of its name, its NCES ID or state ID")
    chosen_state = where.selectbox("State", ("All states", *picking.states(everyone)),
                                   key=state.key("pick", page_name, "state"))
    found = picking.search(everyone, query,
                           state=None if chosen_state == "All states" else chosen_state,
                           limit=PICK_LIMIT)
    kept = set(keep)
    offered = [*keep, *(i for i in found.positions if i not in kept)][:len(keep) + PICK_LIMIT - 1]
    listed = len([i for i in offered if i in found.positions])
    if found.total > listed:
        st.caption(f"{found.total:,} of {len(everyone):,} districts match; the list holds the "
                   f"first {listed}. Type more of a name, or an ID, to narrow it.")
    elif query or chosen_state != "All states":
        st.caption(f"{found.total:,} of {len(everyone):,} districts match.")
    return offered


def section(render: Callable[..., None], *args: object) -> None:
    """One part of a page, drawn on its own: if it fails, it says so and the rest still
    renders (the check report must never be hidden by a broken widget beside it). Streamlit's
    own stop and rerun signals are BaseExceptions and pass through."""
    try:
        render(*args)
    except Exception as error:  # noqa: BLE001 - any bug in one part must not blank the page
        st.error(f"This part of the page could not be shown ({type(error).__name__}). "
                 "The rest of the page still works; please report this.",
                 icon=":material/error:")


def provisional_note(name: str) -> None:
    """Figures that rest on a school year with open errors are provisional, and say so."""
    years = edit.provisional_years(state.issues(name))
    if years:
        listed = ", ".join(str(year) for year in years)
        st.warning(f"Figures for {listed} are provisional: that year still has errors to fix.",
                   icon=":material/pending:")


def issue_rows(issues: Sequence[Issue]) -> pd.DataFrame:
    ordered = [i for i in issues if i.is_error] + [i for i in issues if not i.is_error]
    return pd.DataFrame({
        "Severity": ["✗ Error" if i.is_error else "! Warning" for i in ordered],
        "Where": [md(i.at) for i in ordered],
        "What to fix": [md(i.message) for i in ordered],
    })


def issue_table(issues: Sequence[Issue], *, key: str | None = None) -> None:
    """Errors first, each with its location and message, readable without clicking; a long
    list is paged (with ``key``) or cut with a count, never thousands of rows at once."""
    if not issues:
        st.success("No problems found.")
        return
    ordered = [i for i in issues if i.is_error] + [i for i in issues if not i.is_error]
    shown = paged(ordered, key=key, size=ISSUE_PAGE, noun="issues") if key else \
        ordered[:ISSUE_PAGE]
    # st.table wraps long messages, so the whole report reads without clicking or scrolling.
    st.table(issue_rows(shown), hide_index=True, border="horizontal")
    if not key and len(ordered) > ISSUE_PAGE:
        st.caption(f"The first {ISSUE_PAGE} of {len(ordered):,} issues.")


def paged(items: Sequence[T], *, key: str, size: int, noun: str) -> Sequence[T]:
    """The items of the page chosen in a pagination widget shown when there is more than one."""
    pages = max(1, -(-len(items) // size))
    if pages == 1:
        return items
    number = st.pagination(pages, key=key, width="stretch")
    start = (number - 1) * size
    st.caption(f"{noun.capitalize()} {start + 1:,}–{min(start + size, len(items)):,} "
               f"of {len(items):,}.")
    return items[start:start + size]


def code_summary(issues: Sequence[Issue]) -> None:
    """The whole report in a few lines: each kind of problem, how often, in how many districts."""
    lines = tally(issues)
    if not lines:
        return
    st.dataframe(pd.DataFrame({
        "Severity": ["✗ Error" if t.severity is Severity.ERROR else "! Warning" for t in lines],
        "Problem": [t.summary for t in lines],
        "Code": [t.code for t in lines],
        "Issues": [t.issues for t in lines],
        "Districts": [t.districts for t in lines],
    }), hide_index=True, width="stretch", key=state.key("report", "codes"),
        column_config={"Issues": st.column_config.NumberColumn(format="%,d"),
                       "Districts": st.column_config.NumberColumn(format="%,d")})


def status_line(name: str) -> str:
    found = state.issues(name)
    errors = sum(1 for i in found if i.is_error)
    warnings = len(found) - errors
    label = "✓ Ready" if not errors else f"✗ Needs fixes ({errors} error{'s' * (errors != 1)})"
    return label + (f", {warnings} warning{'s' * (warnings != 1)}" if warnings else "")


def chart(spec, *, key_prefix: str, height: int | None = None) -> None:
    """An interactive chart, its alt text beneath, PNG from the chart's toolbar, SVG below."""
    if spec.headline is None and not any(
            value is not None for series in spec.series for value in series.values):
        st.caption(f"{md(spec.title)}: no figures to chart yet.")
        return
    figure = charts.to_plotly(spec)
    if height:
        figure.update_layout(height=height)
    name = safe_filename(spec.title, "png")[:-4]
    # theme=None: the figure's own palette, fonts and margins, whose contrast and fit are
    # tested; Streamlit's theme enlarged the ticks until they were cut off in half columns.
    st.plotly_chart(figure, width="stretch", key=state.key(key_prefix, spec.id), theme=None,
                    config={"displaylogo": False,
                            "toImageButtonOptions": {"format": "png", "filename": name,
                                                     "scale": 2}})
    st.caption(f"**Alt text:** {md(spec.alt_text)}")
    svg = state.memo(("svg", spec), lambda: print_charts.svg(spec).encode("utf-8"))
    st.download_button("Download SVG", data=svg,
                       file_name=f"{name}.svg", mime="image/svg+xml",
                       key=state.key(key_prefix, "svg", spec.id), on_click="ignore")


def download(result: ExportResult, label: str, *, key: str, notes: bool = True) -> None:
    """A download button; ``notes=False`` when the page lists the build's notes elsewhere."""
    if not result.data:  # the build failed: its issue says which file and why
        issue_table(result.warnings)
        return
    st.download_button(label, data=result.data, file_name=result.filename, mime=result.mime,
                       key=key, type="primary", on_click="ignore")
    if notes and result.warnings:
        with st.container(border=True):
            st.caption("Notes from building this file")
            issue_table(result.warnings)
