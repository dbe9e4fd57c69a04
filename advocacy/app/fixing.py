"""Inline fixing of a district's parsed values; every edit is re-checked at once.

Owns the three editor grids (district description, spending by source, how dollars are spent)
shared by the Upload and Who-we-are pages, with the flagged cells marked; the fix controls on
an issue's row (type the value, mark it "not applicable" or "unknown", accept a "did you mean");
and renaming a district. Reading typed values back is advocacy.edit's job, with the same cell
rules as an upload; this module only passes rows across and stores the result.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import streamlit as st

from advocacy import edit, overrides
from advocacy.app import state, upload
from advocacy.app.inert import md
from advocacy.ingest.mapping import ColumnMapping
from advocacy.issues import Issue
from advocacy.model import District

_TABLES = (
    ("profile", "District description", "fixed"),
    ("sources", "Spending on professional learning, by source", "dynamic"),
    ("uses", "How these dollars are spent", "dynamic"),
)
FLAGGED = "Needs a fix"  # a read-only column beside the grid, naming each row's flagged cells
_FLAG_STYLE = "background-color: #fde7e9; color: #8a1020; font-weight: 600"
MAX_ACTIONS = 12  # fix controls listed per district; the grids below reach every value


def editors(name: str, where: str) -> None:
    """Editable grids for one district; a changed grid is applied, re-checked and redrawn."""
    district = state.data_district(name)
    if district is None:
        return
    issues = state.issues(name)
    flagged = edit.flagged_cells(district, issues)
    st.caption("Type over a value to fix it: $ amounts, percentages such as 12% and ratios "
               "such as 16.4:1 are read exactly as in an upload. Type “n/a” or “unknown” "
               "for a value that is missing on purpose. Add a row for your own uses.")
    columns = st.columns([2, 3])
    for index, (table, title, num_rows) in enumerate(_TABLES):
        rows = _rows(table, district, issues)
        with columns[0] if index == 0 else columns[1]:
            st.markdown(f"**{md(title)}**")
            if not rows and num_rows == "fixed":
                continue
            _grid(name, where, table, rows, flagged[table], num_rows)


def _grid(name, where, table, rows, flagged, num_rows) -> None:
    frame = pd.DataFrame(rows, dtype=str) if rows else pd.DataFrame(
        {edit.SOURCE if table == "sources" else edit.USE: pd.Series([], dtype=str)})
    first = frame.columns[0] if len(frame.columns) else None
    marks: dict[str, list[str]] = {}
    for row_name, column in flagged:
        marks.setdefault(row_name, []).append(column)
    config = {column: st.column_config.TextColumn(
        column + (" ⚠" if any(column in cols for cols in marks.values()) and table != "profile"
                  else "")) for column in frame.columns}
    if table == "profile":
        # Long field names would otherwise take the width and squeeze the values out of view.
        config[edit.FIELD] = st.column_config.TextColumn(edit.FIELD, width="medium")
        config[edit.VALUE] = st.column_config.TextColumn(edit.VALUE, width="small")
    data: object = frame
    if marks and first is not None:
        frame.insert(len(frame.columns), FLAGGED, [
            ("⚠ " + ", ".join(marks[row]) if table != "profile" else "⚠ fix")
            if row in marks else "" for row in frame[first]])
        config[FLAGGED] = st.column_config.TextColumn(FLAGGED, disabled=True)
        data = frame.style.map(lambda text: _FLAG_STYLE if text else "", subset=[FLAGGED])
        st.caption("Flagged: " + md("; ".join(
            f"{row} ({', '.join(cols)})" if table != "profile" else row
            for row, cols in marks.items())))
    widget = state.grid_key(where, table, state.key_of(name))
    edited = st.data_editor(
        data, key=widget, hide_index=True, width="stretch", num_rows=num_rows,
        disabled=[edit.FIELD, FLAGGED] if table == "profile" else [FLAGGED],
        column_config=config)
    edited = edited.drop(columns=[FLAGGED], errors="ignore")
    # the grid's columns are the rows' own keys, all text
    changed = cast("list[overrides.Row]",
                   edited.astype(object).where(edited.notna(), None).to_dict("records"))
    if changed == rows:
        return
    # Kept cell by cell, by district and value, so a later re-read of the files applies them
    # again; a new row's values wait in the grid until the row has a name.
    if table == "profile":
        changes = overrides.profile_changes(rows, changed)
    else:
        changes = overrides.line_changes("spending" if table == "sources" else "uses",
                                         rows, changed)
    waiting = overrides.unnamed_rows(changed, edit.SOURCE if table == "sources" else edit.USE)
    if changes:
        state.add_changes(name, changes)
        state.set_focus(None)
        st.rerun()
    elif waiting:
        st.caption("Give the new row a name: its values are kept once it has one.")


# fixing from an issue's row ----------------------------------------------------------------

def _rows(table: str, district: District, issues: list[Issue]) -> list[dict[str, str]]:
    """A grid's rows as edit makes them; the profile's do not depend on the issues."""
    if table == "profile":
        return edit.profile_rows(district)
    return (edit.spending_rows if table == "sources" else edit.use_rows)(district, issues)


def issue_actions(name: str, issues: list[Issue]) -> None:
    """Below a district's report: for each fixable issue, the controls that fix it in place."""
    fixable = [i for i in issues if (i.subject and i.is_error) or edit.suggestion(i)]
    for issue in fixable[:MAX_ACTIONS]:
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{md(_short_place(issue))}**")
            if issue.subject and issue.is_error:
                st.button("Fix this value", key=state.fix_key("open", name, issue.subject),
                          on_click=_open, args=(name, issue.subject), icon=":material/edit:")
                for reason in edit.MARKS:
                    st.button(reason.capitalize(), help=f"Mark this value {reason}: it stays "
                              "missing (never 0) and no longer blocks the export",
                              key=state.fix_key(f"mark-{reason}", name, issue.subject),
                              on_click=state.mark, args=(name, issue.subject, reason))
            suggested = edit.suggestion(issue)
            if suggested and state.last_files():
                st.button(f"Use “{md(suggested[0])}”",
                          key=state.fix_key("accept", name, f"{issue.at}"),
                          on_click=_accept, args=(issue.found, suggested[1]))
        if issue.subject and state.focus() == (name, issue.subject):
            _focus_panel(name, issue)
    if len(fixable) > MAX_ACTIONS:
        st.caption(f"{len(fixable) - MAX_ACTIONS} more can be fixed in the grids below.")


