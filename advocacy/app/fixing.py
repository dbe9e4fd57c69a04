"""Inline fixing of a district's parsed values with st.data_editor; every edit is re-checked.

Owns the three editor grids (district description, spending by source, how dollars are spent)
shared by the Upload and Who-we-are pages. Reading typed values back is advocacy.edit's job, with
the same cell rules as an upload; this module only passes rows across and stores the result.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advocacy import edit
from advocacy.app import state
from advocacy.app.inert import md

_TABLES = (
    ("profile", "District description", edit.profile_rows, edit.apply_profile, "fixed"),
    ("sources", "Spending on professional learning, by source", edit.spending_rows,
     edit.apply_spending, "dynamic"),
    ("uses", "How these dollars are spent", edit.use_rows, edit.apply_uses, "dynamic"),
)


def editors(name: str, where: str) -> None:
    """Editable grids for one district; a changed grid is applied, re-checked and redrawn."""
    district = state.data_district(name)
    if district is None:
        return
    st.caption("Type over a value to fix it: $ amounts, percentages such as 12% and ratios "
               "such as 16.4:1 are read exactly as in an upload. Add a row for your own uses.")
    columns = st.columns([2, 3])
    for index, (table, title, rows_of, apply, num_rows) in enumerate(_TABLES):
        rows = rows_of(district)
        with columns[0] if index == 0 else columns[1]:
            st.markdown(f"**{md(title)}**")
            if not rows and num_rows == "fixed":
                continue
            frame = pd.DataFrame(rows, dtype=str) if rows else pd.DataFrame(
                {edit.SOURCE if table == "sources" else edit.USE: pd.Series([], dtype=str)})
            widget = state.key(where, "fix", table, name, str(state.edit_round(name)))
            edited = st.data_editor(
                frame, key=widget, hide_index=True, width="stretch", num_rows=num_rows,
                disabled=[edit.FIELD] if table == "profile" else (),
                column_config={column: st.column_config.TextColumn(column)
                               for column in frame.columns})
            changed = edited.astype(object).where(edited.notna(), None).to_dict("records")
            if changed != rows:
                _apply(name, district, apply, changed)


def _apply(name: str, district, apply, rows) -> None:
    issues = []
    fixed = apply(district, rows, issues)
    # Problems typed into the other grids stay until those grids are fixed.
    kept = [i for i in state.edit_issues(name) if i.at.sheet != _sheet_of(apply)]
    state.set_edited(name, fixed, kept + issues)
    st.rerun()


def _sheet_of(apply) -> str:
    return {edit.apply_profile: edit.PROFILE_SHEET, edit.apply_spending: edit.SOURCES_SHEET,
            edit.apply_uses: edit.USES_SHEET}[apply]
