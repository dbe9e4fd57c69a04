"""The column-mapping step for tables the importer could not recognise on its own.

Owns asking, for each heading of an unrecognised table, which field it holds; saving the answer
as a ColumnMapping the user can download as JSON and upload next time; and re-reading the same
files with it. Applying a mapping to cells is advocacy.ingest's job, never this module's.
"""

from __future__ import annotations

from typing import TypedDict

import streamlit as st

from advocacy.app import state, upload
from advocacy.app.inert import md
from advocacy.ingest.headers import target_of
from advocacy.ingest.mapping import TARGETS, ColumnMapping, UnrecognisedTable, with_rules
from advocacy.issues import Issue
from advocacy.load import LoadResult
from advocacy.location import column_letter

_LABELS = list(TARGETS.values())
_KEYS = list(TARGETS)


def render(result: LoadResult) -> None:
    if not result.unrecognised and state.mapping() is None:
        return
    if result.unrecognised:
        st.header("Map columns the importer did not recognise")
    else:
        # Every table reads now: the heading must not still ask for a mapping.
        st.header("Your column mapping")
    saved = _saved_mapping()
    if result.unrecognised:
        st.caption("Say what each column holds, then re-read the files. Columns you leave as "
                   "“Ignore this column” are skipped.")
    else:
        st.caption("Every table in these files was read with this mapping.")
    chosen: list[tuple[str, str]] = []
    for index, table in enumerate(result.unrecognised):
        chosen += _table(index, table)
    rules: _Rules = _rules(result) if result.unrecognised else {}
    if result.unrecognised and st.button("Re-read the files with this mapping", type="primary",
                                         key=state.key("mapping", "apply")):
        state.set_mapping(with_rules(tuple(chosen), before=state.mapping(), **rules))
        upload.take(list(state.last_files()))
        st.rerun()
    current = state.mapping() or saved
    if current is not None and current.columns:
        st.download_button("Download this mapping (JSON) to reuse next time",
                           data=current.to_json().encode("utf-8"),
                           file_name="column-mapping.json", mime="application/json",
                           key=state.key("mapping", "download"), on_click="ignore")


def _table(index: int, table: UnrecognisedTable) -> list[tuple[str, str]]:
    where = table.file + (f" › {table.sheet}" if table.sheet else "")
    st.markdown(f"**{md(where)}**, headings in row {table.header_row + 1}")
    current = state.mapping()
    pairs = []
    columns = st.columns(min(4, max(1, len(table.headers))))
    for col, header in enumerate(table.headers):
        if not header.strip():
            continue
        target = (current.target(header) if current else None) or target_of(header) or "ignore"
        with columns[col % len(columns)]:
            # Keyed by position: a merged title or two "Amount" columns repeat header text.
            label = st.selectbox(f"Column {column_letter(col)}: {md(header)}", _LABELS,
                                 index=_KEYS.index(target) if target in _KEYS else 0,
                                 key=state.key("mapping", str(index), str(col)))
        pairs.append((header, _KEYS[_LABELS.index(label)]))
    return pairs


class _Rules(TypedDict, total=False):
    """``mapping.with_rules``'s keywords as the boxes hold them."""

    school_year: str
    state: str
    codes_text: str
    keep_text: str
    code_column: str | None
    keep_column: str | None


def _rules(result: LoadResult) -> _Rules:
    """Agency files: one school year and state for every figure, account codes to read (the
    rest ignored), rows to keep. What the boxes hold goes to ``mapping.with_rules``."""
    headers = ["(none)", *dict.fromkeys(h for t in result.unrecognised for h in t.headers
                                        if h.strip())]
    with st.expander("Agency file rules: school year, state, account codes, rows to keep"):
        year = st.text_input("School year of every figure (such as 2022-23)",
                             key=state.key("mapping", "rules", "year"))
        where = st.text_input("State of every district (such as PA)",
                              key=state.key("mapping", "rules", "state"))
        code_column = st.selectbox("Column holding codes", headers,
                                   key=state.key("mapping", "rules", "code_column"))
        codes = st.text_area("Codes to read, one per line, such as 8515 = Title II-A "
                             "(rows with other codes are ignored)",
                             key=state.key("mapping", "rules", "codes"))
        keep_column = st.selectbox("Keep only rows where this column", headers,
                                   key=state.key("mapping", "rules", "keep_column"))
        keep = st.text_input("is one of (separated by commas, such as 01)",
                             key=state.key("mapping", "rules", "keep"))
    return {"school_year": year, "state": where, "codes_text": codes, "keep_text": keep,
            "code_column": None if code_column == "(none)" else code_column,
            "keep_column": None if keep_column == "(none)" else keep_column}


def _saved_mapping() -> ColumnMapping | None:
    """A mapping uploaded from an earlier session, checked before it is used."""
    file = st.file_uploader("Reuse a saved column mapping (JSON)", type=["json"],
                            key=state.key("mapping", "upload"))
    if file is None:
        return None
    fresh = []

    def parse() -> tuple[ColumnMapping | None, list[Issue]]:
        fresh.append(True)
        issues: list[Issue] = []
        text = file.getvalue().decode("utf-8", "replace")
        return ColumnMapping.from_json(text, issues), issues

    # Applied once per uploaded file, so later changes in the selectboxes are not overridden.
    mapping, issues = state.memo(("mapping_file", file.file_id), parse)
    for issue in issues:
        st.error(md(f"{issue.at}: {issue.message}"))
    if fresh and mapping is not None:
        state.set_mapping(mapping)
        if state.last_files():
            upload.take(list(state.last_files()))
            st.rerun()
    return mapping