def _short_place(issue: Issue) -> str:
    """ "Profile › B6": the file is named in the table just above."""
    at = issue.at
    return f"{at.sheet} › {at.cell}" if at.sheet and at.cell else str(at)



def _open(name: str, subject: str) -> None:
    state.set_current(name)
    state.set_focus(name, subject)


def _focus_panel(name: str, issue: Issue) -> None:
    """One box for the flagged value: type it, and the issue settles on Save."""
    with st.container(border=True):
        st.markdown(f"Type the value for **{md(issue.at)}**, or mark it above.")
        box = state.fix_key("value", name, issue.subject or "")
        st.text_input("New value", key=box, placeholder="for example 6,000 or $12,500")
        st.button("Save this value", type="primary", key=state.fix_key("save", name,
                  issue.subject or ""), on_click=_save, args=(name, issue.subject, box))


def _save(name: str, subject: str, box: str) -> None:
    typed = str(state.widget_value(box, "") or "").strip()
    if not typed or state.data_district(name) is None:
        return
    state.add_edit(name, overrides.Action.VALUE, subject, typed)
    if not any(issue.subject == subject for issue in state.issues(name)):
        state.set_focus(None)  # settled; a value that did not read keeps the box open


def _accept(label: str, target: str) -> None:
    """A "did you mean" accepted: the label is mapped to that field and the files re-read."""
    current = state.mapping()
    pairs = tuple(current.columns) if current else ()
    state.set_mapping(ColumnMapping(columns=(*pairs, (label, target))))
    upload.take(list(state.last_files()))


def rename(name: str) -> None:
    """The district's name as it will be shown and exported."""
    box = state.fix_key("rename", name)
    st.text_input("District name (as it will be printed)", key=box,
                  **state.initial_value(box, state.display_name(name)),
                  on_change=lambda: state.rename(name, str(state.widget_value(box, ""))))
