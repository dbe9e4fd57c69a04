"""The Compare page's controls and its paged table with a "Packet" tick per row.

Owns the widgets (state, name filter, sort, columns, page), the ticks kept in ``state`` across
pages and filters, and turning them into the packet's selection: the ticked rows of the
filtered, sorted table, in its order, or every row of it when none is ticked. Filtering,
sorting, paging and precision are advocacy.compare's job.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from advocacy import compare
from advocacy.app import state

ALL_STATES = "All states"
AS_LOADED = "As loaded"
TICK = "Packet"


def table_key(names: list[str]) -> str:
    """One editor key per set of rows shown, so a tick never lands on another page's row."""
    digest = hashlib.sha256("\0".join(names).encode("utf-8", "replace")).hexdigest()[:12]
    return state.key("compare", "ticks", digest)


def view(rows: list[dict]) -> tuple[list[dict], list[str]]:
    """The filter, sort and column controls; the rows they leave, and the columns to show."""
    first, second, third = st.columns([1, 1, 1])
    with first:
        chosen_state = st.selectbox("State", [ALL_STATES, *compare.states(rows)],
                                    key=state.key("compare", "state"))
    with second:
        needle = st.text_input("District name contains", key=state.key("compare", "name"))
    with third:
        by = st.selectbox("Sort by", [AS_LOADED, *(c.label for c in compare.COLUMNS)],
                          key=state.key("compare", "sort"))
        descending = st.toggle("Largest first", key=state.key("compare", "descending"),
                               disabled=by == AS_LOADED)
    labels = st.multiselect("Columns", [c.label for c in compare.COLUMNS],
                            default=list(compare.DEFAULT_COLUMNS),
                            key=state.key("compare", "columns"))
    kept = compare.filtered(rows, state=None if chosen_state == ALL_STATES else chosen_state,
                            name=needle)
    if by != AS_LOADED:
        kept = compare.ordered(kept, by, descending=descending)
    return kept, ["District", *(label for label in labels if label != "District")]


def table(rows: list[dict], labels: list[str]) -> list[dict]:
    """One page of the table with a tick per row; returns that page's rows."""
    pages = compare.page_count(rows)
    number = 1
    if pages > 1:
        number = st.pagination(pages, key=state.key("compare", "page"), width="stretch")
    shown = compare.page(rows, number)
    names = [row["District"] for row in shown]
    key = table_key(names)
    _keep_ticks(key, names)  # the editor's ticks as this run received them
    ticked = state.ticked()
    frame = pd.DataFrame([{TICK: row["District"] in ticked, **compare.shown(row, labels)}
                          for row in shown], columns=[TICK, *labels])

    config = {label: st.column_config.NumberColumn(format=compare.printf(kind))
              for label in labels if (kind := compare.BY_LABEL[label].kind).value != "text"}
    config[TICK] = st.column_config.CheckboxColumn(TICK, help="Put this district in the packet")
    st.data_editor(frame, hide_index=True, width="stretch", key=key,
                   disabled=labels, column_config=config, num_rows="fixed")
    st.caption(f"Page {number} of {pages}: rows {(number - 1) * compare.PAGE_SIZE + 1:,}–"
               f"{(number - 1) * compare.PAGE_SIZE + len(shown):,} of {len(rows):,}.")
    return shown


def _keep_ticks(key: str, names: list[str]) -> None:
    editor: dict[str, Any] = state.widget_value(key, {})  # st.data_editor's changes
    edits = editor.get("edited_rows", {})
    now = set(state.ticked())
    for index, change in edits.items():
        if TICK in change and int(index) < len(names):
            (now.add if change[TICK] else now.discard)(names[int(index)])
    state.set_ticked(now)


def selection(rows: list[dict]) -> tuple[str, ...]:
    """The packet's districts: the ticked rows of the filtered, sorted table, in its order;
    all of its rows when none of them is ticked."""
    ticked = state.ticked()
    names = tuple(row["District"] for row in rows)
    chosen = tuple(name for name in names if name in ticked)
    return chosen or names
